import { BoundedMap } from '@mjq/common';

/**
 * `landed`: the nonce's interaction was seen to reach Discord (recorded once).
 */
export type LinkKind = 'message' | 'interaction' | 'nonce' | 'landed';

/**
 * Links that never change once written (a Discord message, interaction or nonce belongs to one
 * task for good), remembered by this process: the messages of one job carry the same ids again
 * and again, and each lookup or re-link would be a Redis round trip. Only found links are kept —
 * an id not linked yet may be linked by another replica a moment later.
 */
export class LinkCache {
  /** Oldest first out: a finished job's ids are not seen again. */
  private readonly links: BoundedMap<string, string>;
  /** Lookups under way: the two views' copies of an event ask at once. */
  private readonly lookups = new Map<string, Promise<string | undefined>>();

  constructor(capacity = 20_000) {
    this.links = new BoundedMap(capacity);
  }

  get(kind: LinkKind, id: string): string | undefined {
    return this.links.get(`${kind}:${id}`);
  }

  /** Records a link; true when it was not known yet (the caller writes it to Redis then). */
  remember(kind: LinkKind, id: string, taskId: string): boolean {
    const key = `${kind}:${id}`;
    if (this.links.get(key) === taskId) return false;
    this.links.set(key, taskId);
    return true;
  }

  /** A link whose write failed: the next sighting writes it again. */
  forget(kind: LinkKind, id: string): void {
    this.links.delete(`${kind}:${id}`);
  }

  /** Looks an id up here first, then with `find` (one lookup at a time per id); a found link is remembered. */
  async find(kind: LinkKind, id: string, find: (id: string) => Promise<string | undefined>): Promise<string | undefined> {
    const known = this.get(kind, id);
    if (known) return known;
    const key = `${kind}:${id}`;
    const under = this.lookups.get(key);
    if (under) return under;
    const lookup = find(id).then((taskId) => {
      if (taskId) this.remember(kind, id, taskId);
      return taskId;
    });
    this.lookups.set(key, lookup);
    try {
      return await lookup;
    } finally {
      this.lookups.delete(key);
    }
  }
}

import { createHash } from 'node:crypto';
import { BoundedMap } from '@mjq/common';
import type { DiscordMessage, ParsedMessage } from '@mjq/discord';
import type { GatewayMessageEvent } from './gateway-events.js';

/**
 * What a message event says, as far as a task can be changed by it: the same event seen by both
 * views (the bot's and the account's sessions), or replayed after a RESUME, has the same
 * fingerprint. Built from what the pipeline reads (the parse, content, flags, attachments and
 * embeds), not the raw payload: the two views' payloads may differ in fields nobody reads.
 */
export function eventFingerprint(event: GatewayMessageEvent, parsed: ParsedMessage | undefined): string {
  if (event.kind === 'delete') return `delete:${event.message.id}`;
  const message = event.message as DiscordMessage;
  const facts = JSON.stringify([parsed, message.content, message.flags, message.attachments ?? [], message.embeds ?? []]);
  return `${event.kind}:${message.id}:${createHash('sha1').update(facts).digest('base64url')}`;
}

/**
 * Events this process took in, by fingerprint, with how their handling ended: a second copy of
 * an event whose first copy was matched to a task and applied (or found to change nothing) is
 * dropped without a Redis round trip — the store would refuse it anyway. When the first copy
 * failed (Redis down for a moment) or matched no task (its links not written yet), the second
 * is handled in full: the second view stays a rescue, not only a duplicate.
 */
export class SeenEvents {
  private readonly seen: BoundedMap<string, Promise<boolean>>;

  constructor(capacity = 5_000) {
    this.seen = new BoundedMap(capacity);
  }

  /** The first copy's outcome (true: handled) when this fingerprint was taken in before. */
  earlier(fingerprint: string): Promise<boolean> | undefined {
    return this.seen.get(fingerprint);
  }

  /** Records a first copy; `handled` resolves true when it was matched and applied. */
  record(fingerprint: string, handled: Promise<boolean>): void {
    this.seen.set(fingerprint, handled);
    // Forget a failure at once: the next copy must not wait for it, and must be handled.
    handled.then(
      (ok) => ok || this.forget(fingerprint, handled),
      () => this.forget(fingerprint, handled),
    );
  }

  private forget(fingerprint: string, handled: Promise<boolean>): void {
    if (this.seen.get(fingerprint) === handled) this.seen.delete(fingerprint);
  }
}

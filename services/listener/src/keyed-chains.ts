/**
 * One promise chain per key: steps under a key run one at a time in the order given, steps under
 * different keys run concurrently. The pipeline keys by task, so a slow step of one task (copying
 * its result image) holds up that task's later events only.
 */
export class KeyedChains {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `step` after the key's earlier steps; rejects if `step` does (the chain carries on). */
  run(key: string, step: () => Promise<void>): Promise<void> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(step);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Whether the key has steps queued or running. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Resolves once every step given so far, and any given meanwhile, has settled. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}

export type Release = () => void;

/**
 * Midjourney runs a limited number of jobs per account at once (3 fast jobs on Standard, design
 * "Accounts, slots and limits"); later ones wait in order. A waiter whose job is cancelled (sandbox
 * reset or stop) leaves the line.
 */
export class JobSlots {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  /** A number for every account alike, or a limit per account (design: "Accounts, slots and limits"). */
  constructor(private readonly perAccount: number | ((account: string) => number)) {}

  acquire(account: string, signal: AbortSignal): Promise<Release> {
    signal.throwIfAborted();
    if (this.inUse(account) < this.limit(account)) return Promise.resolve(this.take(account));
    return new Promise<Release>((resolve, reject) => {
      const line = this.waiting.get(account) ?? [];
      this.waiting.set(account, line);
      const onAbort = () => {
        line.splice(line.indexOf(start), 1);
        reject(signal.reason);
      };
      const start = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.take(account));
      };
      line.push(start);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Jobs of the account holding a slot now. */
  inUse(account: string): number {
    return this.running.get(account) ?? 0;
  }

  /** Jobs of the account waiting for a slot ("Job queued", §5.1). */
  queued(account: string): number {
    return this.waiting.get(account)?.length ?? 0;
  }

  private limit(account: string): number {
    return typeof this.perAccount === 'number' ? this.perAccount : this.perAccount(account);
  }

  private take(account: string): Release {
    this.running.set(account, (this.running.get(account) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running.set(account, (this.running.get(account) ?? 1) - 1);
      this.waiting.get(account)?.shift()?.();
    };
  }
}

/**
 * Freed slots handed to trigger jobs waiting in this process. A job that finds every slot of its
 * accounts taken waits here (it keeps its worker slot) rather than parking in the queue: when a
 * slot frees (the `slot-freed` message every dispatcher hears) the oldest such waiter for that
 * account claims it at once, without the park → promote → fetch round trips.
 * Few may wait so (`maxWaiters`) while another account has room: a job waiting for a busy
 * account must not hold every worker slot while jobs for other accounts queue behind it; the rest
 * park. While every account is full, any number wait (slot-claim.ts): nothing else could run.
 */
export interface SlotWaiter {
  /** True when a slot of one of its accounts was freed; false after `timeoutMs` or on close. */
  wait(timeoutMs: number): Promise<boolean>;
  cancel(): void;
}

interface Entry {
  accounts: ReadonlySet<string>;
  resolve: (freed: boolean) => void;
  timer?: NodeJS.Timeout;
}

export class SlotSignals {
  private readonly waiters: Entry[] = [];
  private readonly sleepers = new Set<() => void>();
  private stopping = false;

  constructor(private readonly maxWaiters: number) {}

  /**
   * Registers a waiter for a slot of these accounts; undefined when too many wait already —
   * unless `beyondCap` (every account is full: no job could use the worker slot instead) — or
   * once closing.
   */
  register(accountIds: readonly string[], beyondCap = false): SlotWaiter | undefined {
    if (this.stopping || (!beyondCap && this.waiters.length >= this.maxWaiters)) return undefined;
    let settle: (freed: boolean) => void = () => undefined;
    const settled = new Promise<boolean>((resolve) => (settle = resolve));
    const entry: Entry = { accounts: new Set(accountIds), resolve: (freed) => this.finish(entry, freed, settle) };
    this.waiters.push(entry);
    return {
      wait: (timeoutMs) => {
        entry.timer ??= setTimeout(() => entry.resolve(false), timeoutMs);
        return settled;
      },
      cancel: () => entry.resolve(false),
    };
  }

  /** A slot of `accountId` was freed: true when a waiter here takes it (nobody else need be woken). */
  offer(accountId: string): boolean {
    const entry = this.waiters.find((w) => w.accounts.has(accountId));
    if (!entry) return false;
    entry.resolve(true);
    return true;
  }

  /** The dispatcher stops: nobody waits or sleeps here any more. */
  get closed(): boolean {
    return this.stopping;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Sleeps `ms` in the process (a job that holds a slot waits out its account's gate or Discord's
   * retry_after here); resolves false when closing cut it short (the job then goes to the queue).
   */
  sleep(ms: number): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(!this.stopping);
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Stopping: every waiter gives up and every sleeper wakes (their jobs go back to the head of the queue). */
  close(): void {
    this.stopping = true;
    for (const entry of [...this.waiters]) entry.resolve(false);
    for (const wake of [...this.sleepers]) wake();
  }

  private finish(entry: Entry, freed: boolean, settle: (freed: boolean) => void): void {
    const at = this.waiters.indexOf(entry);
    if (at < 0) return;
    this.waiters.splice(at, 1);
    clearTimeout(entry.timer);
    settle(freed);
  }
}

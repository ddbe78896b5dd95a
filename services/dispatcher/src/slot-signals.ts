/**
 * Freed slots handed to trigger jobs waiting in this process. A job that finds every slot of its
 * accounts taken waits here (it keeps its worker slot) rather than parking in the queue: when a
 * slot frees (the `slot-freed` message every dispatcher hears) the oldest such waiter for that
 * account claims it at once, without the park → promote → fetch round trips.
 * Few may wait so (`maxWaiters`) while another account has room: a job waiting for a busy
 * account must not hold every worker slot while jobs for other accounts queue behind it; the rest
 * park. While every account is full, any number wait (slot-claim.ts): nothing else could run.
 *
 * First come, first served: a job's place in line is the time it was queued (kept when its claim
 * fails again because another dispatcher was quicker), and a freed slot is promised to the job
 * woken for it until that job has tried its claim. A newer job leaves the accounts older ones
 * wait for to them (`queued`) rather than taking their slot, which would send the woken job back
 * to wait: a wasted claim each time, and the oldest job starved behind newer ones.
 */
export interface SlotWaiter {
  /** True when a slot of one of its accounts was freed; false after `timeoutMs` or on close. */
  wait(timeoutMs: number): Promise<boolean>;
  /** Stops waiting; once woken, gives up the promise of the slot (call after claiming it). */
  done(): void;
}

interface Entry {
  accounts: ReadonlySet<string>;
  place: number;
  resolve: (freed: boolean) => void;
  timer?: NodeJS.Timeout;
  /** The account whose freed slot it was woken for, until `done`. */
  promised?: string;
}

export class SlotSignals {
  /** In order of place. */
  private readonly waiters: Entry[] = [];
  /** Freed slots promised to woken jobs that have not claimed yet, per account. */
  private readonly promised = new Map<string, number>();
  private readonly sleepers = new Set<() => void>();
  private stopping = false;

  constructor(private readonly maxWaiters: number) {}

  /**
   * Registers a waiter for a slot of these accounts; undefined when too many wait already —
   * unless `beyondCap` (every account is full: no job could use the worker slot instead) — or
   * once closing. `place`: when its job was queued (older first; equals in order of registration).
   */
  register(accountIds: readonly string[], place: number, beyondCap = false): SlotWaiter | undefined {
    if (this.stopping || (!beyondCap && this.waiters.length >= this.maxWaiters)) return undefined;
    let settle: (freed: boolean) => void = () => undefined;
    const settled = new Promise<boolean>((resolve) => (settle = resolve));
    const entry: Entry = { accounts: new Set(accountIds), place, resolve: (freed) => this.finish(entry, freed, settle) };
    const behind = this.waiters.findIndex((w) => w.place > place);
    this.waiters.splice(behind < 0 ? this.waiters.length : behind, 0, entry);
    return {
      wait: (timeoutMs) => {
        entry.timer ??= setTimeout(() => entry.resolve(false), timeoutMs);
        return settled;
      },
      done: () => {
        entry.resolve(false);
        if (entry.promised) this.keep(entry.promised, -1);
        entry.promised = undefined;
      },
    };
  }

  /** A slot of `accountId` was freed: true when a waiter here takes it (nobody else need be woken). */
  offer(accountId: string): boolean {
    const entry = this.waiters.find((w) => w.accounts.has(accountId));
    if (!entry) return false;
    entry.promised = accountId;
    this.keep(accountId, 1);
    entry.resolve(true);
    return true;
  }

  /**
   * Whether a freed slot of the account is promised to a job about to claim it, or a job here no
   * younger than `place` waits for one: a job of that place leaves the account to them.
   */
  queued(accountId: string, place: number): boolean {
    return (this.promised.get(accountId) ?? 0) > 0 || this.waiters.some((w) => w.place <= place && w.accounts.has(accountId));
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

  private keep(accountId: string, change: number): void {
    const n = (this.promised.get(accountId) ?? 0) + change;
    if (n > 0) this.promised.set(accountId, n);
    else this.promised.delete(accountId);
  }

  private finish(entry: Entry, freed: boolean, settle: (freed: boolean) => void): void {
    const at = this.waiters.indexOf(entry);
    if (at < 0) return;
    this.waiters.splice(at, 1);
    clearTimeout(entry.timer);
    settle(freed);
  }
}

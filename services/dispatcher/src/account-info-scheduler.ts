import type { Queue } from 'bullmq';
import { JOB_POLICIES, type AccountCommandJob, type AccountCommandStore, type AccountRegistry, type Logger } from '@mjq/common';

export interface InfoSchedulerDeps {
  requests: AccountCommandStore;
  registry: AccountRegistry;
  queue: Queue<AccountCommandJob>;
  log: Logger;
  /** ACCOUNT_INFO_INTERVAL_S in ms; 0 turns the periodic read off. */
  intervalMs: number;
  random?: () => number;
}

/** The first periodic read comes this long after start at most: a restart loop must not flood /info. */
const FIRST_READ_MAX_MS = 5 * 60_000;

/**
 * Reads every enabled account's /info once per interval (±10 %), whatever the number of
 * dispatchers: each period is claimed in Redis by exactly one of them (claimPeriodicInfo). The
 * listener stores the answer and reacts to it (fast hours gone → relax).
 */
export class AccountInfoScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly random: () => number;

  constructor(private readonly deps: InfoSchedulerDeps) {
    this.random = deps.random ?? Math.random;
  }

  start(): void {
    if (this.deps.intervalMs <= 0) return;
    const first = Math.min(this.deps.intervalMs, FIRST_READ_MAX_MS) * (0.5 + this.random() / 2);
    const tick = () => {
      void this.tick().catch((err: unknown) => this.deps.log.warn({ err }, 'periodic /info failed'));
      // Often enough that a period is never missed by much; claims make extra ticks harmless.
      this.timer = setTimeout(tick, Math.min(this.deps.intervalMs / 10, 60_000));
      this.timer.unref();
    };
    this.timer = setTimeout(tick, first);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Asks /info of each enabled account whose period this process claims; returns their ids. */
  async tick(): Promise<string[]> {
    const asked: string[] = [];
    for (const account of await this.deps.registry.list()) {
      if (!account.enabled) continue;
      const period = this.deps.intervalMs * (0.9 + 0.2 * this.random());
      if (!(await this.deps.requests.claimPeriodicInfo(account.id, period))) continue;
      const requestId = await this.deps.requests.create({ accountId: account.id, command: 'info', origin: 'periodic' });
      await this.deps.queue.add('info', { requestId }, { ...JOB_POLICIES.accountCommand, jobId: `cmd-${requestId}` });
      asked.push(account.id);
    }
    return asked;
  }
}

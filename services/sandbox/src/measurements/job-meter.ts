/** How a Midjourney job ended, from the sandbox's side. */
export type JobOutcome = 'done' | 'error' | 'silent';

export interface JobCounts {
  /** Jobs between their 204 and their final message or error right now. */
  running: number;
  /** The most that were ever running at once since start or the last reset. */
  maxRunning: number;
  started: number;
  /** Ended with their result (or, for a moderated job, the deletion of its progress message). */
  done: number;
  /** Refused with a Midjourney error embed (§5.1). */
  errors: number;
  /** Dropped without a word (fault `silentJobs`, prompt `sandbox:silent`). */
  silent: number;
}

export interface JobStats extends JobCounts {
  perUser: Record<string, JobCounts>;
}

/** One job as it ran: from its `204` to its final message or error (ms since the epoch). */
export interface JobSpan {
  userId: string;
  startedAt: number;
  /** Absent while it runs. */
  endedAt?: number;
  outcome?: JobOutcome;
}

const zero = (): JobCounts => ({ running: 0, maxRunning: 0, started: 0, done: 0, errors: 0, silent: 0 });

/**
 * Measures what a scheduler must respect: how many Midjourney jobs each account has in flight.
 * A job counts from its `204` until its final message or error — queued time included, since that
 * is what the client caused — so `maxRunning` above the account's concurrency means the client
 * sent more than Midjourney runs at once. A silent job ends at once: Midjourney forgot it.
 */
export class JobMeter {
  private total = zero();
  private perUser = new Map<string, JobCounts>();
  private spans: JobSpan[] = [];
  /** Jobs cancelled by a reset end after it; their end must not touch the fresh counts. */
  private epoch = 0;

  /** Starts a job; the returned function ends it (only the first call counts). */
  begin(userId: string): (outcome: JobOutcome) => void {
    const user = this.perUser.get(userId) ?? zero();
    this.perUser.set(userId, user);
    for (const counts of [this.total, user]) {
      counts.started += 1;
      counts.running += 1;
      counts.maxRunning = Math.max(counts.maxRunning, counts.running);
    }
    const epoch = this.epoch;
    const span: JobSpan = { userId, startedAt: Date.now() };
    this.spans.push(span);
    let ended = false;
    return (outcome) => {
      if (ended || epoch !== this.epoch) return;
      ended = true;
      span.endedAt = Date.now();
      span.outcome = outcome;
      for (const counts of [this.total, user]) {
        counts.running -= 1;
        counts[outcome === 'error' ? 'errors' : outcome] += 1;
      }
    };
  }

  running(userId?: string): number {
    return userId === undefined ? this.total.running : (this.perUser.get(userId)?.running ?? 0);
  }

  /** When each job since start or the last reset ran (slot utilisation benchmarks); not in the JSON state. */
  history(): readonly JobSpan[] {
    return this.spans;
  }

  snapshot(): JobStats {
    return { ...this.total, perUser: Object.fromEntries([...this.perUser].map(([id, counts]) => [id, { ...counts }])) };
  }

  clear(): void {
    this.epoch += 1;
    this.total = zero();
    this.perUser = new Map();
    this.spans = [];
  }
}

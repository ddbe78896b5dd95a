import { CallbackQueue, metrics, type CallbackEntry, type PendingCallback } from '@mjq/common';
import { isCoalescible, type AttemptResult } from './callback-attempt.js';

interface Unrecorded {
  entry: CallbackEntry;
  outboxMember: string;
}

/** One task's callbacks delivered under the lease their changes came with, in revision order. */
interface Chain {
  token: string;
  queue: Unrecorded[];
  /** Taking no more: its last settle is under way or done, or a try failed. */
  closed: boolean;
  /** That last settle released the lease (nothing recorded was left to deliver). */
  settled: boolean;
}

export interface UnrecordedDeps {
  pending: CallbackQueue;
  attempt: (entry: CallbackEntry) => Promise<AttemptResult>;
  /** A first try failed: a retry job takes the callback and the task's lease. */
  failed: (entry: CallbackEntry, token: string, refused: boolean, reason: string) => Promise<void>;
  /** Delivers recorded callbacks from `first` on, holding the lease under `token`. */
  drain: (taskId: string, token: string, first: PendingCallback) => Promise<void>;
  track: (taskId: string, delivery: Promise<void>) => void;
  /** Age after which a `generating` callback with later ones queued behind it is dropped. */
  coalesceAfterMs: number;
}

/**
 * Callbacks delivered straight from the change, never recorded (update-task.lua gave the change
 * its task's lease because none of the task's callbacks was recorded): the common case costs a
 * settle (callback-settle-4.lua) and no push/next. Changes of the task applied here while one is
 * on its way queue behind it under the same lease; whatever fails is recorded, in order, and
 * becomes a retry job like any failed first try. A crash leaves the outbox entries: the relay
 * records them.
 */
export class UnrecordedCallbacks {
  private readonly chains = new Map<string, Chain>();

  constructor(private readonly deps: UnrecordedDeps) {}

  /** The token a change of the task asks the lease with: the open chain's, so its callback queues behind. */
  leaseToken(taskId: string): string {
    const chain = this.chains.get(taskId);
    return chain && !chain.closed ? chain.token : CallbackQueue.newToken();
  }

  deliver(entry: CallbackEntry, token: string, outboxMember: string): void {
    const { taskId } = entry;
    const chain = this.chains.get(taskId);
    if (chain?.token === token) {
      if (!chain.closed) {
        chain.queue.push({ entry, outboxMember });
        return;
      }
      // The chain's last settle was under way when this change took the (same) lease: recorded,
      // the settle or its follower delivers it; once settled, this process claims it itself.
      this.deps.track(taskId, this.record(entry, outboxMember, chain.settled ? token : ''));
      return;
    }
    const fresh: Chain = { token, queue: [{ entry, outboxMember }], closed: false, settled: false };
    this.chains.set(taskId, fresh);
    const run = this.run(taskId, fresh).finally(() => {
      if (this.chains.get(taskId) === fresh) this.chains.delete(taskId);
    });
    this.deps.track(taskId, run);
  }

  private async run(taskId: string, chain: Chain): Promise<void> {
    for (;;) {
      const { entry, outboxMember } = chain.queue[0]!;
      // As for recorded ones: a progress step the task has moved past while it waited is not sent late.
      const coalesced = isCoalescible(entry, chain.queue.length, false, this.deps.coalesceAfterMs);
      const result: AttemptResult = coalesced ? { ok: true, status: 0 } : await this.deps.attempt(entry);
      if (!result.ok) {
        chain.closed = true;
        // Recorded in order under the lease still held; the retry job then takes the first, and the lease.
        for (const item of chain.queue) await this.deps.pending.push(item.entry, item.outboxMember, chain.token);
        await this.deps.failed(entry, chain.token, result.refused, result.reason);
        return;
      }
      metrics.callbackDeliveries.inc({ outcome: coalesced ? 'coalesced' : 'delivered' });
      chain.queue.shift();
      const keep = chain.queue.length > 0;
      chain.closed = !keep;
      const next = await this.deps.pending.settle(taskId, chain.token, entry.revision, outboxMember, keep);
      if (next === 'lost') {
        // The lease ran out meanwhile (a very slow receiver): the rest wait, recorded, for its holder.
        chain.closed = true;
        for (const item of chain.queue.splice(0)) await this.deps.pending.push(item.entry, item.outboxMember, '');
        return;
      }
      if (keep) continue;
      // Released: a late change of the task that took the lease again is this process's to deliver.
      if (next === 'empty') chain.settled = true;
      else await this.deps.drain(taskId, chain.token, next);
      return;
    }
  }

  /** Records a callback; with a token, claims the lease if free and delivers from the first pending. */
  private async record(entry: CallbackEntry, outboxMember: string, token: string): Promise<void> {
    const first = await this.deps.pending.push(entry, outboxMember, token);
    if (first && token) await this.deps.drain(entry.taskId, token, first);
  }
}

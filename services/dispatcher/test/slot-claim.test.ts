import { DelayedError, WaitingError, type Job } from 'bullmq';
import type { ClaimRequest, SlotCandidate, TriggerJob } from '@mjq/common';
import { describe, expect, it } from 'vitest';
import { claimSlot } from '../src/slot-claim.js';
import { RetryIn } from '../src/send-errors.js';
import { SlotSignals } from '../src/slot-signals.js';
import type { TriggerDeps } from '../src/trigger-processor.js';

// Where a job that finds every slot of its accounts taken goes: the decision, with the slot pool,
// the wake-up registry and the BullMQ job replaced by records of what was asked of them.

const mine: SlotCandidate[] = [{ id: 'a', concurrency: 1 }];
const request: ClaimRequest = { taskId: '1', kind: 'send', candidates: mine, leaseMs: 60_000, idleMs: 60_000 };

function harness(options: { roomElsewhere: boolean; cap: number }) {
  const calls: string[] = [];
  const signals = new SlotSignals(options.cap);
  const deps = {
    slots: {
      claim: async () => ({ result: 'full' as const }),
      hasRoom: async (accounts: readonly SlotCandidate[]) => accounts.some((a) => a.id !== 'a') && options.roomElsewhere,
    },
    wakeups: { park: async (jobId: string) => void calls.push(`park ${jobId}`) },
    signals,
    slotPollMs: 1,
    parkMs: 30_000,
  } as unknown as TriggerDeps;
  const job = {
    id: 'job-1',
    timestamp: 1000,
    moveToDelayed: async () => void calls.push('moveToDelayed'),
    moveToWait: async () => void calls.push('moveToWait'),
    promote: async () => void calls.push('promote'),
  } as unknown as Job<TriggerJob>;
  return { deps, job, calls, signals };
}

const others: SlotCandidate[] = [{ id: 'b', concurrency: 3 }];

describe('claimSlot when every slot of its accounts is taken', () => {
  it('waits in the process beyond the cap while every account is full, then looks afresh without parking', async () => {
    const { deps, job, calls, signals } = harness({ roomElsewhere: false, cap: 0 });
    const registered: boolean[] = [];
    const register = signals.register.bind(signals);
    signals.register = (ids, place, beyondCap) => {
      const waiter = register(ids, place, beyondCap);
      registered.push(waiter !== undefined);
      return waiter;
    };
    await expect(claimSlot(deps, job, 'token', request, others)).rejects.toBeInstanceOf(RetryIn);
    // Every round waited here, though the cap is 0; nothing went to the queue.
    expect(registered).toEqual(Array.from({ length: 10 }, () => true));
    expect(calls).toEqual([]);
  });

  it('parks out of the way when another account has room and the cap is taken', async () => {
    const { deps, job, calls } = harness({ roomElsewhere: true, cap: 0 });
    await expect(claimSlot(deps, job, 'token', request, others)).rejects.toBeInstanceOf(DelayedError);
    expect(calls).toEqual(['moveToDelayed', 'park job-1']);
  });

  it('goes back to the head of the queue when the dispatcher stops', async () => {
    const { deps, job, calls, signals } = harness({ roomElsewhere: false, cap: 4 });
    signals.close();
    await expect(claimSlot(deps, job, 'token', request, others)).rejects.toBeInstanceOf(WaitingError);
    expect(calls).toEqual(['moveToWait']);
  });
});

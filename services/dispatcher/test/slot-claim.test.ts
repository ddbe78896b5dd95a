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

describe('claimSlot, first come first served', () => {
  function recording(results: ('full' | 'claimed')[]) {
    const { deps, job, signals } = harness({ roomElsewhere: false, cap: 4 });
    const claims: { accounts: string[]; promisedToMe: boolean }[] = [];
    (deps.slots as unknown as { claim: (r: ClaimRequest) => Promise<unknown> }).claim = async (r) => {
      // A slot promised to a woken job stays promised while it claims: nobody else takes it.
      claims.push({ accounts: r.candidates.map((a) => a.id), promisedToMe: signals.queued('a', 0) });
      const result = results.shift() ?? 'full';
      return result === 'full' ? { result } : { result, accountId: 'a', placement: { accountId: 'a' } };
    };
    return { deps, job, signals, claims };
  }

  it('a newer job leaves an account older jobs wait for to them: it waits without claiming', async () => {
    const { deps, job, signals, claims } = recording([]);
    const older = signals.register(['a'], 500)!;
    await expect(claimSlot(deps, job, 'token', request, [])).rejects.toBeInstanceOf(RetryIn);
    expect(claims).toEqual([]);
    older.done();
  });

  it('still claims its own account (it may hold a slot there), and accounts nobody older waits for', async () => {
    const { deps, job, signals, claims } = recording(['claimed', 'claimed']);
    signals.register(['a'], 500);
    await expect(claimSlot(deps, job, 'token', request, [], 'a')).resolves.toMatchObject({ result: 'claimed' });
    const both: ClaimRequest = { ...request, candidates: [...mine, { id: 'b', concurrency: 1 }] };
    await expect(claimSlot(deps, job, 'token', both, [])).resolves.toMatchObject({ result: 'claimed' });
    expect(claims.map((c) => c.accounts)).toEqual([['a'], ['b']]);
  });

  it('a job woken for a freed slot claims it while it is promised, then gives the promise up', async () => {
    const { deps, job, signals, claims } = recording(['full', 'claimed']);
    // Long rounds: only the offer below wakes the job.
    deps.slotPollMs = 60_000;
    const claimed = claimSlot(deps, job, 'token', request, []);
    while (signals.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(signals.offer('a')).toBe(true);
    await expect(claimed).resolves.toMatchObject({ result: 'claimed' });
    expect(claims).toEqual([
      { accounts: ['a'], promisedToMe: false },
      { accounts: ['a'], promisedToMe: true },
    ]);
    expect(signals.queued('a', Infinity)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { earlierSend, judgeEarlierAttempt } from '../src/earlier-attempt.js';

const AT = 1_700_000_000_000;

describe('earlierSend', () => {
  const recorded = { kind: 'send' as const, nonce: 'n-task', at: AT, count: 2 };
  const legacy = { nonce: 'n-job', at: AT - 5, count: 1 };

  it('takes the send the task records for the job’s kind', () => {
    expect(earlierSend(recorded, 'send', undefined)).toBe(recorded);
    expect(earlierSend(recorded, 'send', legacy)).toBe(recorded);
  });

  it('ignores a record of the other kind (a modal submit after its click was sent)', () => {
    expect(earlierSend(recorded, 'modal', undefined)).toBeUndefined();
  });

  it('honours a send a job of an earlier version recorded in its own data', () => {
    expect(earlierSend(undefined, 'send', legacy)).toBe(legacy);
    expect(earlierSend(recorded, 'modal', legacy)).toBe(legacy);
  });
});

describe('judgeEarlierAttempt', () => {
  const attempt = { nonce: 'n', at: AT, count: 1 };

  it('never resends a send that landed', () => {
    expect(judgeEarlierAttempt(attempt, true, AT + 60_000, 3000)).toEqual({ verdict: 'landed' });
  });

  it('waits out the evidence window, then resends', () => {
    expect(judgeEarlierAttempt(attempt, false, AT + 1000, 3000)).toEqual({ verdict: 'wait', ms: 2000 });
    expect(judgeEarlierAttempt(attempt, false, AT + 3000, 3000)).toEqual({ verdict: 'resend' });
  });
});

import { describe, expect, it } from 'vitest';
import { tally } from '../support/fault-tally.js';

const base = { refused: {}, callbacks: [], interactions: [], stuckSlots: 0 };

describe('the fault suite tally', () => {
  it('counts a task that never ended as lost, and failures by their code', () => {
    const t = tally({ ...base, tasks: [{ id: 'a', action: 'IMAGINE', status: 'SUBMITTED' }, { id: 'b', action: 'IMAGINE', status: 'FAILURE', failCode: 'BANNED_PROMPT' }, { id: 'c', action: 'IMAGINE' }] });
    expect(t.lost).toEqual(['a', 'c']);
    expect(t.failedByReason).toEqual({ BANNED_PROMPT: 1 });
  });

  it('counts terminal callbacks by distinct webhook-id: a redelivery of one id is no duplicate, a second id or a second terminal event is', () => {
    const tasks = [{ id: 'a', action: 'IMAGINE', status: 'SUCCESS' }, { id: 'b', action: 'IMAGINE', status: 'SUCCESS' }, { id: 'c', action: 'IMAGINE', status: 'FAILURE' }, { id: 'd', action: 'IMAGINE', status: 'SUCCESS' }];
    const callbacks = [
      { taskId: 'a', type: 'end', webhookId: 'w1' },
      { taskId: 'a', type: 'end', webhookId: 'w1' },
      { taskId: 'a', type: 'generating', webhookId: 'w0' },
      { taskId: 'b', type: 'end', webhookId: 'w2' },
      { taskId: 'b', type: 'end', webhookId: 'w3' },
      { taskId: 'c', type: 'error', webhookId: 'w4' },
      { taskId: 'c', type: 'end', webhookId: 'w5' },
    ];
    const t = tally({ ...base, tasks, callbacks });
    expect(t.duplicateCallbacks).toBe(2);
    expect(t.missingCallbacks).toEqual(['d']);
  });

  it('counts accepted interactions sharing a nonce as duplicate Midjourney jobs; refused ones are no job', () => {
    const interactions = [
      { status: 204, nonce: 'n1' },
      { status: 204, nonce: 'n1' },
      { status: 429, nonce: 'n2' },
      { status: 204, nonce: 'n2' },
    ];
    const t = tally({ ...base, tasks: [], interactions });
    expect(t.duplicateJobs).toBe(1);
    expect(t.jobsAccepted).toBe(3);
  });
});

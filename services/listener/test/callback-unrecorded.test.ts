import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackQueue, redisKeys } from '@mjq/common';
import { pollUntil } from '../../../tests/support/poll.js';
import { deliverySteps, receiver, startDelivery, stopAll, type Delivery } from './callback-fixture.js';

// Callbacks a listener delivers straight from the change that took the task's callback lease:
// nothing recorded while they get through, queued in the process behind a slow one, coalesced
// there. What is recorded (retries, the sweep) is callback-delivery.test.ts.

let d: Delivery;
beforeAll(() => {
  d = startDelivery('delivery-unrecorded');
});
afterAll(() => stopAll(d));

const { newTask, start, generating, end, settled } = deliverySteps(() => d);

describe('callback delivery', () => {
  it('delivers straight from the process that recorded the callback, with no queue job', async () => {
    const r = await receiver();
    const t = await newTask(r.url);
    const ids = [await start(t), await generating(t, 50), await end(t)];
    await r.waitFor(() => r.forTask(t.id).length === 3);
    expect(r.received.map((c) => c.body.type)).toEqual(['start', 'generating', 'end']);
    expect(r.received.map((c) => c.headers['webhook-id'])).toEqual(ids);
    await pollUntil(() => CallbackQueue.forQueue(d.queue).pending(t.id), (left) => left.length === 0);
    for (const id of ids) expect(await d.queue.getJob(id)).toBeUndefined();
  });

  it('records nothing for callbacks that get through at once, even when changes come faster than their answers', async () => {
    const r = await receiver();
    let answer = () => {};
    r.hold = new Promise<void>((go) => (answer = go));
    const t = await newTask(r.url);
    const keys = redisKeys(d.prefix);
    // The first is on its way (held) while the next two changes are applied: they queue behind it.
    const ids = [await start(t), await generating(t, 50), await end(t)];
    await r.waitFor(() => r.attempts.length === 1);
    answer();
    await r.waitFor(() => r.forTask(t.id).length === 3);
    expect(r.received.map((c) => c.headers['webhook-id'])).toEqual(ids);
    await pollUntil(() => d.redis.exists(keys.callbackLease(t.id)), (held) => held === 0);
    // Never recorded: no pending hash (a recorded one stays an hour after settling), no outbox entry left.
    expect(await d.redis.exists(keys.callbacks(t.id))).toBe(0);
    expect(await d.redis.zrange(keys.callbackOutbox(), 0, -1)).not.toContain(`${t.id}:3`);
    expect(await d.redis.zcard(keys.callbackOutbox())).toBe(0);
  });

  it('drops progress callbacks queued in the process behind a slow one once the task has moved on', async () => {
    const r = await receiver();
    let answer = () => {};
    r.hold = new Promise<void>((go) => (answer = go));
    const t = await newTask(r.url);
    await start(t);
    await r.waitFor(() => r.attempts.length === 1);
    await generating(t, 30);
    await generating(t, 60);
    await end(t);
    // Answered once the queued progress callbacks are older than coalesceAfterMs (1000 ms).
    const youngest = Date.now();
    await pollUntil(async () => Date.now(), (now) => now > youngest + 1000);
    answer();
    await r.waitFor(() => r.forTask(t.id).some((c) => c.type === 'end'));
    expect(r.received.map((c) => c.body.type)).toEqual(['start', 'end']);
    // Nothing recorded on the way.
    expect(await d.redis.exists(redisKeys(d.prefix).callbacks(t.id))).toBe(0);
  });

  it('records the callbacks queued behind one whose immediate try failed, and the retry job delivers them in order', async () => {
    const r = await receiver();
    let answers = 0;
    let answer = () => {};
    r.hold = new Promise<void>((go) => (answer = go));
    r.status = () => (++answers === 1 ? 503 : 204);
    const t = await newTask(r.url);
    const ids = [await start(t), await generating(t, 50), await end(t)];
    await r.waitFor(() => r.attempts.length === 1);
    r.hold = undefined;
    answer();
    await r.waitFor(() => r.forTask(t.id).length === 3);
    expect(r.attempts.map((a) => [a.headers['webhook-id'], a.status])).toEqual([[ids[0], 503], [ids[0], 204], [ids[1], 204], [ids[2], 204]]);
    expect((await settled(ids[0]!)).returnvalue).toBe('delivered');
  });

  it("delivers each task's callbacks in order, and a slow receiver holds back only its own tasks", async () => {
    const slow = await receiver();
    let answerSlow = () => {};
    slow.hold = new Promise<void>((r) => (answerSlow = r));
    const fast = await receiver();
    const a = await newTask(slow.url);
    const b = await newTask(fast.url);
    await start(a);
    await generating(a, 40);
    await end(a);
    await start(b);
    await generating(b, 50);
    await end(b);
    await fast.waitFor(() => fast.forTask(b.id).length === 3);
    // b was fully delivered while a's first callback was still waiting for its answer.
    expect(slow.attempts.length).toBeLessThanOrEqual(1);
    answerSlow();
    await slow.waitFor(() => slow.forTask(a.id).length === 3);
    for (const r of [slow, fast]) expect(r.received.map((c) => c.body.type)).toEqual(['start', 'generating', 'end']);
  });
});

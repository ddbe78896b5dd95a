import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { CALLBACK_LEASE_MS, CallbackQueue, freePort, redisKeys } from '@mjq/common';
import { CallbackSigner } from '../src/callback-signer.js';
import { CallbackReceiver } from '../../../tests/support/callback-receiver.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { deliverySteps, receiver, SECRET, startDelivery, stopAll, tracked, type Delivery } from './callback-fixture.js';

// Callbacks that are recorded: behind a first try that failed (the retry job), by a process that
// does not deliver (the sweep), left by a deliverer or retry job that is gone; refused addresses,
// coalescing of late progress, giving up. Straight delivery with nothing recorded is
// callback-unrecorded.test.ts.

let d: Delivery;
/**
 * Far more attempts than the schedule's 6 (the last delay, 300 ms, repeats): for a test whose
 * receiver is down for a while and then comes back, so that however long the machine takes to
 * bring it back, the callback has tries left when it does.
 */
let roomy: Delivery;
beforeAll(() => {
  d = startDelivery('delivery');
  roomy = startDelivery('delivery-roomy', 200);
});
afterAll(() => stopAll(d, roomy));

const { newTask, start, generating, end, settled } = deliverySteps(() => d);

describe('callback delivery', () => {
  it('delivers what a process that does not deliver recorded (api, dispatcher), by the sweep', async () => {
    const r = await receiver();
    const t = await newTask(r.url);
    await start(t, d, d.recorder);
    await end(t, d, d.recorder);
    await r.waitFor(() => r.forTask(t.id).length === 2);
    expect(r.received.map((c) => c.body.type)).toEqual(['start', 'end']);
  });

  it('takes over the callbacks of a deliverer that died, once its lease has run out', async () => {
    const r = await receiver();
    const t = await newTask(r.url);
    const applied = (await d.store.apply(t.id, { status: 'IN_PROGRESS', progress: 0 }))!;
    const pending = CallbackQueue.forQueue(d.queue);
    const keys = redisKeys(d.prefix);
    // A listener records the callback, takes the task's lease, and dies before delivering it.
    const entry = { taskId: t.id, event: 'start' as const, url: r.url, revision: applied.revision, body: { type: 'start', trigger_id: t.id }, at: Date.now() };
    expect(await pending.push(entry, `${t.id}:${applied.revision}`, 'a-listener-that-died')).toMatchObject({ entry: { revision: applied.revision } });
    // Within the lease nobody else delivers it.
    await d.callbacks.sweep.runOnce();
    expect(r.attempts).toHaveLength(0);
    // A minute later: the lease has run out and the task is due for a look.
    await d.redis.pexpire(keys.callbackLease(t.id), 1);
    await d.redis.zadd(keys.callbackDue(), 0, t.id);
    await r.waitFor(() => r.forTask(t.id).length === 1);
    expect(r.received[0]!.headers['webhook-id']).toBe(`${t.id}-${applied.revision}-start`);
  });

  it('takes over the callbacks held by a retry job that is gone', async () => {
    const dead = await receiver();
    dead.status = () => 500;
    const t = await newTask(dead.url);
    const jobId = await start(t);
    await pollUntil(() => d.queue.getJob(jobId), (job) => job !== undefined);
    // An operator removes the retry job from the dashboard; the receiver is back.
    await (await d.queue.getJob(jobId))!.remove().catch(async () => {
      // Being processed right now: wait for it to go back to delayed, then remove it.
      await pollUntil(async () => (await d.queue.getJob(jobId))?.isDelayed(), (delayed) => delayed === true);
      await (await d.queue.getJob(jobId))!.remove();
    });
    dead.status = () => 200;
    await d.redis.zadd(redisKeys(d.prefix).callbackDue(), 0, t.id);
    await dead.waitFor(() => dead.received.length === 1);
    expect(dead.received[0]!.headers['webhook-id']).toBe(jobId);
  });

  it('retries a receiver that is down, then delivers with the same webhook-id and a valid signature', async () => {
    const port = await freePort();
    const task = await newTask(`http://127.0.0.1:${port}/hook`, roomy);
    const jobId = await end(task, roomy);
    // The first try is refused (nothing listens yet): a retry job takes the callback over.
    await pollUntil(async () => (await roomy.queue.getJob(jobId))?.attemptsMade ?? 0, (n) => n >= 1);
    const down = tracked(new CallbackReceiver());
    let answers = 0;
    down.status = () => (++answers === 1 ? 500 : 204);
    await down.start(port);
    await down.waitFor(() => down.received.length === 1);
    const job = await settled(jobId, roomy);
    expect(job.returnvalue).toBe('delivered');
    expect(down.attempts.map((a) => a.status)).toEqual([500, 204]);
    // Refused connections first (the first try and at least one retry), then the 500, then the 204.
    expect(job.data.priorAttempts).toBe(1);
    expect(job.attemptsMade).toBeGreaterThanOrEqual(2);
    expect(new Set(down.attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([jobId]));
    const delivered = down.received[0]!;
    // What a receiver does: verify with the standardwebhooks library before trusting the body.
    const body = new Webhook(SECRET).verify(delivered.raw, delivered.headers as Record<string, string>);
    expect(body).toMatchObject({ type: 'end', trigger_id: task.id, status: 'SUCCESS', progress: 100 });
    expect(() => new Webhook(SECRET).verify(delivered.raw.replace('SUCCESS', 'FAILURE'), delivered.headers as Record<string, string>)).toThrow();
  });

  it.each([
    ['a metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a name resolving to 10.x', 'http://internal.example.test/cb'],
    ['a name resolving to the metadata address', 'http://metadata.example.test/latest/meta-data/'],
    ['a loopback address not allow-listed', 'http://127.0.0.2:9/cb'],
  ])('refuses %s at delivery time, without retrying, kept as a failed job', async (_what, url) => {
    const jobId = await end(await newTask(url));
    const job = await settled(jobId);
    expect(job.failedReason).toMatch(/not allowed/);
    expect(job.attemptsMade).toBe(1);
    expect(await job.getState()).toBe('failed');
  });

  it('drops progress callbacks that are late once the task has moved on, never the terminal one', async () => {
    const flaky = await receiver();
    let up = false;
    flaky.status = () => (up ? 200 : 503);
    const t = await newTask(flaky.url, roomy);
    const first = await start(t, roomy);
    await generating(t, 20, roomy);
    await generating(t, 40, roomy);
    await generating(t, 60, roomy);
    await end(t, roomy);
    // The receiver stays down until the progress callbacks waiting behind the first are older
    // than coalesceAfterMs (1000 ms after the youngest was recorded, by the clock the deliverer reads).
    await pollUntil(async () => (await roomy.queue.getJob(first))?.attemptsMade ?? 0, (n) => n >= 1);
    const pending = await CallbackQueue.forQueue(roomy.queue).pending(t.id);
    expect(pending.map((c) => c.event)).toEqual(['start', 'generating', 'generating', 'generating', 'end']);
    const youngest = Math.max(...pending.map((c) => c.at));
    await pollUntil(async () => Date.now(), (now) => now > youngest + 1000);
    up = true;
    await flaky.waitFor(() => flaky.received.some((c) => c.body.type === 'end'));
    expect(flaky.received.map((c) => c.body.type)).toEqual(['start', 'end']);
    // Settled once the receiver's answer is back (the receiver records a callback before it answers).
    await pollUntil(() => CallbackQueue.forQueue(roomy.queue).pending(t.id), (left) => left.length === 0);
  });

  it('drops a callback recorded after a later one of its task was delivered: never sent back in time', async () => {
    const r = await receiver();
    const t = await newTask(r.url);
    const pending = CallbackQueue.forQueue(d.queue);
    const entry = (revision: number, event: 'generating' | 'end') => ({ taskId: t.id, event, url: r.url, revision, body: { type: event, trigger_id: t.id }, at: Date.now() });
    // Two processes applied the task's last two changes at once: the one with the end records it
    // and takes the lease; the one with the earlier progress step records it only afterwards.
    expect(await pending.push(entry(6, 'end'), '', 'deliverer-a')).toMatchObject({ entry: { revision: 6 } });
    expect(await pending.push(entry(5, 'generating'), '', '')).toBeUndefined();
    // The end delivered and settled: the progress step is not handed on, and nothing is left.
    expect(await pending.next(t.id, 'deliverer-a', 6)).toBe('empty');
    expect(await pending.pending(t.id)).toEqual([]);
    // Recorded after the settle, as before: refused at once.
    expect(await pending.push(entry(4, 'generating'), '', '')).toBeUndefined();
    expect(await pending.pending(t.id)).toEqual([]);
  });

  it('keeps a callback that never got through as a failed job, and then moves on', async () => {
    const dead = await receiver();
    dead.status = () => 500;
    const t = await newTask(dead.url);
    const first = await start(t);
    const last = await end(t);
    // Between its tries the retry job holds the task far longer than a delivery's lease (a
    // minute): the schedule's later delays are minutes to hours, and nobody may deliver meanwhile.
    await pollUntil(async () => (await d.queue.getJob(first))?.attemptsMade ?? 0, (n) => n >= 1);
    const leaseLeft = await d.redis.pttl(redisKeys(d.prefix).callbackLease(t.id));
    expect(leaseLeft).toBeGreaterThan(CALLBACK_LEASE_MS);
    const failed = await settled(first);
    expect(await failed.getState()).toBe('failed');
    // Six tries in all (CALLBACK_ATTEMPTS defaults to the schedule's five retries + 1): one before the job.
    expect(failed.attemptsMade + (failed.data.priorAttempts ?? 0)).toBe(6);
    expect(dead.attempts.filter((a) => a.body?.type === 'start')).toHaveLength(6);
    expect((await settled(last)).attemptsMade).toBeGreaterThanOrEqual(1);
  });
});

describe('CallbackSigner', () => {
  it('without a secret sends webhook-id and webhook-timestamp but no signature', () => {
    const headers = new CallbackSigner(undefined).headers('1-2-end', '{}', new Date(1_700_000_000_000));
    expect(headers).toEqual({ 'webhook-id': '1-2-end', 'webhook-timestamp': '1700000000' });
  });
});

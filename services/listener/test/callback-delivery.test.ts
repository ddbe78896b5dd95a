import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import {
  CALLBACK_LEASE_MS,
  CallbackQueue,
  createLogger,
  freePort,
  createRedis,
  loadConfig,
  QUEUE_NAMES,
  redisKeys,
  TaskEventPublisher,
  TaskStore,
  type CallbackEvent,
  type CallbackJob,
  type Task,
  type TaskUpdate,
} from '@mjq/common';
import { startCallbackWorker, type CallbackWorker } from '../src/callback-worker.js';
import { CallbackSigner } from '../src/callback-signer.js';
import { CallbackReceiver } from '../../../tests/support/callback-receiver.js';
import { fakeLookup } from '../../../tests/support/fake-lookup.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

const SECRET = `whsec_${Buffer.from('mjq test signing key, 32 bytes!!').toString('base64')}`;
const redisConnections: Redis[] = [];
const receivers: CallbackReceiver[] = [];

interface Delivery {
  prefix: string;
  store: TaskStore;
  queue: Queue<CallbackJob>;
  /** A listener's publisher: it delivers what it records. */
  publisher: TaskEventPublisher;
  /** An api's or dispatcher's: it only records; the sweep delivers. */
  recorder: TaskEventPublisher;
  callbacks: CallbackWorker;
}

/** A listener's callback delivery under a prefix of its own, with `attempts` tries per callback. */
function startDelivery(name: string, attempts?: number): Delivery {
  const prefix = testPrefix(name);
  const config = loadConfig({
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    CALLBACK_RETRY_SCHEDULE: '200ms,300ms,300ms,300ms,300ms',
    ...(attempts ? { CALLBACK_ATTEMPTS: String(attempts) } : {}),
    // Test receivers listen on 127.0.0.1 only; 127.0.0.2 stays refused like any loopback address.
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  const redis = createRedis(testRedisUrl(), 'worker');
  const workerRedis = createRedis(testRedisUrl(), 'worker');
  redisConnections.push(redis, workerRedis);
  const queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  const callbacks = startCallbackWorker({
    config,
    queue,
    connection: workerRedis,
    log: createLogger('test', 'silent'),
    // Names that resolve to private addresses, with no traffic ever leaving the machine.
    // Only non-public answers: a test must never connect anywhere but this machine.
    dnsLookup: fakeLookup({ 'internal.example.test': ['10.0.0.7'], 'metadata.example.test': ['169.254.169.254'] }),
    coalesceAfterMs: 1000,
    sweepEveryMs: 50,
  });
  const publisher = new TaskEventPublisher(queue, undefined);
  publisher.deliverWith(callbacks.delivery);
  return { prefix, store: new TaskStore(redis, prefix, { ttlDays: 1 }), queue, publisher, recorder: new TaskEventPublisher(queue, undefined), callbacks };
}

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
afterAll(async () => {
  for (const x of [d, roomy]) {
    await x?.callbacks.close();
    await x?.queue.close();
    if (x) await dropPrefix(redisConnections[0]!, x.prefix);
  }
  await Promise.all(receivers.map((r) => r.stop()));
  for (const r of redisConnections) r.disconnect();
});

async function receiver(): Promise<CallbackReceiver> {
  const r = await new CallbackReceiver().start();
  receivers.push(r);
  return r;
}

const newTask = (callbackUrl: string, on = d) => storedTask(redisConnections[0]!, on.store, { status: 'SUBMITTED', callbackUrl });

/** Applies a change as the listener would (asking for the task's callback lease) and publishes its callback; returns its webhook-id. */
async function step(task: Task, event: CallbackEvent, update: TaskUpdate, on = d, via = on.publisher): Promise<string> {
  const applied = await on.store.apply(task.id, update, { callbackLease: via.lease(task.id) });
  if (!applied) throw new Error(`change refused: ${JSON.stringify(update)}`);
  await via.publish(event, applied);
  return `${task.id}-${applied.revision}-${event}`;
}

const start = (t: Task, on?: Delivery, via?: TaskEventPublisher) => step(t, 'start', { status: 'IN_PROGRESS', progress: 0 }, on, via);
const generating = (t: Task, progress: number, on?: Delivery) => step(t, 'generating', { status: 'IN_PROGRESS', progress }, on);
const end = (t: Task, on?: Delivery, via?: TaskEventPublisher) => step(t, 'end', { status: 'SUCCESS', progress: 100 }, on, via);

/** The retry job of a callback whose first try failed, once it has settled. */
async function settled(jobId: string, on = d): Promise<Job<CallbackJob>> {
  return pollUntil(
    async () => (await on.queue.getJob(jobId))!,
    (job) => Boolean(job?.finishedOn),
  );
}

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
    await pollUntil(() => redisConnections[0]!.exists(keys.callbackLease(t.id)), (held) => held === 0);
    // Never recorded: no pending hash (a recorded one stays an hour after settling), no outbox entry left.
    expect(await redisConnections[0]!.exists(keys.callbacks(t.id))).toBe(0);
    expect(await redisConnections[0]!.zrange(keys.callbackOutbox(), 0, -1)).not.toContain(`${t.id}:3`);
    expect(await redisConnections[0]!.zcard(keys.callbackOutbox())).toBe(0);
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
    expect(await redisConnections[0]!.exists(redisKeys(d.prefix).callbacks(t.id))).toBe(0);
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
    await redisConnections[0]!.pexpire(keys.callbackLease(t.id), 1);
    await redisConnections[0]!.zadd(keys.callbackDue(), 0, t.id);
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
    await redisConnections[0]!.zadd(redisKeys(d.prefix).callbackDue(), 0, t.id);
    await dead.waitFor(() => dead.received.length === 1);
    expect(dead.received[0]!.headers['webhook-id']).toBe(jobId);
  });

  it('retries a receiver that is down, then delivers with the same webhook-id and a valid signature', async () => {
    const port = await freePort();
    const task = await newTask(`http://127.0.0.1:${port}/hook`, roomy);
    const jobId = await end(task, roomy);
    // The first try is refused (nothing listens yet): a retry job takes the callback over.
    await pollUntil(async () => (await roomy.queue.getJob(jobId))?.attemptsMade ?? 0, (n) => n >= 1);
    const down = new CallbackReceiver();
    receivers.push(down);
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

  it('keeps a callback that never got through as a failed job, and then moves on', async () => {
    const dead = await receiver();
    dead.status = () => 500;
    const t = await newTask(dead.url);
    const first = await start(t);
    const last = await end(t);
    // Between its tries the retry job holds the task far longer than a delivery's lease (a
    // minute): the schedule's later delays are minutes to hours, and nobody may deliver meanwhile.
    await pollUntil(async () => (await d.queue.getJob(first))?.attemptsMade ?? 0, (n) => n >= 1);
    const leaseLeft = await redisConnections[0]!.pttl(redisKeys(d.prefix).callbackLease(t.id));
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

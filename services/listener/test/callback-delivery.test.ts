import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import {
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
const prefix = testPrefix('delivery');
let redis: Redis;
let store: TaskStore;
let queue: Queue<CallbackJob>;
let publisher: TaskEventPublisher;
let callbacks: CallbackWorker;
let workerRedis: Redis;
const receivers: CallbackReceiver[] = [];

beforeAll(() => {
  const config = loadConfig({
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    CALLBACK_RETRY_SCHEDULE: '200ms,300ms,300ms,300ms,300ms',
    // Test receivers listen on 127.0.0.1 only; 127.0.0.2 stays refused like any loopback address.
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  publisher = new TaskEventPublisher(queue, undefined, config.callbackAttempts);
  workerRedis = createRedis(testRedisUrl(), 'worker');
  callbacks = startCallbackWorker({
    config,
    queue,
    connection: workerRedis,
    log: createLogger('test', 'silent'),
    // Names that resolve to private addresses, with no traffic ever leaving the machine.
    // Only non-public answers: a test must never connect anywhere but this machine.
    dnsLookup: fakeLookup({ 'internal.example.test': ['10.0.0.7'], 'metadata.example.test': ['169.254.169.254'] }),
    blockedRecheckMs: 10_000,
    coalesceAfterMs: 1000,
  });
});
afterAll(async () => {
  await callbacks.close();
  workerRedis.disconnect();
  await queue.close();
  await Promise.all(receivers.map((r) => r.stop()));
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function receiver(): Promise<CallbackReceiver> {
  const r = await new CallbackReceiver().start();
  receivers.push(r);
  return r;
}

const newTask = (callbackUrl: string) => storedTask(redis, store, { status: 'SUBMITTED', callbackUrl });

/**
 * Publishes with far more attempts than the schedule's 6 (the last delay, 300 ms, repeats): for
 * a test whose receiver is down for a while and then comes back, so that however long the
 * machine takes to bring it back, the callback has tries left when it does.
 */
const ROOMY_ATTEMPTS = 200;
let roomyPublisher: TaskEventPublisher;
beforeAll(() => {
  roomyPublisher = new TaskEventPublisher(queue, undefined, ROOMY_ATTEMPTS);
});

/** Applies a change as the listener would and publishes its callback. */
async function step(task: Task, event: CallbackEvent, update: TaskUpdate, via = publisher): Promise<string> {
  const applied = await store.apply(task.id, update);
  if (!applied) throw new Error(`change refused: ${JSON.stringify(update)}`);
  await via.publish(event, applied);
  return `${task.id}-${applied.revision}-${event}`;
}

const start = (t: Task, via?: TaskEventPublisher) => step(t, 'start', { status: 'IN_PROGRESS', progress: 0 }, via);
const generating = (t: Task, progress: number, via?: TaskEventPublisher) => step(t, 'generating', { status: 'IN_PROGRESS', progress }, via);
const end = (t: Task, via?: TaskEventPublisher) => step(t, 'end', { status: 'SUCCESS', progress: 100 }, via);

async function settled(jobId: string): Promise<Job<CallbackJob>> {
  return pollUntil(
    async () => (await queue.getJob(jobId))!,
    (job) => Boolean(job?.finishedOn),
  );
}

describe('callback delivery', () => {
  it('retries a receiver that is down, then delivers with the same webhook-id and a valid signature', async () => {
    const port = await freePort();
    const task = await newTask(`http://127.0.0.1:${port}/hook`);
    const jobId = await end(task, roomyPublisher);
    // Attempt 1: connection refused (nothing listens yet).
    await pollUntil(async () => (await queue.getJob(jobId))?.attemptsMade ?? 0, (n) => n >= 1);
    const down = new CallbackReceiver();
    receivers.push(down);
    let answers = 0;
    down.status = () => (++answers === 1 ? 500 : 204);
    await down.start(port);
    await down.waitFor(() => down.received.length === 1);
    const job = await settled(jobId);
    expect(job.returnvalue).toBe('delivered');
    expect(down.attempts.map((a) => a.status)).toEqual([500, 204]);
    // Refused connection(s) first, then the 500, then the 204.
    expect(job.attemptsMade).toBeGreaterThanOrEqual(3);
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
  ])('refuses %s at delivery time, without retrying', async (_what, url) => {
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
    const aEnd = await end(a);
    await start(b);
    await generating(b, 50);
    await end(b);
    await fast.waitFor(() => fast.forTask(b.id).length === 3);
    // b was fully delivered while a's first callback was still waiting for its answer.
    expect(slow.attempts.length).toBeLessThanOrEqual(1);
    answerSlow();
    await settled(aEnd);
    for (const r of [slow, fast]) expect(r.received.map((c) => c.body.type)).toEqual(['start', 'generating', 'end']);
  });

  it('drops progress callbacks that are late once the task has moved on, never the terminal one', async () => {
    const flaky = await receiver();
    let up = false;
    flaky.status = () => (up ? 200 : 503);
    const t = await newTask(flaky.url);
    const first = await start(t, roomyPublisher);
    const progress = [await generating(t, 20, roomyPublisher), await generating(t, 40, roomyPublisher), await generating(t, 60, roomyPublisher)];
    const last = await end(t, roomyPublisher);
    // The receiver stays down until the queued progress callbacks are older than coalesceAfterMs
    // (1000 ms after the youngest was queued, by the clock the deliverer reads).
    await pollUntil(async () => (await queue.getJob(first))?.attemptsMade ?? 0, (n) => n >= 2);
    const youngest = Math.max(...(await Promise.all(progress.map(async (id) => (await queue.getJob(id))!.timestamp))));
    await pollUntil(async () => Date.now(), (now) => now > youngest + 1000);
    up = true;
    await settled(last);
    expect(flaky.received.map((c) => c.body.type)).toEqual(['start', 'end']);
    for (const id of progress) expect((await queue.getJob(id))?.returnvalue).toBe('coalesced');
    expect(await redis.zcard(redisKeys(prefix).callbackOrder(t.id))).toBe(0);
  });

  it('keeps a callback that never got through as a failed job, and then moves on', async () => {
    const dead = await receiver();
    dead.status = () => 500;
    const t = await newTask(dead.url);
    const first = await start(t);
    const last = await end(t);
    const failed = await settled(first);
    expect(await failed.getState()).toBe('failed');
    expect(failed.attemptsMade).toBe(6);
    expect((await settled(last)).attemptsMade).toBeGreaterThanOrEqual(1);
  });
});

describe('CallbackSigner', () => {
  it('without a secret sends webhook-id and webhook-timestamp but no signature', () => {
    const headers = new CallbackSigner(undefined).headers('1-2-end', '{}', new Date(1_700_000_000_000));
    expect(headers).toEqual({ 'webhook-id': '1-2-end', 'webhook-timestamp': '1700000000' });
  });
});

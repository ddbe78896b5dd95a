import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  createLogger,
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
import { CallbackReceiver } from '../../../tests/support/callback-receiver.js';
import { fakeLookup } from '../../../tests/support/fake-lookup.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

// What callback-delivery.test.ts and callback-unrecorded.test.ts start and stop: a listener's
// callback delivery on a Redis prefix of its own, and receivers on loopback.

export const SECRET = `whsec_${Buffer.from('mjq test signing key, 32 bytes!!').toString('base64')}`;

export interface Delivery {
  prefix: string;
  /** The connection its store and queue use; tests read and poke the prefix's keys through it. */
  redis: Redis;
  store: TaskStore;
  queue: Queue<CallbackJob>;
  /** A listener's publisher: it delivers what it records. */
  publisher: TaskEventPublisher;
  /** An api's or dispatcher's: it only records; the sweep delivers. */
  recorder: TaskEventPublisher;
  callbacks: CallbackWorker;
  /** Its own connection for the worker (BullMQ blocks on it), closed with the rest. */
  workerRedis: Redis;
}

/** A listener's callback delivery under a prefix of its own, with `attempts` tries per callback. */
export function startDelivery(name: string, attempts?: number): Delivery {
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
  const recorder = new TaskEventPublisher(queue, undefined);
  return { prefix, redis, store: new TaskStore(redis, prefix, { ttlDays: 1 }), queue, publisher, recorder, callbacks, workerRedis };
}

const receivers: CallbackReceiver[] = [];

/** A receiver on a free port, stopped by stopAll. */
export async function receiver(): Promise<CallbackReceiver> {
  return tracked(await new CallbackReceiver().start());
}

/** A receiver the test starts itself (on a port it chose), stopped by stopAll. */
export function tracked(r: CallbackReceiver): CallbackReceiver {
  receivers.push(r);
  return r;
}

/** Stops the deliveries (dropping their keys) and every receiver started through this module. */
export async function stopAll(...deliveries: (Delivery | undefined)[]): Promise<void> {
  for (const x of deliveries) {
    await x?.callbacks.close();
    await x?.queue.close();
    if (x) await dropPrefix(x.redis, x.prefix);
  }
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
  for (const x of deliveries) {
    x?.redis.disconnect();
    x?.workerRedis.disconnect();
  }
}

/**
 * The steps of a task's life as a listener sees them, on `fallback()` (read when called: the
 * test file starts it in beforeAll) unless a test names another delivery.
 */
export function deliverySteps(fallback: () => Delivery) {
  const newTask = (callbackUrl: string, on = fallback()) => storedTask(on.redis, on.store, { status: 'SUBMITTED', callbackUrl });

  /** Applies a change as the listener would (asking for the task's callback lease) and publishes its callback; returns its webhook-id. */
  async function step(task: Task, event: CallbackEvent, update: TaskUpdate, on = fallback(), via = on.publisher): Promise<string> {
    const applied = await on.store.apply(task.id, update, { callbackLease: via.lease(task.id) });
    if (!applied) throw new Error(`change refused: ${JSON.stringify(update)}`);
    await via.publish(event, applied);
    return `${task.id}-${applied.revision}-${event}`;
  }

  const start = (t: Task, on?: Delivery, via?: TaskEventPublisher) => step(t, 'start', { status: 'IN_PROGRESS', progress: 0 }, on, via);
  const generating = (t: Task, progress: number, on?: Delivery) => step(t, 'generating', { status: 'IN_PROGRESS', progress }, on);
  const end = (t: Task, on?: Delivery, via?: TaskEventPublisher) => step(t, 'end', { status: 'SUCCESS', progress: 100 }, on, via);

  /** The retry job of a callback whose first try failed, once it has settled. */
  async function settled(jobId: string, on = fallback()): Promise<Job<CallbackJob>> {
    return pollUntil(
      async () => (await on.queue.getJob(jobId))!,
      (job) => Boolean(job?.finishedOn),
    );
  }

  return { newTask, start, generating, end, settled };
}

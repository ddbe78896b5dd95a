import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { CallbackOrder, createLogger, createRedis, jobIds, QUEUE_NAMES, redisKeys, type CallbackJob } from '@mjq/common';
import type { Redis } from 'ioredis';
import { CallbackDeliverer } from '../src/callback-deliverer.js';
import { CallbackEgress } from '../src/callback-egress.js';
import { CallbackSigner } from '../src/callback-signer.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

// The race behind an occasional 30 s callback delay: a callback finds its task's earlier one
// unsettled, and that one settles before the later one is parked. Nobody is left to wake it.
const prefix = testPrefix('cb-wakeup');
let redis: Redis;
let queue: Queue<CallbackJob>;
let worker: Worker<CallbackJob>;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  // No processor: the test takes the job itself, as a worker would.
  worker = new Worker<CallbackJob>(QUEUE_NAMES.callback, null, { connection: createRedis(testRedisUrl(), 'worker'), prefix: redisKeys(prefix).bullPrefix });
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const job = (revision: number, event: CallbackJob['event']): CallbackJob => ({ taskId: '7', event, url: 'http://127.0.0.1:9/cb', revision, body: {} });

describe('CallbackDeliverer wake-up', () => {
  it('does not sleep behind an earlier callback that settled while it was being parked', async () => {
    const order = CallbackOrder.forQueue(queue);
    const [a, b] = [job(1, 'start'), job(2, 'end')];
    await order.enlist('7', 1, jobIds.callback('7', 1, 'start'));
    await order.enlist('7', 2, jobIds.callback('7', 2, 'end'));
    // The earlier one waits in a retry backoff, so the worker takes the later one first.
    await queue.add('start', a, { jobId: jobIds.callback('7', 1, 'start'), delay: 60_000 });
    await queue.add('end', b, { jobId: jobIds.callback('7', 2, 'end') });
    const token = 'test-token';
    const active = (await worker.getNextJob(token)) as Job<CallbackJob>;
    expect(active.id).toBe(jobIds.callback('7', 2, 'end'));

    const deliverer = new CallbackDeliverer({
      queue,
      order,
      egress: new CallbackEgress({ allowHosts: [] } as never),
      signer: new CallbackSigner(undefined),
      log: createLogger('test', 'silent'),
      blockedRecheckMs: 30_000,
    });
    // The earlier callback settles right after the check that found it unsettled.
    const internals = deliverer as unknown as { waitFor: (blocker: Job) => Promise<number> };
    internals.waitFor = async () => {
      await order.settle('7', jobIds.callback('7', 1, 'start'));
      return 30_000;
    };
    await expect(deliverer.process(active, token)).rejects.toBeInstanceOf(DelayedError);
    expect(await (await queue.getJob(active.id!))!.getState()).toBe('waiting');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createRedis } from '../src/redis.js';
import { jobIds, QUEUE_NAMES } from '../src/queues.js';
import { redisKeys } from '../src/keys.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('queues');
const redis = createRedis(testRedisUrl(), 'worker');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('trigger job ids', () => {
  it('are accepted by BullMQ even for a task id that reads as an exact integer', async () => {
    // This id survives parseInt unchanged; BullMQ refuses such custom ids as "integers".
    const taskId = '1575256175648178200';
    expect(`${parseInt(taskId, 10)}`).toBe(taskId);
    const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
    const job = await queue.add('imagine', { taskId }, { jobId: jobIds.trigger(taskId) });
    expect(job.id).toBe(jobIds.trigger(taskId));
    await queue.close();
  });
});

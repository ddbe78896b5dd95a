import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, waitForRedis } from '../src/redis.js';
import { testRedisUrl } from '../../../tests/support/redis.js';
import { pollUntil } from '../../../tests/support/poll.js';

const connections: Redis[] = [];
const connect = (role: 'worker' | 'request' = 'request') => {
  const redis = createRedis(testRedisUrl(), role);
  connections.push(redis);
  return redis;
};
afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

/** The event's next time (events.once would reject on the 'error' that precedes an end). */
const next = (redis: Redis, event: 'end' | 'ready') => new Promise<void>((resolve) => redis.once(event, () => resolve()));

/**
 * Drops the connection server-side and closes its connector under the reconnect that follows —
 * what a Sentinel failover's +switch-master does to a connection still looking for the new
 * primary. ioredis then ends the connection on its own ("Connection is closed.").
 */
async function endedByIoredis(redis: Redis, admin: Redis): Promise<void> {
  await waitForRedis(redis);
  const id = String(await redis.client('ID'));
  redis.once('connecting', () => (redis as unknown as { connector: { disconnect(): void } }).connector.disconnect());
  const ended = next(redis, 'end');
  await admin.client('KILL', 'ID', id);
  await ended;
}

describe('reviveWhenEnded (every connection of createRedis)', () => {
  it('connects again a connection that ioredis ended on its own, and it answers', async () => {
    const admin = connect('worker');
    const redis = connect();
    await endedByIoredis(redis, admin);
    expect(redis.status).toBe('end');
    await pollUntil(() => redis.ping().catch((err: Error) => err.message), (answer) => answer === 'PONG', 10_000);
    expect(redis.status).toBe('ready');
  });

  it('gives the same care to the copies BullMQ makes (duplicate)', async () => {
    const admin = connect('worker');
    const copy = connect('worker').duplicate();
    connections.push(copy);
    await endedByIoredis(copy, admin);
    await pollUntil(() => copy.ping().catch((err: Error) => err.message), (answer) => answer === 'PONG', 10_000);
  });

  it('leaves closed what its owner closed, with quit or disconnect', async () => {
    const admin = connect('worker');
    const quitted = connect();
    const disconnected = connect();
    const control = connect();
    await Promise.all([waitForRedis(quitted), waitForRedis(disconnected)]);
    await quitted.quit();
    disconnected.disconnect();
    await Promise.all([next(disconnected, 'end'), quitted.status === 'end' ? undefined : next(quitted, 'end')]);
    // Ended after the two: by the time it is back, theirs would have been too.
    await endedByIoredis(control, admin);
    await next(control, 'ready');
    expect(quitted.status).toBe('end');
    expect(disconnected.status).toBe('end');
  });
});

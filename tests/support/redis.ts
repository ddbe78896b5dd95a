import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A key prefix of the test's own: tests share one Redis and never see each other's keys. */
export function testPrefix(name: string): string {
  return `t-${name}-${randomUUID().slice(0, 8)}`;
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** Deletes every key under the prefix's hash tag (never FLUSHALL: the server may not be ours). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/** dropPrefix on a connection of its own, closed after: a test's or bench's clean-up by URL. */
export async function dropPrefixAt(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await dropPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}

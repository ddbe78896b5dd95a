import { AppError } from '@mjq/common';
import type { ApiContext } from './context.js';

const storageDown = () => new AppError('REDIS_UNAVAILABLE', 'Task storage is unavailable; try again shortly');

/** Fails fast with 503 when Redis is not connected: a request never waits for a dead Redis. */
export function assertRedisReady(ctx: ApiContext): void {
  if (ctx.redis.status !== 'ready') throw storageDown();
}

/** Maps anything but an AppError (a Redis failure) to 503, logged. */
export async function withStorage<T>(ctx: ApiContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    ctx.log.error({ err }, 'task storage failed');
    throw storageDown();
  }
}

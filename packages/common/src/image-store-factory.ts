import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { FileImageStore } from './file-image-store.js';
import type { ImageStore } from './image-store.js';
import { RedisImageStore } from './redis-image-store.js';

/** The image store the configuration names: files under IMAGE_STORE_DIR, else Redis. */
export function createImageStore(redis: Redis, config: Pick<Config, 'redis' | 'images'>): ImageStore {
  const ttlMs = config.images.ttlDays * 24 * 3600 * 1000;
  return config.images.dir ? new FileImageStore(config.images.dir, ttlMs) : new RedisImageStore(redis, config.redis.prefix, ttlMs / 1000);
}

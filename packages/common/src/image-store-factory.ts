import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { FileImageStore } from './file-image-store.js';
import type { ImageStore } from './image-store.js';
import { RedisImageStore } from './redis-image-store.js';
import { createS3Client, S3ImageStore } from './s3-image-store.js';

/** The image store the configuration names (IMAGE_STORE): files by default, an S3 bucket, or Redis. */
export function createImageStore(redis: Redis, config: Pick<Config, 'redis' | 'images'>): ImageStore {
  const { images } = config;
  const ttlMs = images.ttlDays * 24 * 3600 * 1000;
  if (images.store === 'redis') return new RedisImageStore(redis, config.redis.prefix, ttlMs / 1000);
  if (images.store === 's3' && images.s3) return new S3ImageStore(createS3Client(images.s3), images.s3, ttlMs);
  return new FileImageStore(images.dir, ttlMs);
}

import type { Redis } from 'ioredis';
import { assertImageKey, assertImageSize, type ImageStore, type StoredImage } from './image-store.js';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * Images in Redis, expiring by themselves (IMAGE_TTL_DAYS). Simple, and right for small
 * deployments that ask for it (IMAGE_STORE=redis); every image costs Redis memory.
 */
export class RedisImageStore implements ImageStore {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly ttlSeconds: number,
  ) {
    this.keys = redisKeys(prefix);
  }

  async put(key: string, image: StoredImage): Promise<void> {
    assertImageKey(key);
    assertImageSize(image);
    const redisKey = this.keys.image(key);
    await this.redis.multi().hset(redisKey, 'data', image.data, 'contentType', image.contentType).expire(redisKey, this.ttlSeconds).exec();
  }

  async get(key: string): Promise<StoredImage | undefined> {
    const [data, contentType] = await this.redis.hmgetBuffer(this.keys.image(key), 'data', 'contentType');
    if (!data || !contentType) return undefined;
    return { data, contentType: contentType.toString() };
  }

  /** Type and size without the bytes (admission checks need no 25 MB read). */
  async stat(key: string): Promise<{ contentType: string; size: number } | undefined> {
    const redisKey = this.keys.image(key);
    const [[, contentType], [, size]] = (await this.redis.multi().hget(redisKey, 'contentType').hstrlen(redisKey, 'data').exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    return contentType ? { contentType, size } : undefined;
  }

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.image(key))) === 1;
  }

  /** Redis expires images by itself. */
  async sweep(): Promise<number> {
    return 0;
  }
}

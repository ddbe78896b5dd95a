import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { apiKeyRecordSchema, ChangeFeed, redisKeys, type ApiKeyLimits, type ApiKeyRecord, type RedisKeys } from '@mjq/common';

/** Whether the API takes anybody's tasks from other machines: no key at all, and a non-loopback listen address. */
export function isOpenToOthers(host: string, anyKey: boolean): boolean {
  if (anyKey) return false;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return !(h === 'localhost' || h === '::1' || h.startsWith('127.'));
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * API keys made through the admin API. Only a key's sha256 is stored; a presented key is found by
 * its hash (one HGET), so no stored secret is ever compared byte by byte. The key itself is
 * returned once, by `create`. Whether any key exists is asked at every request without a key:
 * with a listening feed (change-feed.ts) it is answered from memory until a key is made.
 */
export class ApiKeyStore {
  private readonly keys: RedisKeys;
  private readonly feed: ChangeFeed;
  private readonly count: () => Promise<number>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    feed?: ChangeFeed,
  ) {
    this.keys = redisKeys(prefix);
    this.feed = feed ?? new ChangeFeed(redis, prefix);
    this.count = this.feed.memo('api-keys', () => this.redis.hlen(this.keys.apiKeys()));
  }

  async create(name: string, limits: ApiKeyLimits): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = `mjq_${randomBytes(24).toString('base64url')}`;
    const record: ApiKeyRecord = { id: `key_${randomBytes(6).toString('hex')}`, name, sha256: sha256Hex(key), limits, createdAt: Date.now() };
    await this.redis
      .multi()
      .hset(this.keys.apiKeys(), record.id, JSON.stringify(record))
      .hset(this.keys.apiKeyHashes(), record.sha256, record.id)
      .exec();
    await this.feed.announce('api-keys');
    return { record, key };
  }

  async list(): Promise<ApiKeyRecord[]> {
    const all = await this.redis.hvals(this.keys.apiKeys());
    return all.map((raw) => apiKeyRecordSchema.parse(JSON.parse(raw))).sort((a, b) => a.createdAt - b.createdAt);
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const raw = await this.redis.hget(this.keys.apiKeys(), id);
    return raw ? apiKeyRecordSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Revokes the key at once on every replica (its hash no longer resolves); its tasks stay its own. */
  async revoke(id: string): Promise<ApiKeyRecord | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    if (record.revokedAt) return record;
    const revoked = { ...record, revokedAt: Date.now() };
    await this.redis
      .multi()
      .hset(this.keys.apiKeys(), id, JSON.stringify(revoked))
      .hdel(this.keys.apiKeyHashes(), record.sha256)
      .exec();
    return revoked;
  }

  /** The live key whose sha256 this is. */
  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const id = await this.redis.hget(this.keys.apiKeyHashes(), hash);
    const record = id ? await this.get(id) : undefined;
    return record && !record.revokedAt ? record : undefined;
  }

  /**
   * Whether any key was ever made here: then task routes need a key even without API_KEYS. Revoked
   * keys count, so that revoking the last key closes the API rather than opening it to everyone.
   */
  async any(): Promise<boolean> {
    return (await this.count()) > 0;
  }
}

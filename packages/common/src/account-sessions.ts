import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * The live user-gateway sessions of each account, shared by every replica. Discord sends an
 * interaction's INTERACTION_CREATE/SUCCESS/MODAL_CREATE only to the session its `session_id`
 * names, so an interaction must name a session a listener really holds: each listener publishes
 * the id of its session (READY's, kept across RESUMEs, replaced after a new IDENTIFY) with a
 * short lease it keeps renewing, and withdraws it when the session is gone. Several listeners
 * give an account several live sessions; any of them serves.
 */
export class AccountSessions {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** How long a published session counts as live without being renewed. */
    readonly leaseMs = 30_000,
  ) {
    this.keys = redisKeys(prefix);
  }

  /** Publishes (or renews) a live session of the account. */
  async publish(accountId: string, sessionId: string, now = Date.now()): Promise<void> {
    const key = this.keys.accountSessions(accountId);
    await this.redis
      .multi()
      .zadd(key, now + this.leaseMs, sessionId)
      .zremrangebyscore(key, '-inf', now)
      .pexpire(key, this.leaseMs * 2)
      .exec();
  }

  async withdraw(accountId: string, sessionId: string): Promise<void> {
    await this.redis.zrem(this.keys.accountSessions(accountId), sessionId);
  }

  /** The freshest live session of each account (absent: none live), in one round trip. */
  async live(accountIds: string[], now = Date.now()): Promise<Map<string, string>> {
    if (!accountIds.length) return new Map();
    // A pipeline, not MULTI: independent reads need no transaction (and MULTI/EXEC are two commands more).
    const pipeline = this.redis.pipeline();
    for (const id of accountIds) pipeline.zrevrangebyscore(this.keys.accountSessions(id), '+inf', `(${now}`, 'LIMIT', 0, 1);
    const results = (await pipeline.exec()) ?? [];
    const sessions = new Map<string, string>();
    accountIds.forEach((id, i) => {
      const [err, found] = results[i] ?? [];
      const sessionId = !err && Array.isArray(found) ? (found[0] as string | undefined) : undefined;
      if (sessionId) sessions.set(id, sessionId);
    });
    return sessions;
  }
}

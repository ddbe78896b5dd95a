import type { Redis } from 'ioredis';
import { ChangeFeed } from './change-feed.js';
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
  private readonly feed: ChangeFeed;
  /** Every published session of the accounts asked for, per set of accounts: copies with a listening feed. */
  private readonly published = new Map<string, () => Promise<Map<string, [sessionId: string, until: number][]>>>();

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** How long a published session counts as live without being renewed. */
    readonly leaseMs = 30_000,
    /** A feed this process listens to (change-feed.ts): sessions are then read from a copy, kept true by the publishers' announcements. */
    feed?: ChangeFeed,
  ) {
    this.keys = redisKeys(prefix);
    this.feed = feed ?? new ChangeFeed(redis, prefix);
  }

  /**
   * Publishes (or renews) a live session of the account. A renewal is not announced: a copy is
   * younger than the feed's 10 s while a lease lasts 30 s and is renewed every 10 s.
   */
  async publish(accountId: string, sessionId: string, now = Date.now(), renewal = false): Promise<void> {
    const key = this.keys.accountSessions(accountId);
    await this.redis
      .multi()
      .zadd(key, now + this.leaseMs, sessionId)
      .zremrangebyscore(key, '-inf', now)
      .pexpire(key, this.leaseMs * 2)
      .exec();
    if (!renewal) await this.feed.announce('sessions');
  }

  async withdraw(accountId: string, sessionId: string): Promise<void> {
    await this.redis.zrem(this.keys.accountSessions(accountId), sessionId);
    await this.feed.announce('sessions');
  }

  /**
   * The freshest live session of each account (absent: none live). From a copy while it names a
   * live session for every account it had one for: a lease that ran out unrenewed (its listener
   * died) is read afresh, as is everything once a publisher announces a change.
   */
  async live(accountIds: string[], now = Date.now()): Promise<Map<string, string>> {
    if (!accountIds.length) return new Map();
    let all = await this.copyOf(accountIds)();
    if ([...all.values()].some((sessions) => sessions.length && sessions[0]![1] <= now)) all = await this.readAll(accountIds);
    const sessions = new Map<string, string>();
    for (const [id, published] of all) {
      const freshest = published.find(([, until]) => until > now);
      if (freshest) sessions.set(id, freshest[0]);
    }
    return sessions;
  }

  /** The remembered read of these accounts' sessions (kept for up to 64 sets of accounts). */
  private copyOf(accountIds: string[]): () => Promise<Map<string, [string, number][]>> {
    const name = accountIds.join('\n');
    const kept = this.published.get(name);
    if (kept) return kept;
    const read = this.feed.memo('sessions', () => this.readAll(accountIds));
    if (this.published.size < 64) this.published.set(name, read);
    return read;
  }

  /** Every account's published sessions, freshest first, in one round trip. */
  private async readAll(accountIds: string[]): Promise<Map<string, [string, number][]>> {
    // A pipeline, not MULTI: independent reads need no transaction (and MULTI/EXEC are two commands more).
    const pipeline = this.redis.pipeline();
    for (const id of accountIds) pipeline.zrevrangebyscore(this.keys.accountSessions(id), '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, 4);
    const results = (await pipeline.exec()) ?? [];
    return new Map(
      accountIds.map((id, i) => {
        const [err, found] = results[i] ?? [];
        const flat = !err && Array.isArray(found) ? (found as string[]) : [];
        const sessions: [string, number][] = [];
        for (let j = 0; j + 1 < flat.length; j += 2) sessions.push([flat[j]!, Number(flat[j + 1])]);
        return [id, sessions] as const;
      }),
    );
  }
}

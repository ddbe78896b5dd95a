import type { Redis } from 'ioredis';
import { accountInputSchema, accountSchema, type Account, type AccountInput } from './account.js';
import { redisKeys, type RedisKeys } from './keys.js';

/** Accounts in Redis, shared by every replica: public records in one hash, tokens in another. */
export class AccountRegistry {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix);
  }

  async list(): Promise<Account[]> {
    const all = await this.redis.hvals(this.keys.accounts());
    return all.map((json) => accountSchema.parse(JSON.parse(json))).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<Account | undefined> {
    const json = await this.redis.hget(this.keys.accounts(), id);
    return json ? accountSchema.parse(JSON.parse(json)) : undefined;
  }

  async token(id: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.accountTokens(), id)) ?? undefined;
  }

  /** Adds or replaces an account. `keepState` keeps an existing account's enabled/disabled state and mode. */
  async put(input: AccountInput, options: { keepState?: boolean } = {}): Promise<Account> {
    const { userToken, ...rest } = accountInputSchema.parse(input);
    let account = accountSchema.parse(rest);
    const existing = options.keepState ? await this.get(account.id) : undefined;
    if (existing) account = { ...account, enabled: existing.enabled, disabledReason: existing.disabledReason, mode: existing.mode };
    await this.redis
      .multi()
      .hset(this.keys.accounts(), account.id, JSON.stringify(account))
      .hset(this.keys.accountTokens(), account.id, userToken)
      .exec();
    return account;
  }

  async update(id: string, change: Partial<Pick<Account, 'enabled' | 'disabledReason' | 'mode' | 'concurrency' | 'waitSize'>>): Promise<Account | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const next = accountSchema.parse({ ...current, ...change });
    if (next.enabled) delete next.disabledReason;
    await this.redis.hset(this.keys.accounts(), id, JSON.stringify(next));
    return next;
  }

  disable(id: string, reason: string): Promise<Account | undefined> {
    return this.update(id, { enabled: false, disabledReason: reason });
  }

  enable(id: string): Promise<Account | undefined> {
    return this.update(id, { enabled: true });
  }
}

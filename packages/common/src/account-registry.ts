import type { Redis } from 'ioredis';
import { z } from 'zod';
import { accountInputSchema, accountSchema, type Account, type AccountInput } from './account.js';
import { ChangeFeed } from './change-feed.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';

const fields = accountSchema.shape;

/** An account as stored: its public record's JSON. */
const parseRecord = (json: string): Account => accountSchema.parse(JSON.parse(json));

/**
 * What may change on an existing account. The schema's defaults are unwrapped: a change names
 * only the fields it sets, and a default slipped in here would reset a field it does not name.
 */
const accountChangeSchema = z
  .object({
    enabled: fields.enabled.unwrap(),
    disabledReason: fields.disabledReason.unwrap(),
    mode: fields.mode.unwrap(),
    concurrency: fields.concurrency.unwrap(),
    waitSize: fields.waitSize.unwrap(),
  })
  .partial()
  .strict();
export type AccountChange = z.infer<typeof accountChangeSchema>;

/**
 * Accounts in Redis, shared by every replica: public records in one hash, tokens in another.
 * Every change is merged into the stored record by one Lua script, never read here and written
 * back: a 401 disabling an account and another replica's relax switch both survive.
 *
 * Every change is announced (change-feed.ts): a process given a listening feed reads the list
 * and tokens from its copy, not from Redis at each job.
 */
export class AccountRegistry {
  private readonly keys: RedisKeys;
  private readonly feed: ChangeFeed;
  private readonly accounts: () => Promise<Account[]>;
  private readonly tokens: () => Promise<Record<string, string>>;

  /** `feed`: a feed this process listens to (ChangeFeed.listen), to keep copies; else every read goes to Redis. */
  constructor(
    private readonly redis: Redis,
    prefix: string,
    feed?: ChangeFeed,
  ) {
    this.keys = redisKeys(prefix);
    this.feed = feed ?? new ChangeFeed(redis, prefix);
    this.accounts = this.feed.memo('accounts', async () => (await this.redis.hvals(this.keys.accounts())).map(parseRecord).sort((a, b) => a.id.localeCompare(b.id)));
    this.tokens = this.feed.memo('accounts', () => this.redis.hgetall(this.keys.accountTokens()));
  }

  /** Every account, by id (a copy of the list: the records themselves are shared, not to be changed). */
  async list(): Promise<Account[]> {
    return [...(await this.accounts())];
  }

  async get(id: string): Promise<Account | undefined> {
    const json = await this.redis.hget(this.keys.accounts(), id);
    return json ? parseRecord(json) : undefined;
  }

  async token(id: string): Promise<string | undefined> {
    return (await this.tokens())[id];
  }

  /** Adds or replaces an account. `keepState` keeps an existing account's enabled/disabled state and mode. */
  async put(input: AccountInput, options: { keepState?: boolean } = {}): Promise<Account> {
    const { userToken, ...rest } = accountInputSchema.parse(input);
    const account = accountSchema.parse(rest);
    const stored = (await runScript(
      this.redis,
      'put-account-2.lua',
      [this.keys.accounts(), this.keys.accountTokens()],
      [account.id, JSON.stringify(account), userToken, options.keepState ? '1' : '0'],
    )) as string;
    await this.feed.announce('accounts');
    return parseRecord(stored);
  }

  /**
   * (Re)declares the configured accounts, as every service does at start: each is put with
   * `keepState`, so an admin's disable or a relax switch made meanwhile survives a restart.
   */
  async putConfigured(accounts: readonly AccountInput[]): Promise<void> {
    for (const account of accounts) await this.put(account, { keepState: true });
  }

  /** Applies the change to the account as stored now; undefined when there is no such account. */
  async update(id: string, change: AccountChange): Promise<Account | undefined> {
    const valid = accountChangeSchema.parse(change);
    const stored = (await runScript(this.redis, 'update-account-1.lua', [this.keys.accounts()], [id, JSON.stringify(valid)])) as string | null;
    if (stored !== null) await this.feed.announce('accounts');
    return stored === null ? undefined : parseRecord(stored);
  }

  /** Counts a request refused by Discord's edge (never a reason to disable the account). */
  async recordEdgeBlock(id: string, at = Date.now()): Promise<Account | undefined> {
    const stored = (await runScript(this.redis, 'record-edge-block-1.lua', [this.keys.accounts()], [id, Math.round(at)])) as string | null;
    if (stored !== null) await this.feed.announce('accounts');
    return stored === null ? undefined : parseRecord(stored);
  }

  disable(id: string, reason: string): Promise<Account | undefined> {
    return this.update(id, { enabled: false, disabledReason: reason });
  }

  enable(id: string): Promise<Account | undefined> {
    return this.update(id, { enabled: true });
  }
}

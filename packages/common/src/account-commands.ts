import type { Redis } from 'ioredis';
import { z } from 'zod';
import { accountInfoSchema, accountObservedSchema, accountSettingsSchema, type AccountObserved } from './account-info.js';
import { randomUUID } from 'node:crypto';
import { ChangeFeed } from './change-feed.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';
import { TASK_MODES } from './task.js';

/** The account commands mjq sends (§3.2): no Midjourney job, no slot; `click` is a /settings choice. */
export const ACCOUNT_COMMANDS = ['info', 'settings', 'fast', 'relax', 'turbo', 'click'] as const;
export type AccountCommandName = (typeof ACCOUNT_COMMANDS)[number];

export const accountCommandSpecSchema = z.object({
  accountId: z.string(),
  command: z.enum(ACCOUNT_COMMANDS),
  /** A click on the /settings panel: a button, or the version select with its value. */
  click: z
    .object({ messageId: z.string(), messageFlags: z.number().int(), customId: z.string(), values: z.array(z.string()).optional() })
    .optional(),
  /** Who asked: the admin API (someone waits) or the periodic read / the relax fallback. */
  origin: z.enum(['admin', 'periodic', 'fallback']).default('admin'),
});
export type AccountCommandSpec = z.input<typeof accountCommandSpecSchema>;

/** What Midjourney answered, parsed by the listener. */
export const accountCommandResultSchema = z.object({
  info: accountInfoSchema.optional(),
  settings: accountSettingsSchema.optional(),
  jobMode: z.enum(TASK_MODES).optional(),
  /** The answer's text as shown (a mode switch's "Done! …"). */
  content: z.string().optional(),
});
export type AccountCommandResult = z.infer<typeof accountCommandResultSchema>;

export const accountCommandErrorSchema = z.object({ code: z.string(), message: z.string() });
export type AccountCommandError = z.infer<typeof accountCommandErrorSchema>;

export type AccountCommandState =
  | { status: 'queued' | 'sent'; spec: z.infer<typeof accountCommandSpecSchema> }
  | { status: 'done'; spec: z.infer<typeof accountCommandSpecSchema>; result: AccountCommandResult }
  | { status: 'failed'; spec: z.infer<typeof accountCommandSpecSchema>; error: AccountCommandError };

/** A request lives this long: whoever waits gives up far sooner (ACCOUNT_COMMAND_TIMEOUT_MS). */
const REQUEST_TTL_S = 600;

/**
 * Account commands in flight, shared by api (asks, waits), dispatcher (sends) and listener
 * (answers). A request is a hash whose fields each have one writer — `spec` the asker, `sentAt`
 * the dispatcher, `result`/`error` the listener or the dispatcher — so no write undoes another.
 * The answer is found by the nonce (the deferred reply's first message) and then by its message
 * id (the nonce-less edit that carries it; a /settings click's MESSAGE_UPDATE).
 */
export class AccountCommandStore {
  private readonly keys: RedisKeys;

  private readonly feed: ChangeFeed;
  /** Every account's observations (read at every send for the fast-hours check): a copy with a listening feed. */
  private readonly allObserved: () => Promise<Record<string, string>>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    feed?: ChangeFeed,
  ) {
    this.keys = redisKeys(prefix);
    this.feed = feed ?? new ChangeFeed(redis, prefix);
    this.allObserved = this.feed.memo('account-observed', () => this.redis.hgetall(this.keys.accountObserved()));
  }

  async create(spec: AccountCommandSpec): Promise<string> {
    const id = randomUUID();
    const valid = accountCommandSpecSchema.parse(spec);
    await this.redis.multi().hset(this.keys.accountCommand(id), 'spec', JSON.stringify(valid)).expire(this.keys.accountCommand(id), REQUEST_TTL_S).exec();
    return id;
  }

  async get(id: string): Promise<AccountCommandState | undefined> {
    const fields = await this.redis.hgetall(this.keys.accountCommand(id));
    if (!fields.spec) return undefined;
    const spec = accountCommandSpecSchema.parse(JSON.parse(fields.spec));
    if (fields.result) return { status: 'done', spec, result: accountCommandResultSchema.parse(JSON.parse(fields.result)) };
    if (fields.error) return { status: 'failed', spec, error: accountCommandErrorSchema.parse(JSON.parse(fields.error)) };
    return { status: fields.sentAt ? 'sent' : 'queued', spec };
  }

  /** Before the interaction leaves: its nonce (and a click's message) will name this request. */
  async linkSend(id: string, nonce: string, messageId?: string): Promise<void> {
    const tx = this.redis.multi().set(this.keys.accountCommandNonce(nonce), id, 'EX', REQUEST_TTL_S);
    if (messageId) tx.set(this.keys.accountCommandMessage(messageId), id, 'EX', REQUEST_TTL_S);
    await tx.exec();
  }

  async markSent(id: string): Promise<void> {
    await this.redis.hset(this.keys.accountCommand(id), 'sentAt', String(Date.now()));
  }

  /** The request a Midjourney message answers: by its nonce (linking its id), else by its id. */
  async findByMessage(messageId: string, nonce?: string): Promise<string | undefined> {
    if (nonce) {
      const id = await this.redis.get(this.keys.accountCommandNonce(nonce));
      if (id) {
        await this.redis.set(this.keys.accountCommandMessage(messageId), id, 'EX', REQUEST_TTL_S);
        return id;
      }
    }
    return (await this.redis.get(this.keys.accountCommandMessage(messageId))) ?? undefined;
  }

  /** The first answer wins (HSETNX): a replay or the other replica's copy changes nothing. */
  async resolve(id: string, result: AccountCommandResult): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.accountCommand(id), 'result', JSON.stringify(result))) === 1;
  }

  async fail(id: string, error: AccountCommandError): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.accountCommand(id), 'error', JSON.stringify(error))) === 1;
  }

  /** Waits for the answer until the deadline (polling: any replica may hold the request). */
  async wait(id: string, timeoutMs: number, pollMs = 100): Promise<AccountCommandState | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.get(id);
      if (!state || state.status === 'done' || state.status === 'failed' || Date.now() >= deadline) return state;
      await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
    }
  }

  async observed(accountId: string): Promise<AccountObserved> {
    const json = await this.redis.hget(this.keys.accountObserved(), accountId);
    return json ? accountObservedSchema.parse(JSON.parse(json)) : {};
  }

  async observedOf(accountIds: string[]): Promise<Map<string, AccountObserved>> {
    if (!accountIds.length) return new Map();
    const all = await this.allObserved();
    return new Map(accountIds.flatMap((id) => (all[id] ? [[id, accountObservedSchema.parse(JSON.parse(all[id]))] as const] : [])));
  }

  async observedAll(): Promise<Map<string, AccountObserved>> {
    const all = await this.allObserved();
    return new Map(Object.entries(all).map(([id, json]) => [id, accountObservedSchema.parse(JSON.parse(json))]));
  }

  /**
   * Merges what was just seen into the account's observations, in one script step: two answers
   * (an /info and a /settings) arriving together both survive. A field set to null is removed.
   */
  async observe(accountId: string, change: { [K in keyof AccountObserved]?: AccountObserved[K] | null }): Promise<AccountObserved> {
    const merged = (await runScript(this.redis, 'merge-account-observed-1.lua', [this.keys.accountObserved()], [accountId, JSON.stringify(change)])) as string;
    await this.feed.announce('account-observed');
    return accountObservedSchema.parse(JSON.parse(merged));
  }

  /**
   * Claims this account's periodic /info for `ms`: true for exactly one caller per period,
   * whichever process asks (the claim expires on its own).
   */
  async claimPeriodicInfo(accountId: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.accountInfoDue(accountId), '1', 'PX', Math.max(1, Math.round(ms)), 'NX')) === 'OK';
  }
}

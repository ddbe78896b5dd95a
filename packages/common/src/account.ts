import { z } from 'zod';
import { browserIdentityOverrideSchema } from './browser-identity.js';
import { maskProxyUrl, proxyUrlSchema } from './discord-proxy.js';
import type { Task } from './task.js';
import { TASK_MODES } from './task.js';

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord snowflake');

/**
 * A Midjourney account: a Discord user token plus where and how much it may run (Midjourney
 * allows 3 concurrent fast jobs on Standard, 12 on Pro). The token is write-only: it is kept
 * apart from this record and never returned by the API or logged.
 */
export const accountSchema = z.object({
  id: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, "_", "-" and "." only'),
  guildId: snowflake,
  channelId: snowflake,
  concurrency: z.number().int().min(1).max(50).default(3),
  // A deep queue is cheap (a waiting task is its record and its trigger job): 100k waiting is benchmarked.
  waitSize: z.number().int().min(0).max(1_000_000).default(10),
  mode: z.enum(TASK_MODES).default('fast'),
  /** Whether running out of fast hours may switch the account to relax mode. */
  relaxFallback: z.boolean().default(true),
  enabled: z.boolean().default(true),
  disabledReason: z.string().optional(),
  /** This account's browser, over the global one (DISCORD_USER_AGENT, …): browser-identity.ts. */
  browser: browserIdentityOverrideSchema.optional(),
  /**
   * This account's way out to Discord (REST, uploads, its gateway), over DISCORD_PROXY: accounts
   * leaving from one address are tied together. Its credentials are secrets: publicAccount masks them.
   */
  proxy: proxyUrlSchema.optional(),
  /**
   * Requests of this account refused by Discord's edge (Cloudflare's non-JSON 403) since it was
   * last declared, and when the latest came (ms since epoch): they say the client looks wrong,
   * not that the account is.
   */
  edgeBlocks: z.number().int().min(0).optional(),
  edgeBlockedAt: z.number().int().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** What an admin or MJ_ACCOUNTS declares: the record without what mjq observes, plus the token. */
export const accountInputSchema = accountSchema.omit({ edgeBlocks: true, edgeBlockedAt: true }).extend({ userToken: z.string().min(10) });
export type AccountInput = z.input<typeof accountInputSchema>;

/** The account as the API shows it: the proxy's credentials masked (`http://***@host:3128`). */
export function publicAccount(account: Account): Account {
  return account.proxy ? { ...account, proxy: maskProxyUrl(account.proxy) } : account;
}

/** MJ_ACCOUNTS: a JSON array of accounts with their tokens. */
export const accountListSchema = z.array(accountInputSchema);

/**
 * Accounts that may run a task, for admission (API) and sending (dispatcher) alike. A task bound
 * to an account (a click on its parent's message, a modal it received) runs only there, whatever
 * its mode: that message and modal exist only for that account. Any other task runs on an
 * enabled account in its mode, if it asks for one.
 */
export function accountsForTask(accounts: Account[], task: Pick<Task, 'accountId' | 'mode'>): Account[] {
  if (task.accountId) return accounts.filter((a) => a.enabled && a.id === task.accountId);
  return accounts.filter((a) => a.enabled && (!task.mode || a.mode === task.mode));
}

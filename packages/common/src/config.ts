import { z } from 'zod';
import { parseSuperProperties, uniqueAccountIds } from './config-parsers.js';
import { accountInputSchema, accountListSchema, accountSchema, type AccountInput } from './account.js';
import {
  browserIdentityOverrideSchema,
  browserIdentitySchema,
  DEFAULT_BROWSER_IDENTITY,
  mergeBrowserIdentity,
  type BrowserIdentity,
} from './browser-identity.js';
import { callbackEnvFields, callbackSettings, type CallbackSettings } from './callback-config.js';
import { describeConfigIssue } from './config-issues.js';
import { checkImageEnv, imageSettings, type ImageSettings, imageStoreEnvFields } from './image-store-config.js';
import { redisEnvFields, redisTopology } from './redis-env.js';
import type { RedisTarget } from './redis-plan.js';
import { withStandaloneSandbox } from './standalone-sandbox.js';
import { parseNoProxy, proxyUrlSchema } from './discord-proxy.js';

/**
 * The whole environment as one schema: parsed once at start-up, never read elsewhere.
 * Seed names (USER_TOKEN, BOT_TOKEN, GUILD_ID, CHANNEL_ID, CALLBACK_URL, CONCUR_SIZE, WAIT_SIZE)
 * are kept so that a midjourney-api .env works unchanged.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const snowflake = z.preprocess(
  emptyToUndefined,
  z.string().regex(/^\d{15,21}$/, 'must be a Discord snowflake (15–21 digits)').optional(),
);
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const absoluteUrl = z.string().url('must be an absolute URL');
const url = (def: string) => z.preprocess(emptyToUndefined, absoluteUrl.default(def));
const optionalUrl = z.preprocess(emptyToUndefined, absoluteUrl.optional());
const csv = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v ?? []),
  z.array(z.string()),
);

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  REDIS_URL: url('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[\w.-]+$/).default('mjq')),
  ...redisEnvFields,
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  PORT: int(8062, 0),
  PUBLIC_URL: optionalUrl,
  /** The dispatcher's and the listener's HTTP port for /metrics, /healthz, /readyz (the api uses PORT). */
  METRICS_PORT: int(9464, 0, 65535),
  /** How long a stop (SIGTERM) may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: int(25_000, 1000),
  // The seed variables become the `default` account: held to its rules here, so that a bad one
  // is listed with every other problem instead of failing the account's first write.
  USER_TOKEN: z.preprocess(emptyToUndefined, accountInputSchema.shape.userToken.optional()),
  BOT_TOKEN: optionalString,
  GUILD_ID: snowflake,
  CHANNEL_ID: snowflake,
  CALLBACK_URL: optionalUrl,
  CONCUR_SIZE: int(3, 1, accountSchema.shape.concurrency.unwrap().maxValue ?? undefined),
  WAIT_SIZE: int(10, 0, accountSchema.shape.waitSize.unwrap().maxValue ?? undefined),
  DISCORD_API_URL: url('https://discord.com'),
  MJ_APPLICATION_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d+$/).default('936929561302675456')),
  /** Midjourney's activity host (Vary (Region) editor submits); default https://<MJ_APPLICATION_ID>.discordsays.com. */
  MJ_ACTIVITY_URL: optionalUrl,
  /** The browser every account claims to be (browser-identity.ts); MJ_ACCOUNTS' `browser` goes over it. */
  DISCORD_USER_AGENT: z.preprocess(emptyToUndefined, browserIdentitySchema.shape.browser_user_agent.optional()),
  DISCORD_LOCALE: z.preprocess(emptyToUndefined, browserIdentitySchema.shape.system_locale.optional()),
  /** Super properties as JSON, or base64 of it as copied from a browser's X-Super-Properties header. */
  DISCORD_SUPER_PROPERTIES: z.preprocess(parseSuperProperties, browserIdentityOverrideSchema.optional()),
  /** The proxy every connection to Discord goes through (http, https, socks5); MJ_ACCOUNTS' `proxy` goes over it. */
  DISCORD_PROXY: z.preprocess(emptyToUndefined, proxyUrlSchema.optional()),
  /** Hosts reached directly despite DISCORD_PROXY (curl's syntax); `no_proxy` when unset. */
  NO_PROXY: optionalString,
  no_proxy: optionalString,
  API_KEYS: csv,
  ADMIN_KEYS: csv,
  MJ_ACCOUNTS: z.preprocess((v, ctx) => {
    if (typeof v !== 'string' || !v.trim()) return [];
    try {
      return JSON.parse(v) as unknown;
    } catch {
      // Without the parser's message: it quotes the text around the error, tokens included.
      ctx.addIssue({ code: 'custom', message: 'not valid JSON (a JSON array of accounts)' });
      return z.NEVER;
    }
  }, accountListSchema.superRefine(uniqueAccountIds)),
  DEFAULT_MODE: z.preprocess(emptyToUndefined, z.enum(['fast', 'relax', 'turbo']).default('fast')),
  DISCORD_MAX_RPS: int(5, 1),
  JOB_LOCK_MS: int(30_000, 1000),
  /**
   * After a send whose outcome is unknown (timeout, 5xx, cut connection), how long to look for
   * evidence that Discord took it before sending it again (with the same nonce).
   */
  SEND_EVIDENCE_MS: int(10_000, 0),
  /** Human pacing: the least time between two interactions of one account, plus a random jitter. */
  SEND_GAP_MS: int(1_000, 0),
  SEND_GAP_JITTER_MS: int(500, 0),
  TASK_TIMEOUT_S: int(600, 1),
  /** How often each enabled account's /info is read (seconds, jittered ±10 %); 0: only on demand. */
  ACCOUNT_INFO_INTERVAL_S: int(1800, 0),
  /** How long the admin API waits for Midjourney's answer to an account command before 504. */
  ACCOUNT_COMMAND_TIMEOUT_MS: int(30_000, 1000),
  /** How long POST /v1/api/trigger/message waits for the posted image before answering 504. */
  MESSAGE_WAIT_MS: int(30_000, 100),
  TASK_TTL_DAYS: int(30, 1),
  /** Stored images (uploads, result copies): IMAGE_STORE, IMAGE_STORE_DIR, S3_* (image-store-config.ts). */
  ...imageStoreEnvFields,
  /** How long stored images are kept; default TASK_TTL_DAYS. */
  IMAGE_TTL_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  ...callbackEnvFields,
  /** A sandbox running as its own service: used when no Discord credentials are set (standalone-sandbox.ts). */
  SANDBOX_URL: optionalUrl,
  SANDBOX_PORT: int(8090, 0),
  SANDBOX_SPEED: z.preprocess(emptyToUndefined, z.string().regex(/^(instant|realistic|\d+)$/).default('realistic')),
}).superRefine(checkImageEnv);

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  /** Where Redis is (REDIS_URL, or sentinels, or cluster nodes) and mjq's key prefix. */
  redis: RedisTarget & { prefix: string };
  http: { host: string; port: number; publicUrl?: string };
  /** A worker process's probe port (/metrics, /healthz, /readyz); 0 picks a free one. */
  metricsPort: number;
  shutdownTimeoutMs: number;
  discord: {
    apiUrl: string;
    userToken?: string;
    botToken?: string;
    guildId?: string;
    channelId?: string;
    applicationId: string;
    /** Where Vary (Region) edits are submitted (§3.4): Midjourney's activity, not Discord REST. */
    activityUrl: string;
    /** The global browser identity: the default with DISCORD_SUPER_PROPERTIES, _USER_AGENT and _LOCALE over it. */
    browser: BrowserIdentity;
    /** DISCORD_PROXY: a secret (its credentials); never log it. */
    proxy?: string;
    /** NO_PROXY's entries (discord-proxy.ts). */
    noProxy: string[];
  };
  account: { concurrency: number; waitSize: number };
  /** The seed's single account (USER_TOKEN, GUILD_ID, CHANNEL_ID, …) as `default`, then MJ_ACCOUNTS. */
  accounts: AccountInput[];
  /** Interactions per second per account token, whatever the queue holds. */
  discordMaxRps: number;
  /** How long a worker's job lock lasts; a crashed worker's jobs are taken over after about this long. */
  jobLockMs: number;
  /** How long an ambiguous send waits for evidence that it landed before it is resent. */
  sendEvidenceMs: number;
  /** Human pacing per account, shared by every dispatcher replica. */
  sendGap: { gapMs: number; jitterMs: number };
  adminKeys: string[];
  callbackUrl?: string;
  callbackAttempts: number;
  callbacks: CallbackSettings;
  apiKeys: string[];
  taskTimeoutS: number;
  /** Account commands (/info, /settings, /fast…): the periodic /info and how long the admin API waits. */
  accountCommands: { infoIntervalS: number; timeoutMs: number };
  messageWaitMs: number;
  taskTtlDays: number;
  images: ImageSettings;
  sandbox: { port: number; speed: string };
}

/** Every problem of the configuration, one line each, and never a value (tokens live there). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment, listing every bad variable at once (never just the first). */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withStandaloneSandbox(source));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeConfigIssue));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX, ...redisTopology(e) },
    http: { host: e.HOST, port: e.PORT, publicUrl: e.PUBLIC_URL },
    metricsPort: e.METRICS_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    discord: {
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
      userToken: e.USER_TOKEN,
      botToken: e.BOT_TOKEN,
      guildId: e.GUILD_ID,
      channelId: e.CHANNEL_ID,
      applicationId: e.MJ_APPLICATION_ID,
      activityUrl: (e.MJ_ACTIVITY_URL ?? `https://${e.MJ_APPLICATION_ID}.discordsays.com`).replace(/\/+$/, ''),
      browser: mergeBrowserIdentity(DEFAULT_BROWSER_IDENTITY, e.DISCORD_SUPER_PROPERTIES, {
        browser_user_agent: e.DISCORD_USER_AGENT,
        system_locale: e.DISCORD_LOCALE,
      }),
      proxy: e.DISCORD_PROXY,
      noProxy: parseNoProxy(e.NO_PROXY ?? e.no_proxy),
    },
    account: { concurrency: e.CONCUR_SIZE, waitSize: e.WAIT_SIZE },
    accounts: [...seedAccount(e), ...e.MJ_ACCOUNTS],
    discordMaxRps: e.DISCORD_MAX_RPS,
    jobLockMs: e.JOB_LOCK_MS,
    sendEvidenceMs: e.SEND_EVIDENCE_MS,
    sendGap: { gapMs: e.SEND_GAP_MS, jitterMs: e.SEND_GAP_JITTER_MS },
    adminKeys: e.ADMIN_KEYS,
    callbackUrl: e.CALLBACK_URL,
    ...callbackSettings(e),
    apiKeys: e.API_KEYS,
    taskTimeoutS: e.TASK_TIMEOUT_S,
    accountCommands: { infoIntervalS: e.ACCOUNT_INFO_INTERVAL_S, timeoutMs: e.ACCOUNT_COMMAND_TIMEOUT_MS },
    messageWaitMs: e.MESSAGE_WAIT_MS,
    taskTtlDays: e.TASK_TTL_DAYS,
    images: imageSettings(e, e.IMAGE_TTL_DAYS ?? e.TASK_TTL_DAYS),
    sandbox: { port: e.SANDBOX_PORT, speed: e.SANDBOX_SPEED },
  };
}

function seedAccount(e: Env): AccountInput[] {
  if (!e.USER_TOKEN || !e.GUILD_ID || !e.CHANNEL_ID) return [];
  return [
    {
      id: 'default',
      userToken: e.USER_TOKEN,
      guildId: e.GUILD_ID,
      channelId: e.CHANNEL_ID,
      concurrency: e.CONCUR_SIZE,
      waitSize: e.WAIT_SIZE,
      mode: e.DEFAULT_MODE,
    },
  ];
}

/** True when no Discord credentials are configured: `pnpm start` then runs on the sandbox. */
export function usesSandbox(config: Config): boolean {
  return !config.discord.userToken && !config.discord.botToken;
}

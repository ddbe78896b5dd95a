import { z } from 'zod';
import { isAllowEntry } from './address-policy.js';

/**
 * The callback variables of the environment schema (config.ts spreads them in): retry schedule,
 * signing secret, SSRF allow-list, delivery concurrency.
 */

/** Standard Webhooks' schedule: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (≈ 27.6 h). */
export const DEFAULT_CALLBACK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "500ms", "5s", "5m", "2h", "1d" → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

/** The delay before the next try after `attemptsMade` failed ones; past the list, the last entry repeats. */
export function callbackRetryDelay(scheduleMs: readonly number[], attemptsMade: number): number {
  return scheduleMs[Math.min(Math.max(attemptsMade, 1), scheduleMs.length) - 1] ?? 0;
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v);

// Standard Webhooks secrets: "whsec_" + base64 of the key; at least 128 bits.
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_<base64>')
  .refine((s) => Buffer.from(s.slice('whsec_'.length), 'base64').length >= 16, 'the key must be at least 16 bytes');

export const callbackEnvFields = {
  CALLBACK_RETRY_SCHEDULE: z.preprocess(
    (v) => list(emptyToUndefined(v) ?? DEFAULT_CALLBACK_RETRY_SCHEDULE),
    z
      .array(z.string())
      .min(1)
      .transform((items, ctx) => {
        const ms = items.map(parseDuration);
        if (ms.every((d) => d !== undefined)) return ms as number[];
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of durations such as 5s,5m,2h' });
        return z.NEVER;
      }),
  ),
  /** Total tries; by default one more than the schedule has retries. */
  CALLBACK_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  CALLBACK_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(50)),
  /** The least time between two progress (`generating`) callbacks of one task; 0 sends every step. */
  CALLBACK_PROGRESS_GAP_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(1000)),
  CALLBACK_ALLOW_HOSTS: z.preprocess(
    (v) => list(v ?? []),
    z.array(z.string().refine(isAllowEntry, 'each entry must be an IP address, a CIDR or a host name')),
  ),
  WEBHOOK_SECRET: z.preprocess(emptyToUndefined, webhookSecret.optional()),
};

export interface CallbackSettings {
  /** Delay before each retry, in ms. */
  retryScheduleMs: number[];
  /** Deliveries in flight at once (per listener); a task's own callbacks still go one at a time. */
  concurrency: number;
  /** IPs, CIDRs and host names a callback may reach although they are not public. */
  allowHosts: string[];
  /**
   * Progress steps of one task closer together than this send no callback (SSE still shows each):
   * the next step or the end reports the state. Midjourney edits its progress every few seconds.
   */
  progressGapMs: number;
  /** Standard Webhooks signing secret; unset → callbacks carry webhook-id/timestamp but no signature. */
  webhookSecret?: string;
}

type CallbackEnv = z.output<z.ZodObject<typeof callbackEnvFields>>;

export function callbackSettings(e: CallbackEnv): { callbacks: CallbackSettings; callbackAttempts: number } {
  return {
    callbacks: {
      retryScheduleMs: e.CALLBACK_RETRY_SCHEDULE,
      concurrency: e.CALLBACK_CONCURRENCY,
      allowHosts: e.CALLBACK_ALLOW_HOSTS,
      progressGapMs: e.CALLBACK_PROGRESS_GAP_MS,
      webhookSecret: e.WEBHOOK_SECRET,
    },
    callbackAttempts: e.CALLBACK_ATTEMPTS ?? e.CALLBACK_RETRY_SCHEDULE.length + 1,
  };
}

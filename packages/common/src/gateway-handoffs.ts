import type { Redis } from 'ioredis';
import { z } from 'zod';
import { redisKeys, type RedisKeys } from './keys.js';

/** What a new connection needs to RESUME a user-gateway session (§1.8). */
export const resumeStateSchema = z.object({
  sessionId: z.string().min(1),
  seq: z.number().int().min(0),
  resumeUrl: z.string().optional(),
});
export type ResumeState = z.infer<typeof resumeStateSchema>;

/**
 * Discord keeps a session that was not closed with 1000/1001 resumable for a few minutes, its
 * dispatches queued (§1.8). A hand-over older than this is not worth a try: IDENTIFY instead.
 */
const HANDOFF_TTL_S = 120;

/**
 * User-gateway sessions handed over between listener processes. A listener that stops
 * (SIGTERM, a rolling deploy) leaves its sessions resumable and records them here; the next
 * listener to open that account's gateway RESUMEs one and is replayed every Midjourney message
 * sent meanwhile, instead of starting a new session that would never see them.
 */
export class GatewayHandoffs {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix);
  }

  private key(accountId: string): string {
    return this.keys.gatewayHandoff(accountId);
  }

  async put(accountId: string, state: ResumeState): Promise<void> {
    await this.redis.multi().lpush(this.key(accountId), JSON.stringify(state)).expire(this.key(accountId), HANDOFF_TTL_S).exec();
  }

  /** One handed-over session of the account, taken by this caller alone (LPOP); undefined when none. */
  async take(accountId: string): Promise<ResumeState | undefined> {
    const raw = await this.redis.lpop(this.key(accountId));
    if (!raw) return undefined;
    const parsed = resumeStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }
}

import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * Discord snowflakes: milliseconds since the Discord epoch in the top bits, so ids sort by creation
 * time (REST history pages by id, clients compare them). Strictly increasing even within one
 * millisecond, because message order in the channel store is id order.
 */
export class SnowflakeGenerator {
  private last = 0n;

  next(now = Date.now()): string {
    const candidate = (BigInt(now) - DISCORD_EPOCH_MS) << 22n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString();
  }
}

/** Gateway session ids and interaction `session_id`s are 32 lower-case hex characters (§3.1). */
export function newSessionId(): string {
  return randomBytes(16).toString('hex');
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,20}$/.test(value);
}

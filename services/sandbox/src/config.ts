import type { UserSpec } from './accounts.js';
import type { FaultPatch, FaultSettings } from './faults/fault-settings.js';

export type Speed = 'instant' | 'realistic' | { stepMs: number };

export interface SandboxOptions {
  /** 0 = random free port; default 8090. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The base URL clients reach the sandbox at, when it differs from host:port (containers): it is
   * what `/gateway` hands out and what attachment URLs start with.
   */
  publicUrl?: string;
  /** The Midjourney account's user token (the "driver"); default "sandbox-user-token". */
  userToken?: string;
  /**
   * Several Midjourney accounts: each its own user id, gateway sessions, READY and job slots. The
   * first one is the driver (`userToken`/`userId`); default: the one user of `userToken`.
   */
  users?: UserSpec[];
  /** Faults in force from the start (and after every reset); default none. */
  faults?: FaultSettings;
  /** The listener bot's token; default "MTIwMDAw.sandbox.bot". */
  botToken?: string;
  /** Pace of the simulated Midjourney jobs; default 'realistic' (~1 s per step). */
  speed?: Speed;
  /** HELLO's heartbeat_interval; default 41250 ms as on Discord (§1.4). */
  heartbeatIntervalMs?: number;
  /** See RuntimeConfig.interactionEventsToAllSessions; default false. */
  interactionEventsToAllSessions?: boolean;
  log?: (msg: string) => void;
}

/** What can change while the sandbox runs (`configure()` and `POST /_sandbox/config`). */
export interface RuntimeConfig {
  speed: Speed;
  /**
   * How long Midjourney takes, after acknowledging an interaction (INTERACTION_SUCCESS), to post
   * the job's first message; default 0. Real Midjourney takes a second or more: a client that
   * takes "no message yet" for "not sent" resends into a running job.
   */
  responseDelayMs: number;
  /**
   * Send INTERACTION_* events to all of the user's sessions when the interaction names none of
   * them (the sandbox's old, lenient routing); default false, as on Discord.
   */
  interactionEventsToAllSessions: boolean;
  heartbeatIntervalMs: number;
  /** Privileged intent bits the application may use; others close with 4014 (§1.7). */
  privilegedIntents: number;
  /** Requests allowed per bucket, per token, per major parameter, per window (§2.3). */
  rateLimit: { limit: number; windowMs: number };
  /**
   * Side of a rendered /imagine grid, px (default 512; Midjourney's are larger). Drawing and
   * encoding them is most of the sandbox's CPU: a benchmark timing its client on the same cores
   * sets it small, so that what it measures is the client's time, not the renderer's.
   */
  gridSize: number;
}

export const DEFAULTS = {
  port: 8090,
  host: '127.0.0.1',
  userToken: 'sandbox-user-token',
  botToken: 'MTIwMDAw.sandbox.bot',
  speed: 'realistic' as Speed,
  responseDelayMs: 0,
  interactionEventsToAllSessions: false,
  heartbeatIntervalMs: 41_250,
  // GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT: the listener's app has them all enabled.
  privilegedIntents: (1 << 1) | (1 << 8) | (1 << 15),
  // Generous, so only a client that really hammers a route meets a 429.
  rateLimit: { limit: 50, windowMs: 1_000 },
  gridSize: 512,
};

/** What `configure()` takes: runtime settings, and `faults` (each key replaces that fault, null = off). */
export type ConfigPatch = Partial<RuntimeConfig> & { faults?: FaultPatch | null };

/** Delay between two steps of a Midjourney job. */
export function stepDelayMs(speed: Speed): number {
  if (speed === 'instant') return 0;
  if (speed === 'realistic') return 1_000;
  return speed.stepMs;
}

export function parseSpeed(value: unknown): Speed | undefined {
  if (value === 'instant' || value === 'realistic') return value;
  const ms = typeof value === 'object' && value !== null ? (value as { stepMs?: unknown }).stepMs : value;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? { stepMs: ms } : undefined;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Validates a JSON patch for the runtime config; lists every problem at once. */
export function parseConfigPatch(body: unknown): { patch: Partial<RuntimeConfig> } | { errors: string[] } {
  if (typeof body !== 'object' || body === null) return { errors: ['body must be a JSON object'] };
  const input = body as Record<string, unknown>;
  const patch: Partial<RuntimeConfig> = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'speed') {
      const speed = parseSpeed(value);
      if (speed) patch.speed = speed;
      else errors.push("speed must be 'instant', 'realistic', a number of ms or {stepMs}");
    } else if (key === 'interactionEventsToAllSessions') {
      if (typeof value === 'boolean') patch.interactionEventsToAllSessions = value;
      else errors.push('interactionEventsToAllSessions must be a boolean');
    } else if (key === 'responseDelayMs') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) patch.responseDelayMs = value;
      else errors.push('responseDelayMs must be a non-negative integer');
    } else if (key === 'heartbeatIntervalMs') {
      if (isCount(value)) patch.heartbeatIntervalMs = value;
      else errors.push('heartbeatIntervalMs must be a positive integer');
    } else if (key === 'privilegedIntents') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) patch.privilegedIntents = value;
      else errors.push('privilegedIntents must be a non-negative integer bitfield');
    } else if (key === 'rateLimit') {
      const rl = value as { limit?: unknown; windowMs?: unknown } | null;
      if (rl && isCount(rl.limit) && isCount(rl.windowMs)) patch.rateLimit = { limit: rl.limit, windowMs: rl.windowMs };
      else errors.push('rateLimit must be {limit, windowMs} with positive integers');
    } else if (key === 'gridSize') {
      // Even: a grid is four equal quadrants.
      if (isCount(value) && value % 2 === 0 && value >= 16 && value <= 2048) patch.gridSize = value;
      else errors.push('gridSize must be an even number of px from 16 to 2048');
    } else {
      errors.push(`unknown setting ${key}`);
    }
  }
  return errors.length > 0 ? { errors } : { patch };
}

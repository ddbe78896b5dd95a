import type { Redis } from 'ioredis';

/** One thing a service needs to do its work; true when it is usable right now. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface Readiness {
  ready: boolean;
  /** Each check's verdict by name: what an operator reads to see why a service is not ready. */
  checks: Record<string, boolean>;
}

/** A probe must answer within its own timeout even when a dependency hangs. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Runs every check at once; a check that throws or outlasts `timeoutMs` counts as failed. Ready
 * when all pass (no checks: ready).
 */
export async function checkReadiness(checks: Record<string, ReadinessCheck>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await passes(check, timeoutMs)] as const),
  );
  return { ready: entries.every(([, ok]) => ok), checks: Object.fromEntries(entries) };
}

async function passes(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Connected and answering: the status first, since a worker connection would queue a PING while down. */
export function redisAnswers(redis: Redis): ReadinessCheck {
  return async () => redis.status === 'ready' && (await redis.ping()) === 'PONG';
}


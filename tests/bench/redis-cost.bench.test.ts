import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '@mjq/common';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { testRedisUrl } from '../support/redis.js';
import { bullmqCommandsPerJob } from './bullmq-floor.js';
import { RedisMonitor } from './redis-monitor.js';

/**
 * What one imagine task costs Redis, end to end (API → dispatcher → sandbox → listener → store →
 * callback): commands (INFO commandstats, the commands run inside scripts included) and the bytes
 * kept once the task is finished (MEMORY USAGE of every key under the stack's prefix, images
 * excluded). Counts, not timings: noise cannot move them much. Targets from issue 14: ≤ 120
 * commands and ≤ 2 KB per task.
 *
 * Bytes are split by how long they stay: "kept" lives as long as the task (TASK_TTL_DAYS);
 * "transient" goes within a day — keys with a TTL of a day or less (send evidence, a finished
 * task's event stream) and the queues' finished jobs (removed an hour after completion).
 */
const N = Number(process.env.BENCH_TASKS ?? 60);
/** BENCH_STEP_MS: Midjourney's pace (ms per job step; default instant). At a real pace jobs wait for slots longer. */
const STEP_MS = process.env.BENCH_STEP_MS ? Number(process.env.BENCH_STEP_MS) : undefined;
const COMMAND_TARGET = 120;
const BYTES_TARGET = 2048;
let e2e: E2eStack;
let redis: Redis;

beforeAll(async () => {
  e2e = await startE2eStack('redis-cost', { env: { WAIT_SIZE: String(N * 2), DISCORD_MAX_RPS: '1000' }, speed: STEP_MS === undefined ? 'instant' : { stepMs: STEP_MS } });
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis?.quit();
  await e2e?.stop();
});

async function commandStats(): Promise<Map<string, number>> {
  const stats = new Map<string, number>();
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) stats.set(match[1]!, Number(match[2]));
  return stats;
}

const QUEUES = new Set<string>(Object.values(QUEUE_NAMES));
const DAY_S = 24 * 3600;

/** Bytes of every key under the prefix except stored images (those leave Redis by default). */
async function keptBytes(): Promise<{ total: number; transient: number; byKind: Map<string, number> }> {
  const byKind = new Map<string, number>();
  let total = 0;
  let transient = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${e2e.prefix}}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const kind = key.slice(e2e.prefix.length + 3).split(':')[0]!;
      if (kind === 'image') continue;
      const bytes = (await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0;
      const ttl = await redis.ttl(key);
      if (QUEUES.has(kind) || (ttl > 0 && ttl <= DAY_S)) {
        transient += bytes;
        continue;
      }
      byKind.set(kind, (byKind.get(kind) ?? 0) + bytes);
      total += bytes;
    }
  } while (cursor !== '0');
  return { total, transient, byKind };
}

const ended = () => e2e.receiver.received.filter((c) => c.body.type === 'end').length;

describe('redis cost per task', () => {
  it(`runs ${N} imagines and reports the Redis commands and bytes each one costs`, async () => {
    const bytesBefore = await keptBytes();
    // BENCH_MONITOR=1: also list the commands by the script they ran in (MONITOR slows Redis down).
    const monitor = process.env.BENCH_MONITOR === '1' ? new RedisMonitor() : undefined;
    await monitor?.start(testRedisUrl());
    const before = await commandStats();
    const api = e2e.stack.api.url;
    await Promise.all(
      Array.from({ length: N }, (_, i) => fetch(`${api}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt: `cost ${i}` }) })),
    );
    // The receiver, not the API, tells when tasks end: polling would add its own commands.
    await e2e.receiver.waitFor(() => ended() >= N, 120_000);
    const after = await commandStats();
    await monitor?.stop();
    if (monitor) console.log(['', 'commands per task by script (MONITOR):', ...monitor.report(N)].join('\n'));
    const bytesAfter = await keptBytes();

    const delta = [...after].map(([name, calls]) => [name, calls - (before.get(name) ?? 0)] as const).filter(([, n]) => n > 0);
    delta.sort((a, b) => b[1] - a[1]);
    const commands = delta.reduce((sum, [, n]) => sum + n, 0) / N;
    const bytes = (bytesAfter.total - bytesBefore.total) / N;
    const transient = (bytesAfter.transient - bytesBefore.transient) / N;
    const kinds = [...bytesAfter.byKind].map(([kind, b]) => [kind, (b - (bytesBefore.byKind.get(kind) ?? 0)) / N] as const).sort((a, b) => b[1] - a[1]);
    const callbacksPerTask = e2e.receiver.received.length / N;
    // Measured after the run, on the same Redis: BullMQ's share of a task (its trigger job).
    const bullmq = await bullmqCommandsPerJob(testRedisUrl(), `${e2e.prefix}-floor`, N);
    console.log(
      [
        '',
        `redis cost, ${N} imagine tasks, sandbox speed ${STEP_MS === undefined ? 'instant' : `${STEP_MS} ms per step`}, ${callbacksPerTask.toFixed(1)} callbacks per task`,
        'commands per task (top 15):',
        ...delta.slice(0, 15).map(([name, n]) => `  ${name.padEnd(28)} ${(n / N).toFixed(1).padStart(7)}`),
        'bytes kept for the task lifetime per finished task, by key kind:',
        ...kinds.map(([kind, b]) => `  ${kind.padEnd(28)} ${b.toFixed(0).padStart(7)}`),
        `BullMQ's own life cycle of one job (add, active, completed; same options, same Redis): ${bullmq.toFixed(0)} commands`,
        `redis commands per task: ${commands.toFixed(0)} (target ≤ ${COMMAND_TARGET}), ${(commands - bullmq).toFixed(0)} beyond the trigger job's own BullMQ life cycle`,
        `redis bytes transient per task (gone within a day): ${transient.toFixed(0)}`,
        `redis bytes per finished task: ${bytes.toFixed(0)} (target ≤ ${BYTES_TARGET})`,
      ].join('\n'),
    );
    expect(ended()).toBe(N);
  });
});

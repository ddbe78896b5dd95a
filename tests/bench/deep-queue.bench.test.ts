import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MjqServices } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';
import { killAll } from '../support/processes.js';
import { startRedisServer } from '../support/redis-servers.js';
import { sandboxAccountsEnv, startSandboxProcess, type SandboxProcess } from '../support/sandbox-process.js';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { QUEUE_NAMES, redisKeys } from '@mjq/common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * 100k tasks queued (issue 14): the enqueue rate holds from the first 10k to the last 10k, and the
 * first of them still dispatches promptly — the time from the dispatcher's start to the first
 * SUCCESS with 100k waiting, against the same with one task waiting. The sandbox runs at instant
 * speed, on a redis-server of the bench's own (thrown away whole, not scanned key by key).
 */
const QUEUED = Number(process.env.BENCH_QUEUED ?? 100_000);
const SLICE = Math.min(10_000, Math.floor(QUEUED / 5));
const CONNECTIONS = 32;
const ENQUEUE_TARGET = 0.8;
const FIRST_TARGET = 2;
const TOKEN = 'deep-queue-user-token';
const PREFIX = 'deep';
let mjq: MjqServices;
let dir: string;
let sandbox: SandboxProcess;
let redisUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mjq-deep-queue-'));
  const redis = await startRedisServer(dir);
  redisUrl = `redis://127.0.0.1:${redis.port}`;
  sandbox = await startSandboxProcess({ tokens: [TOKEN], speed: 'instant' });
  mjq = await new MjqServices({
    REDIS_URL: redisUrl,
    REDIS_PREFIX: PREFIX,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...sandboxAccountsEnv(sandbox.url, [TOKEN], { concurrency: 3, waitSize: QUEUED + 10 }),
    DISCORD_MAX_RPS: '1000',
    SEND_GAP_MS: '0',
  }).start('child');
  // Not yet: the queue fills first.
  mjq.killDispatcher();
}, 120_000);
afterAll(async () => {
  mjq?.killDispatcher();
  // Not mjq.stop(): it would scan the 100k tasks' keys off a Redis that is thrown away whole.
  await mjq?.api?.stop();
  await mjq?.listener?.stop();
  await killAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** `count` imagines over CONNECTIONS loops; the time each slice of SLICE acceptances took. */
async function enqueue(count: number, label: string): Promise<{ ids: string[]; sliceMs: number[] }> {
  const ids: string[] = new Array(count);
  const sliceMs: number[] = [];
  let next = 0;
  let accepted = 0;
  let sliceStart = performance.now();
  const loop = async () => {
    while (next < count) {
      const i = next++;
      // Not a bare number: some are banned words (the seed's list has "1488").
      const res = await fetch(`${mjq.api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt: `${label} n${i}` }) });
      const body = (await res.json()) as { trigger_id?: string };
      if (!body.trigger_id) throw new Error(`imagine ${i} refused: ${res.status} ${JSON.stringify(body)}`);
      ids[i] = body.trigger_id;
      if (++accepted % SLICE === 0) {
        const now = performance.now();
        sliceMs.push(now - sliceStart);
        sliceStart = now;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return { ids, sliceMs };
}

/** From the dispatcher's start to the first task's SUCCESS (ms). */
async function firstSuccess(id: string): Promise<number> {
  const t0 = performance.now();
  mjq.spawnDispatcher();
  await pollUntil(() => mjq.task(id), (t) => t.status === 'SUCCESS', 120_000);
  const ms = performance.now() - t0;
  // Gracefully: the jobs waiting in it go back to the queue (killed, they would stay locked for JOB_LOCK_MS).
  await mjq.terminateDispatcher();
  return ms;
}

/** Commands the bench's own Redis ran per second over `windowMs` (everything on it is mjq's, or this bench's two INFO calls). */
async function commandsPerSecond(windowMs: number): Promise<number> {
  const redis = new Redis(redisUrl);
  const total = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1]);
  const before = await total();
  await sleep(windowMs);
  const after = await total();
  await redis.quit();
  return ((after - before) / windowMs) * 1000;
}

/**
 * What the queue costs Redis while it waits: the dispatcher running, every slot busy on long jobs
 * (the sandbox at 5 s per step), the rest of the queue waiting. Before the session that made jobs
 * wait in the dispatcher while every account is full, each was fetched, claimed and parked, then
 * re-run every 30–60 s.
 */
async function idleCost(queued: number): Promise<number> {
  await sandbox.post('/_sandbox/config', { speed: { stepMs: 5000 } });
  mjq.spawnDispatcher();
  await pollUntil(() => sandbox.state(), (s) => s.jobs.running === 3, 60_000);
  // The intake done: the worker's eight jobs (TRIGGER_CONCURRENCY) all wait for a slot in it, the rest are queued.
  const redis = new Redis(redisUrl);
  const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(PREFIX).bullPrefix });
  await pollUntil(() => queue.getActiveCount(), (n) => n === 8, 60_000);
  await queue.close();
  redis.disconnect();
  const perSecond = await commandsPerSecond(10_000);
  await mjq.terminateDispatcher();
  console.log(`  with ${queued} queued and every slot busy: ${perSecond.toFixed(0)} Redis commands/s`);
  return perSecond;
}

describe('a deep queue', () => {
  it(`enqueues ${QUEUED} imagines at a steady rate and still dispatches the first promptly`, async () => {
    // Baseline: one task waiting.
    const alone = await enqueue(1, 'alone');
    const emptyMs = await firstSuccess(alone.ids[0]!);

    const t0 = performance.now();
    const { ids, sliceMs } = await enqueue(QUEUED, 'deep');
    const totalS = (performance.now() - t0) / 1000;
    const rate = (ms: number) => SLICE / (ms / 1000);
    const first = rate(sliceMs[0]!);
    const last = rate(sliceMs.at(-1)!);
    const fullMs = await firstSuccess(ids[0]!);
    const idle = await idleCost(QUEUED);

    console.log(
      [
        '',
        `deep queue: ${QUEUED} imagines through the API (${CONNECTIONS} connections), one account × 3 slots, sandbox instant`,
        `  ${'slice'.padEnd(20)} ${'tasks/s'.padStart(8)}`,
        ...sliceMs.map((ms, i) => `  ${`${i * SLICE + 1}–${(i + 1) * SLICE}`.padEnd(20)} ${rate(ms).toFixed(0).padStart(8)}`),
        `  all ${QUEUED} in ${totalS.toFixed(0)} s: ${(QUEUED / totalS).toFixed(0)} tasks/s`,
        `  dispatcher start → first SUCCESS: ${emptyMs.toFixed(0)} ms with 1 waiting, ${fullMs.toFixed(0)} ms with ${QUEUED} waiting`,
        `  while it waits behind busy slots: ${idle.toFixed(0)} Redis commands/s (${((idle / QUEUED) * 1000).toFixed(1)} per 1 000 queued tasks)`,
        `deep queue enqueue rate, last ${SLICE} / first ${SLICE}: ${(last / first).toFixed(2)} (target ≥ ${ENQUEUE_TARGET}); first dispatch with ${QUEUED} waiting / with 1: ${(fullMs / emptyMs).toFixed(2)} (target ≤ ${FIRST_TARGET})`,
      ].join('\n'),
    );
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
  }, 900_000);
});

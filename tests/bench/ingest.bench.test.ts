import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
// autocannon: no types shipped; the few fields read here are typed below.
import autocannon from 'autocannon';
import { freePort } from '@mjq/common';
import { pollUntil } from '../support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../support/redis.js';

/**
 * Ingest: POST /v1/api/trigger/imagine on the API alone (no dispatcher: jobs just queue), against
 * a bare express 5 server that validates the same body with the same zod schema and does one
 * BullMQ queue.add on the same Redis, in the same run. Both are child processes; autocannon
 * (50 connections) runs here. Rounds alternate bare/api so that a machine busy with something
 * else weighs on both, and the medians of the rounds are compared; each server is fresh per round
 * (the API's wait queue holds 10,000 tasks). CPU per request (from /proc) is printed too: on a
 * shared machine it moves less than throughput does.
 * Targets: ingest ≥ 0.8× the bare server's, p99 ≤ 2× its p99.
 */
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_INGEST_REQUESTS ?? 6000);
const WARMUP = Number(process.env.BENCH_INGEST_WARMUP ?? 1000);
const CONNECTIONS = 50;

interface Cannon {
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonRun {
  on(event: 'response', listener: () => void): void;
}
const autocannonRun = autocannon as unknown as (opts: object, done: (err: Error | null, result: Cannon) => void) => CannonRun;

/**
 * A run, and its wall time up to the last response: autocannon's own start/finish span its
 * once-a-second ticks (a run of 2.1 s reports about 3 s), which on a fast machine makes the
 * rate of a 6,000-request run a multiple of 6,000/n.
 */
function cannon(opts: object): Promise<{ result: Cannon; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const run = autocannonRun(opts, (err, result) => (err ? reject(err) : resolve({ result, seconds: (last - started) / 1000 })));
    run.on('response', () => (last = performance.now()));
  });
}

interface Server {
  url: string;
  prefix: string;
  /** CPU time the server process has used so far (user + system), from /proc: robust on a busy machine. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const children: ChildProcess[] = [];
const prefixes: string[] = [];

async function startServer(kind: 'api' | 'bare'): Promise<Server> {
  const port = await freePort('127.0.0.1');
  const prefix = testPrefix(`ingest-${kind}`);
  prefixes.push(prefix);
  const main = kind === 'api' ? root('services/api/dist/main.js') : root('tests/bench/bare-ingest-server.mjs');
  const env = {
    ...process.env,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    NODE_ENV: 'production',
    // The seed's single account, never contacted: no dispatcher runs.
    USER_TOKEN: 'bench-user-token',
    GUILD_ID: '1100000000000000001',
    CHANNEL_ID: '1100000000000000002',
    WAIT_SIZE: '100000',
    IMAGE_STORE: 'redis',
  };
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), main], { env, stdio: ['ignore', 'ignore', 'inherit'], cwd: root('.') });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await pollUntil(() => fetch(`${url}/healthz`).then((r) => r.status, () => 0), (s) => s === 200, 30_000);
  return {
    url,
    prefix,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const CLOCK_TICKS_PER_MS = 100 / 1000;
function processCpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: utime, stime in ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
}

async function commandCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

interface Round {
  server: 'api' | 'bare';
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  commandsPerRequest: number;
  cpuMsPerRequest: number;
}

async function measure(kind: 'api' | 'bare', redis: Redis): Promise<Round> {
  const server = await startServer(kind);
  try {
    const target = { url: `${server.url}/v1/api/trigger/imagine`, method: 'POST', connections: CONNECTIONS, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'a red fox in snow --ar 3:2' }) };
    await cannon({ ...target, amount: WARMUP });
    const before = await commandCalls(redis);
    const cpuBefore = server.cpuMs();
    const { result: r, seconds } = await cannon({ ...target, amount: REQUESTS });
    const cpu = server.cpuMs() - cpuBefore;
    const calls = (await commandCalls(redis)) - before - 1;
    return { server: kind, rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], failed: r.non2xx + r.errors + r.timeouts, commandsPerRequest: calls / Math.max(1, r['2xx']), cpuMsPerRequest: cpu / Math.max(1, r['2xx']) };
  } finally {
    await server.stop();
  }
}

/** The median of the rounds: one round disturbed by another process on the machine moves it least. */
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const pad = (v: string | number, n: number) => String(v).padStart(n);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const redis = new Redis(testRedisUrl());
  for (const prefix of prefixes) await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('ingest: POST /v1/api/trigger/imagine, api alone vs a bare express + queue.add', () => {
  it('prints the ratio against the bare server of the same run', async () => {
    const redis = new Redis(testRedisUrl());
    const rounds: Round[] = [];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        rounds.push(await measure('bare', redis));
        rounds.push(await measure('api', redis));
      }
    } finally {
      await redis.quit();
    }
    const lines = [
      `${'server'.padEnd(6)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('2xx', 6)} ${pad('failed', 6)} ${pad('redis cmds/req', 15)} ${pad('cpu ms/req', 11)}`,
      ...rounds.map((r) => `${r.server.padEnd(6)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.ok, 6)} ${pad(r.failed, 6)} ${pad(r.commandsPerRequest.toFixed(1), 15)} ${pad(r.cpuMsPerRequest.toFixed(2), 11)}`),
    ];
    const of = (kind: Round['server']) => rounds.filter((r) => r.server === kind);
    const ratio = median(of('api').map((r) => r.rps)) / median(of('bare').map((r) => r.rps));
    const p99Ratio = median(of('api').map((r) => r.p99)) / median(of('bare').map((r) => r.p99));
    const cpuRatio = median(of('api').map((r) => r.cpuMsPerRequest)) / median(of('bare').map((r) => r.cpuMsPerRequest));
    console.log(
      `${lines.join('\n')}\ningest ratio ${ratio.toFixed(2)}× (target ≥ 0.8×), p99 ratio ${p99Ratio.toFixed(2)}× (target ≤ 2×), CPU per request ${cpuRatio.toFixed(2)}× the bare server's; ${CONNECTIONS} connections, ${REQUESTS} requests × ${ROUNDS} rounds`,
    );
    for (const r of rounds) expect(r.failed, `${r.server}: every request accepted`).toBe(0);
  });
});

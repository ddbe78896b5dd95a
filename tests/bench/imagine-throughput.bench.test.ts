import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { startStack, type Stack } from '@mjq/stack';
import { pollUntil } from '../support/poll.js';
import { dropPrefixAt, testPrefix, testRedisUrl } from '../support/redis.js';

/**
 * Throughput of N imagines through mjq (API → queue → dispatcher → sandbox → gateway → listener →
 * store), against a baseline measured in the same run: the same N /imagine interactions posted
 * straight to a sandbox by a bare client, timed until the sandbox has produced every result. The
 * ratio is mjq's overhead over the fake Midjourney itself; the sandbox and its limits (3 jobs at a
 * time per account) are the same on both sides.
 */
const N = Number(process.env.BENCH_TASKS ?? 60);
const prefix = testPrefix('bench');
let stack: Stack;
let bare: Sandbox;

beforeAll(async () => {
  bare = await startSandbox({ port: 0, speed: 'instant' });
  stack = await startStack({
    // The per-token send cap (DISCORD_MAX_RPS, default 5/s) is a safety limit, not pipeline cost:
    // lifted here so that the ratio measures mjq's own overhead.
    env: { REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', WAIT_SIZE: String(N * 2), DISCORD_MAX_RPS: '1000', SEND_GAP_MS: '0' },
    sandbox: { port: 0, speed: 'instant' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await bare?.stop();
  await dropPrefixAt(testRedisUrl(), prefix);
});

const results = (s: Sandbox) => s.state.messages.all().filter((m) => !m.deleted && m.message.components.length > 0).length;

async function baseline(): Promise<number> {
  const auth = { authorization: bare.userToken, 'content-type': 'application/json' };
  const index = (await (await fetch(`${bare.apiBase}/v9/guilds/${bare.guildId}/application-command-index`, { headers: auth })).json()) as {
    application_commands: { id: string; version: string; name: string }[];
  };
  const imagine = index.application_commands.find((c) => c.name === 'imagine')!;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      fetch(`${bare.apiBase}/v9/interactions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          type: 2,
          application_id: bare.applicationId,
          guild_id: bare.guildId,
          channel_id: bare.channelId,
          session_id: 'b3d7a1f0c9e24c5aa0f1d2e3c4b5a697',
          nonce: String(1290000000000000000n + BigInt(i)),
          data: { version: imagine.version, id: imagine.id, name: 'imagine', type: 1, options: [{ type: 3, name: 'prompt', value: `bench ${i}` }], attachments: [] },
        }),
      }),
    ),
  );
  await pollUntil(async () => results(bare), (n) => n >= N, 120_000);
  return performance.now() - t0;
}

async function throughMjq(): Promise<number> {
  const t0 = performance.now();
  const ids = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const res = await fetch(`${stack.api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt: `bench ${i}` }) });
      return ((await res.json()) as { trigger_id: string }).trigger_id;
    }),
  );
  for (const id of ids) {
    await pollUntil(async () => ((await (await fetch(`${stack.api.url}/v1/tasks/${id}`)).json()) as { status: string }).status, (s) => s === 'SUCCESS', 120_000);
  }
  return performance.now() - t0;
}

/** Commands the Redis server has processed so far (every client's: run the bench on a quiet server). */
async function redisCommands(): Promise<number> {
  const redis = new Redis(testRedisUrl());
  const stats = await redis.info('stats');
  await redis.quit();
  return Number(/total_commands_processed:(\d+)/.exec(stats)?.[1] ?? NaN);
}

describe('imagine throughput', () => {
  it(`runs ${N} imagines through mjq and reports the ratio to the bare sandbox`, async () => {
    const base = await baseline();
    const before = await redisCommands();
    const mjq = await throughMjq();
    // Redis load per task, the bench's own status polling included: what waiting tasks cost.
    const perTask = ((await redisCommands()) - before) / N;
    const row = (name: string, ms: number) => `${name.padEnd(16)} ${ms.toFixed(0).padStart(7)} ms  ${((N / ms) * 1000).toFixed(1).padStart(7)} tasks/s`;
    console.log(['', `imagine throughput, ${N} tasks, sandbox speed instant`, row('bare sandbox', base), row('through mjq', mjq), `ratio mjq / baseline: ${(mjq / base).toFixed(2)}×`, `redis commands per task: ${perTask.toFixed(0)}`].join('\n'));
    expect(mjq).toBeGreaterThan(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, serveProbes } from '@mjq/common';
import { start as startApi, type ApiService } from '@mjq/api';
import { start as startDispatcher } from '@mjq/dispatcher';
import { start as startListener } from '@mjq/listener';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { MjqClient } from '../support/mjq-client.js';
import { sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';
import { sampleSum, scrape } from '../support/prometheus.js';
import { startRedisOnFreePort, startRedisServer, stopRedisServer } from '../support/redis-process.js';

const ADMIN_KEY = 'observability-admin-key';
/** Three services, a sandbox and a Redis start here: on a loaded machine that takes a while. */
const HOOK_TIMEOUT_MS = 120_000;
const PERSISTENT = ['--save', '', '--appendonly', 'yes'];

describe('dashboard and metrics on the stack', () => {
  let e2e: E2eStack;
  let url: string;
  beforeAll(async () => {
    e2e = await startE2eStack('obs', { env: { ADMIN_KEYS: ADMIN_KEY } });
    url = e2e.stack.api.url;
  }, HOOK_TIMEOUT_MS);
  afterAll(() => e2e?.stop(), HOOK_TIMEOUT_MS);

  it('shows every mjq queue at /admin/queues, behind the admin key', async () => {
    const refused = await fetch(`${url}/admin/queues`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await fetch(`${url}/admin/queues/api/queues`, { headers: { 'x-admin-key': 'wrong' } })).status).toBe(401);

    const page = await fetch(`${url}/admin/queues`, { headers: { 'x-admin-key': ADMIN_KEY } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // The list the page renders, as a browser gets it with the key as a Basic password.
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}`;
    const api = await fetch(`${url}/admin/queues/api/queues`, { headers: { authorization: basic } });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(['account-command', 'callback', 'trigger']);
  });

  it('moves the task, Discord and callback counters during an imagine', async () => {
    const before = await scrape(url);
    const client = new MjqClient(url);
    const id = await client.trigger('imagine', { prompt: 'a fox counted by prometheus' });
    await client.succeeded(id);
    await e2e.receiver.waitFor(() => e2e.receiver.forTask(id).some((c) => c.type === 'end'));
    const delta = (text: string, name: string, labels?: Record<string, string>) => sampleSum(text, name, labels) - sampleSum(before, name, labels);
    // As many as the receiver got (progress steps overtaken in the listener send none, so that
    // varies); the count follows the receiver's answer: wait for it rather than race it.
    const received = e2e.receiver.forTask(id).length;
    expect(received).toBeGreaterThanOrEqual(2);
    const after = await pollUntil(() => scrape(url), (text) => delta(text, 'mjq_callback_deliveries_total', { outcome: 'delivered' }) >= received);
    expect(delta(after, 'mjq_callback_deliveries_total', { outcome: 'delivered' })).toBe(received);
    expect(delta(after, 'mjq_tasks_submitted_total', { action: 'IMAGINE' })).toBe(1);
    expect(delta(after, 'mjq_tasks_finished_total', { action: 'IMAGINE', status: 'SUCCESS' })).toBe(1);
    expect(delta(after, 'mjq_task_duration_seconds_count', { action: 'IMAGINE', status: 'SUCCESS' })).toBe(1);
    expect(delta(after, 'mjq_discord_requests_total', { method: 'POST', route: '/interactions', status: '204' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^mjq_queue_jobs\{queue="trigger",state="waiting"\} \d+$/m);
    expect(after).toMatch(/^mjq_queue_jobs\{queue="callback",state="failed"\} \d+$/m);
    expect(after).toMatch(/^mjq_account_slots_in_use\{account="default"\} 0$/m);
    for (const name of ['mjq_discord_rate_limited_total', 'mjq_gateway_reconnects_total', 'mjq_unmatched_messages_total', 'mjq_redis_command_errors_total']) {
      expect(after).toContain(`# TYPE ${name} counter`);
    }
  });
});

describe('readiness follows Redis', () => {
  let redis: ChildProcess;
  let port: number;
  let dir: string;
  let sandbox: Sandbox;
  let api: ApiService;
  const stops: (() => Promise<void>)[] = [];
  const probes: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mjq-readyz-'));
    // Kept on disk across the restart, as a real Redis with persistence would be.
    ({ child: redis, port } = await startRedisOnFreePort(dir, PERSISTENT));
    sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: 'readyz-user-token' }] });
    const env = sandboxEnv(sandbox, [{ id: 'a', token: 'readyz-user-token' }], { REDIS_URL: `redis://127.0.0.1:${port}`, METRICS_PORT: '0' });
    const config = loadConfig(env);
    const listener = await serveProbes('listener', config, await startListener(config));
    const dispatcher = await serveProbes('dispatcher', config, await startDispatcher(config));
    api = await startApi(config);
    stops.push(() => api.stop(), () => dispatcher.stop(), () => listener.stop());
    probes.api = api.url;
    probes.dispatcher = `http://127.0.0.1:${dispatcher.port}`;
    probes.listener = `http://127.0.0.1:${listener.port}`;
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await sandbox?.stop();
    if (redis) await stopRedisServer(redis);
    rmSync(dir, { recursive: true, force: true });
  }, HOOK_TIMEOUT_MS);

  const readyz = async (base: string) => (await fetch(`${base}/readyz`)).status;
  const all = () => Promise.all(Object.values(probes).map(readyz));

  it('answers 503 on every service while Redis is stopped and 200 once it is back', async () => {
    await pollUntil(all, (codes) => codes.every((c) => c === 200), 60_000);
    for (const base of Object.values(probes)) expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await stopRedisServer(redis);
    await pollUntil(all, (codes) => codes.every((c) => c === 503), 60_000);
    // Alive all along: only readiness depends on Redis.
    for (const base of Object.values(probes)) expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${probes.api}/readyz`)).json()).toMatchObject({ status: 'unavailable', redis: false });

    redis = await startRedisServer(port, dir, PERSISTENT);
    await pollUntil(all, (codes) => codes.every((c) => c === 200), 60_000);
  }, 200_000);

  it('serves /metrics on the workers’ own port', async () => {
    const text = await scrape(probes.dispatcher!);
    expect(text).toContain('# TYPE mjq_discord_requests_total counter');
    expect((await fetch(`${probes.listener}/nothing`)).status).toBe(404);
  });
});

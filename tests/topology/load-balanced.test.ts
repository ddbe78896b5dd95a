import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@mjq/common';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { MjqClient } from '../support/mjq-client.js';
import { nginxAvailable, startNginx, type Nginx } from '../support/nginx.js';
import { pollUntil } from '../support/poll.js';
import { killAll, spawnService, type ManagedProcess } from '../support/processes.js';
import { dropPrefixAt, testPrefix, testRedisUrl } from '../support/redis.js';
import { openSse } from '../support/sse-client.js';

/**
 * The deployment of docker-compose.yml without Docker: nginx in front of two api replicas, one
 * dispatcher, two listeners and the sandbox, each its own OS process on loopback, one Redis.
 * Everything a client does goes through the load balancer.
 */
const TERMINAL = ['end', 'error', 'banned', 'cancel'];
const prefix = testPrefix('topology');
let receiver: CallbackReceiver;
let nginx: Nginx;
let sandboxUrl: string;
let imageDir: string;
let client: MjqClient;
const apis: { process: ManagedProcess; url: string }[] = [];
const listeners: ManagedProcess[] = [];

interface SandboxState {
  sessions: { kind: string; connected: boolean }[];
  jobs: { started: number; running: number };
}
const sandboxState = async () => (await (await fetch(`${sandboxUrl}/_sandbox/state`)).json()) as SandboxState;
const configureSandbox = (patch: object) => fetch(`${sandboxUrl}/_sandbox/config`, { method: 'POST', body: JSON.stringify(patch) });

beforeAll(async () => {
  receiver = await new CallbackReceiver().start();
  const sandbox = spawnService('sandbox', 'sandbox', { SANDBOX_PORT: String(await freePort('127.0.0.1')), SANDBOX_SPEED: '30' });
  sandboxUrl = (await sandbox.waitForOutput(/ on (http:\/\/\S+)/))[1]!;

  imageDir = mkdtempSync(join(tmpdir(), 'mjq-images-'));
  const apiPorts = [await freePort('127.0.0.1'), await freePort('127.0.0.1')];
  nginx = await startNginx(apiPorts.map((p) => `127.0.0.1:${p}`));
  client = new MjqClient(nginx.url);
  const env = {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    HOST: '127.0.0.1',
    PUBLIC_URL: nginx.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // As in docker-compose.yml: no credentials, so every service runs on the sandbox service,
    // and result images go to one directory every replica shares (the compose volume).
    SANDBOX_URL: sandboxUrl,
    IMAGE_STORE_DIR: imageDir,
    CALLBACK_URL: receiver.url,
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
    SEND_GAP_MS: '0',
    DISCORD_MAX_RPS: '100',
    // A killed replica's jobs are taken over after about this long.
    JOB_LOCK_MS: '3000',
    // Each worker's probe server on a port of its own (two listeners share this host).
    METRICS_PORT: '0',
  };
  // Listeners first, so that no Midjourney message goes unseen; ready once the sandbox sees both
  // listeners' bot and user gateway sessions.
  for (const i of [1, 2]) listeners.push(spawnService(`listener-${i}`, 'listener', env));
  await pollUntil(sandboxState, (s) => s.sessions.filter((x) => x.connected).length >= 4, 60_000);
  spawnService('dispatcher', 'dispatcher', env);
  for (const [i, port] of apiPorts.entries()) {
    apis.push({ process: spawnService(`api-${i + 1}`, 'api', { ...env, PORT: String(port) }), url: `http://127.0.0.1:${port}` });
  }
  for (const api of apis) {
    await pollUntil(() => fetch(`${api.url}/readyz`).then((r) => r.status, () => 0), (s) => s === 200, 60_000);
  }
}, 180_000);

afterAll(async () => {
  await killAll();
  await nginx?.stop();
  await receiver?.stop();
  if (imageDir) rmSync(imageDir, { recursive: true, force: true });
  await dropPrefixAt(testRedisUrl(), prefix);
});

/** Terminal callbacks of the task, one per distinct webhook-id (a redelivery of one id is the documented at-least-once). */
function terminalCallbacks(taskId: string): string[] {
  const ids = receiver.received.filter((c) => c.body.trigger_id === taskId && TERMINAL.includes(String(c.body.type))).map((c) => String(c.headers['webhook-id']));
  return [...new Set(ids)];
}

describe('mjq behind nginx: two api replicas, a dispatcher, two listeners, the sandbox', () => {
  it('runs an imagine with its progress streamed through nginx, then an upscale of it', async () => {
    await configureSandbox({ speed: { stepMs: 300 } });
    const id = await client.trigger('imagine', { prompt: 'a lighthouse through the load balancer' });
    const sse = await openSse(`${nginx.url}/v1/tasks/${id}/events`);
    expect(sse.status).toBe(200);
    // Each event comes through as it is written, not when the stream ends: the first progress
    // event is there while the task still runs.
    await pollUntil(async () => sse.events.map((e) => e.event), (names) => names.includes('generating'), 30_000);
    expect((await client.task(id)).status).toBe('IN_PROGRESS');
    await sse.closed;
    const names = sse.events.map((e) => e.event);
    expect(names[0]).toBe('created');
    expect(names).toContain('generating');
    expect(names.at(-1)).toBe('end');
    const imagine = await client.succeeded(id);
    // The image is served through the balancer at PUBLIC_URL, by whichever replica answers.
    expect(imagine.imageUrl?.startsWith(`${nginx.url}/`)).toBe(true);
    expect((await client.fetchImage(imagine.imageUrl!)).length).toBeGreaterThan(0);
    // Kept as files in the shared directory (a listener wrote it, an api replica served it).
    expect(readdirSync(imageDir, { recursive: true }).length).toBeGreaterThan(0);

    const upscale = await client.trigger('upscale', { index: 1, msg_id: imagine.messageId, msg_hash: imagine.messageHash, trigger_id: id });
    expect(await client.succeeded(upscale, 60_000)).toMatchObject({ action: 'UPSCALE', status: 'SUCCESS' });
    await receiver.waitFor(() => terminalCallbacks(id).length > 0 && terminalCallbacks(upscale).length > 0);
    expect(terminalCallbacks(id)).toHaveLength(1);
    expect(terminalCallbacks(upscale)).toHaveLength(1);
  }, 120_000);

  it('finishes every task, each with one terminal callback, after an api replica and a listener are killed mid-run', async () => {
    // Slow Midjourney: the tasks are still running when the replicas die.
    await configureSandbox({ speed: { stepMs: 400 } });
    const jobsBefore = (await sandboxState()).jobs.started;
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => client.trigger('imagine', { prompt: `survivor ${i}` })));
    await pollUntil(() => client.task(ids[0]!), (t) => t.status === 'IN_PROGRESS', 60_000);

    // Both replicas answer through the balancer (round robin) …
    const upstreams = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) seen.add((await fetch(`${nginx.url}/v1/tasks/${ids[0]}`)).headers.get('x-upstream') ?? '');
      return seen;
    };
    expect([...(await upstreams())].sort()).toEqual(apis.map((a) => a.url.replace('http://', '')).sort());

    await apis[0]!.process.kill('SIGKILL');
    await listeners[0]!.kill('SIGKILL');
    // … and after the kill every answer comes from the survivor (a refused connection is retried there).
    const after = await upstreams();
    for (const upstream of after) expect(upstream.endsWith(apis[1]!.url.replace('http://', ''))).toBe(true);

    // Polled through the balancer, which now finds one replica refusing connections.
    const done = [];
    for (const id of ids) done.push(await client.until(id, ['SUCCESS', 'FAILURE', 'CANCEL'], 180_000));
    expect(done.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    await receiver.waitFor(() => ids.every((id) => terminalCallbacks(id).length > 0), 120_000);
    for (const id of ids) expect(terminalCallbacks(id), `terminal callbacks of ${id}`).toHaveLength(1);
    // One Midjourney job per task: nothing was sent twice when the listener died.
    const state = await pollUntil(sandboxState, (s) => s.jobs.running === 0);
    expect(state.jobs.started - jobsBefore).toBe(ids.length);
  }, 300_000);
});

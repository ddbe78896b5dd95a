import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@mjq/common';
import { stablePort } from '../support/stable-port.js';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { MjqClient } from '../support/mjq-client.js';
import { MjqProcess } from '../support/mjq-process.js';
import { sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';
import { dropPrefixAt } from '../support/redis.js';

/**
 * A rolling deploy stops every service with SIGTERM: each stops taking work, finishes or hands
 * back what it holds and exits; the new processes carry on. Nothing is lost, nothing done twice.
 */
const TASKS = 50;
const accounts = [
  { id: 'a', token: 'graceful-stop-user-a', concurrency: 5 },
  { id: 'b', token: 'graceful-stop-user-b', concurrency: 5 },
];

let sandbox: Sandbox;
let receiver: CallbackReceiver;
let env: Record<string, string>;
let services: MjqProcess[] = [];
let apiUrl: string;

function processes(ports: { api: number; dispatcher: number; listener: number }): MjqProcess[] {
  return [
    new MjqProcess('listener', { ...env, METRICS_PORT: String(ports.listener) }, `http://127.0.0.1:${ports.listener}`),
    new MjqProcess('dispatcher', { ...env, METRICS_PORT: String(ports.dispatcher) }, `http://127.0.0.1:${ports.dispatcher}`),
    new MjqProcess('api', env, apiUrl),
  ];
}

async function startAll(ports: { api: number; dispatcher: number; listener: number }): Promise<void> {
  services = processes(ports).map((p) => p.start());
  await Promise.all(services.map((p) => p.ready()));
}

beforeAll(async () => {
  // Jobs of a few seconds, so that a stop finds some of them half way.
  sandbox = await startSandbox({ port: 0, speed: { stepMs: 250 }, users: accounts.map((a) => ({ token: a.token, concurrency: a.concurrency })) });
  receiver = await new CallbackReceiver().start();
  // Outside the ephemeral range: the API comes back on it after its stop.
  const api = await stablePort();
  apiUrl = `http://127.0.0.1:${api}`;
  env = sandboxEnv(sandbox, accounts, {
    PORT: String(api),
    CALLBACK_URL: receiver.url,
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: '20000',
  });
});
afterAll(async () => {
  await Promise.all(services.map((p) => p.stop('SIGKILL')));
  await receiver?.stop();
  await sandbox?.stop();
  if (env) {
    await dropPrefixAt(env.REDIS_URL!, env.REDIS_PREFIX!);
  }
});

describe('graceful stop', () => {
  it(`SIGTERM to every service during ${TASKS} imagines, then a restart: all finish, each once`, async () => {
    const ports = { api: Number(new URL(apiUrl).port), dispatcher: await freePort(), listener: await freePort() };
    await startAll(ports);
    const client = new MjqClient(apiUrl);
    const ids = await Promise.all(Array.from({ length: TASKS }, (_, i) => client.trigger('imagine', { prompt: `rolling deploy ${i}` })));

    // Mid-run: some jobs started, some of them not finished.
    await pollUntil(async () => sandbox.state.jobs.snapshot(), (jobs) => jobs.started >= 15 && jobs.running > 0, 60_000);
    const codes = await Promise.all(services.map((p) => p.stop('SIGTERM')));
    const stopped = sandbox.state.jobs.snapshot();
    expect(codes, services.map((p) => `${p.name}: ${p.output}`).join('\n')).toEqual([0, 0, 0]);
    expect(stopped.done).toBeLessThan(TASKS);

    await startAll(ports);
    for (const id of ids) {
      const task = await client.until(id, ['SUCCESS', 'FAILURE', 'CANCEL'], 120_000);
      expect(task, `${id}: ${task.failCode} ${task.failReason}`).toMatchObject({ status: 'SUCCESS' });
    }
    // One Midjourney job per task: none was sent twice across the stop.
    expect(sandbox.state.jobs.snapshot().started).toBe(TASKS);
    // And one terminal callback each (webhook-id is per change: a repeat would share it).
    await receiver.waitFor(() => ids.every((id) => receiver.forTask(id).some((c) => c.type === 'end')), 60_000);
    for (const id of ids) expect(receiver.forTask(id).filter((c) => ['end', 'error', 'banned'].includes(String(c.type)))).toHaveLength(1);
  }, 300_000);
});

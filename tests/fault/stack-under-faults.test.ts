import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SlotPool } from '@mjq/common';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { FaultStack } from '../support/fault-stack.js';
import { formatTally, tally, type ClientTask } from '../support/fault-tally.js';
import { makePng } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';

/**
 * `pnpm test:faults`: 300 mixed tasks (imagines, upscale/variation clicks on them, describes of
 * uploads) through nginx on the stack as separate processes, while the dispatcher, a listener and
 * an api replica are kill -9ed and restarted, Redis (AOF, fsync always) is killed and restarted,
 * gateways are cut, Discord answers 429/5xx bursts and loses the answers of accepted sends, and
 * the callback receiver is down for a while. Every accepted task must end, no slot stay taken,
 * no terminal callback and no Midjourney job happen twice.
 */
const WORKERS = 10;
const ROUNDS = 10;
const TASK_DEADLINE_MS = 240_000;
const TERMINAL = ['SUCCESS', 'FAILURE', 'CANCEL'];
const RETRIED = [429, 502, 503, 504];

let receiver: CallbackReceiver;
let receiverPort: number;
let stack: FaultStack;
const tasks: ClientTask[] = [];
const refused: Record<string, number> = {};
let finished = 0;

beforeAll(async () => {
  receiver = await new CallbackReceiver().start();
  receiverPort = Number(new URL(receiver.url).port);
  stack = await new FaultStack({ tokens: ['faults-a-token', 'faults-b-token'], concurrency: 3, stepMs: 60, callbackUrl: receiver.url }).start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

const count = (why: string) => (refused[why] = (refused[why] ?? 0) + 1);

/** As a real client: a refusal it may retry (429, 5xx, a dead connection) is retried after a pause. */
async function submit(path: string, body: unknown, form?: () => FormData): Promise<Record<string, unknown> | undefined> {
  const until = Date.now() + TASK_DEADLINE_MS;
  while (Date.now() < until) {
    try {
      const init = form ? { method: 'POST', body: form() } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const res = await fetch(`${stack.nginx.url}/v1/api/trigger/${path}`, init);
      const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 200) return answer;
      count(`${res.status} ${String(answer.code ?? '')}`.trim());
      if (!RETRIED.includes(res.status)) return undefined;
    } catch {
      count('connection error');
    }
    await delay(250);
  }
  return undefined;
}

async function run(action: string, path: string, body: unknown): Promise<ClientTask | undefined> {
  const answer = await submit(path, body);
  if (!answer?.trigger_id) return undefined;
  const task: ClientTask = { id: String(answer.trigger_id), action };
  tasks.push(task);
  const until = Date.now() + TASK_DEADLINE_MS;
  while (Date.now() < until && !TERMINAL.includes(task.status ?? '')) {
    try {
      const res = await fetch(`${stack.nginx.url}/v1/tasks/${task.id}`);
      if (res.status === 200) Object.assign(task, pick((await res.json()) as Record<string, unknown>));
    } catch {
      // a replica or Redis is down: look again
    }
    if (!TERMINAL.includes(task.status ?? '')) await delay(150);
  }
  finished += 1;
  return task;
}

const pick = (t: Record<string, unknown>) => ({ status: t.status as string, failCode: t.failCode as string | undefined, messageId: t.messageId, messageHash: t.messageHash });

/** One user: imagine, a click on its grid, a describe of an upload; ROUNDS times. */
async function worker(w: number): Promise<void> {
  for (let r = 0; r < ROUNDS; r++) {
    const imagine = (await run('IMAGINE', 'imagine', { prompt: `fault suite ${w}-${r}` })) as (ClientTask & { messageId?: string; messageHash?: string }) | undefined;
    if (imagine?.status === 'SUCCESS') {
      const click = r % 2 === 0 ? 'upscale' : 'variation';
      await run(click.toUpperCase(), click, { index: 1 + ((w + r) % 4), msg_id: imagine.messageId, msg_hash: imagine.messageHash, trigger_id: imagine.id });
    } else {
      await run('IMAGINE', 'imagine', { prompt: `fault suite again ${w}-${r}` });
    }
    const png = makePng(w * 100 + r);
    const upload = await submit('upload', undefined, () => {
      const form = new FormData();
      form.append('file', new Blob([png], { type: 'image/png' }), `in-${w}-${r}.png`);
      return form;
    });
    if (upload?.upload_filename) await run('DESCRIBE', 'describe', { upload_filename: upload.upload_filename });
  }
}

const whenFinished = (n: number) => pollUntil(async () => finished, (f) => f >= n, TASK_DEADLINE_MS);
const faults = (patch: object) => stack.sandboxPost('/_sandbox/faults', patch);

/** The faults, each when enough tasks are done that work is in flight on every side. */
async function chaos(log: string[]): Promise<void> {
  const step = async (what: string, at: number, act: () => Promise<unknown>) => {
    await whenFinished(at);
    const t0 = Date.now();
    await act();
    log.push(`${what} (after ${at} tasks, ${Date.now() - t0} ms)`);
  };
  await faults({ seed: 7, acceptedThenFailed: { probability: 0.1 } });
  const burst = async () => {
    await faults({ rateLimit429: { probability: 0.3, retryAfterMs: 300 }, serverError5xx: { probability: 0.2 } });
    await delay(3_000);
    await faults({ rateLimit429: null, serverError5xx: null });
  };
  await step('429/5xx burst, 3 s', 15, burst);
  await step('kill -9 dispatcher, restarted', 40, () => stack.killAndRestart('dispatcher'));
  await step('kill -9 listener-1, restarted', 65, () => stack.killAndRestart('listener-1'));
  await step('kill -9 api-1, restarted', 90, () => stack.killAndRestart('api-1'));
  await step('callback receiver down 8 s', 110, async () => {
    await receiver.stop();
    await delay(8_000);
    await receiver.start(receiverPort);
  });
  await step('kill -9 redis-server, down 2 s, restarted from its AOF', 140, () => stack.restartRedis(2_000));
  await step('every gateway session disconnected', 170, () => stack.sandboxPost('/_sandbox/gateway/disconnect', {}));
  await step('429/5xx burst, 3 s', 200, burst);
  await step('kill -9 dispatcher and listener-2, restarted', 230, () => Promise.all([stack.killAndRestart('dispatcher'), stack.killAndRestart('listener-2')]));
}

describe('the stack under faults', () => {
  it('ends every accepted task, with no stuck slot, duplicate callback or duplicate Midjourney job', async () => {
    const log: string[] = [];
    const started = Date.now();
    const chaosDone = chaos(log);
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await chaosDone;
    await faults({ acceptedThenFailed: null });

    // Terminal callbacks of terminal tasks arrive within the retry schedule (seconds here).
    const terminalIds = new Set(tasks.filter((t) => TERMINAL.includes(t.status ?? '')).map((t) => t.id));
    const callbacks = () => receiver.received.map((c) => ({ taskId: String(c.body.trigger_id), type: String(c.body.type), webhookId: String(c.headers['webhook-id']) }));
    await pollUntil(async () => tally({ tasks, refused, callbacks: callbacks(), interactions: [], stuckSlots: 0 }), (t) => t.missingCallbacks.length === 0, 90_000).catch(() => undefined);
    const redis = new Redis(stack.env.REDIS_URL!);
    const slots = new SlotPool(redis, stack.env.REDIS_PREFIX!);
    const stuck = async () => (await Promise.all(stack.accountIds.map((a) => slots.inUse(a)))).reduce((a, b) => a + b, 0);
    const stuckSlots = await pollUntil(stuck, (n) => n === 0, 30_000).catch(() => stuck());
    await redis.quit();
    const state = await pollUntil(() => stack.sandboxState(), (s) => s.jobs.running === 0, 30_000).catch(() => stack.sandboxState());
    const result = tally({ tasks, refused, callbacks: callbacks(), interactions: state.interactions, stuckSlots });

    const orphans = new Set(receiver.received.map((c) => String(c.body.trigger_id)).filter((id) => !tasks.some((t) => t.id === id)));
    const injected = (hit: (status: number) => boolean) => state.requests.list.filter((r) => r.injected && hit(r.status)).length;
    const fired = { tooMany: injected((s) => s === 429), serverErrors: injected((s) => s >= 500), answersLost: state.interactions.filter((i) => i.answerLost).length };
    const crashes = [...stack.crashes].map(([name, n]) => `${name} ×${n}`).join(', ') || 'none';
    console.log(
      [
        'faults injected:',
        ...log.map((l) => `  ${l}`),
        formatTally(result, {
          'tasks accepted but unknown to the client (answer lost)': orphans.size,
          'Midjourney jobs started (sandbox job meter)': state.jobs.started,
          'injected 429s / 5xx / accepted-then-failed sends': `${fired.tooMany} / ${fired.serverErrors} / ${fired.answersLost}`,
          'requests that disregarded a 429 (sandbox)': state.rateLimitViolations.count,
          'service exits not caused by the test (restarted)': crashes,
          'run time': `${Math.round((Date.now() - started) / 1000)} s`,
        }),
      ].join('\n'),
    );
    expect(tasks.length).toBeGreaterThanOrEqual(WORKERS * ROUNDS * 3 - 5);
    expect(terminalIds.size).toBeGreaterThan(0);
    // The faults really fired.
    expect(fired.tooMany).toBeGreaterThan(0);
    expect(fired.serverErrors).toBeGreaterThan(0);
    expect(fired.answersLost).toBeGreaterThan(0);
    expect(result.lost).toEqual([]);
    expect(result.stuckSlots).toBe(0);
    expect(result.duplicateCallbacks).toBe(0);
    expect(result.duplicateJobs).toBe(0);
  }, 900_000);
});

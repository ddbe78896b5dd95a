import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES, redisKeys } from '@mjq/common';
import type { Sandbox } from '@mjq/sandbox';
import type { Stack } from '@mjq/stack';
import type { CallbackReceiver } from '../support/callback-receiver.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { makePng } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';
import { testRedisUrl } from '../support/redis.js';
import { takeSlot } from '../support/slots.js';
import { expectGoSubmitResult, expectGoTask, RelayClient } from '../support/relay-client.js';

const SECRET = 'relay-secret-0123456789';

let e2e: E2eStack;
let stack: Stack;
let sandbox: Sandbox;
let receiver: CallbackReceiver;
let relay: RelayClient;
let redis: Redis;

beforeAll(async () => {
  e2e = await startE2eStack('relay-api', { env: { API_KEYS: SECRET } });
  ({ stack, receiver } = e2e);
  sandbox = stack.sandbox!;
  relay = new RelayClient(stack.api.url, SECRET);
  redis = new Redis(testRedisUrl());
});

afterAll(async () => {
  await e2e?.stop();
  await redis.quit();
});

/** new-api posts its whole request struct: zero values and nulls for the fields a route does not use. */
const goZeroValues = { customId: '', botType: '', notifyHook: '', action: '', index: 0, state: '', taskId: '', base64Array: null, content: '', maskBase64: '' };

describe('a relay (new-api) drives mjq through the midjourney-proxy API', () => {
  it('imagine → poll list-by-condition → action U1 from buttons → fetch the child', async () => {
    const hook = `${receiver.url}?hook=relay`;
    const submitted = await relay.submit('imagine', { ...goZeroValues, prompt: 'a paper boat on a pond', notifyHook: hook, state: 'order-42', botType: 'MID_JOURNEY' });
    expect(submitted.status).toBe(200);
    expectGoSubmitResult(submitted);
    expect([1, 22]).toContain(submitted.body.code);
    const id = submitted.body.result as string;
    expect(id).toMatch(/^\d+$/);

    const grid = await relay.untilDone(id);
    expect(grid).toMatchObject({ id, action: 'IMAGINE', status: 'SUCCESS', progress: '100%', failReason: '', state: 'order-42', prompt: 'a paper boat on a pond' });
    expect(grid.imageUrl).toMatch(new RegExp(`^${stack.api.url}/v1/images/`));
    expect(grid.properties.finalPrompt).toBe('a paper boat on a pond');
    // The submitter is the owner: its notifyHook is shown to it.
    expect(grid.properties.notifyHook).toBe(hook);
    const u1 = grid.buttons.find((b: { label: string }) => b.label === 'U1');
    expect(u1, JSON.stringify(grid.buttons)).toBeDefined();

    const action = await relay.submit('action', { ...goZeroValues, taskId: id, customId: u1.customId, state: 'order-43' });
    expectGoSubmitResult(action);
    expect([1, 22]).toContain(action.body.code);
    const childId = action.body.result as string;
    const child = await pollUntil(
      async () => {
        const fetched = await relay.fetchTask(childId);
        expect(fetched.status).toBe(200);
        expectGoTask(fetched.body);
        return fetched.body;
      },
      (t) => ['SUCCESS', 'FAILURE', 'CANCEL'].includes(t.status),
      30_000,
    );
    expect(child).toMatchObject({ id: childId, action: 'UPSCALE', status: 'SUCCESS', customId: u1.customId, state: 'order-43' });
    expect(child.imageUrl).not.toBe('');
    // The same task through the /v1 API.
    const v1 = (await relay.send('GET', `/v1/tasks/${childId}`)).body;
    expect(v1).toMatchObject({ id: childId, parentId: id, status: 'SUCCESS' });

    // The notifyHook got the proxy's Task object on each change, ending with the SUCCESS.
    await receiver.waitFor(() => receiver.received.some((r) => r.body.id === id && r.body.status === 'SUCCESS'));
    const hooks = receiver.received.filter((r) => r.body.id === id);
    expect(hooks.every((r) => typeof r.body.progress === 'string' && !('trigger_id' in r.body))).toBe(true);
    for (const h of hooks) expectGoTask(h.body);
    // The child reports to the notifyHook it inherited.
    await receiver.waitFor(() => receiver.received.some((r) => r.body.id === childId && r.body.status === 'SUCCESS'));
  });

  it('list-by-condition answers every id asked, in order; an unknown one as a FAILURE', async () => {
    const id = (await relay.submit('imagine', { prompt: 'a tin robot' })).body.result as string;
    const answer = await relay.listByCondition(['123456789', id, 'not-a-number']);
    expect(answer.status).toBe(200);
    expect(answer.body.map((t: { id: string }) => t.id)).toEqual(['123456789', id, 'not-a-number']);
    for (const t of answer.body) expectGoTask(t);
    expect(answer.body[0]).toMatchObject({ status: 'FAILURE', progress: '100%' });
    expect(answer.body[0].failReason).not.toBe('');
    expect((await relay.listByCondition([])).body).toEqual([]);
    await relay.untilDone(id);
  });

  it('a mode prefix chooses the mode; an unknown task fetch is 404 with code 3', async () => {
    const fast = await relay.send('POST', '/mj-fast/mj/submit/imagine', { prompt: 'a fast hare' });
    expect(fast.body.code).toBe(1);
    const task = await relay.untilDone(fast.body.result);
    expect(task.mode).toBe('FAST');
    // No account runs relax here: the proxy's "no account" answer, nothing accepted.
    const relax = await relay.send('POST', '/mj-relax/mj/submit/imagine', { prompt: 'a slow tortoise' });
    expect(relax.status).toBe(200);
    expect(relax.body).toMatchObject({ code: 3, result: null });
    const missing = await relay.fetchTask('987654321');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(3);
    // A proxy route mjq does not offer answers in the proxy's envelope too.
    const unsupported = await relay.submit('video', { prompt: 'x' });
    expect(unsupported.status).toBe(404);
    expect(unsupported.body).toMatchObject({ code: 4, result: null, properties: { error: 'NOT_FOUND' } });
  });

  it('a remix click through /mj/submit/action is completed with its own prompt', async () => {
    const id = (await relay.submit('imagine', { prompt: 'a green kite' })).body.result as string;
    const grid = await relay.untilDone(id);
    await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
    try {
      const v2 = grid.buttons.find((b: { label: string }) => b.label === 'V2');
      const action = await relay.submit('action', { taskId: id, customId: v2.customId });
      expect(action.body.code).toBe(1);
      const child = await relay.untilDone(action.body.result);
      expect(child).toMatchObject({ status: 'SUCCESS', action: 'VARIATION' });
      const v1 = (await relay.send('GET', `/v1/tasks/${child.id}`)).body;
      // It went through the Remix modal, submitted with the prefilled prompt.
      expect(v1.modal?.customId).toMatch(/^MJ::RemixModal::/);
      expect(v1.content).toContain('a green kite');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: false }) });
    }
  });

  it('base64 images: describe and an imagine with an image prompt posted to Discord first', async () => {
    const png = makePng(7).toString('base64');
    const describe = await relay.submit('describe', { base64: `data:image/png;base64,${png}` });
    expect(describe.body.code).toBe(1);
    const described = await relay.untilDone(describe.body.result);
    expect(described).toMatchObject({ action: 'DESCRIBE', status: 'SUCCESS' });
    expect(described.properties.prompts.length).toBeGreaterThan(0);

    const imagine = await relay.submit('imagine', { prompt: 'in the style of this', base64Array: [png] });
    expect(imagine.body.code).toBe(1);
    const v1 = (await relay.send('GET', `/v1/tasks/${imagine.body.result}`)).body;
    expect(v1.imageUrls).toHaveLength(1);
    expect(v1.imageUrls[0]).toMatch(new RegExp(`^${sandbox.url}/`));
    expect((await relay.untilDone(imagine.body.result)).status).toBe('SUCCESS');
  });

  it("bad input gets the proxy's codes and nothing is stored or enqueued", async () => {
    const grid = await relay.untilDone((await relay.submit('imagine', { prompt: 'a stone bridge' })).body.result);
    const keys = redisKeys(e2e.prefix);
    const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: keys.bullPrefix });
    const counts = async () => ({
      tasks: await redis.zcard(keys.tasksBySubmitTime()),
      jobs: Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0),
    });
    const before = await counts();
    const cases: [string, string, unknown, number][] = [
      ['missing prompt', 'imagine', { ...goZeroValues, prompt: '' }, 4],
      ['null prompt', 'imagine', { prompt: null }, 4],
      ['malformed base64', 'imagine', { prompt: 'x', base64Array: ['data:image/png;base64,@@not base64@@'] }, 4],
      ['base64 of no image', 'describe', { base64: Buffer.from('just text, no image').toString('base64') }, 4],
      ['blend of one', 'blend', { base64Array: [makePng(1).toString('base64')] }, 4],
      ['unknown taskId', 'action', { taskId: '123456789012', customId: 'MJ::JOB::upsample::1::x' }, 3],
      ['unknown customId', 'action', { taskId: grid.id, customId: 'MJ::JOB::upsample::9::nope' }, 4],
      ['change index 7', 'change', { taskId: grid.id, action: 'UPSCALE', index: 7 }, 4],
      ['bad simple-change', 'simple-change', { content: 'U1 please' }, 4],
    ];
    for (const [name, path, body, code] of cases) {
      const answer = await relay.submit(path, body);
      expect({ name, status: answer.status, code: answer.body?.code }).toEqual({ name, status: 200, code });
      expectGoSubmitResult(answer);
    }
    expect(await counts()).toEqual(before);
    await queue.close();
  });

  it('simple-change and change click the grid buttons', async () => {
    const grid = await relay.untilDone((await relay.submit('imagine', { prompt: 'a red tram' })).body.result);
    const u2 = await relay.submit('simple-change', { content: `${grid.id} U2` });
    expect(u2.body.code).toBe(1);
    expect(await relay.untilDone(u2.body.result)).toMatchObject({ action: 'UPSCALE', status: 'SUCCESS', customId: `MJ::JOB::upsample::2::${grid.properties.messageHash}` });
    const v3 = await relay.submit('change', { taskId: grid.id, action: 'VARIATION', index: 3 });
    expect(await relay.untilDone(v3.body.result)).toMatchObject({ action: 'VARIATION', status: 'SUCCESS' });
  });

  it('answers 22 with the queue ahead while every slot is taken, and the task runs once one frees', async () => {
    const keys = redisKeys(e2e.prefix);
    const account = JSON.parse((await redis.hget(keys.accounts(), 'default'))!) as { concurrency: number };
    const holders = Array.from({ length: account.concurrency }, (_, i) => `99999999${i}`);
    for (const h of holders) expect(await takeSlot(redis, e2e.prefix, h, [{ id: 'default', concurrency: account.concurrency }], 600_000)).toBe('default');
    try {
      const first = await relay.submit('imagine', { prompt: 'a queued owl' });
      expect(first.body).toMatchObject({ code: 22, properties: { numberOfQueues: 0, discordInstanceId: 'default' } });
      expectGoSubmitResult(first);
      const second = await relay.submit('imagine', { prompt: 'a second queued owl' });
      expect(second.body).toMatchObject({ code: 22, properties: { numberOfQueues: 1 } });
      expect((await relay.listByCondition([first.body.result])).body[0].status).toBe('NOT_START');
      await redis.zrem(keys.slots('default'), ...holders);
      expect((await relay.untilDone(first.body.result)).status).toBe('SUCCESS');
      expect((await relay.untilDone(second.body.result)).status).toBe('SUCCESS');
    } finally {
      await redis.zrem(keys.slots('default'), ...holders);
    }
  });

  it('401 JSON without the key, or with a wrong one', async () => {
    for (const client of [new RelayClient(stack.api.url), new RelayClient(stack.api.url, 'wrong-secret-0123456789')]) {
      const answer = await client.submit('imagine', { prompt: 'a fox' });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 4, properties: { error: 'UNAUTHORIZED' } });
      expect((await client.send('GET', '/v1/tasks/1')).status).toBe(401);
    }
  });
});

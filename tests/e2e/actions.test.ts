import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PNG } from 'pngjs';
import { MAX_IMAGE_BYTES, QUEUE_NAMES, redisKeys } from '@mjq/common';
import type { Sandbox } from '@mjq/sandbox';
import type { Stack } from '@mjq/stack';
import type { CallbackReceiver } from '../support/callback-receiver.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { makePng, MjqClient, type TaskBody } from '../support/mjq-client.js';
import { nonceAnsweredBy } from '../support/sandbox-checks.js';
import { testRedisUrl } from '../support/redis.js';

let e2e: E2eStack;
let prefix: string;
let stack: Stack;
let sandbox: Sandbox;
let mjq: MjqClient;
let receiver: CallbackReceiver;
let redis: Redis;

beforeAll(async () => {
  e2e = await startE2eStack('actions');
  ({ prefix, stack, receiver } = e2e);
  sandbox = stack.sandbox!;
  mjq = new MjqClient(stack.api.url);
  redis = new Redis(testRedisUrl());
});

afterAll(async () => {
  await e2e?.stop();
  await redis.quit();
});

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The proof that a result landed on the right task: the sandbox's message that the task took
 * as its result answers the very interaction the task sent (same nonce).
 */
function expectOwnResult(task: TaskBody): void {
  expect(nonceAnsweredBy(sandbox, task.messageId), `task ${task.id} (${task.action}) took message ${task.messageId}`).toBe(task.nonce);
}

/** The result image is a copy served by mjq, and the Discord link is kept. */
async function expectStoredImage(task: TaskBody): Promise<Buffer> {
  expect(task.imageUrl).toMatch(new RegExp(`^${stack.api.url}/v1/images/`));
  expect(task.discordImageUrl).toMatch(new RegExp(`^${sandbox.url}/`));
  const ours = await mjq.fetchImage(task.imageUrl!);
  expect(sha(ours)).toBe(sha(await mjq.fetchImage(task.discordImageUrl!)));
  return ours;
}

const button = (task: TaskBody, prefix: string) => {
  const found = task.buttons.find((b) => b.customId.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} button on task ${task.id}: ${task.buttons.map((b) => b.customId).join(', ')}`);
  return found.customId;
};

describe('every Midjourney action end to end on the sandbox', () => {
  it('imagine → U2 → Vary (Strong) → Zoom Out 2x, each a SUCCESS with its own image', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a lighthouse at dusk' }));
    const upscaleId = await mjq.trigger('upscale', { index: 2, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id });
    const upscale = await mjq.succeeded(upscaleId);
    expect(upscale).toMatchObject({ action: 'UPSCALE', parentId: grid.id, index: 2, customId: `MJ::JOB::upsample::2::${grid.messageHash}` });
    expect(upscale.content).toContain('Image #2');

    const varyId = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: button(upscale, 'MJ::JOB::high_variation::') });
    const vary = await mjq.succeeded(varyId);
    expect(vary.content).toContain('Variations (Strong)');
    const zoomId = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: button(upscale, 'MJ::Outpaint::50::') });
    const zoom = await mjq.succeeded(zoomId);
    expect(zoom.content).toContain('Zoom Out');
    expect(zoom).toMatchObject({ action: 'ACTION', parentId: upscale.id });

    const images = [];
    for (const task of [grid, upscale, vary, zoom]) {
      expectOwnResult(task);
      images.push(sha(await expectStoredImage(task)));
    }
    expect(new Set(images).size).toBe(4);
    expect(new Set([grid, upscale, vary, zoom].map((t) => t.messageHash)).size).toBe(4);
    await receiver.waitFor(() => receiver.forTask(zoomId).some((c) => c.type === 'end'));
  });

  it('rerolls a grid through /reset', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a windmill' }));
    const reroll = await mjq.succeeded(await mjq.trigger('reset', { msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id }));
    expect(reroll).toMatchObject({ action: 'REROLL', parentId: grid.id });
    expect(reroll.messageHash).not.toBe(grid.messageHash);
    expectOwnResult(reroll);
  });

  it('upload → describe gives four prompts', async () => {
    const upload = await mjq.uploaded(makePng(1), 'cat.png');
    expect(upload.uploadFilename).toMatch(/^[0-9a-f-]{36}\/cat\.png$/);
    expect((await mjq.task(upload.triggerId)).status).toBe('SUCCESS');
    const describe = await mjq.succeeded(await mjq.trigger('describe', { upload_filename: upload.uploadFilename, trigger_id: upload.triggerId }));
    expect(describe.action).toBe('DESCRIBE');
    expect(describe.prompts).toHaveLength(4);
    for (const prompt of describe.prompts!) expect(prompt.length).toBeGreaterThan(5);
    expectOwnResult(describe);
    // The file Midjourney described is the one uploaded.
    const described = await mjq.fetchImage(describe.discordImageUrl ?? describe.imageUrl!);
    expect(sha(described)).toBe(sha(makePng(1)));
  });

  it('upload → message gives a fetchable image URL that an imagine then uses as picurl', async () => {
    const upload = await mjq.uploaded(makePng(2), 'dog.png');
    const answer = await mjq.post('message', { upload_filename: upload.uploadFilename });
    expect(answer.status).toBe(200);
    const picurl = answer.body.picurl!;
    expect(sha(await mjq.fetchImage(picurl))).toBe(sha(makePng(2)));
    const imagine = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'in the style of a woodcut', picurl }));
    expect(imagine.content).toContain('https://s.mj.run/');
    expectOwnResult(imagine);
  });

  it('blends two uploaded images', async () => {
    const a = await mjq.uploaded(makePng(3), 'a.png');
    const b = await mjq.uploaded(makePng(4), 'b.png');
    const blend = await mjq.succeeded(await mjq.trigger('blend', { upload_filenames: [a.uploadFilename, b.uploadFilename], dimensions: '3:2' }));
    expect(blend.action).toBe('BLEND');
    expect(blend.content).toContain('--ar 3:2');
    expectOwnResult(blend);
    await expectStoredImage(blend);
  });

  it('shortens a prompt into candidate prompts', async () => {
    const shorten = await mjq.succeeded(await mjq.trigger('shorten', { prompt: 'a very detailed and intricate portrait of an old sailor, dramatic lighting' }));
    expect(shorten.prompts!.length).toBeGreaterThanOrEqual(1);
    expectOwnResult(shorten);
  });

  it('a remix click waits in MODAL, then the text given runs it to SUCCESS', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a red barn' }));
    const remix = await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
    expect(remix.status).toBe(200);
    try {
      const id = await mjq.trigger('variation', { index: 3, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id });
      const waiting = await mjq.until(id, ['MODAL', 'SUCCESS', 'FAILURE']);
      expect(waiting.status).toBe('MODAL');
      expect(waiting.modal).toMatchObject({ customId: `MJ::RemixModal::${grid.messageHash}::3::1`, inputId: 'MJ::RemixModal::new_prompt' });
      await receiver.waitFor(() => receiver.forTask(id).some((c) => c.type === 'modal'));

      const submitted = await mjq.post('modal', { trigger_id: id, prompt: 'a blue barn in the snow' });
      expect(submitted.status).toBe(200);
      const done = await mjq.succeeded(id);
      expect(done.content).toContain('a blue barn in the snow');
      expect(done.content).toContain('Remix (Strong)');
      expectOwnResult(done);
      expect((await mjq.post('modal', { trigger_id: id, prompt: 'again' })).body.code).toBe('NOT_IN_MODAL');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: false }) });
    }
  });
});

describe("the seed's routes for an upscaled image, and release", () => {
  it('/expand and /zoomout run to SUCCESS; /queue/release ends a job that never finishes', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a stone bridge' }));
    const up = await mjq.succeeded(await mjq.trigger('upscale', { index: 3, msg_id: grid.messageId, msg_hash: grid.messageHash }));
    const ref = { msg_id: up.messageId, msg_hash: up.messageHash, trigger_id: up.id };
    const pan = await mjq.succeeded(await mjq.trigger('expand', { ...ref, direction: 'right' }));
    expect(pan.content).toContain('Pan Right');
    const zoom = await mjq.succeeded(await mjq.trigger('zoomout', { ...ref, zoomout: 75 }));
    expect(zoom.content).toContain('Zoom Out');
    const subtle = await mjq.succeeded(await mjq.trigger('action', { trigger_id: up.id, custom_id: button(up, 'MJ::JOB::upsample_v7_2x_subtle::') }));
    expect(subtle.content).toContain('Upscaled by'); // v7 no longer names the variant (§4.8)
    for (const task of [pan, zoom, subtle]) expectOwnResult(task);

    const stuck = await mjq.trigger('imagine', { prompt: 'a job that never ends sandbox:silent' });
    await mjq.until(stuck, ['SUBMITTED', 'IN_PROGRESS']);
    expect((await mjq.post('queue/release', { trigger_id: stuck })).status).toBe(200);
    expect(await mjq.task(stuck)).toMatchObject({ status: 'CANCEL', failCode: 'cancelled' });
    await receiver.waitFor(() => receiver.forTask(stuck).some((c) => c.type === 'cancel'));
  });
});

describe('actions that always open a modal', () => {
  it('Custom Zoom takes its --zoom in the modal, then zooms out', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a small cabin' }));
    const upscale = await mjq.succeeded(await mjq.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash }));
    const id = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: button(upscale, 'MJ::CustomZoom::') });
    const waiting = await mjq.until(id, ['MODAL', 'SUCCESS', 'FAILURE']);
    expect(waiting).toMatchObject({ status: 'MODAL', modal: { inputId: 'MJ::OutpaintCustomZoomModal::prompt' } });
    expect(waiting.modal?.value).toContain('--zoom 2');
    expect((await mjq.post('modal', { trigger_id: id, prompt: 'a small cabin in a wide valley --zoom 1.6' })).status).toBe(200);
    const zoom = await mjq.succeeded(id);
    expect(zoom.content).toContain('Zoom Out');
    expect(zoom.content).toContain('--zoom 1.6');
    expectOwnResult(zoom);
    await expectStoredImage(zoom);
  });

  it('a describe pick opens its prompt in a modal and imagines it', async () => {
    const upload = await mjq.uploaded(makePng(6), 'pick.png');
    const describe = await mjq.succeeded(await mjq.trigger('describe', { upload_filename: upload.uploadFilename }));
    const id = await mjq.trigger('action', { trigger_id: describe.id, custom_id: 'MJ::Job::PicReader::2' });
    const waiting = await mjq.until(id, ['MODAL', 'SUCCESS', 'FAILURE']);
    expect(waiting.status).toBe('MODAL');
    expect(waiting.modal?.value).toBe(describe.prompts![1]);
    expect((await mjq.post('modal', { trigger_id: id, prompt: waiting.modal!.value! })).status).toBe(200);
    const imagine = await mjq.succeeded(id);
    expect(imagine.content).toContain(describe.prompts![1]!.slice(0, 20));
    expectOwnResult(imagine);
  });
});

describe('Vary (Region)', () => {
  it('opens the editor (MODAL), takes the text with a mask, and redraws the region', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a king on a throne' }));
    const upscale = await mjq.succeeded(await mjq.trigger('upscale', { index: 4, msg_id: grid.messageId, msg_hash: grid.messageHash }));
    const id = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: button(upscale, 'MJ::Inpaint::') });
    const waiting = await mjq.until(id, ['MODAL', 'SUCCESS', 'FAILURE']);
    expect(waiting).toMatchObject({ status: 'MODAL', modal: { title: 'Vary (Region)' } });
    expect(waiting.modal?.customId).toMatch(/^MJ::iframe::/);
    // White = redraw: the top-left quarter.
    const mask = new PNG({ width: 64, height: 64 });
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) mask.data.fill(x < 32 && y < 32 ? 255 : 0, (y * 64 + x) * 4, (y * 64 + x) * 4 + 3).writeUInt8(255, (y * 64 + x) * 4 + 3);
    const maskBase64 = `data:image/png;base64,${PNG.sync.write(mask).toString('base64')}`;
    expect((await mjq.post('modal', { trigger_id: id, prompt: 'a golden crown' })).body.code).toBe('VALIDATION_ERROR');
    expect((await mjq.post('modal', { trigger_id: id, prompt: 'a golden crown', maskBase64 })).status).toBe(200);
    const region = await mjq.succeeded(id);
    expect(region.content).toContain('a golden crown');
    expect(region.content).toContain('Variations (Region)');
    expect(region.parentId).toBe(upscale.id);
    expectOwnResult(region);
    await expectStoredImage(region);
  });
});

describe('bad input', () => {
  it('gets a 4xx with a clear code, and nothing is stored or enqueued', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a quiet harbour' }));
    const keys = redisKeys(prefix);
    const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: keys.bullPrefix });
    const counts = async () => ({
      tasks: await redis.zcard(keys.tasksBySubmitTime()),
      jobs: Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0),
    });
    const before = await counts();
    const cases: [string, Promise<{ status: number; body: { code?: string } }>, number, string][] = [
      ['index 5', mjq.post('upscale', { index: 5, msg_id: grid.messageId, msg_hash: grid.messageHash }), 400, 'VALIDATION_ERROR'],
      ['unknown msg_id', mjq.post('variation', { index: 1, msg_id: '1234567890123456789', msg_hash: grid.messageHash }), 404, 'UNKNOWN_MESSAGE'],
      ['wrong hash', mjq.post('upscale', { index: 1, msg_id: grid.messageId, msg_hash: 'deadbeef' }), 400, 'INVALID_ACTION'],
      ['button not there', mjq.post('action', { trigger_id: grid.id, custom_id: 'MJ::JOB::upsample::1::nope' }), 400, 'INVALID_ACTION'],
      ['missing file', mjq.upload(undefined), 400, 'MISSING_FILE'],
      ['not an image', mjq.upload(Buffer.from('%PDF-1.7 a document'), 'doc.png'), 415, 'NOT_AN_IMAGE'],
      ['oversize', mjq.upload(Buffer.concat([makePng(5), Buffer.alloc(MAX_IMAGE_BYTES)]), 'big.png'), 413, 'FILE_TOO_LARGE'],
      ['unknown upload', mjq.post('describe', { upload_filename: '0b3c1d2e-0000-4000-8000-000000000000/x.png' }), 404, 'UNKNOWN_UPLOAD'],
      ['blend of one', mjq.post('blend', { upload_filenames: ['0b3c1d2e-0000-4000-8000-000000000000/x.png'] }), 400, 'VALIDATION_ERROR'],
      ['modal of a finished task', mjq.post('modal', { trigger_id: grid.id, prompt: 'x' }), 409, 'NOT_IN_MODAL'],
    ];
    for (const [name, answer, status, code] of cases) {
      const { status: got, body } = await answer;
      expect({ name, status: got, code: body.code }).toEqual({ name, status, code });
    }
    expect(await counts()).toEqual(before);
    await queue.close();
  });
});

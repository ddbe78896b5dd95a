import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { jobIds, type Button, type Task } from '@mjq/common';
import { startHarness, triggerJob, type Harness } from './harness.js';

let h: Harness;
let nextMessage = 1180000000000000000n;

beforeAll(async () => {
  h = await startHarness('buttons');
});
afterAll(async () => {
  await h.close();
});

const gridButtons = (hash: string): Button[] => [
  ...[1, 2, 3, 4].map((i) => ({ customId: `MJ::JOB::upsample::${i}::${hash}`, label: `U${i}` })),
  { customId: `MJ::JOB::reroll::0::${hash}::SOLO`, emoji: '🔄' },
  ...[1, 2, 3, 4].map((i) => ({ customId: `MJ::JOB::variation::${i}::${hash}`, label: `V${i}` })),
];
const upscaleButtons = (hash: string): Button[] => [
  { customId: `MJ::JOB::upsample_v6_2x_subtle::1::${hash}::SOLO`, label: 'Upscale (Subtle)' },
  { customId: `MJ::JOB::high_variation::1::${hash}::SOLO`, label: 'Vary (Strong)' },
  { customId: `MJ::Outpaint::50::1::${hash}::SOLO`, label: 'Zoom Out 2x' },
];

/** A finished imagine (or upscale) whose result message carries `buttons`. */
async function finished(kind: 'grid' | 'upscale' = 'grid', fields: Partial<Task> = {}): Promise<Task & { messageId: string; messageHash: string }> {
  const messageHash = randomUUID();
  const messageId = String(nextMessage++);
  const buttons = kind === 'grid' ? gridButtons(messageHash) : upscaleButtons(messageHash);
  const task = await h.seedTask({ messageId, messageHash, buttons, accountId: 'default', mode: 'fast', ...fields });
  return task as Task & { messageId: string; messageHash: string };
}

type Answer = { message: string; trigger_id: string; trigger_type: string };

async function accepted(res: Response, triggerType: string): Promise<Task> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as Answer;
  expect(body).toMatchObject({ message: 'success', trigger_type: triggerType });
  expect((await triggerJob(h, body.trigger_id))?.data).toEqual({ taskId: body.trigger_id, kind: 'send', waitingOn: expect.any(Array) });
  return (await h.store.get(body.trigger_id))!;
}

async function refused(path: string, body: unknown, status: number, code: string): Promise<void> {
  const before = await h.counts();
  const res = await h.post(path, body);
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ code, message: expect.any(String) });
  expect(await h.counts()).toEqual(before);
}

describe('POST /v1/api/trigger/upscale and /variation', () => {
  it('clicks U{index} of the grid on the parent account, as a child of the grid task', async () => {
    const grid = await finished();
    const res = await h.post('/v1/api/trigger/upscale', { index: 2, msg_id: grid.messageId, msg_hash: grid.messageHash });
    const child = await accepted(res, 'upscale');
    expect(child).toMatchObject({
      action: 'UPSCALE',
      status: 'NOT_START',
      prompt: grid.prompt,
      parentId: grid.id,
      index: 2,
      customId: `MJ::JOB::upsample::2::${grid.messageHash}`,
      parentMessageId: grid.messageId,
      accountId: 'default',
      mode: 'fast',
    });
    expect(await h.store.children(grid.messageId)).toEqual([child.id]);
  });

  it('clicks V{index}, checking trigger_id when given', async () => {
    const grid = await finished();
    const res = await h.post('/v1/api/trigger/variation', { index: 4, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id });
    expect(await accepted(res, 'variation')).toMatchObject({ action: 'VARIATION', index: 4, customId: `MJ::JOB::variation::4::${grid.messageHash}` });
  });

  it('refuses bad clicks with their code, storing and enqueuing nothing', async () => {
    const grid = await finished();
    const ok = { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash };
    await refused('/v1/api/trigger/upscale', { ...ok, index: 5 }, 400, 'VALIDATION_ERROR');
    await refused('/v1/api/trigger/upscale', { ...ok, msg_id: 'abc' }, 400, 'VALIDATION_ERROR');
    await refused('/v1/api/trigger/upscale', { ...ok, msg_id: '1190000000000000999' }, 404, 'UNKNOWN_MESSAGE');
    await refused('/v1/api/trigger/upscale', { ...ok, msg_hash: 'another-hash' }, 400, 'INVALID_ACTION');
    await refused('/v1/api/trigger/variation', { ...ok, trigger_id: '123' }, 400, 'INVALID_ACTION');
    const running = await finished('grid', { status: 'IN_PROGRESS', progress: 40 });
    await refused('/v1/api/trigger/upscale', { ...ok, msg_id: running.messageId, msg_hash: running.messageHash }, 400, 'INVALID_ACTION');
    // U1 on an upscaled image: the message has no such button.
    const upscaled = await finished('upscale');
    await refused('/v1/api/trigger/upscale', { index: 1, msg_id: upscaled.messageId, msg_hash: upscaled.messageHash }, 400, 'INVALID_ACTION');
  });

  it('refuses with 503 NO_ACCOUNT when the parent account is not enabled', async () => {
    const grid = await finished('grid', { accountId: 'gone' });
    await refused('/v1/api/trigger/upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash }, 503, 'NO_ACCOUNT');
  });
});

describe('POST /v1/api/trigger/reset', () => {
  it('clicks the grid reroll button', async () => {
    const grid = await finished();
    const child = await accepted(await h.post('/v1/api/trigger/reset', { msg_id: grid.messageId, msg_hash: grid.messageHash }), 'reset');
    expect(child).toMatchObject({ action: 'REROLL', customId: `MJ::JOB::reroll::0::${grid.messageHash}::SOLO`, parentId: grid.id });
    expect(child.index).toBeUndefined();
  });

  it('refuses a message without a reroll button', async () => {
    const upscaled = await finished('upscale');
    await refused('/v1/api/trigger/reset', { msg_id: upscaled.messageId, msg_hash: upscaled.messageHash }, 400, 'INVALID_ACTION');
  });
});

describe('POST /v1/api/trigger/action', () => {
  it('clicks any button of the result by custom_id', async () => {
    const upscaled = await finished('upscale');
    const customId = `MJ::Outpaint::50::1::${upscaled.messageHash}::SOLO`;
    const child = await accepted(await h.post('/v1/api/trigger/action', { trigger_id: upscaled.id, custom_id: customId }), 'action');
    expect(child).toMatchObject({ action: 'ACTION', customId, index: 1, parentMessageId: upscaled.messageId, accountId: 'default' });
    expect(await h.store.children(upscaled.messageId)).toEqual([child.id]);
  });

  it('names a plain U/V button by its seed action', async () => {
    const grid = await finished();
    const res = await h.post('/v1/api/trigger/action', { trigger_id: grid.id, custom_id: `MJ::JOB::variation::3::${grid.messageHash}` });
    expect(await accepted(res, 'variation')).toMatchObject({ action: 'VARIATION', index: 3 });
  });

  it('refuses unknown tasks, unfinished tasks and buttons not on the message', async () => {
    const grid = await finished();
    await refused('/v1/api/trigger/action', { trigger_id: '999', custom_id: 'MJ::JOB::upsample::1::x' }, 404, 'UNKNOWN_TASK');
    await refused('/v1/api/trigger/action', { trigger_id: grid.id, custom_id: 'MJ::JOB::upsample::1::another' }, 400, 'INVALID_ACTION');
    await refused('/v1/api/trigger/action', { trigger_id: grid.id, custom_id: '' }, 400, 'VALIDATION_ERROR');
    const failed = await finished('grid', { status: 'FAILURE' });
    await refused('/v1/api/trigger/action', { trigger_id: failed.id, custom_id: `MJ::JOB::upsample::1::${failed.messageHash}` }, 400, 'INVALID_ACTION');
  });
});

describe('POST /v1/api/trigger/modal', () => {
  async function inModal(): Promise<Task> {
    const task = await h.seedTask({ action: 'ACTION', status: 'SUBMITTED', accountId: 'default' });
    await h.store.update(task.id, {
      status: 'MODAL',
      fields: { modal: { interactionId: '1200000000000000001', customId: 'MJ::RemixModal::h::1::1', inputId: 'MJ::RemixModal::new_prompt' } },
    });
    return task;
  }

  it('records the text and enqueues the modal submit', async () => {
    const task = await inModal();
    const res = await h.post('/v1/api/trigger/modal', { trigger_id: task.id, prompt: '  a blue fox  ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'success', trigger_id: task.id, trigger_type: 'modal' });
    expect((await h.queue.getJob(jobIds.modal(task.id)))?.data).toEqual({ taskId: task.id, kind: 'modal' });
    expect((await h.store.get(task.id))?.modal?.prompt).toBe('a blue fox');
    // Twice: the first text stands, no second submit.
    await refused('/v1/api/trigger/modal', { trigger_id: task.id, prompt: 'again' }, 409, 'NOT_IN_MODAL');
    expect((await h.store.get(task.id))?.modal?.prompt).toBe('a blue fox');
  });

  it('refuses a task not in MODAL, an unknown task and a banned text (leaving the modal open)', async () => {
    const plain = await h.seedTask({ status: 'SUBMITTED' });
    await refused('/v1/api/trigger/modal', { trigger_id: plain.id, prompt: 'x' }, 409, 'NOT_IN_MODAL');
    await refused('/v1/api/trigger/modal', { trigger_id: '999', prompt: 'x' }, 404, 'UNKNOWN_TASK');
    const task = await inModal();
    await refused('/v1/api/trigger/modal', { trigger_id: task.id, prompt: 'a nude figure' }, 400, 'BANNED_PROMPT');
    expect(await h.store.get(task.id)).toMatchObject({ status: 'MODAL', modal: { customId: 'MJ::RemixModal::h::1::1' } });
    expect((await h.store.get(task.id))?.modal?.prompt).toBeUndefined();
    expect(await h.queue.getJob(jobIds.modal(task.id))).toBeUndefined();
  });

  describe('Vary (Region)', () => {
    const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    async function inEditor(): Promise<Task> {
      const task = await h.seedTask({ action: 'ACTION', status: 'SUBMITTED', accountId: 'default' });
      await h.store.update(task.id, { status: 'MODAL', fields: { modal: { interactionId: '1200000000000000002', customId: 'MJ::iframe::tok123' } } });
      return task;
    }

    it('takes the text with a mask (data: prefix allowed) and stores the mask for the dispatcher', async () => {
      const task = await inEditor();
      const res = await h.post('/v1/api/trigger/modal', { trigger_id: task.id, prompt: 'a golden crown', maskBase64: `data:image/png;base64,${PNG_HEADER.toString('base64')}` });
      expect(res.status).toBe(200);
      const modal = (await h.store.get(task.id))?.modal;
      expect(modal?.prompt).toBe('a golden crown');
      expect(modal?.maskKey).toMatch(new RegExp(`^mask/${task.id}/`));
      expect((await h.images.get(modal!.maskKey!))?.data.equals(PNG_HEADER)).toBe(true);
      expect((await h.queue.getJob(jobIds.modal(task.id)))?.data).toEqual({ taskId: task.id, kind: 'modal' });
    });

    it('refuses a missing or non-image mask, and a mask for any other modal', async () => {
      const task = await inEditor();
      await refused('/v1/api/trigger/modal', { trigger_id: task.id, prompt: 'x' }, 400, 'VALIDATION_ERROR');
      await refused('/v1/api/trigger/modal', { trigger_id: task.id, prompt: 'x', maskBase64: Buffer.from('not an image').toString('base64') }, 415, 'NOT_AN_IMAGE');
      expect((await h.store.get(task.id))?.modal?.prompt).toBeUndefined();
      expect(await h.queue.getJob(jobIds.modal(task.id))).toBeUndefined();
      const remix = await inModal();
      await refused('/v1/api/trigger/modal', { trigger_id: remix.id, prompt: 'x', maskBase64: PNG_HEADER.toString('base64') }, 400, 'VALIDATION_ERROR');
      expect(await h.queue.getJob(jobIds.modal(remix.id))).toBeUndefined();
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@mjq/sandbox';
import type { Stack } from '@mjq/stack';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { MjqClient, type TaskBody } from '../support/mjq-client.js';

let e2e: E2eStack;
let stack: Stack;
let sandbox: Sandbox;
let mjq: MjqClient;

beforeAll(async () => {
  e2e = await startE2eStack('video');
  ({ stack } = e2e);
  sandbox = stack.sandbox!;
  mjq = new MjqClient(stack.api.url);
});

afterAll(async () => {
  await e2e?.stop();
});

const button = (task: TaskBody, prefix: string) => {
  const found = task.buttons.find((b) => b.customId.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} button on task ${task.id}: ${task.buttons.map((b) => b.customId).join(', ')}`);
  return found.customId;
};

type VideoTask = TaskBody & { videoUrl?: string; videoUrls?: string[] };

/** Every clip is mjq's own copy, an mp4 (ISO BMFF `ftyp` first) identical to Discord's file. */
async function expectStoredClips(task: VideoTask, count: number): Promise<void> {
  expect(task.videoUrls).toHaveLength(count);
  expect(task.videoUrl).toBe(task.videoUrls![0]);
  const discord = task.attachments.filter((a) => a.contentType === 'video/mp4');
  expect(discord).toHaveLength(count);
  for (const [i, url] of task.videoUrls!.entries()) {
    expect(url).toMatch(new RegExp(`^${stack.api.url}/v1/images/`));
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const ours = Buffer.from(await res.arrayBuffer());
    expect(ours.toString('latin1', 4, 8)).toBe('ftyp');
    expect(ours.equals(await mjq.fetchImage(discord[i]!.url))).toBe(true);
  }
}

describe('video end to end on the sandbox', () => {
  it('imagine → U1 → Animate (Low motion) → a clip → Extend (Low motion) through its modal, each a SUCCESS with mp4 clips', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a lighthouse at dusk' }));
    const upscale = await mjq.succeeded(await mjq.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id }));

    const animateId = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: button(upscale, 'MJ::JOB::animate_low::') });
    const video = (await mjq.succeeded(animateId, 60_000)) as VideoTask;
    expect(video).toMatchObject({ action: 'ACTION', parentId: upscale.id });
    expect(video.content).toContain('--motion low --video 1');
    expect(video.imageUrl).toMatch(/\.webp$/);
    await expectStoredClips(video, 4);

    const clip = (await mjq.succeeded(await mjq.trigger('action', { trigger_id: video.id, custom_id: button(video, 'MJ::JOB::video_virtual_upscale::1::') }))) as VideoTask;
    expect(clip.content).toContain('Video #1');
    await expectStoredClips(clip, 1);

    const extendId = await mjq.trigger('action', { trigger_id: clip.id, custom_id: button(clip, 'MJ::JOB::animate_low_extend::') });
    const waiting = await mjq.until(extendId, ['MODAL']);
    expect(waiting.modal).toMatchObject({ customId: expect.stringMatching(/^MJ::AnimateModal::.+::low::1$/), inputId: 'MJ::AnimateModal::prompt' });
    expect((await mjq.post('modal', { trigger_id: extendId, prompt: 'the lighthouse beam sweeps the sea' })).status).toBe(200);
    const extended = (await mjq.succeeded(extendId, 60_000)) as VideoTask;
    expect(extended.content).toContain('the lighthouse beam sweeps the sea --motion low --video 1');
    await expectStoredClips(extended, 4);
  });

  it('imagine with --video 1 --motion high is a video task', async () => {
    const video = (await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'waves on a beach --video 1 --motion high' }), 60_000)) as VideoTask;
    await expectStoredClips(video, 4);
    expect(video.buttons.map((b) => b.customId)).toContain(`MJ::JOB::video_virtual_upscale::4::${video.messageHash}`);
    expect(sandbox.state.messages.all().some((m) => m.message.id === video.messageId)).toBe(true);
  });
});

describe('seeds end to end on the sandbox', () => {
  const getJson = async (path: string) => {
    const res = await fetch(`${stack.api.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('GET /v1/tasks/{id}/seed reacts ✉️ with the account, reads the DM and keeps the seed; the relay route answers it too', async () => {
    const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a quiet harbour' }));
    const reactions = () => sandbox.state.requests.requests.filter((r) => r.route === 'PUT /channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me');
    const first = await getJson(`/v1/tasks/${grid.id}/seed`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: grid.id, seed: expect.stringMatching(/^\d+$/) });
    // Kept on the task: the relay's answer and the task agree, and no second reaction is needed.
    expect(((await mjq.task(grid.id)) as TaskBody & { seed?: string }).seed).toBe(first.body.seed);
    const relay = await getJson(`/mj/task/${grid.id}/image-seed`);
    expect(relay.body).toMatchObject({ code: 1, result: first.body.seed });
    // One ✉️, with the account's user token and a browser's User-Agent.
    expect(reactions()).toHaveLength(1);
    expect(reactions()[0]).toMatchObject({ status: 204, userId: sandbox.userId });
  });

  it('a task without a result has no seed: 400 INVALID_ACTION, relay code 4', async () => {
    // Steps of a second while it is asked: at instant speed the job could finish between the two questions.
    sandbox.configure({ speed: { stepMs: 1_000 } });
    try {
      const id = await mjq.trigger('imagine', { prompt: 'a slow one' });
      const answer = await getJson(`/v1/tasks/${id}/seed`);
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_ACTION' } });
      expect((await getJson(`/mj/task/${id}/image-seed`)).body).toMatchObject({ code: 4, result: null });
      expect((await mjq.task(id)).status).not.toBe('SUCCESS');
      sandbox.configure({ speed: 'instant' });
      await mjq.succeeded(id);
    } finally {
      sandbox.configure({ speed: 'instant' });
    }
  });
});

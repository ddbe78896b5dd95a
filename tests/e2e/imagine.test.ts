import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '@mjq/stack';
import type { CallbackReceiver } from '../support/callback-receiver.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { pollUntil } from '../support/poll.js';

let e2e: E2eStack;
let stack: Stack;
let receiver: CallbackReceiver;

beforeAll(async () => {
  e2e = await startE2eStack('e2e');
  ({ stack, receiver } = e2e);
});
afterAll(() => e2e?.stop());

interface TaskBody {
  id: string;
  status: string;
  progress: number;
  imageUrl?: string;
  discordImageUrl?: string;
  messageId?: string;
  messageHash?: string;
  buttons: { customId: string }[];
  promptFull?: string;
}

async function imagine(body: object): Promise<string> {
  const res = await fetch(`${stack.api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { message: string; trigger_id: string; trigger_type: string };
  expect(answer).toMatchObject({ message: 'success', trigger_type: 'generate' });
  return answer.trigger_id;
}

const getTask = async (id: string) => (await (await fetch(`${stack.api.url}/v1/tasks/${id}`)).json()) as TaskBody;

describe('imagine end to end on the sandbox', () => {
  it('goes from POST to SUCCESS with a fetchable WebP grid and start → generating → end callbacks', async () => {
    const id = await imagine({ prompt: 'a red fox in snow' });
    const task = await pollUntil(() => getTask(id), (t) => t.status === 'SUCCESS' || t.status === 'FAILURE');
    expect(task).toMatchObject({ id, status: 'SUCCESS', progress: 100 });
    expect(task.promptFull).toBe(`<#${id}#>a red fox in snow`);
    expect(task.messageId).toMatch(/^\d+$/);
    expect(task.messageHash).toMatch(/^[0-9a-f-]{36}$/);
    expect(task.buttons.map((b) => b.customId)).toContain(`MJ::JOB::upsample::1::${task.messageHash}`);

    const image = await fetch(task.imageUrl!);
    expect(image.status).toBe(200);
    // Today's grids are lossless WebP (protocol §4.8); the width is in the VP8L header.
    expect(image.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.toString('ascii', 8, 16)).toBe('WEBPVP8L');
    expect((bytes.readUInt32LE(21) & 0x3fff) + 1).toBeGreaterThanOrEqual(256);

    await receiver.waitFor(() => receiver.forTask(id).some((c) => c.type === 'end'));
    const callbacks = receiver.forTask(id);
    const types = callbacks.map((c) => c.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('end');
    expect(types.filter((t) => t === 'generating').length).toBeGreaterThanOrEqual(1);
    expect(new Set(types.slice(1, -1))).toEqual(new Set(['generating']));
    const progress = callbacks.filter((c) => c.type === 'generating').map((c) => c.progress as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const end = callbacks.at(-1)!;
    expect(end).toMatchObject({ trigger_id: id, id: task.messageId });
    expect(typeof end.id).toBe('string');
    // The seed's shape: Discord's attachments; mjq's own copy of the image beside them.
    expect((end.attachments as { url: string }[])[0]?.url).toBe(task.discordImageUrl);
    expect(end.image_url).toBe(task.imageUrl);
    expect(task.imageUrl).toMatch(new RegExp(`^${stack.api.url}/v1/images/result/${id}/`));
  });

  it('runs concurrent imagines to their own results', async () => {
    const prompts = ['a cat', 'a dog', 'a cow', 'a hen', 'an owl'];
    const ids = await Promise.all(prompts.map((prompt) => imagine({ prompt })));
    const tasks = await Promise.all(ids.map((id) => pollUntil(() => getTask(id), (t) => t.status === 'SUCCESS')));
    const hashes = new Set(tasks.map((t) => t.messageHash));
    expect(hashes.size).toBe(prompts.length);
    for (const [i, t] of tasks.entries()) expect(t.promptFull).toBe(`<#${ids[i]}#>${prompts[i]}`);
  });
});

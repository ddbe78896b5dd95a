import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Stack } from '@mjq/stack';
import type { CallbackReceiver } from '../support/callback-receiver.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { openSse } from '../support/sse-client.js';

const SECRET = `whsec_${Buffer.from('e2e signing key for mjq callbacks').toString('base64')}`;
let e2e: E2eStack;
let stack: Stack;
let receiver: CallbackReceiver;

beforeAll(async () => {
  // A few ms per Midjourney step: the progress edits arrive while the client is connected. Progress
  // callbacks paced far apart: only the first step is reported by callback, SSE shows every one.
  e2e = await startE2eStack('e2e-sse', { env: { WEBHOOK_SECRET: SECRET, CALLBACK_PROGRESS_GAP_MS: '600000' }, speed: { stepMs: 30 } });
  ({ stack, receiver } = e2e);
});
afterAll(() => e2e?.stop());

interface TaskBody {
  id: string;
  status: string;
  progress: number;
  imageUrl?: string;
}

describe('live progress of an imagine on the sandbox', () => {
  it('streams start, several progress values and the end over SSE, and signs the paced steps as callbacks', async () => {
    const res = await fetch(`${stack.api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt: 'a fox at dawn' }) });
    const { trigger_id: id } = (await res.json()) as { trigger_id: string };
    const sse = await openSse(`${stack.api.url}/v1/tasks/${id}/events`);
    expect(sse.status).toBe(200);
    await sse.closed;

    const steps = sse.events.map((e) => ({ id: e.id!, name: e.event, task: JSON.parse(e.data) as TaskBody }));
    const names = steps.map((s) => s.name);
    expect(names[0]).toBe('created');
    expect(names).toContain('submitted');
    expect(names.indexOf('start')).toBeLessThan(names.indexOf('generating'));
    expect(names.at(-1)).toBe('end');
    const progress = steps.filter((s) => s.name === 'generating').map((s) => s.task.progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(new Set(progress).size).toBe(progress.length);
    const revisions = steps.map((s) => Number(s.id.split('-')[0]));
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    expect(steps.at(-1)!.task).toMatchObject({ id, status: 'SUCCESS', progress: 100, imageUrl: expect.any(String) });

    // The callbacks report the steps, progress paced by CALLBACK_PROGRESS_GAP_MS (the first step
    // only, here), each verifiable with the standardwebhooks library.
    await receiver.waitFor(() => receiver.forTask(id).some((c) => c.type === 'end'));
    const webhook = new Webhook(SECRET);
    const delivered = receiver.received.filter((c) => c.body.trigger_id === id);
    for (const c of delivered) expect(webhook.verify(c.raw, c.headers as Record<string, string>)).toEqual(c.body);
    expect(delivered.map((c) => c.body.type)).toEqual(['start', 'generating', 'end']);
    expect(delivered[1]!.body.progress).toBe(progress[0]);
  });
});

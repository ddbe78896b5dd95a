import { afterEach, describe, expect, it, vi } from 'vitest';
import { imageKeys, SlotPool, type Task } from '@mjq/common';
import { takeSlot } from '../../../tests/support/slots.js';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { downloadImage, DOWNLOAD_LIMITS } from '../src/result-image.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { DELETE_GRACE_MS, fakeGraceClock, Harness, ImageServer, mjMessage, PUBLIC_URL, USER, withPipelineHarness } from './fixtures.js';

let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;
let seq = 0;

// Copy first, then SUCCESS: how results are stored when image URLs point at a public bucket
// (S3_PUBLIC_BASE_URL), which nothing of mjq's fronts. The default order is in result-copies.test.ts.
withPipelineHarness('result-images', (harness, server) => {
  h = harness;
  cdn = server;
  pipeline = harness.pipeline({ copies: undefined });
});
afterEach(() => {
  vi.useRealTimers();
});

const id = () => String(1500000000000000000n + BigInt(++seq));

/** An imagine's messages: waiting (with the nonce), the result at `url`, the progress message deleted. */
async function imagine(url: string, filename: string): Promise<{ task: Task; events: GatewayMessageEvent[] }> {
  const nonce = id();
  const task = await h.task();
  await h.store.linkNonce(nonce, task.id);
  const [progress, result, ix] = [id(), id(), id()];
  const head = `**<#${task.id}#>a red fox** - ${USER}`;
  const envelope = { interaction_metadata: { id: ix, name: 'imagine' } };
  return {
    task,
    events: [
      { kind: 'create', message: mjMessage(progress, `${head} (Waiting to start)`, { ...envelope, nonce }) },
      { kind: 'create', message: mjMessage(result, `${head} (fast)`, { ...envelope, attachments: [{ id: id(), filename, url }] }) },
      { kind: 'delete', message: { id: progress, channel_id: '1' } },
    ],
  };
}

describe('result images copied before SUCCESS (a public bucket)', () => {
  it('copies the result into the image store before the task finishes', async () => {
    const url = cdn.url('img/fox_result.png');
    const { task, events } = await imagine(url, 'fox result.png');
    for (const e of events) await pipeline.push(e);
    const key = imageKeys.result(task.id, 'fox result.png');
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: `${PUBLIC_URL}/v1/images/${key}`, discordImageUrl: url });
    const copy = await h.images.get(key);
    expect(copy?.contentType).toBe('image/png');
    expect(copy?.data.equals(ImageServer.png('fox_result.png'))).toBe(true);
  });

  it('finishes with the Discord URL when the copy fails', async () => {
    const url = cdn.url('missing/fox.png');
    const { task, events } = await imagine(url, 'fox.png');
    for (const e of events) await pipeline.push(e);
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: url, discordImageUrl: url });
    expect(await h.images.has(imageKeys.result(task.id, 'fox.png'))).toBe(false);
    expect(await h.callbacksOf(task.id)).toEqual(['start:0', 'end:100']);
    // 404 is final: no retry.
    expect(cdn.requests.filter((r) => r.startsWith('/missing/fox.png'))).toHaveLength(1);
  });

  it("a slow copy holds up neither other tasks nor its own deletion check's verdict", async () => {
    fakeGraceClock();
    // The CDN answers the slow image only when the test releases it.
    const slow = await imagine(cdn.url('held/slow.png'), 'slow.png');
    const fast = await imagine(cdn.url('img/fast.png'), 'fast.png');
    for (const e of slow.events) void pipeline.push(e);
    await pollUntil(async () => cdn.requests.filter((r) => r.startsWith('/held/slow.png')).length, (n) => n === 1);
    // The slow copy is in flight: the other task goes all the way through meanwhile.
    for (const e of fast.events) await pipeline.push(e);
    expect(await h.store.get(fast.task.id)).toMatchObject({ status: 'SUCCESS' });
    expect(await h.store.get(slow.task.id)).toMatchObject({ status: 'IN_PROGRESS' });
    // The progress message was deleted right after the result; its grace runs out while the copy
    // is still held, and the verdict waits for the result to be applied.
    vi.advanceTimersByTime(DELETE_GRACE_MS);
    expect(await h.store.get(slow.task.id)).toMatchObject({ status: 'IN_PROGRESS' });
    cdn.release();
    await pipeline.drain();
    expect(await h.store.get(slow.task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: expect.stringContaining(PUBLIC_URL) });
    expect(await h.callbacksOf(slow.task.id)).toEqual(['start:0', 'end:100']);
  });
});

describe('the account slot of a finished job', () => {
  it('is free as soon as the result is seen, while the result is still being copied', async () => {
    cdn.hold();
    const slots = new SlotPool(h.redis, h.prefix);
    const held = await imagine(cdn.url('held/slot.png'), 'slot.png');
    expect(await takeSlot(h.redis, h.prefix, held.task.id, [{ id: 'acct-slot', concurrency: 1 }], 60_000)).toBe('acct-slot');
    await h.store.patch(held.task.id, { accountId: 'acct-slot' });
    for (const e of held.events) void pipeline.push(e);
    await pollUntil(async () => cdn.requests.filter((r) => r.startsWith('/held/slot.png')).length, (n) => n === 1);
    // The copy is held: the task is not finished, but Midjourney's job is, and its slot is free.
    expect(await slots.inUse('acct-slot')).toBe(0);
    expect(await h.store.get(held.task.id)).toMatchObject({ status: 'IN_PROGRESS' });
    cdn.release();
    await pipeline.drain();
    expect(await h.store.get(held.task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: expect.stringContaining(PUBLIC_URL) });
    expect(await slots.inUse('acct-slot')).toBe(0);
  });
});

describe('downloadImage', () => {
  const loopback = (url: URL) => url.hostname === '127.0.0.1';
  it('aborts beyond the size cap and refuses what is not an image', async () => {
    await expect(downloadImage(cdn.url('big/4096/x.png'), loopback, { ...DOWNLOAD_LIMITS, maxBytes: 1024 })).rejects.toThrow(RangeError);
    expect((await downloadImage(cdn.url('big/1024/x.png'), loopback, { ...DOWNLOAD_LIMITS, maxBytes: 1024 })).data).toHaveLength(1024);
    await expect(downloadImage(cdn.url('text/x.png'), loopback)).rejects.toThrow(/not an image/);
    await expect(downloadImage('file:///etc/passwd', () => true)).rejects.toThrow(/http/);
  });
});

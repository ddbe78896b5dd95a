import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { imageKeys, type Task } from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { fakeGraceClock, Harness, ImageServer, judgeDeletions, mjMessage, PUBLIC_URL, replyTo, USER, withPipelineHarness } from './fixtures.js';

/**
 * Results of button clicks echo their parent's prompt, `<#parent#>` marker included; several may
 * run at once on one parent. Each message must still land on its own child task.
 */
const H = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;
let seq = 0;

withPipelineHarness('children', (harness, server, messages) => {
  h = harness;
  cdn = server;
  pipeline = messages;
});
// Deletions are judged when a test says so (settle), not after a sleep.
beforeEach(() => {
  fakeGraceClock();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Fresh snowflake-like ids per test, so tests share no message or interaction ids. */
const id = () => String(1300000000000000000n + BigInt(++seq));

/** A finished imagine whose grid message (id returned) carries the buttons. */
async function finishedParent(): Promise<{ parent: Task; grid: string }> {
  const grid = id();
  const parent = await h.task({ status: 'SUCCESS', progress: 100, messageId: grid, finishTime: Date.now() });
  return { parent, grid };
}

const png = (name: string) => ({ id: id(), filename: name, url: cdn.url(`img/${name}`) });
const stored = (taskId: string, name: string) => `${PUBLIC_URL}/v1/images/${imageKeys.result(taskId, name)}`;

function jobMessage(msgId: string, parent: Task, tail: string, extra: Partial<DiscordMessage>): DiscordMessage {
  return mjMessage(msgId, `**<#${parent.id}#>a red fox** - ${tail}`, extra);
}

/** Every event pushed so far applied, and every deletion judged after its grace. */
async function settle(): Promise<void> {
  await judgeDeletions(pipeline);
}

describe('child task messages', () => {
  it('two upscales and two variations of one grid, interleaved, each land on their own task', async () => {
    const { parent, grid } = await finishedParent();
    const before = await h.store.get(parent.id);
    const [u1, u2, v1, v2] = [
      await h.child(parent, grid, { action: 'UPSCALE', index: 1, customId: `MJ::JOB::upsample::1::${H}`, nonce: id() }),
      await h.child(parent, grid, { action: 'UPSCALE', index: 2, customId: `MJ::JOB::upsample::2::${H}`, nonce: id() }),
      await h.child(parent, grid, { action: 'VARIATION', index: 1, customId: `MJ::JOB::variation::1::${H}`, nonce: id() }),
      await h.child(parent, grid, { action: 'VARIATION', index: 2, customId: `MJ::JOB::variation::2::${H}`, nonce: id() }),
    ] as Task[];
    const ix = { u1: id(), u2: id(), v1: id(), v2: id() };
    const m = { v1: id(), v2: id(), u2: id(), u1: id(), v2done: id(), v1done: id() };
    const variation = (status: string) => `Variations (Strong) by ${USER} ${status}`;
    const events: GatewayMessageEvent[] = [
      { kind: 'create', message: jobMessage(m.v1, parent, variation('(Waiting to start)'), { ...replyTo(grid, ix.v1), nonce: v1!.nonce }) },
      { kind: 'create', message: jobMessage(m.v2, parent, variation('(Waiting to start)'), { ...replyTo(grid, ix.v2), nonce: v2!.nonce }) },
      { kind: 'create', message: jobMessage(m.u2, parent, `Image #2 ${USER}`, { ...replyTo(grid, ix.u2), nonce: u2!.nonce, attachments: [png('fox_u2.png')] }) },
      { kind: 'update', message: jobMessage(m.v1, parent, variation('(31%) (fast)'), { ...replyTo(grid, ix.v1), attachments: [png(`${H}_grid_0.webp`)] }) },
      // Seen without its nonce and before any INTERACTION_SUCCESS: only the reference and "Image #1" tell.
      { kind: 'create', message: jobMessage(m.u1, parent, `Image #1 ${USER}`, { ...replyTo(grid, ix.u1), attachments: [png('fox_u1.png')] }) },
      { kind: 'update', message: jobMessage(m.v2, parent, variation('(62%) (fast)'), { ...replyTo(grid, ix.v2), attachments: [png(`${H}_grid_0.webp`)] }) },
      { kind: 'create', message: jobMessage(m.v2done, parent, variation('(fast)'), { ...replyTo(grid, ix.v2), attachments: [png('fox_v2.png')] }) },
      { kind: 'delete', message: { id: m.v2, channel_id: '1' } },
      { kind: 'create', message: jobMessage(m.v1done, parent, variation('(fast)'), { ...replyTo(grid, ix.v1), attachments: [png('fox_v1.png')] }) },
      { kind: 'delete', message: { id: m.v1, channel_id: '1' } },
    ];
    for (const e of events) void pipeline.push(e);
    await settle();

    const expected: [Task, string, string, string[]][] = [
      [u1!, m.u1, 'fox_u1.png', ['end:100']],
      [u2!, m.u2, 'fox_u2.png', ['end:100']],
      [v1!, m.v1done, 'fox_v1.png', ['start:0', 'generating:31', 'end:100']],
      [v2!, m.v2done, 'fox_v2.png', ['start:0', 'generating:62', 'end:100']],
    ];
    for (const [task, messageId, name, callbacks] of expected) {
      expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', messageId, imageUrl: stored(task.id, name), discordImageUrl: cdn.url(`img/${name}`) });
      expect(await h.callbacksOf(task.id)).toEqual(callbacks);
      expect((await h.images.get(imageKeys.result(task.id, name)))?.data.equals(ImageServer.png(name))).toBe(true);
    }
    // The parent saw none of it: not a field, not a link, not a callback.
    expect(await h.store.get(parent.id)).toEqual(before);
    for (const messageId of Object.values(m)) expect(await h.store.findByMessage(messageId)).not.toBe(parent.id);
    expect(await h.callbacksOf(parent.id)).toEqual([]);
    // The U1 reply found by reference is linked by its interaction too.
    expect(await h.store.findByInteraction(ix.u1)).toBe(u1!.id);
  });

  it('finds a result without a nonce by its interaction id, even when an older sibling waits', async () => {
    const { parent, grid } = await finishedParent();
    // Older, still waiting for its first message: the reference fallback would pick it.
    const older = await h.child(parent, grid, { action: 'VARIATION', index: 1, customId: `MJ::JOB::variation::1::${H}`, nonce: id() });
    const mine = await h.child(parent, grid, { action: 'VARIATION', index: 3, customId: `MJ::JOB::variation::3::${H}`, nonce: id() });
    const ix = id();
    const [waiting, result] = [id(), id()];
    const tail = (s: string) => `Variations (Strong) by ${USER} ${s}`;
    await pipeline.push({ kind: 'create', message: jobMessage(waiting, parent, tail('(Waiting to start)'), { ...replyTo(grid, ix), nonce: mine.nonce }) });
    expect(await h.store.findByInteraction(ix)).toBe(mine.id);
    await pipeline.push({ kind: 'create', message: jobMessage(result, parent, tail('(fast)'), { ...replyTo(grid, ix), attachments: [png('fox_v3.png')] }) });
    expect(await h.store.get(mine.id)).toMatchObject({ status: 'SUCCESS', messageId: result });
    expect(await h.store.get(older.id)).toMatchObject({ status: 'SUBMITTED' });
    expect((await h.store.get(older.id))?.messageId).toBeUndefined();
  });

  it("never lets a finished parent's marker capture a child's message", async () => {
    const { parent, grid } = await finishedParent();
    const before = await h.store.get(parent.id);
    const unmatched = pipeline.unmatched;
    const [msg, ix] = [id(), id()];
    // A child nobody here created (a click in Discord's own client): nothing to match it to.
    await pipeline.push({ kind: 'create', message: jobMessage(msg, parent, `Image #4 ${USER}`, { ...replyTo(grid, ix), attachments: [png('fox_u4.png')] }) });
    await pipeline.push({ kind: 'update', message: jobMessage(msg, parent, `Image #4 ${USER}`, { ...replyTo(grid, ix), attachments: [png('fox_u4.png')] }) });
    expect(pipeline.unmatched).toBe(unmatched + 2);
    expect(await h.store.get(parent.id)).toEqual(before);
    expect(await h.store.findByMessage(msg)).toBeUndefined();
    expect(await h.store.findByInteraction(ix)).toBeUndefined();
    expect(cdn.requests.some((r) => r.includes('fox_u4'))).toBe(false);
  });

  it('falls back to the children of the referenced message when no id is known', async () => {
    const { parent, grid } = await finishedParent();
    // Sent, but its nonce never linked (the view that saw the messages is not the sender's).
    const zoom = await h.child(parent, grid, { action: 'ACTION', customId: `MJ::Outpaint::50::1::${H}::SOLO` });
    const ix = id();
    const [progress, result] = [id(), id()];
    const tail = (s: string) => `Zoom Out by ${USER} ${s}`;
    await pipeline.push({ kind: 'create', message: jobMessage(progress, parent, tail('(Waiting to start)'), replyTo(grid, ix)) });
    await pipeline.push({ kind: 'update', message: jobMessage(progress, parent, tail('(31%) (fast)'), { ...replyTo(grid, ix), attachments: [png(`${H}_grid_0.webp`)] }) });
    await pipeline.push({ kind: 'create', message: jobMessage(result, parent, tail('(fast)'), { ...replyTo(grid, ix), attachments: [png('fox_zoom.png')] }) });
    await pipeline.push({ kind: 'delete', message: { id: progress, channel_id: '1' } });
    await settle();
    expect(await h.store.get(zoom.id)).toMatchObject({ status: 'SUCCESS', messageId: result, imageUrl: stored(zoom.id, 'fox_zoom.png') });
    expect(await h.callbacksOf(zoom.id)).toEqual(['start:0', 'generating:31', 'end:100']);
    expect(await h.store.findByInteraction(ix)).toBe(zoom.id);
  });
});

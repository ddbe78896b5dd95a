import { afterEach, describe, expect, it, vi } from 'vitest';
import { imageKeys, redisKeys } from '@mjq/common';
import { pollUntil } from '../../../tests/support/poll.js';
import { MessagePipeline } from '../src/message-pipeline.js';
import { fakeGraceClock, Harness, ImageServer, judgeDeletions, mjMessage as message, PUBLIC_URL, withPipelineHarness } from './fixtures.js';

const HASH = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;

withPipelineHarness('pipeline', (harness, server, messages) => {
  h = harness;
  cdn = server;
  pipeline = messages;
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const submittedTask = () => h.task();
const callbacksOf = (taskId: string) => h.callbacksOf(taskId);

const image = (name: string) => cdn.url(`img/${name}`);
const progressMsg = (id: string, taskId: string, pct: number) =>
  message(id, `**<#${taskId}#>a red fox** - <@1200000000000000009> (${pct}%) (fast)`, {
    attachments: [{ id: `${id}9`, filename: `${HASH}_grid_0.webp`, url: image(`${HASH}_grid_0.webp`) }],
  });
const finalMsg = (id: string, taskId: string) =>
  message(id, `**<#${taskId}#>a red fox** - <@1200000000000000009> (fast)`, {
    attachments: [{ id: `${id}9`, filename: `driver_a_red_fox_${HASH}.png`, url: image(`driver_a_red_fox_${HASH}.png`), width: 1024, height: 1024 }],
    components: [
      { type: 1, components: [1, 2, 3, 4].map((n) => ({ type: 2, style: 2, label: `U${n}`, custom_id: `MJ::JOB::upsample::${n}::${HASH}` })) },
    ],
  });

describe('MessagePipeline', () => {
  it('follows the imagine lifecycle once, whatever is replayed', async () => {
    fakeGraceClock();
    const t = await submittedTask();
    const events = [
      { kind: 'create', message: message('101', `**<#${t.id}#>a red fox** - <@1200000000000000009> (Waiting to start)`, { nonce: '77', interaction_metadata: { id: '1299', name: 'imagine' } }) },
      { kind: 'update', message: progressMsg('101', t.id, 31) },
      { kind: 'update', message: progressMsg('101', t.id, 31) },
      { kind: 'update', message: progressMsg('101', t.id, 62) },
      { kind: 'create', message: finalMsg('120', t.id) },
      { kind: 'update', message: progressMsg('101', t.id, 93) },
      { kind: 'create', message: finalMsg('120', t.id) },
      { kind: 'delete', message: { id: '101', channel_id: '1100000000000000002' } },
    ] as const;
    for (const e of events) await pipeline.push(e);
    // The deletion is judged (after the result: nothing changes) before anything is checked.
    await judgeDeletions(pipeline);
    const task = await h.store.get(t.id);
    expect(task).toMatchObject({
      status: 'SUCCESS',
      progress: 100,
      messageId: '120',
      messageHash: HASH,
      // The interaction that started the job, recorded with its first message.
      interactionId: '1299',
      imageUrl: `${PUBLIC_URL}/v1/images/${imageKeys.result(t.id, `driver_a_red_fox_${HASH}.png`)}`,
      discordImageUrl: image(`driver_a_red_fox_${HASH}.png`),
      mode: 'fast',
    });
    expect(task?.buttons.map((b) => b.customId)).toEqual([1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${HASH}`));
    expect(task?.attachments[0]).toMatchObject({ filename: `driver_a_red_fox_${HASH}.png`, width: 1024 });
    expect(await callbacksOf(t.id)).toEqual(['start:0', 'generating:31', 'generating:62', 'end:100']);
    // The duplicate result found the task finished: one download only.
    expect(cdn.requests.filter((r) => r.includes('driver_a_red_fox'))).toHaveLength(1);
  });

  it('writes no progress step overtaken by a later one already queued for its task', async () => {
    const t = await submittedTask();
    const offered: string[] = [];
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const apply = h.store.apply.bind(h.store);
    // The first change is slow to store (Redis busy): the job's next messages queue behind it.
    vi.spyOn(h.store, 'apply').mockImplementation(async (id, update, options) => {
      offered.push(`${update.status}:${update.progress ?? ''}`);
      if (offered.length === 1) await held;
      return apply(id, update, options);
    });
    const pushed = [
      { kind: 'create', message: message('301', `**<#${t.id}#>a red fox** - <@1200000000000000009> (Waiting to start)`, { nonce: '79' }) },
      { kind: 'update', message: progressMsg('301', t.id, 31) },
      { kind: 'update', message: progressMsg('301', t.id, 62) },
      { kind: 'create', message: finalMsg('320', t.id) },
    ].map((e) => pipeline.push(e as Parameters<MessagePipeline['push']>[0]));
    // The result's message id is linked as it is matched, before its change is applied: all are queued.
    await pollUntil(() => h.redis.exists(redisKeys(h.prefix).messageToTask('320')), (n) => n === 1);
    release();
    await Promise.all(pushed);
    expect(offered).toEqual(['IN_PROGRESS:0', 'SUCCESS:100']);
    expect(await h.store.get(t.id)).toMatchObject({ status: 'SUCCESS', progress: 100, messageId: '320' });
    expect(await callbacksOf(t.id)).toEqual(['start:0', 'end:100']);
  });

  it('treats a deleted progress message with no result as moderation', async () => {
    fakeGraceClock();
    const t = await submittedTask();
    await pipeline.push({ kind: 'update', message: progressMsg('201', t.id, 31) });
    await pipeline.push({ kind: 'delete', message: { id: '201', channel_id: '1100000000000000002' } });
    await pipeline.drain();
    // Not before the grace has run out: a result may still be on its way.
    expect(await h.store.get(t.id)).toMatchObject({ status: 'IN_PROGRESS' });
    await judgeDeletions(pipeline);
    expect(await h.store.get(t.id)).toMatchObject({ status: 'FAILURE', failCode: 'moderated' });
    expect(await callbacksOf(t.id)).toEqual(['generating:31', 'banned:31']);
  });

  it('fails a task on a Midjourney error embed and counts messages it cannot match', async () => {
    const t = await submittedTask();
    await pipeline.push({
      kind: 'create',
      message: message('301', '', {
        nonce: '88',
        embeds: [{ title: 'Invalid parameter', description: 'Unrecognized parameter(s): `--foo`', color: 16711680, footer: { text: `/imagine <#${t.id}#>x --foo` } }],
      }),
    });
    await h.store.linkNonce('99', t.id);
    const before = pipeline.unmatched;
    await pipeline.push({ kind: 'create', message: message('302', '**someone else** - <@1> (Waiting to start)') });
    expect(pipeline.unmatched).toBe(before + 1);
    // The error embed carries no marker in its content: it is matched by nonce once the nonce is known.
    await pipeline.push({
      kind: 'create',
      message: message('303', '', { nonce: '99', embeds: [{ title: 'Invalid parameter', description: 'bad', color: 16711680 }] }),
    });
    expect(await h.store.get(t.id)).toMatchObject({ status: 'FAILURE', failCode: 'invalid_parameter' });
  });
});

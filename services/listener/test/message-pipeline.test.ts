import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  createLogger,
  createRedis,
  nextTaskId,
  QUEUE_NAMES,
  redisKeys,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Task,
} from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import { MessagePipeline } from '../src/message-pipeline.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('pipeline');
const MJ = '936929561302675456';
const HASH = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
let redis: Redis;
let store: TaskStore;
let queue: Queue<CallbackJob>;
let pipeline: MessagePipeline;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  const events = new TaskEventPublisher(queue, 'http://127.0.0.1:9/cb', 3);
  pipeline = new MessagePipeline({ store, events, log: createLogger('test', 'silent'), deleteGraceMs: 50 });
});
afterAll(async () => {
  pipeline.stop();
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function submittedTask(): Promise<Task> {
  const task: Task = {
    id: await nextTaskId(redis, store.keys.taskSeq()),
    action: 'IMAGINE',
    status: 'SUBMITTED',
    prompt: 'a red fox',
    progress: 0,
    imageUrls: [],
    attachments: [],
    embeds: [],
    buttons: [],
    submitTime: Date.now(),
  };
  await store.create(task);
  return task;
}

function message(id: string, content: string, extra: Partial<DiscordMessage> = {}): DiscordMessage {
  return {
    id,
    channel_id: '1100000000000000002',
    author: { id: MJ, username: 'Midjourney Bot', bot: true },
    content,
    attachments: [],
    embeds: [],
    components: [],
    ...extra,
  };
}

const cdn = (name: string) => `https://cdn.example/attachments/1/2/${name}?ex=1&is=2&hm=3&`;
const progressMsg = (id: string, taskId: string, pct: number) =>
  message(id, `**<#${taskId}#>a red fox** - <@1200000000000000009> (${pct}%) (fast)`, {
    attachments: [{ id: `${id}9`, filename: `${HASH}_grid_0.webp`, url: cdn(`${HASH}_grid_0.webp`) }],
  });
const finalMsg = (id: string, taskId: string) =>
  message(id, `**<#${taskId}#>a red fox** - <@1200000000000000009> (fast)`, {
    attachments: [{ id: `${id}9`, filename: `driver_a_red_fox_${HASH}.png`, url: cdn(`driver_a_red_fox_${HASH}.png`), width: 1024, height: 1024 }],
    components: [
      { type: 1, components: [1, 2, 3, 4].map((n) => ({ type: 2, style: 2, label: `U${n}`, custom_id: `MJ::JOB::upsample::${n}::${HASH}` })) },
    ],
  });

async function callbacksOf(taskId: string): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  return jobs
    .filter((j) => j.data.taskId === taskId)
    .sort((a, b) => a.data.revision - b.data.revision)
    .map((j) => `${j.data.event}:${j.data.body.progress as number}`);
}

describe('MessagePipeline', () => {
  it('follows the imagine lifecycle once, whatever is replayed', async () => {
    const t = await submittedTask();
    const events = [
      { kind: 'create', message: message('101', `**<#${t.id}#>a red fox** - <@1200000000000000009> (Waiting to start)`, { nonce: '77' }) },
      { kind: 'update', message: progressMsg('101', t.id, 31) },
      { kind: 'update', message: progressMsg('101', t.id, 31) },
      { kind: 'update', message: progressMsg('101', t.id, 62) },
      { kind: 'create', message: finalMsg('120', t.id) },
      { kind: 'update', message: progressMsg('101', t.id, 93) },
      { kind: 'create', message: finalMsg('120', t.id) },
      { kind: 'delete', message: { id: '101', channel_id: '1100000000000000002' } },
    ] as const;
    for (const e of events) await pipeline.push(e);
    await new Promise((r) => setTimeout(r, 120));
    await pipeline.drain();
    const task = await store.get(t.id);
    expect(task).toMatchObject({
      status: 'SUCCESS',
      progress: 100,
      messageId: '120',
      messageHash: HASH,
      imageUrl: cdn(`driver_a_red_fox_${HASH}.png`),
      mode: 'fast',
    });
    expect(task?.buttons.map((b) => b.customId)).toEqual([1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${HASH}`));
    expect(task?.attachments[0]).toMatchObject({ filename: `driver_a_red_fox_${HASH}.png`, width: 1024 });
    expect(await callbacksOf(t.id)).toEqual(['start:0', 'generating:31', 'generating:62', 'end:100']);
  });

  it('treats a deleted progress message with no result as moderation', async () => {
    const t = await submittedTask();
    await pipeline.push({ kind: 'update', message: progressMsg('201', t.id, 31) });
    await pipeline.push({ kind: 'delete', message: { id: '201', channel_id: '1100000000000000002' } });
    await new Promise((r) => setTimeout(r, 120));
    await pipeline.drain();
    expect(await store.get(t.id)).toMatchObject({ status: 'FAILURE', failCode: 'moderated' });
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
    await store.linkNonce('99', t.id);
    const before = pipeline.unmatched;
    await pipeline.push({ kind: 'create', message: message('302', '**someone else** - <@1> (Waiting to start)') });
    expect(pipeline.unmatched).toBe(before + 1);
    // The error embed carries no marker in its content: it is matched by nonce once the nonce is known.
    await pipeline.push({
      kind: 'create',
      message: message('303', '', { nonce: '99', embeds: [{ title: 'Invalid parameter', description: 'bad', color: 16711680 }] }),
    });
    expect(await store.get(t.id)).toMatchObject({ status: 'FAILURE', failCode: 'invalid_parameter' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CallbackQueue,
  createLogger,
  createRedis,
  createImageStore,
  loadConfig,
  QUEUE_NAMES,
  publicImageUrl,
  redisKeys,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Task,
} from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import { MessagePipeline } from '../src/message-pipeline.js';
import { startCallbackWorker, type CallbackWorker } from '../src/callback-worker.js';
import { CallbackReceiver } from '../../../tests/support/callback-receiver.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';
import { ImageServer } from './fixtures.js';

/**
 * Two listener replicas on the same channel see every gateway event; a restarted listener (or
 * a gateway RESUME) replays events already applied. None of that may add a state change or a
 * callback: each task must produce exactly one terminal callback.
 */
const prefix = testPrefix('replicas');
const MJ = '936929561302675456';
const HASH = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
const config = loadConfig({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, CALLBACK_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent', IMAGE_STORE: 'redis' });
const log = createLogger('test', 'silent');
const connections: Redis[] = [];
const queues: Queue<CallbackJob>[] = [];
let receiver: CallbackReceiver;
let images: ImageServer;
let callbacks: CallbackWorker;

function connection(): Redis {
  const redis = createRedis(testRedisUrl(), 'worker');
  connections.push(redis);
  return redis;
}

/** One listener replica: its own connections, store, queue handle and pipeline. */
function replica(): { pipeline: MessagePipeline; store: TaskStore; queue: Queue<CallbackJob>; events: TaskEventPublisher } {
  const redis = connection();
  const store = new TaskStore(redis, prefix, { ttlDays: 1 });
  const queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  queues.push(queue);
  const events = new TaskEventPublisher(queue, receiver.url);
  const pipeline = new MessagePipeline({
    store,
    events,
    log,
    images: createImageStore(redis, config),
    imageUrl: (key) => publicImageUrl(config, key),
    deleteGraceMs: 50,
  });
  return { pipeline, store, queue, events };
}

beforeAll(async () => {
  receiver = await new CallbackReceiver().start();
  images = await new ImageServer().start();
});
afterAll(async () => {
  await callbacks?.close();
  for (const q of queues) await q.close();
  await receiver.stop();
  await images.stop();
  await dropPrefix(connections[0]!, prefix);
  for (const c of connections) c.disconnect();
});

const message = (id: string, content: string, extra: Partial<DiscordMessage> = {}): DiscordMessage => ({
  id,
  channel_id: '1100000000000000002',
  author: { id: MJ, username: 'Midjourney Bot', bot: true },
  content,
  attachments: [],
  embeds: [],
  components: [],
  ...extra,
});
const cdn = (name: string) => images.url(`img/${name}`);

/** The gateway events of one imagine: waiting, three progress edits, the result, the deletion. */
function lifecycle(taskId: string, n: number): GatewayMessageEvent[] {
  const progressId = `9${n}01`;
  const head = `**<#${taskId}#>a red fox** - <@1200000000000000009>`;
  const progress = (pct: number): GatewayMessageEvent => ({
    kind: 'update',
    message: message(progressId, `${head} (${pct}%) (fast)`, {
      attachments: [{ id: `${progressId}9`, filename: `${HASH}_grid_0.webp`, url: cdn(`${HASH}_grid_0.webp`) }],
    }),
  });
  return [
    { kind: 'create', message: message(progressId, `${head} (Waiting to start)`) },
    progress(31),
    progress(62),
    progress(93),
    {
      kind: 'create',
      message: message(`9${n}02`, `${head} (fast)`, {
        attachments: [{ id: `9${n}029`, filename: `driver_a_red_fox_${HASH}.png`, url: cdn(`driver_a_red_fox_${HASH}.png`) }],
      }),
    },
    { kind: 'delete', message: { id: progressId, channel_id: '1100000000000000002' } },
  ];
}

const submittedTask = (store: TaskStore, redis: Redis) => storedTask(redis, store, { status: 'SUBMITTED' });

describe('two listener replicas on one channel', () => {
  it('produce exactly one terminal callback per task, and a replay after restart changes nothing', async () => {
    const a = replica();
    const b = replica();
    callbacks = startCallbackWorker({ config, queue: a.queue, connection: connection(), log, sweepEveryMs: 50 });
    // Replica a delivers what it records; b's callbacks reach the receiver through the sweep.
    a.events.deliverWith(callbacks.delivery);
    const pending = CallbackQueue.forQueue(a.queue);
    const tasks = await Promise.all([0, 1, 2, 3, 4, 5].map(() => submittedTask(a.store, connections[0]!)));
    const streams = tasks.map((t, n) => lifecycle(t.id, n));
    // Each replica gets every event, in gateway order, with a RESUME replaying part of it; both
    // run at once, so for every event the two race to apply it.
    const feed = async (pipeline: MessagePipeline, replay: number) => {
      for (const events of streams) {
        for (const e of [...events, ...events.slice(replay)]) void pipeline.push(e);
      }
      await pipeline.drain();
    };
    await Promise.all([feed(a.pipeline, 1), feed(b.pipeline, 3)]);

    const ends = () => receiver.received.filter((c) => c.body.type === 'end');
    await pollUntil(async () => ends().length, (n) => n >= tasks.length);
    // Every task is SUCCESS, so the deletion checks still pending cannot change anything. Both
    // pipelines are drained: every callback there will be is recorded. Once none is left to
    // deliver, the receiver has seen all there is to see.
    const undelivered = async () => (await pending.tasksPending()) + (await a.queue.count());
    await pollUntil(undelivered, (n) => n === 0);
    const fingerprint = async () => receiver.received.map((c) => c.headers['webhook-id']).sort();
    const jobsBefore = await fingerprint();

    // A restarted listener replays everything it can still see: nothing new happens.
    const restarted = replica();
    await feed(restarted.pipeline, 0);
    for (const p of [a, b, restarted]) p.pipeline.stop();
    // Drained: any callback the replay recorded would be pending now, or delivered.
    expect(await undelivered()).toBe(0);
    expect(await fingerprint()).toEqual(jobsBefore);

    for (const t of tasks) {
      const got = receiver.forTask(t.id);
      expect(got.filter((c) => c.type === 'end')).toHaveLength(1);
      expect(got.filter((c) => c.type === 'start')).toHaveLength(1);
      expect(got.map((c) => c.type)).not.toContain('banned');
      const progress = got.filter((c) => c.type === 'generating').map((c) => c.progress as number);
      expect(progress).toEqual([...new Set(progress)].sort((x, y) => x - y));
      expect(got.at(-1)?.type).toBe('end');
      // One webhook-id per delivered callback: nothing was delivered twice.
      const ids = receiver.received.filter((c) => c.body.trigger_id === t.id).map((c) => c.headers['webhook-id']);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await a.store.get(t.id)).toMatchObject({ status: 'SUCCESS', progress: 100 });
    }
    expect(ends()).toHaveLength(tasks.length);
  });
});

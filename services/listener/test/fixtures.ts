import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Redis } from 'ioredis';
import {
  CallbackQueue,
  createLogger,
  createRedis,
  RedisImageStore,
  type ImageStore,
  publicImageUrl,
  QUEUE_NAMES,
  redisKeys,
  ResultCopies,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Task,
} from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import { MessagePipeline, type PipelineDeps } from '../src/message-pipeline.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

export const MJ = '936929561302675456';
export const CHANNEL = '1100000000000000002';
export const USER = '<@1200000000000000009>';
export const PUBLIC_URL = 'https://mjq.example.test';

/** A Midjourney message as the gateway delivers it (Discord's wire format). */
export function mjMessage(id: string, content: string, extra: Partial<DiscordMessage> = {}): DiscordMessage {
  return {
    id,
    channel_id: CHANNEL,
    author: { id: MJ, username: 'Midjourney Bot', bot: true },
    content,
    attachments: [],
    embeds: [],
    components: [],
    ...extra,
  };
}

/** What a button's job messages carry besides content: a type 19 reply to the clicked message. */
export function replyTo(parentMessageId: string, interactionId: string): Partial<DiscordMessage> {
  return {
    type: 19,
    message_reference: { type: 0, message_id: parentMessageId, channel_id: CHANNEL },
    interaction_metadata: { id: interactionId, interacted_message_id: parentMessageId },
  };
}

/** A real 1×1 PNG; each served image appends its name after IEND, so every image differs. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Discord's CDN on loopback: `/img/<name>` serves a PNG, `/held/<name>` the same once the test
 * calls release(), `/big/<bytes>/<name>` a PNG of that size, `/text/…` text that claims to be a
 * PNG, anything else 404.
 */
export class ImageServer {
  private server: Server | undefined;
  private held: (() => void)[] = [];
  private released = false;
  base = '';
  readonly requests: string[] = [];

  /** `/held/…` requests wait for release() again. */
  hold(): void {
    this.released = false;
  }

  /** Answers every `/held/…` request received so far, and any later one at once. */
  release(): void {
    this.released = true;
    for (const send of this.held.splice(0)) send();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '';
      this.requests.push(path);
      const [, route, a, b] = path.split('?')[0]!.split('/');
      const send = (body: Buffer) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
      if (route === 'img' && a) return send(ImageServer.png(a));
      if (route === 'held' && a) return void (this.released ? send(ImageServer.png(a)) : this.held.push(() => send(ImageServer.png(a))));
      if (route === 'text') return void res.writeHead(200, { 'content-type': 'image/png' }).end('not an image at all');
      if (route === 'big' && a) return send(Buffer.concat([PNG_1X1, Buffer.alloc(Number(a) - PNG_1X1.length)]));
      res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  static png(name: string): Buffer {
    return Buffer.concat([PNG_1X1, Buffer.from(name)]);
  }

  /** A CDN-like link, with the signature query Discord appends. */
  url(path: string): string {
    return `${this.base}/${path}?ex=1&is=2&hm=3&`;
  }

  async stop(): Promise<void> {
    this.held = [];
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

/** The deletion grace of the tests' pipelines (Harness.pipeline). */
export const DELETE_GRACE_MS = 50;

/**
 * Puts the deletion grace on a fake clock (only setTimeout: Redis and HTTP work as usual), so a
 * test decides when it runs out (judgeDeletions) instead of sleeping past it. Undo with
 * vi.useRealTimers() (afterEach).
 */
export function fakeGraceClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
}

/**
 * Under fakeGraceClock: admits every event pushed so far (which sets each deletion's grace
 * timer), lets the grace run out, and waits until every deletion has been judged and applied.
 */
export async function judgeDeletions(pipeline: MessagePipeline): Promise<void> {
  await pipeline.drain();
  vi.advanceTimersByTime(DELETE_GRACE_MS);
  await pipeline.drain();
}

/** Redis, store, callback queue and image store under a prefix of the test's own. */
export class Harness {
  readonly prefix: string;
  readonly redis: Redis;
  readonly store: TaskStore;
  readonly queue: Queue<CallbackJob>;
  readonly events: TaskEventPublisher;
  readonly images: ImageStore;
  /** Result copies under way: the pipelines store SUCCESS before the copy, as with the API serving images. */
  readonly copies: ResultCopies;
  readonly log = createLogger('test', 'silent');
  private readonly pipelines: MessagePipeline[] = [];

  constructor(name: string) {
    this.prefix = testPrefix(name);
    this.redis = createRedis(testRedisUrl(), 'worker');
    this.store = new TaskStore(this.redis, this.prefix, { ttlDays: 1 });
    this.queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: this.redis, prefix: redisKeys(this.prefix).bullPrefix });
    this.events = new TaskEventPublisher(this.queue, 'http://127.0.0.1:9/cb');
    this.images = new RedisImageStore(this.redis, this.prefix, 3600);
    this.copies = new ResultCopies(this.redis, this.prefix);
  }

  pipeline(overrides: Partial<PipelineDeps> = {}): MessagePipeline {
    const pipeline = new MessagePipeline({
      store: this.store,
      events: this.events,
      log: this.log,
      images: this.images,
      copies: this.copies,
      imageUrl: (key) => publicImageUrl({ http: { host: '0.0.0.0', port: 8062, publicUrl: PUBLIC_URL } }, key),
      // The tests' CDN (ImageServer) is on loopback; image-sources.test.ts covers the real policy.
      imageSources: (url) => url.hostname === '127.0.0.1',
      deleteGraceMs: DELETE_GRACE_MS,
      ...overrides,
    });
    this.pipelines.push(pipeline);
    return pipeline;
  }

  async task(fields: Partial<Task> = {}): Promise<Task> {
    return storedTask(this.redis, this.store, { status: 'SUBMITTED', ...fields });
  }

  /** A child task as the API creates it for a click on `parentMessageId`, sent with `nonce`. */
  async child(parent: Task, parentMessageId: string, fields: Partial<Task> & { nonce?: string }): Promise<Task> {
    const task = await this.task({ parentId: parent.id, parentMessageId, prompt: parent.prompt, ...fields });
    await this.store.addChild(parentMessageId, task.id);
    if (fields.nonce) await this.store.linkNonce(fields.nonce, task.id);
    return task;
  }

  /** `event:progress` of the task's callbacks, in revision order. */
  async callbacksOf(taskId: string): Promise<string[]> {
    // Nobody delivers here (no deliverer given to the publisher): every callback stays pending.
    const pending = await CallbackQueue.forQueue(this.queue).pending(taskId);
    return pending.map((c) => `${c.event}:${c.body.progress as number}`);
  }

  async close(): Promise<void> {
    for (const p of this.pipelines) p.stop();
    await this.queue.close();
    await dropPrefix(this.redis, this.prefix);
    await this.redis.quit();
  }
}

/**
 * The set-up the pipeline suites share: a Harness on a prefix of its own, a local image server
 * standing in for Discord's CDN, and the message pipeline. Registers the hooks; `use` receives
 * the three once they are up.
 */
export function withPipelineHarness(name: string, use: (h: Harness, cdn: ImageServer, pipeline: MessagePipeline) => void): void {
  let h: Harness | undefined;
  let cdn: ImageServer | undefined;
  beforeAll(async () => {
    h = new Harness(name);
    cdn = await new ImageServer().start();
    use(h, cdn, h.pipeline());
  });
  afterAll(async () => {
    await h?.close();
    await cdn?.stop();
  });
}

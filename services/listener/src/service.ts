import type { LookupFunction } from 'node:net';
import { Queue } from 'bullmq';
import { Status, type Client } from 'discord.js';
import type { Redis } from 'ioredis';
import {
  AccountCommandStore,
  AccountRegistry,
  CallbackOutbox,
  ChangeFeed,
  CallbackQueue,
  checkReadiness,
  createImageStore,
  createLogger,
  createRedis,
  jobIds,
  JOB_POLICIES,
  ProxyRoutes,
  imagesServedByApi,
  publicImageUrl,
  QUEUE_NAMES,
  redisAnswers,
  redisKeys,
  reportQueueDepth,
  ResultCopies,
  TaskEventPublisher,
  TaskStore,
  type AccountCommandJob,
  type CallbackJob,
  type Config,
  type ImageStore,
  type Logger,
  type Readiness,
  type Task,
  type TriggerJob,
  teardown,
} from '@mjq/common';
import type { AccountGateways } from './account-gateways.js';
import { connectGateways, createAccountView } from './gateways-setup.js';
import { AccountHealth } from './account-health.js';
import { AccountReplies } from './account-replies.js';
import { FastHoursFallback } from './fast-hours-fallback.js';
import { CallbackRelay } from './callback-relay.js';
import { startCallbackWorker, type CallbackWorker } from './callback-worker.js';
import { discordImageSources } from './image-sources.js';
import { MessagePipeline } from './message-pipeline.js';
import { ResultCopySweep } from './result-copy-sweep.js';
import { TimeoutReaper } from './timeout-reaper.js';

export interface ListenerService {
  pipeline: MessagePipeline;
  /** Redis and the callback queue answer, and every account's gateway session (and the bot's) is live. */
  ready(): Promise<Readiness>;
  stop(): Promise<void>;
}

export interface ListenerOptions {
  /** Grace after a progress message is deleted before the task counts as moderated. */
  deleteGraceMs?: number;
  /** Resolver for callback hosts (dns.lookup by default); tests point names at private addresses. */
  dnsLookup?: LookupFunction;
  /** How often the callback sweep looks for callbacks nobody delivers (ms, 250 by default). */
  callbackSweepMs?: number;
  /** How often overdue tasks are looked for (ms). */
  reaperEveryMs?: number;
  /** How often the account list is re-read for the account gateways (ms). */
  accountSyncMs?: number;
  /** How often expired images are deleted from a file image store (ms). */
  imageSweepMs?: number;
  /** How often result copies whose listener died are looked for (ms, 5000 by default). */
  copySweepMs?: number;
  /** How long a change's callback may wait for its own publisher before the outbox relay sends it (ms). */
  outboxGraceMs?: number;
  /** How often the outbox relay looks (ms). */
  outboxRelayMs?: number;
}

/** What a listener runs; a start that failed half way has only some of it. */
interface Parts {
  redis: Redis;
  workerRedis: Redis;
  /** Hears changes of shared records (change-feed.ts). */
  subscriber: Redis;
  callbackQueue: Queue<CallbackJob>;
  /** Only for the modal submits of Remix modals opened by proxy-API clicks (autoModal). */
  triggerQueue: Queue<TriggerJob>;
  /** The `/relax` and `/fast` of the fast-hours fallback. */
  accountCommandQueue: Queue<AccountCommandJob>;
  replies: AccountReplies;
  sweeper: NodeJS.Timeout;
  pipeline: MessagePipeline;
  /** Present when SUCCESS is stored before its result's copy (imagesServedByApi). */
  copySweep?: ResultCopySweep;
  reaper: TimeoutReaper;
  relay: CallbackRelay;
  /** The account view; its stop also withdraws the sessions it published. */
  accounts: AccountGateways;
  callbackWorker: CallbackWorker;
  /** The bot view, when a BOT_TOKEN is configured. */
  client?: Client;
  /** Ends the scrape-time report of the callback queue's depth. */
  unreport: () => void;
  /** The agents towards DISCORD_PROXY and the accounts' proxies (pooled connections). */
  routes: ProxyRoutes;
}

/**
 * The one teardown, in order, for a stop and for a start that failed half way (what was not
 * started is skipped): stop taking gateway events, apply those already received, stop the
 * background loops, then close the callback worker, the queue and Redis.
 */
const stopParts = teardown<Parts>([
  (p) => p.unreport?.(),
  (p) => p.client?.destroy(),
  (p) => clearInterval(p.sweeper),
  // Left resumable for the next listener (gateway-handoffs.ts): what Midjourney sends meanwhile is replayed to it.
  (p) => p.accounts?.stop({ handOff: true }),
  (p) => p.relay?.stop(),
  (p) => p.reaper?.stop(),
  (p) => p.copySweep?.stop(),
  (p) => p.pipeline?.drain(),
  (p) => p.replies?.drain(),
  (p) => p.pipeline?.stop(),
  (p) => p.callbackWorker?.close(),
  (p) => p.callbackQueue?.close(),
  (p) => p.triggerQueue?.close(),
  (p) => p.accountCommandQueue?.close(),
  (p) => p.redis?.disconnect(),
  (p) => p.workerRedis?.disconnect(),
  (p) => p.subscriber?.disconnect(),
  (p) => p.routes?.destroy(),
]);

export async function start(config: Config, options: ListenerOptions = {}): Promise<ListenerService> {
  const log = createLogger('listener', config.logLevel);
  const parts: Partial<Parts> = {};
  try {
    const running = await startParts(config, options, log, parts);
    return {
      pipeline: running.pipeline,
      ready: () =>
        checkReadiness({
          redis: redisAnswers(running.redis),
          queues: redisAnswers(running.workerRedis),
          gateways: () => running.accounts.allLive() && (!running.client || running.client.ws.status === Status.Ready),
        }),
      async stop() {
        await stopParts(parts);
        log.info('listener stopped');
      },
    };
  } catch (err) {
    await stopParts(parts);
    throw err;
  }
}

/** Starts every part in turn, recording each in `parts` as soon as it needs stopping. */
async function startParts(config: Config, options: ListenerOptions, log: Logger, parts: Partial<Parts>): Promise<Parts> {
  parts.redis = createRedis(config.redis, 'worker');
  parts.workerRedis = createRedis(config.redis, 'worker');
  const redis = parts.redis;
  const store = TaskStore.fromConfig(redis, config);
  parts.callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(config.redis.prefix).bullPrefix });
  const events = new TaskEventPublisher(parts.callbackQueue, config.callbackUrl);
  parts.unreport = reportQueueDepth([parts.callbackQueue], redis);
  parts.callbackQueue.on('error', (err) => log.warn({ err: err.message }, 'callback queue error'));
  // Account changes reach the gateways at once, and the list is read from memory (change-feed.ts).
  parts.subscriber = createRedis(config.redis, 'worker');
  const feed = new ChangeFeed(redis, config.redis.prefix);
  await feed.listen(parts.subscriber);
  const registry = new AccountRegistry(redis, config.redis.prefix, feed);
  await registry.putConfigured(config.accounts);
  const images = createImageStore(redis, config);
  const routes = (parts.routes = ProxyRoutes.fromConfig(config));
  parts.sweeper = startImageSweeper(images, log, options.imageSweepMs ?? 3_600_000);
  parts.accountCommandQueue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection: redis, prefix: redisKeys(config.redis.prefix).bullPrefix });
  const requests = new AccountCommandStore(redis, config.redis.prefix);
  const fallback = new FastHoursFallback({ registry, requests, queue: parts.accountCommandQueue, log });
  parts.replies = new AccountReplies({ requests, registry, fallback, log });
  const health = new AccountHealth(registry, log, fallback);
  const copies = imagesServedByApi(config) ? new ResultCopies(redis, config.redis.prefix) : undefined;
  parts.pipeline = new MessagePipeline({
    store,
    events,
    log,
    images,
    copies,
    imageUrl: (key) => publicImageUrl(config, key),
    imageSources: discordImageSources(config.discord.apiUrl),
    routes,
    deleteGraceMs: options.deleteGraceMs ?? 3000,
    onTaskFailed: (task) => health.onTaskFailed(task),
  });
  parts.reaper = new TimeoutReaper(store, events, log, options.reaperEveryMs ?? 1000);
  parts.reaper.start();
  const copier = parts.pipeline.copier;
  if (copies && copier) (parts.copySweep = new ResultCopySweep({ copies, store, copier, log, everyMs: options.copySweepMs ?? 5000 })).start();
  parts.relay = startOutboxRelay(config, options, log, parts.callbackQueue, events, redis);
  parts.triggerQueue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(config.redis.prefix).bullPrefix });
  const triggerQueue = parts.triggerQueue;
  const submitModal = async (task: Task, prompt: string) => {
    // Recorded once (atomically): a replica or session that saw the same modal does nothing more.
    if ((await store.submitModal(task.id, prompt)) !== 'ok') return;
    await triggerQueue.add('modal', { taskId: task.id, kind: 'modal' }, { ...JOB_POLICIES.trigger, jobId: jobIds.modal(task.id) });
  };
  parts.accounts = createAccountView(config, options, log, { registry, store, events, redis, pipeline: parts.pipeline, replies: parts.replies, submitModal, routes, feed });
  parts.callbackWorker = startCallbackWorker({
    config,
    queue: parts.callbackQueue,
    connection: parts.workerRedis,
    log,
    dnsLookup: options.dnsLookup,
    sweepEveryMs: options.callbackSweepMs,
  });
  events.deliverWith(parts.callbackWorker.delivery);
  parts.client = await connectGateways(config, log, parts.accounts, parts.pipeline, routes);
  return parts as Parts;
}

/** Images on disk do not expire by themselves; every replica may sweep (deleting is idempotent). */
function startImageSweeper(images: ImageStore, log: Logger, everyMs: number): NodeJS.Timeout {
  const sweeper = setInterval(() => {
    images.sweep().then(
      (removed) => removed && log.info({ removed }, 'expired images deleted'),
      (err: unknown) => log.warn({ err }, 'image sweep failed'),
    );
  }, everyMs);
  sweeper.unref();
  return sweeper;
}

/** Sends the callbacks of changes whose publisher died before enqueueing them (callback outbox). */
function startOutboxRelay(config: Config, options: ListenerOptions, log: Logger, queue: Queue<CallbackJob>, events: TaskEventPublisher, redis: Redis): CallbackRelay {
  const relay = new CallbackRelay({
    outbox: CallbackOutbox.forQueue(queue),
    events,
    pending: CallbackQueue.forQueue(queue),
    redis,
    keys: redisKeys(config.redis.prefix),
    log,
    graceMs: options.outboxGraceMs ?? 10_000,
    everyMs: options.outboxRelayMs ?? 5_000,
  });
  relay.start();
  return relay;
}

import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  AccountCommandStore,
  AccountRegistry,
  ChangeFeed,
  AccountSessions,
  checkReadiness,
  createImageStore,
  createLogger,
  createRedis,
  Periodic,
  ProxyRoutes,
  QUEUE_NAMES,
  redisAnswers,
  redisKeys,
  reportQueueDepth,
  reportSlotUsage,
  SlotPool,
  SlotWakeups,
  TaskEventPublisher,
  TaskStore,
  type AccountCommandJob,
  type CallbackJob,
  type Config,
  type Logger,
  type Readiness,
  type TriggerJob,
  teardown,
} from '@mjq/common';
import { AccountClients } from './account-clients.js';
import { startAccountCommands, type AccountCommandParts } from './account-command-worker.js';
import { SendGate } from './send-gate.js';
import { SlotSignals } from './slot-signals.js';
import { promoteToHead, slotHandOver, wakeForFreeSlots, type HandOver } from './slot-wake-sweep.js';
import { runTrigger } from './local-retry.js';
import type { TriggerDeps } from './trigger-processor.js';

/** Sends in flight at once per process; Midjourney's own limits are the account slots, shared by every replica. */
const TRIGGER_CONCURRENCY = 8;

export interface DispatcherService {
  /** Redis answers on every connection and the trigger worker is running. */
  ready(): Promise<Readiness>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  /** How long a job waiting in this process for a slot waits for a wake-up before it looks again (ms). */
  slotPollMs?: number;
  /** How long a parked job sleeps at most when no wake-up comes (ms; jittered up to 2×): the last resort. */
  parkMs?: number;
  /** How often parked jobs are woken for accounts with free slots (wake-ups lost while nobody listened), ms. */
  wakeSweepMs?: number;
  /** The longest wait a job holding a slot sleeps through in the process rather than in the queue (ms). */
  localRetryMaxMs?: number;
}

/** What a dispatcher runs; a start that failed half way has only some of it. */
interface Parts {
  redis: Redis;
  /** BullMQ's worker blocks on a connection of its own. */
  workerRedis: Redis;
  /** Subscribed to slot-freed and the change feed: a connection in subscriber mode can do nothing else. */
  subscriber: Redis;
  signals: SlotSignals;
  /** Wakes parked jobs for free slots whose wake-up nobody heard (slot-wake-sweep.ts). */
  wakeSweep: Periodic;
  triggerQueue: Queue<TriggerJob>;
  callbackQueue: Queue<CallbackJob>;
  worker: Worker<TriggerJob>;
  /** Ends the scrape-time reports (queue depth, slots in use). */
  unreport: () => void;
  /** The agents towards DISCORD_PROXY and the accounts' proxies (pooled connections). */
  routes: ProxyRoutes;
  /** Account commands (/info, /settings, /fast…): their worker, queue and the periodic /info. */
  accountCommands: AccountCommandParts;
}

/**
 * The one teardown, in order, for a stop and for a start that failed half way (what was not
 * started is skipped): finish the interactions in flight, then close the queues and Redis.
 */
const stopParts = teardown<Parts>([
  (p) => p.unreport?.(),
  // Jobs waiting or sleeping in-process go back to the head of the queue: the close need not wait for them.
  (p) => p.signals?.close(),
  (p) => p.wakeSweep?.stop(),
  (p) => p.worker?.close(),
  (p) => p.accountCommands?.stop(),
  (p) => p.subscriber?.quit().catch(() => p.subscriber?.disconnect()),
  (p) => p.triggerQueue?.close(),
  (p) => p.callbackQueue?.close(),
  (p) => p.redis?.disconnect(),
  (p) => p.workerRedis?.disconnect(),
  (p) => p.routes?.destroy(),
]);

export async function start(config: Config, options: DispatcherOptions = {}): Promise<DispatcherService> {
  const log = createLogger('dispatcher', config.logLevel);
  const parts: Partial<Parts> = {};
  try {
    await startParts(config, options, log, parts);
  } catch (err) {
    await stopParts(parts);
    throw err;
  }
  log.info('dispatcher started');
  const running = parts as Parts;
  return {
    ready: () =>
      checkReadiness({
        redis: redisAnswers(running.redis),
        queues: async () => running.worker.isRunning() && running.accountCommands.worker.isRunning() && (await redisAnswers(running.workerRedis)()),
      }),
    async stop() {
      await stopParts(parts);
      log.info('dispatcher stopped');
    },
  };
}

/** Starts every part in turn, recording each in `parts` as soon as it needs stopping. */
async function startParts(config: Config, options: DispatcherOptions, log: Logger, parts: Partial<Parts>): Promise<void> {
  const redis = (parts.redis = createRedis(config.redis, 'worker'));
  parts.workerRedis = createRedis(config.redis, 'worker');
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  parts.subscriber = createRedis(config.redis, 'worker');
  // The account list and tokens, read at every job, from memory (change-feed.ts).
  const feed = new ChangeFeed(redis, config.redis.prefix);
  await feed.listen(parts.subscriber);
  const registry = new AccountRegistry(redis, config.redis.prefix, feed);
  await registry.putConfigured(config.accounts);
  if (!(await registry.list()).length) log.warn('no Midjourney account configured: set USER_TOKEN/GUILD_ID/CHANNEL_ID or MJ_ACCOUNTS');
  parts.callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix });
  parts.triggerQueue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, { connection: redis, prefix });
  // Without a listener BullMQ prints a queue's connection errors to stderr: log them like the rest.
  for (const queue of [parts.triggerQueue, parts.callbackQueue]) queue.on('error', (err) => log.warn({ err: err.message, queue: queue.name }, 'queue error'));
  const unreportQueues = reportQueueDepth([parts.triggerQueue, parts.callbackQueue], redis);
  const unreportSlots = reportSlotUsage(redis, config.redis.prefix, registry);
  parts.unreport = () => {
    unreportQueues();
    unreportSlots();
  };
  const wakeups = new SlotWakeups(redis, config.redis.prefix);
  // While another account has room, two of the worker's jobs stay free for it; while every account is full, all may wait.
  const signals = (parts.signals = new SlotSignals(TRIGGER_CONCURRENCY - 2));
  const handOver = slotHandOver((id) => signals.offer(id), wakeups, promoteToHead(parts.triggerQueue));
  await listenForFreedSlots(parts.subscriber, wakeups.channel, handOver, log);
  const routes = (parts.routes = ProxyRoutes.fromConfig(config));
  const requests = new AccountCommandStore(redis, config.redis.prefix, feed);
  const deps: TriggerDeps = {
    store: TaskStore.fromConfig(redis, config),
    events: new TaskEventPublisher(parts.callbackQueue, config.callbackUrl),
    registry,
    slots: new SlotPool(redis, config.redis.prefix),
    wakeups,
    gate: new SendGate(redis, config.redis.prefix, config.discordMaxRps, config.sendGap),
    sessions: new AccountSessions(redis, config.redis.prefix, undefined, feed),
    clients: new AccountClients(registry, config.discord.apiUrl, config.discord.applicationId, config.discord.browser, routes),
    images: createImageStore(redis, config),
    applicationId: config.discord.applicationId,
    activityUrl: config.discord.activityUrl,
    log,
    slotPollMs: options.slotPollMs ?? 1000,
    parkMs: options.parkMs ?? 30_000,
    localRetryMaxMs: options.localRetryMaxMs ?? 30_000,
    signals,
    evidenceMs: config.sendEvidenceMs,
    // An /info counts until two periods have passed (an hour when there is no periodic read).
    fastHours: { observed: (ids) => requests.observedOf(ids), maxAgeMs: Math.max(2 * config.accountCommands.infoIntervalS, 3600) * 1000 },
    rateLimit: async (ms: number) => {
      await worker.rateLimit(ms);
      return Worker.RateLimitError();
    },
  };
  const worker = startTriggerWorker(config, deps, parts.workerRedis, prefix, log);
  parts.worker = worker;
  const sweep = () => wakeForFreeSlots({ accounts: () => registry.list(), slots: deps.slots, handOver });
  const sweepFailed = (err: unknown) => log.warn({ err }, 'slot wake-up sweep failed');
  parts.wakeSweep = new Periodic(sweep, options.wakeSweepMs ?? 2000, sweepFailed);
  parts.wakeSweep.start();
  // Slots freed while no dispatcher listened (this one starting, or its subscriber reconnecting).
  parts.subscriber.on('ready', () => void sweep().catch(sweepFailed));
  await sweep().catch(sweepFailed);
  parts.accountCommands = startAccountCommands(config, { ...deps, requests }, parts.workerRedis, prefix);
}

/** A freed slot goes to a job waiting for it (slotHandOver), whichever dispatcher freed it. */
async function listenForFreedSlots(subscriber: Redis, channel: string, handOver: HandOver, log: Logger): Promise<void> {
  await subscriber.subscribe(channel);
  subscriber.on('message', (from: string, accountId: string) => {
    if (from === channel) void handOver(accountId).catch((err: unknown) => log.warn({ err }, 'slot wake-up failed'));
  });
}

/**
 * Concurrency bounds how many sends are in flight in this process; Midjourney's own limits are
 * the account slots, shared by every replica.
 */
function startTriggerWorker(config: Config, deps: TriggerDeps, connection: Redis, prefix: string, log: Logger): Worker<TriggerJob> {
  const worker = new Worker<TriggerJob>(QUEUE_NAMES.trigger, (job, token) => runTrigger(deps, job, token), {
    connection,
    prefix,
    concurrency: TRIGGER_CONCURRENCY,
    // A dispatcher that dies mid-job leaves its jobs locked; they return to the queue once the
    // lock lapses and the stalled check (same period) sees them.
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
    maxStalledCount: 5,
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'trigger worker error'));
  return worker;
}

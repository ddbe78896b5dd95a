import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  AccountCommandStore,
  AccountRegistry,
  ChangeFeed,
  BannedWordStore,
  CallbackUrlGuard,
  createImageStore,
  createLogger,
  createRedis,
  QUEUE_NAMES,
  redisKeys,
  reportQueueDepth,
  reportSlotUsage,
  TaskEventLog,
  TaskEventPublisher,
  TaskIds,
  TaskStore,
  waitForRedis,
  type AccountCommandJob,
  type CallbackJob,
  type Config,
  type Logger,
  type TriggerJob,
  teardown,
} from '@mjq/common';
import { AccountCommander } from './account-commander.js';
import { ApiKeyStore, isOpenToOthers } from './api-keys.js';
import { createApp } from './app.js';
import { intakeListener } from './intake-server.js';
import { answerClientErrors } from './client-errors.js';
import type { ApiContext } from './context.js';
import { TaskEventHub } from './task-event-hub.js';

export interface ApiService {
  /** Base URL the API listens on, e.g. http://127.0.0.1:8062 */
  url: string;
  port: number;
  /** Open SSE task-event streams on this instance. */
  eventStreams(): number;
  stop(): Promise<void>;
}

export interface ApiOptions {
  /** How long start-up waits for Redis before serving anyway (requests then get 503 until it is back). */
  redisWaitMs?: number;
  /** Resolver for the submit-time callback URL check (dns.lookup by default); tests inject one. */
  dnsLookup?: LookupFunction;
  /** SSE heartbeat interval (15 s by default). */
  sseHeartbeatMs?: number;
  /** How long POST /v1/api/trigger/message waits for the image to be posted (default: MESSAGE_WAIT_MS). */
  messageWaitMs?: number;
}

/** What an API instance runs; a start that failed half way has only some of it. */
interface Parts {
  /** Requests' connection: its status decides at once whether a request gets 503. */
  redis: Redis;
  /** The queues' connection, with an offline queue (see connectRedis). */
  queueRedis: Redis;
  /** Hears changes of shared records (change-feed.ts). */
  subscriber: Redis;
  triggerQueue: Queue<TriggerJob>;
  callbackQueue: Queue<CallbackJob>;
  accountCommandQueue: Queue<AccountCommandJob>;
  taskEvents: TaskEventHub;
  server: Server;
  /** Ends the scrape-time reports (queue depth, slots in use). */
  unreport: () => void;
  /** Tells waiting requests (ApiContext.stopping) that the instance stops. */
  stopping: AbortController;
}

/**
 * The one teardown, in order, for a stop and for a start that failed half way (what was not
 * started is skipped): stop taking requests, end the event streams (they would hold
 * server.close open), let in-flight requests finish, then close queues and Redis.
 */
const stopParts = teardown<Parts>([
  (p) => p.stopping?.abort(),
  (p) => stopServing(p.server, p.taskEvents),
  (p) => p.unreport?.(),
  (p) => p.triggerQueue?.close(),
  (p) => p.callbackQueue?.close(),
  (p) => p.accountCommandQueue?.close(),
  (p) => p.redis?.disconnect(),
  (p) => p.queueRedis?.disconnect(),
  (p) => p.subscriber?.disconnect(),
]);

export async function start(config: Config, options: ApiOptions = {}): Promise<ApiService> {
  const log = createLogger('api', config.logLevel);
  const parts: Partial<Parts> = {};
  let running: Parts;
  try {
    running = await startParts(config, options, log, parts);
  } catch (err) {
    await stopParts(parts);
    throw err;
  }
  const { port } = running.server.address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  log.info({ port }, 'api listening');
  return {
    url: `http://${host}:${port}`,
    port,
    eventStreams: () => running.taskEvents.watcherCount,
    async stop() {
      await stopParts(parts);
      log.info('api stopped');
    },
  };
}

/** Starts every part in turn, recording each in `parts` as soon as it needs stopping. */
async function startParts(config: Config, options: ApiOptions, log: Logger, parts: Partial<Parts>): Promise<Parts> {
  const { redis, queueRedis } = connectRedis(config, log, parts);
  const { triggerQueue, callbackQueue, accountCommandQueue } = openQueues(config, log, queueRedis, parts);
  // Wait for both connections before serving: a request right after start-up must not meet a
  // connection still handshaking.
  const waitMs = options.redisWaitMs ?? 3000;
  await Promise.all([waitForRedis(redis, waitMs), waitForRedis(queueRedis, waitMs)]).catch(() =>
    log.warn('redis not reachable yet: answering 503 until it is'),
  );
  const feed = new ChangeFeed(redis, config.redis.prefix);
  parts.subscriber = createRedis(config.redis, 'worker');
  parts.subscriber.on('error', () => undefined);
  // Not awaited: with Redis down at start the API answers 503 until it is back, reading everything from Redis meanwhile.
  void feed.listen(parts.subscriber).catch((err: unknown) => log.warn({ err }, 'not hearing changes of accounts and keys: reading them at every request'));
  const accounts = new AccountRegistry(redis, config.redis.prefix, feed);
  if (redis.status === 'ready') await accounts.putConfigured(config.accounts);
  const unreportQueues = reportQueueDepth([triggerQueue, callbackQueue], queueRedis);
  const unreportSlots = reportSlotUsage(redis, config.redis.prefix, accounts);
  parts.unreport = () => {
    unreportQueues();
    unreportSlots();
  };
  parts.taskEvents = new TaskEventHub(config.redis, redisKeys(config.redis.prefix), redis, log);
  parts.stopping = new AbortController();
  const ctx: ApiContext = {
    config,
    log,
    redis,
    queueRedis,
    store: TaskStore.fromConfig(redis, config),
    taskIds: new TaskIds(redis, redisKeys(config.redis.prefix).taskSeq()),
    triggerQueue,
    callbackQueue,
    events: new TaskEventPublisher(callbackQueue, config.callbackUrl),
    accounts,
    bannedWords: new BannedWordStore(redis, config.redis.prefix),
    callbackGuard: new CallbackUrlGuard(config.callbacks.allowHosts, options.dnsLookup),
    taskEventLog: new TaskEventLog(redis, redisKeys(config.redis.prefix)),
    taskEvents: parts.taskEvents,
    images: createImageStore(redis, config),
    messageWaitMs: options.messageWaitMs ?? config.messageWaitMs,
    apiKeys: new ApiKeyStore(redis, config.redis.prefix, feed),
    accountCommands: new AccountCommander(accountCommandQueue, new AccountCommandStore(redis, config.redis.prefix), accounts, config.accountCommands.timeoutMs),
    stopping: parts.stopping.signal,
  };
  // The default banned list is written before the first request: a refused request stores nothing.
  if (redis.status === 'ready') await ctx.bannedWords.seedDefaults();
  parts.server = createServer(intakeListener(ctx, createApp(ctx, { sseHeartbeatMs: options.sseHeartbeatMs })));
  answerClientErrors(parts.server);
  await listen(parts.server, config);
  await warnIfOpen(ctx, log);
  return parts as Parts;
}

/** An API reachable from other machines with no key at all runs anybody's tasks: say so at start. */
async function warnIfOpen(ctx: ApiContext, log: Logger): Promise<void> {
  const { config } = ctx;
  const managed = ctx.redis.status === 'ready' && (await ctx.apiKeys.any().catch(() => false));
  if (isOpenToOthers(config.http.host, config.apiKeys.length > 0 || managed)) {
    log.warn({ host: config.http.host }, 'the API is open: no API key is configured (API_KEYS or the admin API) and it listens on a non-loopback address');
  }
}

/**
 * Two connections. The queues keep an offline queue: a blip on their connection delays an
 * enqueue (bounded by the submitter's timeout) instead of failing it; requests still fail fast
 * on the `redis` connection's status when Redis is really down.
 */
function connectRedis(config: Config, log: Logger, parts: Partial<Parts>): { redis: Redis; queueRedis: Redis } {
  const redis = (parts.redis = createRedis(config.redis, 'request'));
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const queueRedis = (parts.queueRedis = createRedis(config.redis, 'worker'));
  queueRedis.on('error', () => undefined);
  return { redis, queueRedis };
}

function openQueues(config: Config, log: Logger, connection: Redis, parts: Partial<Parts>): Pick<Parts, 'triggerQueue' | 'callbackQueue' | 'accountCommandQueue'> {
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  const triggerQueue = (parts.triggerQueue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, { connection, prefix }));
  triggerQueue.on('error', (err) => log.warn({ err: err.message }, 'trigger queue error'));
  const callbackQueue = (parts.callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection, prefix }));
  callbackQueue.on('error', (err) => log.warn({ err: err.message }, 'callback queue error'));
  const accountCommandQueue = (parts.accountCommandQueue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection, prefix }));
  accountCommandQueue.on('error', (err) => log.warn({ err: err.message }, 'account command queue error'));
  return { triggerQueue, callbackQueue, accountCommandQueue };
}

async function listen(server: Server, config: Config): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, resolve);
  });
}

/**
 * Stops taking requests, ends the event streams, and waits for the requests in flight. A
 * keep-alive connection (a load balancer's) whose request finishes stays open as idle and
 * would hold server.close for its keep-alive timeout: idle ones are closed as they appear.
 */
async function stopServing(server: Server | undefined, taskEvents: TaskEventHub | undefined): Promise<void> {
  if (!server) return void (await taskEvents?.close());
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await taskEvents?.close();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  await closed.finally(() => clearInterval(sweep));
}

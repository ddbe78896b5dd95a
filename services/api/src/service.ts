import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Queue } from 'bullmq';
import {
  AccountRegistry,
  BannedWordStore,
  CallbackUrlGuard,
  createLogger,
  createRedis,
  createImageStore,
  QUEUE_NAMES,
  redisKeys,
  TaskEventLog,
  TaskEventPublisher,
  TaskStore,
  waitForRedis,
  type CallbackJob,
  type Config,
  type TriggerJob,
} from '@mjq/common';
import { createApp } from './app.js';
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

export async function start(config: Config, options: ApiOptions = {}): Promise<ApiService> {
  const log = createLogger('api', config.logLevel);
  const redis = createRedis(config.redis.url, 'request');
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  // The queues keep an offline queue: a blip on their connection delays an enqueue (bounded by
  // the submitter's timeout) instead of failing it; requests still fail fast on the `redis`
  // connection's status when Redis is really down.
  const queueRedis = createRedis(config.redis.url, 'worker');
  queueRedis.on('error', () => undefined);
  const triggerQueue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, {
    connection: queueRedis,
    prefix: redisKeys(config.redis.prefix).bullPrefix,
  });
  triggerQueue.on('error', (err) => log.warn({ err: err.message }, 'trigger queue error'));
  const callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, {
    connection: queueRedis,
    prefix: redisKeys(config.redis.prefix).bullPrefix,
  });
  callbackQueue.on('error', (err) => log.warn({ err: err.message }, 'callback queue error'));
  // Wait for both connections before serving: a request right after start-up must not meet a
  // connection still handshaking.
  const waitMs = options.redisWaitMs ?? 3000;
  await Promise.all([waitForRedis(redis, waitMs), waitForRedis(queueRedis, waitMs)]).catch(() =>
    log.warn('redis not reachable yet: answering 503 until it is'),
  );
  const accounts = new AccountRegistry(redis, config.redis.prefix);
  if (redis.status === 'ready') for (const account of config.accounts) await accounts.put(account, { keepState: true });
  const ctx: ApiContext = {
    config,
    log,
    redis,
    store: TaskStore.fromConfig(redis, config),
    triggerQueue,
    events: new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts),
    accounts,
    bannedWords: new BannedWordStore(redis, config.redis.prefix),
    callbackGuard: new CallbackUrlGuard(config.callbacks.allowHosts, options.dnsLookup),
    taskEventLog: new TaskEventLog(redis, redisKeys(config.redis.prefix)),
    taskEvents: new TaskEventHub(config.redis.url, redisKeys(config.redis.prefix), redis, log),
    images: createImageStore(redis, config),
    messageWaitMs: options.messageWaitMs ?? config.messageWaitMs,
  };
  const server = createServer(createApp(ctx, { sseHeartbeatMs: options.sseHeartbeatMs }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  log.info({ port }, 'api listening');

  return {
    url: `http://${host}:${port}`,
    port,
    eventStreams: () => ctx.taskEvents.watcherCount,
    async stop() {
      // Stop taking requests, end the event streams (they would hold server.close open), let
      // in-flight requests finish, then close queues and Redis.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.taskEvents.close();
      server.closeIdleConnections();
      await closed;
      await triggerQueue.close();
      await callbackQueue.close();
      redis.disconnect();
      queueRedis.disconnect();
      log.info('api stopped');
    },
  };
}

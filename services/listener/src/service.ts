import type { LookupFunction } from 'node:net';
import { Queue } from 'bullmq';
import type { Client } from 'discord.js';
import {
  AccountRegistry,
  CallbackOutbox,
  createLogger,
  AccountSessions,
  createRedis,
  createImageStore,
  publicImageUrl,
  QUEUE_NAMES,
  redisKeys,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Config,
} from '@mjq/common';
import { AccountGateways } from './account-gateways.js';
import { SessionPublisher } from './session-publisher.js';
import { CallbackRelay } from './callback-relay.js';
import { AccountHealth } from './account-health.js';
import { connectBotGateway } from './bot-gateway.js';
import { startCallbackWorker } from './callback-worker.js';
import { discordImageSources } from './image-sources.js';
import { MessagePipeline } from './message-pipeline.js';
import { TimeoutReaper } from './timeout-reaper.js';

export interface ListenerService {
  pipeline: MessagePipeline;
  stop(): Promise<void>;
}

export interface ListenerOptions {
  /** Grace after a progress message is deleted before the task counts as moderated. */
  deleteGraceMs?: number;
  /** Resolver for callback hosts (dns.lookup by default); tests point names at private addresses. */
  dnsLookup?: LookupFunction;
  /** How long a callback waiting for its task's earlier one sleeps when nothing wakes it. */
  callbackRecheckMs?: number;
  /** How often overdue tasks are looked for (ms). */
  reaperEveryMs?: number;
  /** How often the account list is re-read for the account gateways (ms). */
  accountSyncMs?: number;
  /** How often expired images are deleted from a file image store (ms). */
  imageSweepMs?: number;
  /** How long a change's callback may wait for its own publisher before the outbox relay sends it (ms). */
  outboxGraceMs?: number;
  /** How often the outbox relay looks (ms). */
  outboxRelayMs?: number;
}

export async function start(config: Config, options: ListenerOptions = {}): Promise<ListenerService> {
  const discord = config.discord;
  const log = createLogger('listener', config.logLevel);
  const redis = createRedis(config.redis.url, 'worker');
  const workerRedis = createRedis(config.redis.url, 'worker');
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  const store = TaskStore.fromConfig(redis, config);
  const callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix });
  const events = new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts);
  const registry = new AccountRegistry(redis, config.redis.prefix);
  for (const account of config.accounts) await registry.put(account, { keepState: true });
  const health = new AccountHealth(registry, log);
  const images = createImageStore(redis, config);
  // Images on disk do not expire by themselves; every replica may sweep (deleting is idempotent).
  const sweeper = setInterval(() => {
    images.sweep().then(
      (removed) => removed && log.info({ removed }, 'expired images deleted'),
      (err: unknown) => log.warn({ err }, 'image sweep failed'),
    );
  }, options.imageSweepMs ?? 3_600_000);
  sweeper.unref();
  const pipeline = new MessagePipeline({
    store,
    events,
    log,
    images,
    imageUrl: (key) => publicImageUrl(config, key),
    imageSources: discordImageSources(discord.apiUrl),
    deleteGraceMs: options.deleteGraceMs ?? 3000,
    onTaskFailed: (task) => health.onTaskFailed(task),
  });
  const reaper = new TimeoutReaper(store, events, log, options.reaperEveryMs ?? 1000);
  reaper.start();
  const relay = new CallbackRelay({
    outbox: CallbackOutbox.forQueue(callbackQueue),
    events,
    queue: callbackQueue,
    redis,
    keys: redisKeys(config.redis.prefix),
    log,
    graceMs: options.outboxGraceMs ?? 10_000,
    everyMs: options.outboxRelayMs ?? 5_000,
  });
  relay.start();
  const sessionPublisher = new SessionPublisher(new AccountSessions(redis, config.redis.prefix), log);
  sessionPublisher.start();
  const accounts = new AccountGateways({
    registry,
    store,
    events,
    apiUrl: discord.apiUrl,
    midjourneyId: discord.applicationId,
    log,
    onEvent: (event) => void pipeline.push(event),
    syncMs: options.accountSyncMs ?? 10_000,
    browser: discord.browser,
    sessions: sessionPublisher,
  });

  const callbackWorker = startCallbackWorker({
    config,
    queue: callbackQueue,
    connection: workerRedis,
    log,
    dnsLookup: options.dnsLookup,
    blockedRecheckMs: options.callbackRecheckMs,
  });

  // Both views feed the one pipeline; a message seen by both is applied once (forward-only store).
  let client: Client | undefined;
  try {
    await accounts.start();
    if (discord.botToken) {
      client = await connectBotGateway({
        apiUrl: discord.apiUrl,
        botToken: discord.botToken,
        channelIds: () => accounts.channelIds(),
        midjourneyId: discord.applicationId,
        log,
        onEvent: (event) => void pipeline.push(event),
      });
    } else {
      log.warn('no BOT_TOKEN: following Midjourney through the account gateways only');
    }
  } catch (err) {
    clearInterval(sweeper);
    await accounts.stop();
    await relay.stop();
    await reaper.stop();
    await callbackWorker.close();
    await callbackQueue.close();
    redis.disconnect();
    workerRedis.disconnect();
    throw err;
  }

  return {
    pipeline,
    async stop() {
      // Stop taking gateway events, apply those already received, then close queues and Redis.
      await client?.destroy();
      clearInterval(sweeper);
      await accounts.stop();
      await relay.stop();
      await reaper.stop();
      await pipeline.drain();
      pipeline.stop();
      await callbackWorker.close();
      await callbackQueue.close();
      redis.disconnect();
      workerRedis.disconnect();
      log.info('listener stopped');
    },
  };
}

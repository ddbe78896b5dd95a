import { Queue, Worker } from 'bullmq';
import {
  AccountRegistry,
  createLogger,
  createRedis,
  createImageStore,
  QUEUE_NAMES,
  redisKeys,
  SlotPool,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Config,
  type TriggerJob,
} from '@mjq/common';
import { makeSessionId } from '@mjq/discord';
import { AccountClients } from './account-clients.js';
import { SendGate } from './send-gate.js';
import { processTrigger } from './trigger-processor.js';

export interface DispatcherService {
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  /** How often a job that found no free slot looks again (ms). */
  slotPollMs?: number;
}

export async function start(config: Config, options: DispatcherOptions = {}): Promise<DispatcherService> {
  const log = createLogger('dispatcher', config.logLevel);
  const redis = createRedis(config.redis.url, 'worker');
  const workerRedis = createRedis(config.redis.url, 'worker');
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  const registry = new AccountRegistry(redis, config.redis.prefix);
  // Accounts from the environment are (re)declared at every start; an admin's disable survives it.
  for (const account of config.accounts) await registry.put(account, { keepState: true });
  if (!(await registry.list()).length) log.warn('no Midjourney account configured: set USER_TOKEN/GUILD_ID/CHANNEL_ID or MJ_ACCOUNTS');

  const callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix });
  const store = TaskStore.fromConfig(redis, config);
  const deps = {
    store,
    events: new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts),
    registry,
    slots: new SlotPool(redis, config.redis.prefix),
    gate: new SendGate(redis, config.redis.prefix, config.discordMaxRps),
    clients: new AccountClients(registry, config.discord.apiUrl, config.discord.applicationId),
    images: createImageStore(redis, config),
    applicationId: config.discord.applicationId,
    activityUrl: config.discord.activityUrl,
    // The real client sends its gateway session id; any constant 32-hex value is accepted (§3.1).
    sessionId: config.discord.sessionId ?? makeSessionId(),
    log,
    slotPollMs: options.slotPollMs ?? 100,
    rateLimit: async (ms: number) => {
      await worker.rateLimit(ms);
      return Worker.RateLimitError();
    },
  };
  // Concurrency bounds how many sends are in flight in this process; Midjourney's own limits are
  // the account slots, shared by every replica.
  const worker: Worker<TriggerJob> = new Worker<TriggerJob>(QUEUE_NAMES.trigger, (job, token) => processTrigger(deps, job, token), {
    connection: workerRedis,
    prefix,
    concurrency: 8,
    // A dispatcher that dies mid-job leaves its jobs locked; they return to the queue once the
    // lock lapses and the stalled check (same period) sees them.
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
    maxStalledCount: 5,
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'trigger worker error'));
  log.info('dispatcher started');

  return {
    async stop() {
      // Finish the interactions in flight, then close the queues and Redis.
      await worker.close();
      await callbackQueue.close();
      redis.disconnect();
      workerRedis.disconnect();
      log.info('dispatcher stopped');
    },
  };
}

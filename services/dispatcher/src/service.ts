import { Queue, Worker } from 'bullmq';
import {
  AccountRegistry,
  AccountSessions,
  createLogger,
  createRedis,
  createImageStore,
  QUEUE_NAMES,
  redisKeys,
  SlotPool,
  SlotWakeups,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Config,
  type TriggerJob,
} from '@mjq/common';
import { AccountClients } from './account-clients.js';
import { SendGate } from './send-gate.js';
import { processTrigger } from './trigger-processor.js';

export interface DispatcherService {
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  /** How long a job parked for a slot waits at most when no wake-up comes (ms; jittered up to 2×). */
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
  const triggerQueue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, { connection: redis, prefix });
  const wakeups = new SlotWakeups(redis, config.redis.prefix);
  // A freed slot wakes the oldest job parked for that account (slot-wakeups.ts).
  const subscriber = createRedis(config.redis.url, 'worker');
  await subscriber.subscribe(wakeups.channel);
  subscriber.on('message', (_channel: string, accountId: string) => {
    void wakeups
      .wakeOne(accountId, async (jobId) => {
        const job = await triggerQueue.getJob(jobId);
        return job ? job.promote().then(() => true, () => false) : false;
      })
      .catch((err: unknown) => log.warn({ err }, 'slot wake-up failed'));
  });
  const store = TaskStore.fromConfig(redis, config);
  const deps = {
    store,
    events: new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts),
    registry,
    slots: new SlotPool(redis, config.redis.prefix),
    wakeups,
    gate: new SendGate(redis, config.redis.prefix, config.discordMaxRps, config.sendGap),
    sessions: new AccountSessions(redis, config.redis.prefix),
    clients: new AccountClients(registry, config.discord.apiUrl, config.discord.applicationId, config.discord.browser),
    images: createImageStore(redis, config),
    applicationId: config.discord.applicationId,
    activityUrl: config.discord.activityUrl,
    log,
    slotPollMs: options.slotPollMs ?? 1000,
    evidenceMs: config.sendEvidenceMs,
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
      await subscriber.quit().catch(() => subscriber.disconnect());
      await triggerQueue.close();
      await callbackQueue.close();
      redis.disconnect();
      workerRedis.disconnect();
      log.info('dispatcher stopped');
    },
  };
}

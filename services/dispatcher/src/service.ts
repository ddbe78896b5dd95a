import { Queue, Worker } from 'bullmq';
import {
  createLogger,
  createRedis,
  QUEUE_NAMES,
  redisKeys,
  requireDiscord,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Config,
  type TriggerJob,
} from '@mjq/common';
import { makeSessionId } from '@mjq/discord';
import { CommandCache } from './command-cache.js';
import { DiscordRest } from './discord-rest.js';
import { processTrigger } from './trigger-processor.js';

export interface DispatcherService {
  stop(): Promise<void>;
}

export async function start(config: Config): Promise<DispatcherService> {
  const discord = requireDiscord(config, ['userToken']);
  const log = createLogger('dispatcher', config.logLevel);
  const redis = createRedis(config.redis.url, 'worker');
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  const callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix });
  const store = new TaskStore(redis, config.redis.prefix, { ttlDays: config.taskTtlDays });
  const events = new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts);
  const rest = new DiscordRest(discord.apiUrl, discord.userToken);
  const commands = new CommandCache(rest, discord.guildId, discord.applicationId);
  // The real client sends its gateway session id; any constant 32-hex value is accepted (§3.1).
  const sessionId = discord.sessionId ?? makeSessionId();
  const workerRedis = createRedis(config.redis.url, 'worker');

  const worker: Worker<TriggerJob> = new Worker<TriggerJob>(
    QUEUE_NAMES.trigger,
    (job) =>
      processTrigger(
        {
          store,
          events,
          rest,
          commands,
          discord,
          sessionId,
          accountId: 'default',
          log,
          rateLimit: async (ms) => {
            await worker.rateLimit(ms);
            return Worker.RateLimitError();
          },
        },
        job,
      ),
    { connection: workerRedis, prefix, concurrency: config.account.concurrency },
  );
  worker.on('error', (err) => log.error({ err: err.message }, 'trigger worker error'));
  log.info({ concurrency: config.account.concurrency }, 'dispatcher started');

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

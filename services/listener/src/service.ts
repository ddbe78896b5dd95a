import { Queue, Worker } from 'bullmq';
import type { Client } from 'discord.js';
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
} from '@mjq/common';
import { connectBotGateway } from './bot-gateway.js';
import { deliverCallback } from './callback-deliverer.js';
import { MessagePipeline } from './message-pipeline.js';

export interface ListenerService {
  pipeline: MessagePipeline;
  stop(): Promise<void>;
}

export interface ListenerOptions {
  /** Grace after a progress message is deleted before the task counts as moderated. */
  deleteGraceMs?: number;
}

export async function start(config: Config, options: ListenerOptions = {}): Promise<ListenerService> {
  const discord = requireDiscord(config, ['botToken']);
  const log = createLogger('listener', config.logLevel);
  const redis = createRedis(config.redis.url, 'worker');
  const workerRedis = createRedis(config.redis.url, 'worker');
  const prefix = redisKeys(config.redis.prefix).bullPrefix;
  const store = new TaskStore(redis, config.redis.prefix, { ttlDays: config.taskTtlDays });
  const callbackQueue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix });
  const events = new TaskEventPublisher(callbackQueue, config.callbackUrl, config.callbackAttempts);
  const pipeline = new MessagePipeline({ store, events, log, deleteGraceMs: options.deleteGraceMs ?? 3000 });

  // One delivery at a time keeps a task's callbacks in the order they happened.
  const callbackWorker = new Worker<CallbackJob>(QUEUE_NAMES.callback, (job) => deliverCallback(job, log), {
    connection: workerRedis,
    prefix,
    concurrency: 1,
  });
  callbackWorker.on('error', (err) => log.error({ err: err.message }, 'callback worker error'));

  let client: Client;
  try {
    client = await connectBotGateway({
      apiUrl: discord.apiUrl,
      botToken: discord.botToken,
      channelId: discord.channelId,
      midjourneyId: discord.applicationId,
      log,
      onEvent: (event) => void pipeline.push(event),
    });
  } catch (err) {
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
      await client.destroy();
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

import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountRegistry, AccountSessions, createLogger, createRedis, QUEUE_NAMES, redisKeys, TaskEventPublisher, TaskStore, type CallbackJob } from '@mjq/common';
import { startSandbox, type Sandbox, type SandboxOptions } from '@mjq/sandbox';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

/** What the account-view tests run against: a sandbox, the store and registry on a prefix of their own. */
export interface AccountViewHarness {
  prefix: string;
  redis: Redis;
  store: TaskStore;
  registry: AccountRegistry;
  queue: Queue<CallbackJob>;
  events: TaskEventPublisher;
  sandbox: Sandbox;
  accountSessions: () => AccountSessions;
  log: ReturnType<typeof createLogger>;
  stop(): Promise<void>;
}

export async function startAccountViewHarness(
  name: string,
  options: { idleTimeoutS: number; sandbox?: Omit<SandboxOptions, 'port' | 'speed'> },
): Promise<AccountViewHarness> {
  const prefix = testPrefix(name);
  const redis = createRedis(testRedisUrl(), 'worker');
  const queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  const sandbox = await startSandbox({ port: 0, speed: 'instant', ...options.sandbox });
  return {
    prefix,
    redis,
    store: new TaskStore(redis, prefix, { ttlDays: 1, idleTimeoutS: options.idleTimeoutS }),
    registry: new AccountRegistry(redis, prefix),
    queue,
    events: new TaskEventPublisher(queue, 'http://127.0.0.1:9/cb'),
    sandbox,
    accountSessions: () => new AccountSessions(redis, prefix),
    log: createLogger('test', 'silent'),
    async stop() {
      await sandbox.stop();
      await queue.close();
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

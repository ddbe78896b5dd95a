import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AccountRegistry, BannedWordStore, Config, Logger, TaskEventPublisher, TaskStore, TriggerJob } from '@mjq/common';

/** Everything a request handler may touch; one per running API instance. */
export interface ApiContext {
  config: Config;
  log: Logger;
  redis: Redis;
  store: TaskStore;
  triggerQueue: Queue<TriggerJob>;
  events: TaskEventPublisher;
  accounts: AccountRegistry;
  bannedWords: BannedWordStore;
}

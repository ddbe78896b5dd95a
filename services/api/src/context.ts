import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type {
  AccountRegistry,
  BannedWordStore,
  CallbackUrlGuard,
  Config,
  Logger,
  TaskEventLog,
  TaskEventPublisher,
  TaskStore,
  TriggerJob,
} from '@mjq/common';
import type { TaskEventHub } from './task-event-hub.js';

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
  callbackGuard: CallbackUrlGuard;
  taskEventLog: TaskEventLog;
  /** Live task events for SSE clients (one Redis reader for all of them). */
  taskEvents: TaskEventHub;
}

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type {
  AccountRegistry,
  BannedWordStore,
  CallbackJob,
  CallbackUrlGuard,
  Config,
  ImageStore,
  Logger,
  TaskEventLog,
  TaskEventPublisher,
  TaskIds,
  TaskStore,
  TriggerJob,
} from '@mjq/common';
import type { AccountCommander } from './account-commander.js';
import type { ApiKeyStore } from './api-keys.js';
import type { TaskEventHub } from './task-event-hub.js';

/** Everything a request handler may touch; one per running API instance. */
export interface ApiContext {
  config: Config;
  log: Logger;
  redis: Redis;
  /** The queues' connection (readiness: can jobs be added). */
  queueRedis: Redis;
  store: TaskStore;
  /** Ids of new tasks (blocks of the Redis-wide counter). */
  taskIds: TaskIds;
  triggerQueue: Queue<TriggerJob>;
  /** Shown on the dashboard; callbacks are published through `events`. */
  callbackQueue: Queue<CallbackJob>;
  events: TaskEventPublisher;
  accounts: AccountRegistry;
  bannedWords: BannedWordStore;
  callbackGuard: CallbackUrlGuard;
  taskEventLog: TaskEventLog;
  /** Live task events for SSE clients and synchronous endpoints (one Redis reader for all of them). */
  taskEvents: TaskEventHub;
  /** Uploads and copies of result images. */
  images: ImageStore;
  /** How long POST /v1/api/trigger/message waits for its task before answering 504 STILL_RUNNING. */
  messageWaitMs: number;
  /** API keys made through the admin API (hashed), with their limits. */
  apiKeys: ApiKeyStore;
  /** /info, /settings, /fast… of an account, sent by the dispatcher and answered through Redis. */
  accountCommands: AccountCommander;
  /** Aborted when the instance stops: requests that wait (for a result's copy) answer at once. */
  stopping?: AbortSignal;
}

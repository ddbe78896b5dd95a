import type { Request } from 'express';
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
  Task,
  TaskStore,
  TriggerJob,
} from '@mjq/common';
import type { AccountCommander } from './account-commander.js';
import { OPEN_CALLER, type Caller } from './caller.js';
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

type TaskMode = NonNullable<Task['mode']>;

/**
 * One request's view of the instance: who calls (recorded by authentication) and the mode a
 * relay chose by its path prefix. Passed along explicitly, not carried by AsyncLocalStorage,
 * whose promise hooks cost about a tenth of the API's CPU on a busy intake.
 */
export interface RequestContext extends ApiContext {
  caller: Caller;
  mode?: TaskMode;
}

/** Where the mode prefix (mj-mode.ts) leaves the mode for the rest of the request. */
export interface RequestLocals {
  relayMode?: TaskMode;
}

/** The request's context; the caller is what tsoa's authentication returned (`req.user`), else `caller`. */
export function requestContext(ctx: ApiContext, req: Request, caller?: Caller): RequestContext {
  const locals = (req.res?.locals ?? {}) as RequestLocals;
  return contextFor(ctx, caller ?? (req as { user?: Caller }).user ?? OPEN_CALLER, locals.relayMode);
}

export function contextFor(ctx: ApiContext, caller: Caller, mode: TaskMode | undefined): RequestContext {
  return { ...ctx, caller, mode };
}

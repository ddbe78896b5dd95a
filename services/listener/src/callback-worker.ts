import type { LookupFunction } from 'node:net';
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CALLBACK_BACKOFF,
  callbackRetryDelay,
  CallbackOrder,
  CallbackUrlGuard,
  QUEUE_NAMES,
  type CallbackJob,
  type Config,
  type Logger,
} from '@mjq/common';
import { CallbackDeliverer } from './callback-deliverer.js';
import { CallbackEgress } from './callback-egress.js';
import { CallbackSigner } from './callback-signer.js';

export interface CallbackWorkerDeps {
  config: Config;
  /** The queue the publishers add to (its connection also holds the per-task order index). */
  queue: Queue<CallbackJob>;
  /** A connection of the worker's own (BullMQ blocks on it). */
  connection: Redis;
  log: Logger;
  dnsLookup?: LookupFunction;
  blockedRecheckMs?: number;
  coalesceAfterMs?: number;
}

export interface CallbackWorker {
  worker: Worker<CallbackJob>;
  close(): Promise<void>;
}

/**
 * The delivery side of the `callback` queue. Many deliveries run at once (CALLBACK_CONCURRENCY);
 * the order of a task's own callbacks is kept by CallbackDeliverer, so one slow or dead receiver
 * delays only its own tasks. Retries follow CALLBACK_RETRY_SCHEDULE through a custom backoff.
 */
export function startCallbackWorker(deps: CallbackWorkerDeps): CallbackWorker {
  const { config, queue, log } = deps;
  const schedule = config.callbacks.retryScheduleMs;
  const egress = new CallbackEgress({ allowHosts: config.callbacks.allowHosts, dnsLookup: deps.dnsLookup });
  const signer = new CallbackSigner(config.callbacks.webhookSecret);
  if (!signer.signs) log.warn('WEBHOOK_SECRET is not set: callbacks are sent unsigned');
  if (config.callbackUrl) void warnIfRefused(config, log, deps.dnsLookup);
  const deliverer = new CallbackDeliverer({
    queue,
    order: CallbackOrder.forQueue(queue),
    egress,
    signer,
    log,
    blockedRecheckMs: deps.blockedRecheckMs,
    coalesceAfterMs: deps.coalesceAfterMs,
  });
  const worker = new Worker<CallbackJob>(QUEUE_NAMES.callback, (job, token) => deliverer.process(job, token), {
    connection: deps.connection,
    prefix: queue.opts.prefix,
    concurrency: config.callbacks.concurrency,
    // A dead replica's deliveries are taken over after about JOB_LOCK_MS, as the dispatcher's are.
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
    settings: {
      backoffStrategy: (attemptsMade, type) => {
        if (type !== CALLBACK_BACKOFF) throw new Error(`unknown backoff ${type}`);
        return callbackRetryDelay(schedule, attemptsMade);
      },
    },
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'callback worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      egress.close();
    },
  };
}

/** CALLBACK_URL is the operator's, but the SSRF guard applies to it too: say so at start-up, not per delivery. */
async function warnIfRefused(config: Config, log: Logger, dnsLookup?: LookupFunction): Promise<void> {
  const verdict = await new CallbackUrlGuard(config.callbacks.allowHosts, dnsLookup).check(config.callbackUrl!);
  if (!verdict.allowed) log.warn({ reason: verdict.reason }, 'CALLBACK_URL is not allowed (add it to CALLBACK_ALLOW_HOSTS): its callbacks will fail');
}

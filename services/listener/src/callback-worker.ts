import type { LookupFunction } from 'node:net';
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CALLBACK_BACKOFF,
  callbackRetryDelay,
  CallbackQueue,
  CallbackUrlGuard,
  QUEUE_NAMES,
  type CallbackJob,
  type Config,
  type Logger,
} from '@mjq/common';
import { CallbackDelivery } from './callback-delivery.js';
import { CallbackEgress } from './callback-egress.js';
import { CallbackSigner } from './callback-signer.js';
import { CallbackSweep } from './callback-sweep.js';

export interface CallbackWorkerDeps {
  config: Config;
  /** The retry queue (its connection also holds the pending callbacks). */
  queue: Queue<CallbackJob>;
  /** A connection of the worker's own (BullMQ blocks on it). */
  connection: Redis;
  log: Logger;
  dnsLookup?: LookupFunction;
  coalesceAfterMs?: number;
  /** How often the sweep looks for callbacks nobody delivers (ms). */
  sweepEveryMs?: number;
}

export interface CallbackWorker {
  /** Hand to the process's TaskEventPublisher (`deliverWith`): it then delivers what it records. */
  delivery: CallbackDelivery;
  sweep: CallbackSweep;
  worker: Worker<CallbackJob>;
  close(): Promise<void>;
}

/**
 * The listener's callback delivery: first tries straight from the process that recorded the
 * callback, retries as BullMQ jobs on CALLBACK_RETRY_SCHEDULE (a custom backoff that counts the
 * first try), and the sweep for what nobody delivers. Many deliveries run at once
 * (CALLBACK_CONCURRENCY); a task's own callbacks go one at a time, in order.
 */
export function startCallbackWorker(deps: CallbackWorkerDeps): CallbackWorker {
  const { config, queue, log } = deps;
  const schedule = config.callbacks.retryScheduleMs;
  const egress = new CallbackEgress({ allowHosts: config.callbacks.allowHosts, dnsLookup: deps.dnsLookup });
  const signer = new CallbackSigner(config.callbacks.webhookSecret);
  if (!signer.signs) log.warn('WEBHOOK_SECRET is not set: callbacks are sent unsigned');
  if (config.callbackUrl) void warnIfRefused(config, log, deps.dnsLookup);
  const pending = CallbackQueue.forQueue(queue);
  const delivery = new CallbackDelivery({
    pending,
    retries: queue,
    egress,
    signer,
    log,
    scheduleMs: schedule,
    attempts: config.callbackAttempts,
    concurrency: config.callbacks.concurrency,
    coalesceAfterMs: deps.coalesceAfterMs,
  });
  const worker = new Worker<CallbackJob>(QUEUE_NAMES.callback, (job) => delivery.retry(job), {
    connection: deps.connection,
    prefix: queue.opts.prefix,
    concurrency: config.callbacks.concurrency,
    // A dead replica's retries are taken over after about JOB_LOCK_MS, as the dispatcher's are.
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
    settings: {
      backoffStrategy: (attemptsMade, type, _err, job) => {
        if (type !== CALLBACK_BACKOFF) throw new Error(`unknown backoff ${type}`);
        return callbackRetryDelay(schedule, attemptsMade + ((job?.data as CallbackJob | undefined)?.priorAttempts ?? 0));
      },
    },
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'callback worker error'));
  const sweep = new CallbackSweep({ pending, retries: queue, delivery, log, everyMs: deps.sweepEveryMs ?? 250 });
  sweep.start();
  return {
    delivery,
    sweep,
    worker,
    async close() {
      await sweep.stop();
      await worker.close();
      await delivery.idle();
      egress.close();
    },
  };
}

/** CALLBACK_URL is the operator's, but the SSRF guard applies to it too: say so at start-up, not per delivery. */
async function warnIfRefused(config: Config, log: Logger, dnsLookup?: LookupFunction): Promise<void> {
  const verdict = await new CallbackUrlGuard(config.callbacks.allowHosts, dnsLookup).check(config.callbackUrl!);
  if (!verdict.allowed) log.warn({ reason: verdict.reason }, 'CALLBACK_URL is not allowed (add it to CALLBACK_ALLOW_HOSTS): its callbacks will fail');
}

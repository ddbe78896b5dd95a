import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type AccountCommandJob, type AccountCommandStore, type Config } from '@mjq/common';
import { processAccountCommand } from './account-command-processor.js';
import { AccountInfoScheduler } from './account-info-scheduler.js';
import type { TriggerDeps } from './trigger-processor.js';

export interface AccountCommandParts {
  worker: Worker<AccountCommandJob>;
  queue: Queue<AccountCommandJob>;
  scheduler: AccountInfoScheduler;
  stop(): Promise<void>;
}

/**
 * The dispatcher's side of account commands: a worker of its own queue (an account command never
 * waits behind tasks parked for a slot) sharing the trigger worker's clients, sessions and gate,
 * and the periodic /info.
 */
export function startAccountCommands(
  config: Config,
  deps: Pick<TriggerDeps, 'registry' | 'sessions' | 'gate' | 'clients' | 'applicationId' | 'log'> & { requests: AccountCommandStore },
  connection: Redis,
  prefix: string,
): AccountCommandParts {
  const log = deps.log.child({ part: 'account-commands' });
  const processDeps = { ...deps, log, timeoutMs: config.accountCommands.timeoutMs };
  const worker = new Worker<AccountCommandJob>(QUEUE_NAMES.accountCommand, (job, token) => processAccountCommand(processDeps, job, token), {
    connection,
    prefix,
    concurrency: 4,
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'account command worker error'));
  const queue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection, prefix });
  queue.on('error', (err) => log.warn({ err: err.message }, 'account command queue error'));
  const scheduler = new AccountInfoScheduler({ requests: deps.requests, registry: deps.registry, queue, log, intervalMs: config.accountCommands.infoIntervalS * 1000 });
  scheduler.start();
  return {
    worker,
    queue,
    scheduler,
    async stop() {
      scheduler.stop();
      await worker.close();
      await queue.close();
    },
  };
}

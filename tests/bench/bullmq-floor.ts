import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_POLICIES } from '@mjq/common';

/**
 * Redis commands BullMQ itself spends on one job's life (add → active → completed), measured on
 * the same Redis in the same run: the part of an mjq task that is its trigger job's, and the
 * floor of any design with one BullMQ job per task (the dashboard shows those jobs). Same job
 * options as mjq's trigger jobs, a worker with the dispatcher's concurrency, no-op processing.
 */
export async function bullmqCommandsPerJob(url: string, prefix: string, jobs: number): Promise<number> {
  const redis = new Redis(url);
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue('floor', { connection, prefix: `{${prefix}}` });
  let done = 0;
  let allDone = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const worker = new Worker(
    'floor',
    async () => {
      if (++done === jobs) setImmediate(allDone);
      return 'sent';
    },
    { connection: workerConnection, prefix: `{${prefix}}`, concurrency: 8 },
  );
  await worker.waitUntilReady();
  const count = async () => {
    let total = 0;
    for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) total += Number(match[1]);
    return total;
  };
  const before = await count();
  for (let i = 0; i < jobs; i++) await queue.add('imagine', { taskId: String(i), kind: 'send' }, { ...JOB_POLICIES.trigger, jobId: `task-${i}` });
  await finished;
  // The completion of the last job is written after its processor returns.
  while ((await queue.getCompletedCount()) < jobs) await new Promise((r) => setImmediate(r));
  const after = await count();
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  for (const c of [redis, connection, workerConnection]) c.disconnect();
  return (after - before) / jobs;
}

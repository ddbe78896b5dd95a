import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import type { AccountRegistry } from './account-registry.js';
import { registers } from './metrics.js';
import { SlotPool } from './slot-pool.js';

/** The states a dashboard watches; `completed` only grows (kept jobs) and says nothing about load. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

/** A scrape must answer even when Redis does not: a read that takes longer is left out. */
const READ_TIMEOUT_MS = 2000;

type Read = () => Promise<void>;

/**
 * What the scrape-time gauges read, by source key. Keys name the Redis prefix, so the api and
 * the dispatcher of one process (the stack) report the trigger queue once.
 */
const queueReads = new Map<string, Read>();
const slotReads = new Map<string, Read>();

const queueJobs = new Gauge({
  name: 'mjq_queue_jobs',
  help: 'Jobs in each mjq queue by state, read from BullMQ at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers,
  async collect() {
    this.reset();
    await readAll(queueReads);
  },
});

const slotsInUse = new Gauge({
  name: 'mjq_account_slots_in_use',
  help: 'Midjourney job slots held per account (unexpired leases), read from Redis at scrape time',
  labelNames: ['account'] as const,
  registers,
  async collect() {
    this.reset();
    await readAll(slotReads);
  },
});

async function readAll(reads: Map<string, Read>): Promise<void> {
  await Promise.all([...reads.values()].map((read) => withTimeout(read()).catch(() => undefined)));
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('metrics read timed out')), READ_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A worker connection queues commands while Redis is down: ask only a ready one. */
function ready(redis: Redis): void {
  if (redis.status !== 'ready') throw new Error('redis not ready');
}

/**
 * Reports the depth of `queues` (opened on `connection`) at every scrape until the returned
 * function is called.
 */
export function reportQueueDepth(queues: Queue[], connection: Redis): () => void {
  const keys = queues.map((queue) => {
    const key = `${queue.opts.prefix}:${queue.name}`;
    queueReads.set(key, async () => {
      ready(connection);
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
    });
    return key;
  });
  return () => keys.forEach((key) => queueReads.delete(key));
}

/** Reports the slots in use of every registered account at every scrape until the returned function is called. */
export function reportSlotUsage(redis: Redis, prefix: string, accounts: AccountRegistry): () => void {
  const slots = new SlotPool(redis, prefix);
  slotReads.set(prefix, async () => {
    ready(redis);
    const now = Date.now();
    for (const account of await accounts.list()) slotsInUse.set({ account: account.id }, await slots.inUse(account.id, now));
  });
  return () => slotReads.delete(prefix);
}

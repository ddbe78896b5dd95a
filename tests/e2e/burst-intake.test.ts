import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES, redisKeys } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

/**
 * A burst far beyond the slots, on accounts paced like a person: every job is taken from the
 * queue once. Jobs that find every slot taken wait in the dispatcher (the rest stay queued, in
 * order) instead of being fetched, parked and fetched again; a job that holds a slot and must
 * wait for its account's gate waits in the dispatcher too, not at the end of the queue.
 */
let sandbox: Sandbox;
let mjq: MjqServices;
let redis: Redis;
const TOKENS = ['burst-a-user-token', 'burst-b-user-token'];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: { stepMs: 30 }, users: TOKENS.map((token) => ({ token, concurrency: 3 })) });
  const accounts = TOKENS.map((token, i) => ({ id: `burst-${i}`, token, concurrency: 1 }));
  // 150 ms between two interactions of an account: the second send on an account meets the gate.
  mjq = await new MjqServices(sandboxEnv(sandbox, accounts, { SEND_GAP_MS: '150', SEND_GAP_JITTER_MS: '0' })).start('in-process');
  redis = new Redis(mjq.config.redis.url);
});
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
  await redis?.quit();
});

describe('a burst on full slots', () => {
  it('takes each job from the queue once: none parks, none waits for its account at the end of the queue', async () => {
    const ids = await Promise.all(Array.from({ length: 14 }, (_, i) => mjq.imagine(`a burst of foxes ${i}`)));
    const tasks = await mjq.settledAll(ids, 90_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis.duplicate(), prefix: redisKeys(mjq.config.redis.prefix).bullPrefix });
    const jobs = await queue.getJobs(['completed']);
    await queue.close();
    expect(jobs).toHaveLength(ids.length);
    expect(jobs.map((j) => j.attemptsStarted)).toEqual(ids.map(() => 1));
    // Never more than the two slots ran at once.
    expect(sandbox.state.jobs.snapshot().maxRunning).toBeLessThanOrEqual(2);
  }, 120_000);

  it('puts the jobs waiting in a stopping dispatcher back at the head of the queue, for the next one to take first', async () => {
    // Jobs that hold their slots a while: the rest wait in the dispatcher, the queue keeps the others.
    sandbox.configure({ speed: { stepMs: 300 } });
    const ids = await Promise.all(Array.from({ length: 14 }, (_, i) => mjq.imagine(`a long queue of foxes ${i}`)));
    const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis.duplicate(), prefix: redisKeys(mjq.config.redis.prefix).bullPrefix });
    // Eight jobs waiting in the dispatcher (its concurrency) for the two slots, the rest queued.
    await pollUntil(() => queue.getJobCounts('active', 'waiting'), (c) => c.active === 8 && c.waiting > 0, 30_000);
    await mjq.stopDispatcher();
    // Back in the queue, none parked (delayed) and none left locked.
    const counts = await queue.getJobCounts('active', 'delayed', 'waiting');
    expect({ active: counts.active, delayed: counts.delayed }).toEqual({ active: 0, delayed: 0 });
    // Those the dispatcher had taken (whenever: it went on taking jobs until it stopped) and those never taken.
    const waiting = await queue.getJobs(['waiting']);
    const back = waiting.filter((j) => j.attemptsStarted > 0);
    const queued = new Set(waiting.filter((j) => j.attemptsStarted === 0).map((j) => j.id));
    expect(back.length).toBeGreaterThan(0);
    expect(queued.size).toBeGreaterThan(0);
    await mjq.restartDispatcher();
    const tasks = await mjq.settledAll(ids, 90_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    // The next dispatcher took them first: each before any job that had waited in the queue.
    const fetchedAt = new Map((await queue.getJobs(['completed'])).map((j) => [j.id, j.processedOn ?? 0]));
    const lastBack = Math.max(...back.map((j) => fetchedAt.get(j.id)!));
    const firstQueued = Math.min(...[...queued].map((id) => fetchedAt.get(id)!));
    expect(lastBack).toBeLessThanOrEqual(firstQueued);
    await queue.close();
    sandbox.configure({ speed: { stepMs: 30 } });
  }, 120_000);
});

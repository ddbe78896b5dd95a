import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';
import { startSentinelSet, type SentinelSet } from '../support/redis-servers.js';

/**
 * Redis high availability with Redis's own engine: mjq finds its primary through three sentinels
 * (REDIS_SENTINELS), and when the primary dies mid-run it follows the promoted replica. Every
 * accepted task still finishes, and none costs a second Midjourney job.
 */
const TOKEN = 'sentinel-user-token';
let redis: SentinelSet;
let sandbox: Sandbox;
let mjq: MjqServices;

beforeAll(async () => {
  redis = await startSentinelSet();
  sandbox = await startSandbox({ port: 0, speed: { stepMs: 300 }, users: [{ token: TOKEN, concurrency: 3 }] });
  const env = sandboxEnv(sandbox, [{ id: 'a', token: TOKEN, concurrency: 3 }], {
    // Not a server: with sentinels, REDIS_URL gives only credentials and database.
    REDIS_URL: 'redis://127.0.0.1:1',
    REDIS_SENTINELS: redis.sentinelList,
    REDIS_SENTINEL_NAME: redis.name,
    JOB_LOCK_MS: '10000',
  });
  mjq = await new MjqServices(env).start('in-process');
}, 120_000);

afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
  await redis?.stop();
});

describe('Redis Sentinel', () => {
  it('finishes every task when the primary is killed mid-run, with one Midjourney job each', async () => {
    expect(await redis.primaryPort()).toBe(redis.primary.port);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await mjq.imagine(`through the failover ${i}`));
    await pollUntil(() => mjq.task(ids[0]!), (t) => t.status === 'IN_PROGRESS', 60_000);

    await redis.primary.process.kill('SIGKILL');
    await pollUntil(() => redis.primaryPort(), (port) => port === redis.replica.port, 60_000);

    const tasks = await mjq.settledAll(ids, 180_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    await pollUntil(async () => sandbox.state.jobs.snapshot().running, (n) => n === 0);
    expect(sandbox.state.jobs.snapshot().started).toBe(ids.length);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SlotPool } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

// Issue 5's acceptance run: 2 accounts × 3 slots, 200 tasks, the dispatcher killed mid-run.
const TASKS = 200;
let sandbox: Sandbox;
let mjq: MjqServices;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    speed: { stepMs: 5 },
    users: [
      { token: 'account-a-user-token', concurrency: 3 },
      { token: 'account-b-user-token', concurrency: 3 },
    ],
  });
  const env = sandboxEnv(
    sandbox,
    [
      { id: 'a', token: 'account-a-user-token' },
      { id: 'b', token: 'account-b-user-token' },
    ],
    { JOB_LOCK_MS: '2000', TASK_TIMEOUT_S: '60' },
  );
  mjq = await new MjqServices(env).start('child');
});
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
});

describe('scheduling under load', () => {
  it(`runs ${TASKS} tasks on 2×3 slots, never over the limit, surviving a dispatcher crash`, async () => {
    const ids = await Promise.all(Array.from({ length: TASKS }, (_, i) => mjq.imagine(`load test ${i}`)));
    // Tasks finish about in order: count the leading run of successes (never more than there are),
    // one request at a time, each task only until it has succeeded.
    const succeededIds = new Set<string>();
    const succeeded = async () => {
      for (const id of ids) {
        if (succeededIds.has(id)) continue;
        if ((await mjq.task(id)).status !== 'SUCCESS') break;
        succeededIds.add(id);
      }
      return succeededIds.size;
    };
    await pollUntil(succeeded, (n) => n >= TASKS / 4, 60_000);
    mjq.killDispatcher();
    await new Promise((r) => setTimeout(r, 300));
    mjq.spawnDispatcher();
    const tasks = await mjq.settledAll(ids, 120_000);
    expect(tasks.filter((t) => t.status !== 'SUCCESS')).toEqual([]);
    expect(new Set(tasks.map((t) => t.accountId))).toEqual(new Set(['a', 'b']));

    const jobs = sandbox.state.jobs.snapshot();
    expect(jobs.maxRunning).toBeLessThanOrEqual(6);
    for (const user of sandbox.users) expect(jobs.perUser[user.id]?.maxRunning ?? 0).toBeLessThanOrEqual(3);
    const redis = new Redis(mjq.config.redis.url);
    const slots = new SlotPool(redis, mjq.config.redis.prefix);
    expect([await slots.inUse('a'), await slots.inUse('b')]).toEqual([0, 0]);
    await redis.quit();
  }, 180_000);
});

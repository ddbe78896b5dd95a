import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisKeys } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';
import { commandSeen } from '../support/redis-monitor.js';

let sandbox: Sandbox;
let mjq: MjqServices;
let redis: Redis;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: 'account-w-user-token', concurrency: 3 }] });
  // Every fallback a minute away: only the wake-up sweep can start the waiting job in time.
  mjq = await new MjqServices(sandboxEnv(sandbox, [{ id: 'w', token: 'account-w-user-token', concurrency: 1 }])).start('in-process', {
    slotPollMs: 60_000,
    parkMs: 60_000,
    wakeSweepMs: 200,
  });
  redis = new Redis(mjq.config.redis.url);
});
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
  await redis?.quit();
});

describe('a slot freed with nobody listening', () => {
  it('goes to the job waiting for it within the wake-up sweep, not after the job’s own fallback', async () => {
    const slots = redisKeys(mjq.config.redis.prefix).slots('w');
    // A holder that vanished without the slot-freed message (no dispatcher was subscribed then).
    await redis.zadd(slots, Date.now() + 60_000, 'vanished-holder');
    // The job has claimed (full), registered to wait, and looked once more (ZCOUNT) before waiting.
    // (Its own ZCOUNT, not the one inside the claim's script: MONITOR tags those `lua`.)
    const looked = await commandSeen(mjq.config.redis.url, (line) => !line.includes(' lua]') && line.toLowerCase().includes(`"zcount" "${slots.toLowerCase()}"`));
    const id = await mjq.imagine('a fox waiting for its slot');
    await looked.seen;
    await redis.zrem(slots, 'vanished-holder');
    expect(await mjq.settled(id, 15_000)).toMatchObject({ status: 'SUCCESS' });
  }, 30_000);
});

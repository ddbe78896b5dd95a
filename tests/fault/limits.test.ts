import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { AccountRegistry, SlotPool } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

let sandbox: Sandbox;
let mjq: MjqServices;
let redis: Redis;
let registry: AccountRegistry;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: 'account-a-user-token', concurrency: 3 }] });
  // One account with one slot: a task that never ends would block every other one but for the timeout.
  mjq = await new MjqServices(sandboxEnv(sandbox, [{ id: 'a', token: 'account-a-user-token', concurrency: 1 }], { TASK_TIMEOUT_S: '5' })).start('in-process');
  redis = new Redis(mjq.config.redis.url);
  registry = new AccountRegistry(redis, mjq.config.redis.prefix);
});
afterEach(async () => {
  sandbox.configure({ faults: null });
  await registry.enable('a');
});
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
  await redis?.quit();
});

describe('Discord rate limits', () => {
  it('with 429s (route and global) on 30% of requests every task succeeds and no request beats its retry_after', async () => {
    sandbox.configure({ faults: { seed: 7, rateLimit429: { probability: 0.3, global: 0.3, retryAfterMs: 300 } } });
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => mjq.imagine(`rate limited ${i}`)));
    const tasks = await mjq.settledAll(ids, 60_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    const snapshot = sandbox.state.snapshot();
    expect(snapshot.requests.list.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(snapshot.rateLimitViolations.count).toBe(0);
  }, 90_000);
});

describe('command versions', () => {
  it('refreshes the cached command index once Discord says the version is outdated', async () => {
    expect(await mjq.settled(await mjq.imagine('before the rotation'), 15_000)).toMatchObject({ status: 'SUCCESS' });
    sandbox.rotateCommandVersions();
    expect(await mjq.settled(await mjq.imagine('after the rotation'), 15_000)).toMatchObject({ status: 'SUCCESS' });
    const refused = sandbox.state.interactions.filter((i) => i.errorCode === 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION');
    expect(refused).toHaveLength(1);
  }, 40_000);
});

describe('timeouts', () => {
  it('fails a task Midjourney never answers with `timeout` and reuses its slot', async () => {
    const silent = await mjq.imagine('a fox sandbox:silent');
    const next = await mjq.imagine('the next fox');
    expect(await mjq.settled(silent, 20_000)).toMatchObject({ status: 'FAILURE', failCode: 'timeout' });
    expect(await mjq.settled(next, 15_000)).toMatchObject({ status: 'SUCCESS' });
    expect(await new SlotPool(redis, mjq.config.redis.prefix).inUse('a')).toBe(0);
  }, 30_000);
});

describe('Midjourney errors', () => {
  it.each([
    ['banned_prompt', 'banned_prompt', true],
    ['invalid_parameter', 'invalid_parameter', true],
    ['invalid_link', 'invalid_link', true],
    ['queue_full', 'queue_full', true],
    ['moderated_after_start', 'moderated', true],
    ['credits_exhausted', 'credits_exhausted', true],
    ['action_needed', 'action_needed', false],
    ['blocked', 'blocked', false],
    ['subscription_required', 'subscription_required', false],
  ])('sandbox:%s → FAILURE %s (account stays enabled: %s)', async (kind, failCode, stillEnabled) => {
    const id = await mjq.imagine(`a fox sandbox:${kind}`);
    expect(await mjq.settled(id, 15_000)).toMatchObject({ status: 'FAILURE', failCode });
    // The account reacts right after the task fails.
    const account = await pollUntil(() => registry.get('a'), (a) => a?.enabled === stillEnabled, 5000);
    expect(account?.enabled).toBe(stillEnabled);
  }, 30_000);

  it('"Job queued" is information only: the task still succeeds', async () => {
    const id = await mjq.imagine('a fox sandbox:job_queued');
    expect(await mjq.settled(id, 15_000)).toMatchObject({ status: 'SUCCESS' });
  });
});

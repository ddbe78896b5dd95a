import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountRegistry, ChangeFeed, CallbackQueue, createRedis, SlotPool, type CallbackJob, type Task, type TaskEventPublisher, type TaskStore } from '@mjq/common';
import type { Sandbox } from '@mjq/sandbox';
import { AccountGateways } from '../src/account-gateways.js';
import { AccountHealth } from '../src/account-health.js';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import { TimeoutReaper } from '../src/timeout-reaper.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { testRedisUrl } from '../../../tests/support/redis.js';
import { startAccountViewHarness, type AccountViewHarness } from './account-view-harness.js';
import { storedTask } from '../../../tests/support/task-fixture.js';
import { takeSlot } from '../../../tests/support/slots.js';
import { SessionPublisher } from '../src/session-publisher.js';

let h: AccountViewHarness;
let redis: Redis;
let store: TaskStore;
let registry: AccountRegistry;
let queue: Queue<CallbackJob>;
let events: TaskEventPublisher;
let sandbox: Sandbox;
let log: AccountViewHarness['log'];
const accountSessions = () => h.accountSessions();

beforeAll(async () => {
  h = await startAccountViewHarness('account-view', { idleTimeoutS: 1 });
  ({ redis, store, registry, queue, events, sandbox, log } = h);
});
afterAll(() => h?.stop());

const task = (fields: Partial<Task> = {}) => storedTask(redis, store, { prompt: 'x', ...fields });

describe('account gateways', () => {
  it('open a user session per enabled account, see Midjourney messages and link interaction ids by nonce', async () => {
    await registry.put({ id: 'main', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken });
    const seen: GatewayMessageEvent[] = [];
    const gateways = new AccountGateways({ registry, store, events, apiUrl: sandbox.url, midjourneyId: sandbox.applicationId, log, onEvent: (e) => seen.push(e), syncMs: 60_000, sessions: new SessionPublisher(accountSessions(), log) });
    await gateways.start();
    try {
      expect([...gateways.channelIds()]).toEqual([sandbox.channelId]);
      const t = await task();
      await store.linkNonce('1290000000000000042', t.id);
      const lookups = vi.spyOn(store, 'findByNonce');
      const patches = vi.spyOn(store, 'patch');
      const index = (await (await fetch(`${sandbox.apiBase}/v9/guilds/${sandbox.guildId}/application-command-index`, { headers: { authorization: sandbox.userToken } })).json()) as {
        application_commands: { id: string; version: string; name: string }[];
      };
      const imagine = index.application_commands.find((c) => c.name === 'imagine')!;
      // Wait for READY before sending: INTERACTION_* go to live sessions only. The sandbox sends
      // READY as it creates the session, so a connected session of the user means READY is out.
      const sandboxSession = await pollUntil(
        async () => sandbox.state.sessions.live().find((s) => s.identity.user.id === sandbox.userId && s.connected),
        (session) => session !== undefined,
      );
      // The session's id is published for the dispatchers: interactions must name a live session.
      const published = await pollUntil(() => accountSessions().live(['main']), (live) => live.has('main'));
      expect(published.get('main')).toBe(sandboxSession!.id);
      const res = await fetch(`${sandbox.apiBase}/v9/interactions`, {
        method: 'POST',
        headers: { authorization: sandbox.userToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 2,
          application_id: sandbox.applicationId,
          guild_id: sandbox.guildId,
          channel_id: sandbox.channelId,
          session_id: published.get('main'),
          nonce: '1290000000000000042',
          data: { version: imagine.version, id: imagine.id, name: 'imagine', type: 1, options: [{ type: 3, name: 'prompt', value: `<#${t.id}#>a fox` }], attachments: [] },
        }),
      });
      expect(res.status).toBe(204);
      await pollUntil(async () => seen.length, (n) => n >= 3);
      expect(seen[0]).toMatchObject({ kind: 'create', message: { nonce: '1290000000000000042' } });
      // The job's messages name the interaction (and no nonce after the first): it is linked to the task.
      const interactionId = (seen[0]!.message as { interaction_metadata?: { id?: string } }).interaction_metadata?.id;
      expect(interactionId).toMatch(/^\d+$/);
      expect(await pollUntil(() => store.findByInteraction(interactionId!), (x) => x !== undefined)).toBe(t.id);
      // INTERACTION_CREATE then INTERACTION_SUCCESS, same interaction: looked up and linked once
      // (both come before the job's first message; its result is the second message created). The
      // task itself is not written here: it records the id with the job's first message.
      await pollUntil(async () => seen.filter((e) => e.kind === 'create').length, (n) => n >= 2);
      expect(lookups).toHaveBeenCalledTimes(1);
      expect(patches.mock.calls.filter(([id]) => id === t.id)).toHaveLength(0);
      lookups.mockRestore();
      patches.mockRestore();
      await registry.disable('main', 'test');
      await gateways.sync();
      expect(gateways.channelIds().size).toBe(0);
      // Its session went with it: no dispatcher names it any more.
      await pollUntil(() => accountSessions().live(['main']), (live) => !live.has('main'));
    } finally {
      await gateways.stop();
    }
  });

  it('follows account changes as they are announced, not at the next period', async () => {
    const feed = new ChangeFeed(redis, h.prefix);
    const subscriber = createRedis(testRedisUrl(), 'worker');
    await feed.listen(subscriber);
    await registry.put({ id: 'main', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken });
    const gateways = new AccountGateways({
      registry: new AccountRegistry(redis, h.prefix, feed),
      store,
      events,
      apiUrl: sandbox.url,
      midjourneyId: sandbox.applicationId,
      log,
      onEvent: () => undefined,
      // No periodic sync within the test: only the announcements can move it.
      syncMs: 600_000,
      sessions: new SessionPublisher(accountSessions(), log),
      onAccountsChanged: (listener) => feed.onChange('accounts', listener),
    });
    await gateways.start();
    try {
      expect(gateways.channelIds().size).toBe(1);
      // Another replica (the admin API, the dispatcher after a refusal) changes the account.
      await registry.disable('main', 'paused by an admin');
      await pollUntil(async () => gateways.channelIds().size, (n) => n === 0);
      await pollUntil(() => accountSessions().live(['main']), (live) => !live.has('main'));
      await registry.enable('main');
      await pollUntil(() => accountSessions().live(['main']), (live) => live.has('main'));
      expect(gateways.allLive()).toBe(true);
    } finally {
      await gateways.stop();
      subscriber.disconnect();
    }
  });

  it('disables an account whose token the gateway refuses', async () => {
    await registry.put({ id: 'dead', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: 'not-a-valid-token' });
    const gateways = new AccountGateways({ registry, store, events, apiUrl: sandbox.url, midjourneyId: sandbox.applicationId, log, onEvent: () => undefined, syncMs: 60_000, sessions: new SessionPublisher(accountSessions(), log) });
    await gateways.start();
    try {
      const acc = await pollUntil(() => registry.get('dead'), (a) => a?.enabled === false);
      expect(acc?.disabledReason).toMatch(/4004/);
    } finally {
      await gateways.stop();
    }
  });
});

describe('TimeoutReaper', () => {
  it('fails a task with no progress for the idle timeout, frees its slot and sends its callback', async () => {
    const slots = new SlotPool(redis, h.prefix);
    const t = await task();
    expect(await takeSlot(redis, h.prefix, t.id, [{ id: 'acct', concurrency: 1 }], 60_000)).toBe('acct');
    await store.patch(t.id, { accountId: 'acct' });
    // The idle deadline (1 s here) counts from the change: a sweep at a moment before it is not
    // overdue, however long the machine takes to get to the sweep.
    const beforeChange = Date.now();
    await store.update(t.id, { status: 'SUBMITTED' });
    const reaper = new TimeoutReaper(store, events, log, 50);
    expect(await reaper.sweep(beforeChange)).toEqual([]);
    expect(await reaper.sweep(Date.now() + 1500)).toEqual([t.id]);
    expect(await store.get(t.id)).toMatchObject({ status: 'FAILURE', failCode: 'timeout' });
    expect(await slots.inUse('acct')).toBe(0);
    expect(await takeSlot(redis, h.prefix, 'next', [{ id: 'acct', concurrency: 1 }], 60_000)).toBe('acct');
    const pending = await CallbackQueue.forQueue(queue).pending(t.id);
    expect(pending.map((c) => c.event)).toEqual(['error']);
    expect(await reaper.sweep(Date.now() + 1500)).toEqual([]);
  });
});

describe('AccountHealth', () => {
  const health = () => new AccountHealth(registry, log);
  it.each(['action_needed', 'blocked'])('%s disables the account', async (failCode) => {
    await registry.put({ id: `h-${failCode}`, guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken });
    await health().onTaskFailed({ ...(await task()), accountId: `h-${failCode}`, status: 'FAILURE', failCode, failReason: 'Action needed to continue' });
    expect(await registry.get(`h-${failCode}`)).toMatchObject({ enabled: false, disabledReason: expect.stringContaining(failCode) });
  });
  it('credits_exhausted moves the account to relax only when allowed', async () => {
    await registry.put({ id: 'h-fast', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken });
    await registry.put({ id: 'h-strict', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken, relaxFallback: false });
    for (const id of ['h-fast', 'h-strict']) await health().onTaskFailed({ ...(await task()), accountId: id, status: 'FAILURE', failCode: 'credits_exhausted' });
    expect(await registry.get('h-fast')).toMatchObject({ enabled: true, mode: 'relax' });
    expect(await registry.get('h-strict')).toMatchObject({ enabled: true, mode: 'fast' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountCommandStore, AccountRegistry, createLogger, createRedis, QUEUE_NAMES, redisKeys, type AccountCommandJob } from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import { AccountReplies } from '../src/account-replies.js';
import { FastHoursFallback } from '../src/fast-hours-fallback.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('account-replies');
let redis: Redis;
let queue: Queue<AccountCommandJob>;
let registry: AccountRegistry;
let requests: AccountCommandStore;
let replies: AccountReplies;
let messageSeq = 0;

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), 'worker');
  queue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  registry = new AccountRegistry(redis, prefix);
  requests = new AccountCommandStore(redis, prefix);
  const log = createLogger('test', 'silent');
  replies = new AccountReplies({ requests, registry, fallback: new FastHoursFallback({ registry, requests, queue, log }), log });
  await registry.put({ id: 'acct', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'token-of-acct' });
});
afterAll(async () => {
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

/** Midjourney's deferred answer (§4.5): a placeholder with the nonce, then the nonce-less edit carrying it. */
async function answer(name: string, nonce: string, fields: Partial<DiscordMessage>): Promise<void> {
  const id = String(1_300_000_000_000_000_700n + BigInt(++messageSeq));
  const base = { id, channel_id: '1100000000000000002', content: '', interaction: { id: `ix-${id}`, name } };
  await replies.push(name as 'info', { ...base, flags: 192, nonce });
  await replies.push(name as 'info', { ...base, flags: 64, ...fields });
}

const infoEmbed = (hours: number) => ({ embeds: [{ title: 'Your info - driver', description: `**Job Mode**: Fast\n**Fast Time Remaining**: ${hours}/15.0 hours` }] });

describe('AccountReplies', () => {
  it('resolves the request named by the nonce with the edit, once, and keeps the info on the account', async () => {
    const id = await requests.create({ accountId: 'acct', command: 'info' });
    await requests.linkSend(id, 'nonce-info');
    await answer('info', 'nonce-info', infoEmbed(12));
    const state = await requests.get(id);
    expect(state).toMatchObject({ status: 'done', result: { info: { jobMode: 'fast', fastTimeRemaining: { hours: 12, totalHours: 15 } } } });
    expect((await requests.observed('acct')).info?.fastTimeRemaining?.hours).toBe(12);
  });

  it('an answer to a command mjq did not send changes nothing', async () => {
    await answer('info', 'nonce-of-someone-else', infoEmbed(0));
    expect((await requests.observed('acct')).info?.fastTimeRemaining?.hours).toBe(12);
    expect((await registry.get('acct'))?.mode).toBe('fast');
  });

  it('a red embed fails the request with its code', async () => {
    const id = await requests.create({ accountId: 'acct', command: 'turbo' });
    await requests.linkSend(id, 'nonce-turbo');
    await answer('turbo', 'nonce-turbo', { embeds: [{ title: 'Subscription required', description: 'Turbo needs a plan', color: 16711680 }] });
    expect(await requests.get(id)).toMatchObject({ status: 'failed', error: { code: 'subscription_required' } });
  });

  it("an admin's mode switch confirmed late still sets the account's mode", async () => {
    const id = await requests.create({ accountId: 'acct', command: 'relax' });
    await requests.linkSend(id, 'nonce-relax');
    await answer('relax', 'nonce-relax', { content: 'Done! Your jobs now do not consume fast-hours.' });
    expect(await requests.get(id)).toMatchObject({ status: 'done', result: { jobMode: 'relax' } });
    expect((await registry.get('acct'))?.mode).toBe('relax');
    expect((await requests.observed('acct')).jobMode).toBe('relax');
  });
});

import { describe, expect, it } from 'vitest';
import { accountSchema, type AccountObserved } from '@mjq/common';
import { withFastHours } from '../src/fast-hours-filter.js';

const account = (id: string, mode: 'fast' | 'relax' | 'turbo' = 'fast') => accountSchema.parse({ id, guildId: '1100000000000000001', channelId: '1100000000000000002', mode });
const read = (hours: number, readAt: number): AccountObserved => ({ info: { fastTimeRemaining: { hours, totalHours: 15 }, raw: {}, readAt } });
const NOW = 1_790_000_000_000;
const HOUR = 3_600_000;

describe('withFastHours', () => {
  const accounts = [account('empty'), account('full'), account('unread'), account('stale'), account('turbo', 'turbo'), account('relax', 'relax')];
  const observed = new Map([
    ['empty', read(0, NOW - 1000)],
    ['full', read(7.5, NOW - 1000)],
    ['stale', read(0, NOW - 3 * HOUR)],
    ['turbo', read(0, NOW - 1000)],
    ['relax', read(0, NOW - 1000)],
  ]);
  const ids = (task: { mode?: 'fast' | 'relax' | 'turbo'; accountId?: string }) => withFastHours(accounts, task, observed, NOW, 2 * HOUR).map((a) => a.id);

  it('passes over accounts whose recent /info shows no fast hours, for a job that would run fast or turbo', () => {
    expect(ids({})).toEqual(['full', 'unread', 'stale', 'relax']);
    expect(ids({ mode: 'fast' })).toEqual(['full', 'unread', 'stale']);
  });

  it('keeps them for relax jobs and for a task bound to its account', () => {
    expect(ids({ mode: 'relax' })).toEqual(accounts.map((a) => a.id));
    expect(ids({ accountId: 'empty' })).toEqual(accounts.map((a) => a.id));
  });
});

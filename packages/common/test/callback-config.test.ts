import { describe, expect, it } from 'vitest';
import { callbackRetryDelay, parseDuration } from '../src/callback-config.js';
import { ConfigError, loadConfig } from '../src/config.js';

const SECRET = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;

describe('callback configuration', () => {
  it('defaults to the Standard Webhooks schedule: 8 tries over about 27 hours', () => {
    const c = loadConfig({});
    expect(c.callbacks.retryScheduleMs).toEqual([5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    expect(c.callbackAttempts).toBe(8);
    expect(c.callbacks.allowHosts).toEqual([]);
    expect(c.callbacks.webhookSecret).toBeUndefined();
    expect(c.callbacks.concurrency).toBe(50);
  });

  it('reads CALLBACK_RETRY_SCHEDULE, CALLBACK_ATTEMPTS, CALLBACK_ALLOW_HOSTS and WEBHOOK_SECRET', () => {
    const c = loadConfig({
      CALLBACK_RETRY_SCHEDULE: '100ms, 2s,1m',
      CALLBACK_ALLOW_HOSTS: '127.0.0.1, ::1,10.0.0.0/8,localhost',
      WEBHOOK_SECRET: SECRET,
    });
    expect(c.callbacks.retryScheduleMs).toEqual([100, 2000, 60_000]);
    expect(c.callbackAttempts).toBe(4);
    expect(c.callbacks.allowHosts).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'localhost']);
    expect(c.callbacks.webhookSecret).toBe(SECRET);
    expect(loadConfig({ CALLBACK_ATTEMPTS: '12' }).callbackAttempts).toBe(12);
  });

  it('reports each bad callback variable', () => {
    let error: unknown;
    try {
      loadConfig({ CALLBACK_RETRY_SCHEDULE: '5s,soon', CALLBACK_ALLOW_HOSTS: '10.0.0.0/40', WEBHOOK_SECRET: 'hunter2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['CALLBACK_RETRY_SCHEDULE', 'CALLBACK_ALLOW_HOSTS', 'WEBHOOK_SECRET']) expect(problems).toContain(name);
    expect(() => loadConfig({ WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })).toThrow(/16 bytes/);
  });

  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['5', undefined],
    ['5 s', undefined],
    ['-5s', undefined],
  ])('parseDuration(%j) = %j', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it('picks the delay for each retry and repeats the last one past the schedule', () => {
    const schedule = [5, 50, 500];
    expect([1, 2, 3, 4, 9].map((n) => callbackRetryDelay(schedule, n))).toEqual([5, 50, 500, 500, 500]);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireDiscord, usesSandbox } from '../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(8062);
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.account).toEqual({ concurrency: 3, waitSize: 10 });
    expect(c.discord.apiUrl).toBe('https://discord.com');
    expect(c.discord.applicationId).toBe('936929561302675456');
    expect(c.discord.activityUrl).toBe('https://936929561302675456.discordsays.com');
    expect(c.taskTimeoutS).toBe(600);
    expect(usesSandbox(c)).toBe(true);
  });

  it('keeps the seed variable names', () => {
    const c = loadConfig({
      USER_TOKEN: 'user-tok',
      BOT_TOKEN: 'bot-tok',
      GUILD_ID: '1100000000000000001',
      CHANNEL_ID: '1100000000000000002',
      CALLBACK_URL: 'https://example.com/hook',
      CONCUR_SIZE: '12',
      WAIT_SIZE: '20',
    });
    expect(c.discord.userToken).toBe('user-tok');
    expect(c.discord.botToken).toBe('bot-tok');
    expect(c.callbackUrl).toBe('https://example.com/hook');
    expect(c.account).toEqual({ concurrency: 12, waitSize: 20 });
    expect(usesSandbox(c)).toBe(false);
    expect(requireDiscord(c, ['userToken', 'botToken']).channelId).toBe('1100000000000000002');
  });

  it('treats empty strings as unset (a copied .env template)', () => {
    const c = loadConfig({ USER_TOKEN: '', CALLBACK_URL: ' ', PORT: '' });
    expect(c.discord.userToken).toBeUndefined();
    expect(c.callbackUrl).toBeUndefined();
    expect(c.http.port).toBe(8062);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', GUILD_ID: 'abc', CALLBACK_URL: 'not a url', CONCUR_SIZE: '0', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'GUILD_ID', 'CALLBACK_URL', 'CONCUR_SIZE', 'LOG_LEVEL']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('requireDiscord names every missing variable', () => {
    expect(() => requireDiscord(loadConfig({}), ['userToken'])).toThrow(/USER_TOKEN[\s\S]*GUILD_ID[\s\S]*CHANNEL_ID/);
  });

  it('parses API_KEYS as a comma separated list', () => {
    expect(loadConfig({ API_KEYS: 'a, b,,c' }).apiKeys).toEqual(['a', 'b', 'c']);
  });
});

describe('accounts', () => {
  const seed = { USER_TOKEN: 'user-token-1', GUILD_ID: '1100000000000000001', CHANNEL_ID: '1100000000000000002', CONCUR_SIZE: '12' };
  it('turns the seed variables into the default account and appends MJ_ACCOUNTS', () => {
    const extra = [{ id: 'pro', userToken: 'user-token-2', guildId: '1100000000000000001', channelId: '1100000000000000003', concurrency: 12, mode: 'relax' }];
    const c = loadConfig({ ...seed, MJ_ACCOUNTS: JSON.stringify(extra) });
    expect(c.accounts.map((a) => [a.id, a.concurrency, a.mode])).toEqual([
      ['default', 12, 'fast'],
      ['pro', 12, 'relax'],
    ]);
  });
  it('reports a malformed MJ_ACCOUNTS with the variable name', () => {
    expect(() => loadConfig({ MJ_ACCOUNTS: '[{"id":"x"}]' })).toThrow(/MJ_ACCOUNTS/);
    expect(() => loadConfig({ MJ_ACCOUNTS: '{oops' })).toThrow(/MJ_ACCOUNTS/);
  });
});

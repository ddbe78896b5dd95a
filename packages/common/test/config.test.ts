import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, usesSandbox } from '../src/config.js';
import { issuePath } from '../src/config-issues.js';

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
      USER_TOKEN: 'user-token-1',
      BOT_TOKEN: 'bot-tok',
      GUILD_ID: '1100000000000000001',
      CHANNEL_ID: '1100000000000000002',
      CALLBACK_URL: 'https://example.com/hook',
      CONCUR_SIZE: '12',
      WAIT_SIZE: '20',
    });
    expect(c.discord.userToken).toBe('user-token-1');
    expect(c.discord.botToken).toBe('bot-tok');
    expect(c.callbackUrl).toBe('https://example.com/hook');
    expect(c.account).toEqual({ concurrency: 12, waitSize: 20 });
    expect(usesSandbox(c)).toBe(false);
    expect(c.discord.channelId).toBe('1100000000000000002');
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

describe('configuration problems', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error('the configuration was accepted');
  };
  const guild = '1100000000000000001';

  it('names each bad field by its place in the variable, in a few words', () => {
    const accounts = [
      { id: 'a', userToken: 'tok-a', guildId: guild, channelId: '1100000000000000002' },
      { id: 'b c', userToken: 'a-long-enough-token', guildId: guild, channelId: 'x', concurrency: 99, mode: 'slow', extra: 1 },
      { userToken: 'another-long-token', guildId: guild, channelId: '1100000000000000002' },
    ];
    expect(problemsOf({ MJ_ACCOUNTS: JSON.stringify(accounts) })).toEqual([
      'MJ_ACCOUNTS[0].userToken: too short (min 10)',
      'MJ_ACCOUNTS[1].id: letters, digits, "_", "-" and "." only',
      'MJ_ACCOUNTS[1].channelId: must be a Discord snowflake',
      'MJ_ACCOUNTS[1].concurrency: must be <= 50',
      'MJ_ACCOUNTS[1].mode: must be one of "fast", "relax", "turbo"',
      'MJ_ACCOUNTS[2].id: required',
    ]);
  });

  it('holds the seed variables to the rules of the account they become', () => {
    expect(problemsOf({ USER_TOKEN: 'short-tok', GUILD_ID: guild, CHANNEL_ID: guild, CONCUR_SIZE: '100', WAIT_SIZE: '2000000', PORT: 'eighty' })).toEqual([
      'PORT: must be a number',
      'USER_TOKEN: too short (min 10)',
      'CONCUR_SIZE: must be <= 50',
      'WAIT_SIZE: must be <= 1000000',
    ]);
  });

  it('reports JSON that does not parse, and duplicate account ids', () => {
    expect(problemsOf({ MJ_ACCOUNTS: '[{"id":"a","userToken":"secret-token-value",' })).toEqual(['MJ_ACCOUNTS: not valid JSON (a JSON array of accounts)']);
    const twice = { id: 'a', userToken: 'secret-token-value', guildId: guild, channelId: guild };
    expect(problemsOf({ MJ_ACCOUNTS: JSON.stringify([twice, twice]) })).toEqual(['MJ_ACCOUNTS[1].id: duplicate account id "a"']);
  });

  it('never repeats a value: tokens and secrets stay out of the message', () => {
    const secrets = ['tok-a', 'short-tok', 'whsec_notbase64!!', 'secret-token-value'];
    const error = (() => {
      try {
        loadConfig({
          USER_TOKEN: 'short-tok',
          WEBHOOK_SECRET: 'whsec_notbase64!!',
          MJ_ACCOUNTS: JSON.stringify([{ id: 'a', userToken: 'tok-a', guildId: 'secret-token-value', channelId: guild }]),
        });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error.message.split('\n')[0]).toBe('invalid configuration:');
    expect(error.problems.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect(error.message).not.toContain(secret);
  });

  it('writes paths as they read in the variable', () => {
    expect(issuePath(['MJ_ACCOUNTS', 0, 'userToken'])).toBe('MJ_ACCOUNTS[0].userToken');
    expect(issuePath(['PORT'])).toBe('PORT');
    expect(issuePath([])).toBe('');
  });
});

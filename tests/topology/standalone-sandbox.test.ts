import { describe, expect, it } from 'vitest';
import { loadConfig, SANDBOX_WORLD, usesSandbox } from '@mjq/common';
import { startSandbox } from '@mjq/sandbox';

/** Compose's `sandbox` service: mjq uses it (SANDBOX_URL) only while no Discord credentials are set. */
describe('SANDBOX_URL', () => {
  it('points every Discord setting at the sandbox when no credentials are set', () => {
    const c = loadConfig({ SANDBOX_URL: 'http://sandbox:8090' });
    expect(c.discord).toMatchObject({
      apiUrl: 'http://sandbox:8090',
      activityUrl: 'http://sandbox:8090',
      userToken: SANDBOX_WORLD.userToken,
      botToken: SANDBOX_WORLD.botToken,
      guildId: SANDBOX_WORLD.guildId,
      channelId: SANDBOX_WORLD.channelId,
    });
    expect(c.accounts.map((a) => a.userToken)).toEqual([SANDBOX_WORLD.userToken]);
    // The stack must not start a second, in-process sandbox.
    expect(usesSandbox(c)).toBe(false);
  });

  it('is ignored as soon as any credential is set: a real token never goes to the sandbox', () => {
    for (const creds of [{ USER_TOKEN: 'real-user-token-1' }, { BOT_TOKEN: 'real-bot' }, { MJ_ACCOUNTS: '[]' }]) {
      const c = loadConfig({ SANDBOX_URL: 'http://sandbox:8090', ...creds });
      expect(c.discord.apiUrl).toBe('https://discord.com');
    }
  });

  it('matches the world of a sandbox started without options', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      expect({
        userToken: sandbox.userToken,
        botToken: sandbox.botToken,
        guildId: sandbox.guildId,
        channelId: sandbox.channelId,
        applicationId: sandbox.applicationId,
      }).toEqual(SANDBOX_WORLD);
    } finally {
      await sandbox.stop();
    }
  });
});

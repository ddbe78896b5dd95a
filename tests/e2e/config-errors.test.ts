import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A bad environment at start: each built entry point (`pnpm test` builds first) prints one list
 * of every problem, without a stack trace or any token, and exits 1 before connecting anywhere.
 */
const entry = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
// Its own working directory: the stack reads a .env from there.
const cwd = mkdtempSync(join(tmpdir(), 'mjq-config-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const SECRETS = ['short-tok', 'tok-of-a', 'whsec_short'];
const env = {
  PATH: process.env.PATH ?? '',
  // Nothing listens there: a configuration that got through would fail differently.
  REDIS_URL: 'redis://127.0.0.1:1',
  PORT: 'eighty',
  USER_TOKEN: 'short-tok',
  GUILD_ID: '1100000000000000001',
  CHANNEL_ID: '1100000000000000002',
  MJ_ACCOUNTS: JSON.stringify([
    { id: 'a', userToken: 'tok-of-a', guildId: '1100000000000000001', channelId: '1100000000000000002' },
    { id: 'b', userToken: 'a-long-enough-token', guildId: '1100000000000000001', channelId: 'general' },
  ]),
};
const PROBLEMS = [
  '  - PORT: must be a number',
  '  - USER_TOKEN: too short (min 10)',
  '  - MJ_ACCOUNTS[0].userToken: too short (min 10)',
  '  - MJ_ACCOUNTS[1].channelId: must be a Discord snowflake',
];

function run(path: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    // The timeout only bounds a regression that would start the service instead of exiting.
    const child = spawn(process.execPath, [entry(path)], { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a bad configuration at start', () => {
  it.each([
    ['stack/dist/main.js', 'mjq'],
    ['services/api/dist/main.js', 'mjq api'],
    ['services/dispatcher/dist/main.js', 'mjq dispatcher'],
    ['services/listener/dist/main.js', 'mjq listener'],
  ])('%s lists every problem and exits 1', async (path, label) => {
    const { code, stdout, stderr } = await run(path);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([`${label}: invalid configuration:`, ...PROBLEMS]);
    expect(stdout).toBe('');
    for (const secret of SECRETS) expect(stderr).not.toContain(secret);
  });

  it('keeps secrets out of the list whatever is wrong with them', async () => {
    const { code, stderr } = await run('services/api/dist/main.js', { WEBHOOK_SECRET: 'whsec_short', MJ_ACCOUNTS: '[{"id":"a","userToken":"tok-of-a"' });
    expect(code).toBe(1);
    expect(stderr).toContain('  - MJ_ACCOUNTS: not valid JSON (a JSON array of accounts)');
    expect(stderr).toContain('  - WEBHOOK_SECRET: ');
    expect(stderr).not.toMatch(/ZodError|\n\s+at /);
    for (const secret of SECRETS) expect(stderr).not.toContain(secret);
  });
});

import { freePort, SANDBOX_WORLD } from '@mjq/common';
import type { JobSpan } from '@mjq/sandbox';
import { spawnService, type ManagedProcess } from './processes.js';

/**
 * The sandbox as its own OS process (services/sandbox/dist), with several Midjourney accounts:
 * its image rendering then never holds up the event loop of the services under test.
 */
export interface SandboxProcess {
  url: string;
  process: ManagedProcess;
  state(): Promise<SandboxSnapshot>;
  /** When each job ran, since start or the last reset (the sandbox's job meter). */
  jobs(): Promise<JobSpan[]>;
  post(path: string, body: unknown): Promise<unknown>;
}

export interface SandboxSnapshot {
  sessions: { kind: string; connected: boolean }[];
  interactions: { id: string | null; status: number; nonce: unknown; answerLost?: string }[];
  jobs: { started: number; running: number; maxRunning: number; done: number; errors: number; silent: number };
  requests: { list: { route: string | null; status: number; injected?: boolean }[] };
  rateLimitViolations: { count: number };
}

export async function startSandboxProcess(options: { tokens: string[]; speed: number | 'instant' }): Promise<SandboxProcess> {
  const env = { SANDBOX_PORT: String(await freePort('127.0.0.1')), SANDBOX_SPEED: String(options.speed), SANDBOX_USER_TOKENS: options.tokens.join(',') };
  const process = spawnService('sandbox', 'sandbox', env);
  const url = (await process.waitForOutput(/ on (http:\/\/\S+)/))[1]!;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    process,
    post,
    state: async () => (await (await fetch(`${url}/_sandbox/state`)).json()) as SandboxSnapshot,
    jobs: async () => ((await (await fetch(`${url}/_sandbox/jobs`)).json()) as { history: JobSpan[] }).history,
  };
}

/** mjq's environment for the sandbox at `url`, one MJ_ACCOUNTS entry per token (ids acct-1, acct-2, …). */
export function sandboxAccountsEnv(url: string, tokens: string[], account: { concurrency: number; waitSize: number }): Record<string, string> {
  return {
    DISCORD_API_URL: url,
    MJ_ACTIVITY_URL: url,
    BOT_TOKEN: SANDBOX_WORLD.botToken,
    MJ_APPLICATION_ID: SANDBOX_WORLD.applicationId,
    MJ_ACCOUNTS: JSON.stringify(tokens.map((token, i) => ({ id: `acct-${i + 1}`, userToken: token, guildId: SANDBOX_WORLD.guildId, channelId: SANDBOX_WORLD.channelId, ...account }))),
  };
}

/** When the message with this snowflake id was created (ms since the epoch), by the sandbox's clock. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + 1_420_070_400_000n);
}

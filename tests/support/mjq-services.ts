import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '@mjq/common';
import { start as startApi, type ApiService } from '@mjq/api';
import { start as startDispatcher, type DispatcherOptions, type DispatcherService } from '@mjq/dispatcher';
import { start as startListener, type ListenerService } from '@mjq/listener';
import type { Sandbox } from '@mjq/sandbox';
import { testImageDir } from './e2e-stack.js';
import { pollUntil } from './poll.js';
import { dropPrefixAt, testPrefix, testRedisUrl } from './redis.js';

export interface AccountSpec {
  id: string;
  token: string;
  concurrency?: number;
  waitSize?: number;
}

/** The env of an mjq deployment on a sandbox with several accounts (MJ_ACCOUNTS). */
export function sandboxEnv(sandbox: Sandbox, accounts: AccountSpec[], extra: Record<string, string> = {}): Record<string, string> {
  const prefix = testPrefix('svc');
  return {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IMAGE_STORE_DIR: testImageDir(prefix),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DISCORD_API_URL: sandbox.url,
    BOT_TOKEN: sandbox.botToken,
    MJ_APPLICATION_ID: sandbox.applicationId,
    MJ_ACTIVITY_URL: sandbox.url,
    MJ_ACCOUNTS: JSON.stringify(
      accounts.map((a) => ({ id: a.id, userToken: a.token, guildId: sandbox.guildId, channelId: sandbox.channelId, concurrency: a.concurrency ?? 3, waitSize: a.waitSize ?? 500 })),
    ),
    DISCORD_MAX_RPS: '100',
    // Human pacing (about a second between one account's interactions) is for Discord; tests that
    // check it set their own.
    SEND_GAP_MS: '0',
    // A worker run as its own process serves its probes on a free port, never on a shared default.
    METRICS_PORT: '0',
    ...extra,
  };
}

const TERMINAL = ['SUCCESS', 'FAILURE', 'CANCEL'];

/** api + listener in this process; the dispatcher in-process or as a real child process (to kill it). */
export class MjqServices {
  readonly config: Config;
  api!: ApiService;
  listener!: ListenerService;
  private dispatcher: DispatcherService | undefined;
  private child: ChildProcess | undefined;

  constructor(readonly env: Record<string, string>) {
    this.config = loadConfig(env);
  }

  async start(dispatcher: 'in-process' | 'child', dispatcherOptions: DispatcherOptions = {}): Promise<this> {
    this.listener = await startListener(this.config, { deleteGraceMs: 500, reaperEveryMs: 200 });
    if (dispatcher === 'in-process') this.dispatcher = await startDispatcher(this.config, dispatcherOptions);
    else this.spawnDispatcher();
    this.api = await startApi(this.config);
    return this;
  }

  /** The dispatcher as its own OS process, from the build output (`pnpm test` builds first). */
  spawnDispatcher(): void {
    const main = fileURLToPath(new URL('../../services/dispatcher/dist/main.js', import.meta.url));
    this.child = spawn(process.execPath, [main], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  /** The in-process dispatcher stops as on a SIGTERM (graceful), and a new one starts when asked. */
  async stopDispatcher(): Promise<void> {
    await this.dispatcher?.stop();
    this.dispatcher = undefined;
  }

  async restartDispatcher(options: DispatcherOptions = {}): Promise<void> {
    this.dispatcher = await startDispatcher(this.config, options);
  }

  /** SIGTERM to the dispatcher's process, as an orchestrator stops it: its waiting jobs go back to the queue's head. */
  async terminateDispatcher(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** SIGKILL: no graceful stop, its jobs stay locked until the lock lapses. */
  killDispatcher(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  async imagine(prompt: string): Promise<string> {
    const res = await fetch(`${this.api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt }) });
    const body = (await res.json()) as { trigger_id?: string; code?: string };
    if (!body.trigger_id) throw new Error(`imagine refused: ${res.status} ${JSON.stringify(body)}`);
    return body.trigger_id;
  }

  async task(id: string): Promise<{ status: string; failCode?: string; accountId?: string; imageUrl?: string }> {
    return (await (await fetch(`${this.api.url}/v1/tasks/${id}`)).json()) as { status: string; failCode?: string };
  }

  async settled(id: string, timeoutMs = 30_000) {
    return pollUntil(() => this.task(id), (t) => TERMINAL.includes(t.status), timeoutMs);
  }

  /**
   * Waits until every task is settled, asking about one task at a time, in order, and about each
   * only until it has settled: one poller per task (hundreds of requests at once, every 50 ms)
   * would load the very API, listener and Redis the test is waiting on.
   */
  async settledAll(ids: string[], timeoutMs = 30_000): Promise<Awaited<ReturnType<MjqServices['task']>>[]> {
    const settled = new Map<string, Awaited<ReturnType<MjqServices['task']>>>();
    await pollUntil(
      async () => {
        for (const id of ids) {
          if (settled.has(id)) continue;
          const task = await this.task(id);
          if (!TERMINAL.includes(task.status)) break;
          settled.set(id, task);
        }
        return settled.size;
      },
      (n) => n === ids.length,
      timeoutMs,
    );
    return ids.map((id) => settled.get(id)!);
  }

  async stop(): Promise<void> {
    this.killDispatcher();
    await this.api?.stop();
    await this.dispatcher?.stop();
    await this.listener?.stop();
    // Sentinel and cluster topologies are the test's own servers, thrown away whole.
    if (this.config.redis.sentinels?.length || this.config.redis.clusterNodes?.length) return;
    await dropPrefixAt(this.config.redis.url, this.config.redis.prefix);
    await rm(testImageDir(this.config.redis.prefix), { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx, type Nginx } from './nginx.js';
import { pollUntil } from './poll.js';
import { stablePort } from './stable-port.js';
import { killAll, spawnService, type ManagedProcess } from './processes.js';
import { startRedisServer, type RedisServer } from './redis-servers.js';
import { sandboxAccountsEnv, startSandboxProcess, type SandboxProcess, type SandboxSnapshot } from './sandbox-process.js';

type Service = 'api' | 'dispatcher' | 'listener';

/**
 * The compose deployment as OS processes for the fault suite: the sandbox (several Midjourney
 * accounts), its own redis-server with AOF on, nginx before two api replicas, one dispatcher and
 * two listeners. Each service is supervised as compose's `restart: unless-stopped` would: a process
 * that dies without the test killing it is started again (and counted), so a crash shows in the
 * numbers instead of stopping the run.
 */
export interface FaultStackOptions {
  tokens: string[];
  concurrency: number;
  stepMs: number;
  callbackUrl: string;
}

interface Supervised {
  name: string;
  service: Service;
  env: Record<string, string>;
  process: ManagedProcess;
  /** Set while the test itself kills it: that exit is no crash. */
  killing: boolean;
}

export class FaultStack {
  sandbox!: SandboxProcess;
  nginx!: Nginx;
  redis!: RedisServer;
  /** Exits the test did not cause, per service name: each was restarted. */
  readonly crashes = new Map<string, number>();
  private readonly services = new Map<string, Supervised>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'mjq-faults-'));
  private stopped = false;
  env: Record<string, string> = {};

  constructor(private readonly options: FaultStackOptions) {}

  /** The accounts' ids in mjq, in the order of `tokens`. */
  get accountIds(): string[] {
    return this.options.tokens.map((_, i) => `acct-${i + 1}`);
  }

  async start(): Promise<this> {
    const { tokens, concurrency, stepMs, callbackUrl } = this.options;
    this.sandbox = await startSandboxProcess({ tokens, speed: stepMs });
    // Ports outside the ephemeral range: Redis and the API replicas come back on theirs after a kill.
    this.redis = await startRedisServer(this.redisDir(), this.redisArgs(), await stablePort());
    const apiPorts = [await stablePort(), await stablePort()];
    this.nginx = await startNginx(apiPorts.map((p) => `127.0.0.1:${p}`));
    this.env = {
      REDIS_URL: `redis://127.0.0.1:${this.redis.port}`,
      REDIS_PREFIX: 'faults',
      HOST: '127.0.0.1',
      PUBLIC_URL: this.nginx.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...sandboxAccountsEnv(this.sandbox.url, tokens, { concurrency, waitSize: 1000 }),
      IMAGE_STORE_DIR: join(this.dir, 'images'),
      CALLBACK_URL: callbackUrl,
      CALLBACK_ALLOW_HOSTS: '127.0.0.1',
      // Hours between retries are for a receiver down for real; here it is down for seconds.
      CALLBACK_RETRY_SCHEDULE: '1s,2s,4s,8s,8s,8s,8s,8s,8s,8s',
      SEND_GAP_MS: '0',
      DISCORD_MAX_RPS: '100',
      // A killed replica's jobs are taken over after about this long.
      JOB_LOCK_MS: '3000',
    };
    // Listeners first, so that no Midjourney message goes unseen.
    for (const i of [1, 2]) this.supervise(`listener-${i}`, 'listener', this.env);
    await pollUntil(() => this.sandboxState(), (s) => s.sessions.filter((x) => x.connected).length >= 2 * (1 + tokens.length), 60_000);
    this.supervise('dispatcher', 'dispatcher', this.env);
    for (const [i, port] of apiPorts.entries()) this.supervise(`api-${i + 1}`, 'api', { ...this.env, PORT: String(port) });
    for (const port of apiPorts) await pollUntil(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0), (s) => s === 200, 60_000);
    return this;
  }

  /** kill -9 of one service, then the same service started again; resolves once it runs. */
  async killAndRestart(name: string): Promise<void> {
    const s = this.services.get(name);
    if (!s) throw new Error(`no service ${name}`);
    s.killing = true;
    await s.process.kill('SIGKILL');
    s.killing = false;
    this.respawn(s);
    if (s.service === 'api') await pollUntil(() => fetch(`http://127.0.0.1:${s.env.PORT}/readyz`).then((r) => r.status, () => 0), (st) => st === 200, 60_000);
  }

  /** kill -9 of redis-server, down for `downMs`, then started again on its port from its AOF. */
  async restartRedis(downMs: number): Promise<void> {
    await this.redis.process.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, downMs));
    this.redis = await startRedisServer(this.redisDir(), this.redisArgs(), this.redis.port);
  }

  sandboxState(): Promise<SandboxSnapshot> {
    return this.sandbox.state();
  }

  sandboxPost(path: string, body: unknown): Promise<unknown> {
    return this.sandbox.post(path, body);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await killAll();
    await this.nginx?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private redisDir(): string {
    return this.dir;
  }

  private redisArgs(): string[] {
    return ['--appendonly', 'yes', '--appendfsync', 'always'];
  }

  private supervise(name: string, service: Service, env: Record<string, string>): void {
    const s: Supervised = { name, service, env, process: spawnService(name, service, env), killing: false };
    this.services.set(name, s);
    this.watch(s);
  }

  private respawn(s: Supervised): void {
    s.process = spawnService(s.name, s.service, s.env);
    this.watch(s);
  }

  private watch(s: Supervised): void {
    const current = s.process;
    void current.exited.then(() => {
      if (this.stopped || s.killing || s.process !== current) return;
      this.crashes.set(s.name, (this.crashes.get(s.name) ?? 0) + 1);
      process.stderr.write(`[faults] ${s.name} exited on its own; restarted. Its last output:\n${current.output().split('\n').slice(-15).join('\n')}\n`);
      this.respawn(s);
    });
  }
}

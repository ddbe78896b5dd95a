import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pollUntil } from './poll.js';

export type ServiceName = 'api' | 'dispatcher' | 'listener';

/**
 * One mjq service as its own OS process, from the build output (`pnpm test` builds first), the
 * way a deployment runs it: `node services/<name>/dist/main.js` with its environment.
 */
export class MjqProcess {
  private child: ChildProcess | undefined;
  /** What it wrote on stderr: shown when it does not become ready or exits badly. */
  output = '';

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    /** Where its /readyz answers (the api's PORT, a worker's METRICS_PORT). */
    readonly probeUrl: string,
  ) {}

  start(): this {
    const main = fileURLToPath(new URL(`../../services/${this.name}/dist/main.js`, import.meta.url));
    const child = spawn(process.execPath, [main], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.child = child;
    return this;
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    const status = () => fetch(`${this.probeUrl}/readyz`).then((r) => r.status, () => 0);
    await pollUntil(status, (s) => s === 200 || this.child?.exitCode != null, timeoutMs).catch((err: Error) => {
      throw new Error(`${this.name} not ready: ${err.message}\n${this.output}`);
    });
    if (this.child?.exitCode != null) throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.output}`);
  }

  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }
}

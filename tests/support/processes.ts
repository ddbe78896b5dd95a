import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * OS processes of a test (mjq services, nginx, redis-server, sentinels): each in its own process
 * group, so that killing one kills everything it started (nginx's workers), and every group a
 * test started is killed on teardown — or when the test process itself exits, whatever the cause.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last 64 KiB of stdout and stderr, interleaved: for failure messages and log-line waits. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Resolves once the output matches `pattern`; rejects if the process exits first or the deadline passes. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Signals the whole group and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** A path inside the repository (for services/<svc>/dist/main.js and deploy files). */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

export function spawnProcess(name: string, command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, {
    env: options.env ?? (process.env as Record<string, string>),
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a kill reaches its children too, and never this test process.
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let buffer = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-OUTPUT_LIMIT);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const l of listeners) l();
  });

  const managed: ManagedProcess = {
    name,
    child,
    pid: child.pid,
    output: () => buffer,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = buffer.match(pattern);
          if (match) return done(() => resolve(match));
          if (gone) done(() => reject(new Error(`${name} exited before printing ${pattern}:\n${tail(buffer)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${tail(buffer)}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (!gone) signalGroup(child.pid!, signal);
      await exited;
      live.delete(managed);
    },
  };
  live.add(managed);
  void exited.then(() => {
    // A group may outlive its leader (nginx workers after a SIGKILL of the master): sweep it.
    signalGroup(child.pid!, 'SIGKILL');
    live.delete(managed);
  });
  return managed;
}

/** A Node service of this repository from its build output (`node scripts/build.mjs` first). */
export function spawnService(name: string, service: 'api' | 'dispatcher' | 'listener' | 'sandbox', env: Record<string, string>): ManagedProcess {
  const main = repoPath(`services/${service}/dist/main.js`);
  // Workers' probe servers on a free port each unless the test names one: several share this host.
  return spawnProcess(name, process.execPath, [main], { env: { PATH: process.env.PATH ?? '', METRICS_PORT: '0', ...env } });
}

/** SIGKILLs every process group still alive and waits for them: the teardown of every test that spawns. */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill('SIGKILL')));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** If the test process dies without its teardown (a crash, a timeout kill), its children die with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of live) signalGroup(p.pid, 'SIGKILL');
  });
}

function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@mjq/common';

/**
 * A redis-server on `port`, resolved once it accepts connections (rejects if it exits first,
 * e.g. the port was taken). `args` are extra options (`--appendonly yes` to keep data across a
 * restart in `dir`).
 */
export function startRedisServer(port: number, dir: string, args: string[] = ['--save', '', '--appendonly', 'no']): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    // Generous: a loaded machine may take a while to start a process.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('redis-server did not start within 30 s'));
    }, 30_000);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on port ${port} exited with ${code}: ${output.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

/** SIGTERM, resolved once the process has exited (its port is free again). */
export function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A redis-server on a port that was free when picked. Another process may take it before
 * redis-server binds it (tests start side by side): then it exits, and another port is tried.
 */
export async function startRedisOnFreePort(dir: string, args?: string[]): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await startRedisServer(port, dir, args), port };
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

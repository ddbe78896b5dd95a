import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';

/** Whether something accepts TCP connections at host:port within `timeoutMs`. */
export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

export interface LocalRedis {
  url: string;
  stop(): void;
}

/**
 * Redis is the one thing mjq cannot embed (design.md): for a laptop run without REDIS_URL, start
 * a redis-server from PATH, keeping its data under `dataDir`.
 */
export async function startLocalRedis(port: number, dataDir: string): Promise<LocalRedis> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'No Redis at 127.0.0.1:6379 and no redis-server on PATH. Install Redis 7 (e.g. `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    if (await isListening('127.0.0.1', port)) return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mjq/common';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Redis for the test run, in this order: REDIS_URL if set → a redis-server from PATH on a free
 * port (ours, thrown away after) → a testcontainers Redis. Tests isolate themselves by key prefix,
 * so a shared REDIS_URL server is never flushed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return async () => {};
  }
  if (spawnSync('redis-server', ['--version']).status === 0) return spawnRedis(project);
  return startContainer(project);
}

/**
 * A redis-server of this run's own (its own port and directory: test runs side by side never
 * share one). The port is free when picked but may be taken before redis-server binds it (another
 * run starting at the same moment): then it exits, and we try another port.
 */
async function spawnRedis(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'mjq-redis-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const child = await startRedisServer(port, dir);
      project.provide('redisUrl', `redis://127.0.0.1:${port}`);
      return async () => {
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      };
    } catch (err) {
      if (attempt >= 5) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
}

async function startContainer(project: TestProject): Promise<() => Promise<void>> {
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
  project.provide('redisUrl', `redis://${container.getHost()}:${container.getMappedPort(6379)}`);
  return async () => {
    await container.stop();
  };
}

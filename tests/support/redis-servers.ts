import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '@mjq/common';
import { pollUntil } from './poll.js';
import { spawnProcess, type ManagedProcess } from './processes.js';

/**
 * Throw-away Redis topologies from Debian's redis-server (and its --sentinel mode), on free
 * loopback ports, each server in a temp directory of its own: a primary with a replica and three
 * sentinels, or a three-primary cluster. Everything here is the test's own, killed on stop().
 */
export interface RedisServer {
  port: number;
  process: ManagedProcess;
}

/** `port`: a restart of a server on the port it had (with the same `dir`, its AOF is reloaded). */
export async function startRedisServer(dir: string, args: string[] = [], port?: number): Promise<RedisServer> {
  port ??= await freePort('127.0.0.1');
  const process = spawnProcess(`redis-${port}`, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...args]);
  await process.waitForOutput(/Ready to accept connections/, 30_000);
  return { port, process };
}

export interface SentinelSet {
  name: string;
  primary: RedisServer;
  replica: RedisServer;
  sentinels: RedisServer[];
  /** `host:port,…` of the sentinels: REDIS_SENTINELS. */
  sentinelList: string;
  /** The port the sentinels currently name as primary. */
  primaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/** A primary, its replica and three sentinels (quorum 2) that fail over a second after the primary stops answering. */
export async function startSentinelSet(name = 'mjq-primary'): Promise<SentinelSet> {
  const dir = mkdtempSync(join(tmpdir(), 'mjq-sentinel-'));
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.process.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primary = await startRedisServer(mkdir(dir, 'primary'));
    servers.push(primary);
    const replica = await startRedisServer(mkdir(dir, 'replica'), ['--replicaof', '127.0.0.1', String(primary.port)]);
    servers.push(replica);
    await replica.process.waitForOutput(/MASTER <-> REPLICA sync: Finished with success/, 30_000);
    const sentinels: RedisServer[] = [];
    for (const i of [1, 2, 3]) {
      const port = await freePort('127.0.0.1');
      const sentinelDir = mkdir(dir, `sentinel-${i}`);
      // A sentinel rewrites its config file: it must be its own, writable.
      const conf = join(sentinelDir, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${sentinelDir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
        ].join('\n') + '\n',
      );
      const process = spawnProcess(`sentinel-${port}`, 'redis-server', [conf, '--sentinel']);
      await process.waitForOutput(/\+monitor master/, 30_000);
      const sentinel = { port, process };
      servers.push(sentinel);
      sentinels.push(sentinel);
    }
    // Ready for a failover once every sentinel knows the replica and the other two sentinels.
    for (const s of sentinels) {
      await withRedis(s.port, (r) =>
        pollUntil(
          async () => [(await r.call('SENTINEL', 'REPLICAS', name)) as unknown[], (await r.call('SENTINEL', 'SENTINELS', name)) as unknown[]],
          ([replicas, others]) => replicas!.length === 1 && others!.length === 2,
          60_000,
        ),
      );
    }
    return {
      name,
      primary,
      replica,
      sentinels,
      sentinelList: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      primaryPort: () => withRedis(sentinels[0]!.port, async (r) => Number(((await r.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as string[])[1])),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function withRedis<T>(port: number, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

function mkdir(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir);
  return dir;
}

export interface RedisCluster {
  nodes: RedisServer[];
  /** `host:port,…` of every primary: REDIS_CLUSTER_NODES. */
  nodeList: string;
  stop(): Promise<void>;
}

/** Three primaries (no replicas) joined by `redis-cli --cluster create`, ready once every node says cluster_state:ok. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'mjq-cluster-'));
  const nodes: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((s) => s.process.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const i of [1, 2, 3]) {
      const nodeDir = mkdir(dir, `node-${i}`);
      // The bus port is its own free port (by default port + 10000, which may be taken or out of range).
      const busPort = await freePort('127.0.0.1');
      nodes.push(await startRedisServer(nodeDir, ['--cluster-enabled', 'yes', '--cluster-config-file', join(nodeDir, 'nodes.conf'), '--cluster-port', String(busPort)]));
    }
    const nodeList = nodes.map((n) => `127.0.0.1:${n.port}`);
    const create = spawnProcess('redis-cli-cluster-create', 'redis-cli', ['--cluster', 'create', ...nodeList, '--cluster-replicas', '0', '--cluster-yes']);
    const code = await create.exited;
    if (code !== 0) throw new Error(`redis-cli --cluster create exited with ${code}:\n${create.output()}`);
    for (const node of nodes) {
      await withRedis(node.port, (r) => pollUntil(() => r.call('CLUSTER', 'INFO') as Promise<string>, (info) => info.includes('cluster_state:ok'), 60_000));
    }
    return { nodes, nodeList: nodeList.join(','), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { parseHostPort, planRedis } from '../src/redis-plan.js';

describe('parseHostPort', () => {
  it('reads host:port and [v6]:port, and refuses anything without a valid port', () => {
    expect(parseHostPort('sentinel-1:26379')).toEqual({ host: 'sentinel-1', port: 26379 });
    expect(parseHostPort(' 10.0.0.2:7000 ')).toEqual({ host: '10.0.0.2', port: 7000 });
    expect(parseHostPort('[::1]:26379')).toEqual({ host: '::1', port: 26379 });
    for (const bad of ['sentinel-1', 'a:b', 'a:0', 'a:70000', ':26379', 'a b:1']) expect(parseHostPort(bad), bad).toBeUndefined();
  });
});

describe('planRedis', () => {
  it('uses REDIS_URL alone when neither sentinels nor cluster nodes are given', () => {
    const plan = planRedis({ url: 'redis://r:6379/2' }, 'worker');
    expect(plan).toMatchObject({ kind: 'standalone', url: 'redis://r:6379/2', options: { maxRetriesPerRequest: null } });
  });

  it('asks the sentinels for the primary, with REDIS_URL credentials, database and TLS', () => {
    const plan = planRedis(
      { url: 'rediss://mjq:s%3Acret@ignored:1/3', sentinels: [{ host: 's1', port: 26379 }], sentinelName: 'mjq-primary', sentinelPassword: 'sp' },
      'request',
    );
    expect(plan.kind).toBe('sentinel');
    expect(plan.options).toMatchObject({
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'mjq-primary',
      sentinelPassword: 'sp',
      username: 'mjq',
      password: 's:cret',
      db: 3,
      tls: {},
      failoverDetector: true,
      // A request connection still fails fast while no primary is reachable.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    expect(plan.options).not.toHaveProperty('host');
  });

  it('keeps BullMQ worker connections waiting out a failover (maxRetriesPerRequest null)', () => {
    const plan = planRedis({ url: 'redis://x', sentinels: [{ host: 's1', port: 26379 }] }, 'worker');
    expect(plan.options).toMatchObject({ maxRetriesPerRequest: null, name: 'mymaster' });
    expect(plan.options).not.toHaveProperty('enableOfflineQueue');
  });

  it('reconnects a connection that finds itself on a demoted primary (READONLY)', () => {
    const plan = planRedis({ url: 'redis://x', sentinels: [{ host: 's1', port: 26379 }] }, 'worker');
    const reconnect = plan.options.reconnectOnError as (err: Error) => unknown;
    expect(reconnect(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(reconnect(new Error('ERR something else'))).toBe(false);
  });

  it('builds a cluster client from the nodes: offline queueing at the cluster level, the role per node', () => {
    const nodes = [{ host: 'n1', port: 7000 }];
    const request = planRedis({ url: 'redis://:pw@x', clusterNodes: nodes, sentinels: [{ host: 's', port: 1 }] }, 'request');
    expect(request.kind).toBe('cluster');
    if (request.kind !== 'cluster') return;
    expect(request.nodes).toEqual(nodes);
    expect(request.options.enableOfflineQueue).toBe(false);
    expect(request.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, password: 'pw' });
    expect(request.options.redisOptions).not.toHaveProperty('enableOfflineQueue');
    const worker = planRedis({ url: 'redis://x', clusterNodes: nodes }, 'worker');
    expect(worker.kind === 'cluster' && worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
  });
});

describe('Redis HA configuration', () => {
  it('reads REDIS_SENTINELS, REDIS_SENTINEL_NAME and REDIS_CLUSTER_NODES', () => {
    const c = loadConfig({ REDIS_SENTINELS: 's1:26379, s2:26380', REDIS_SENTINEL_NAME: 'mjq', REDIS_CLUSTER_NODES: 'n1:7000' });
    expect(c.redis.sentinels).toEqual([{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }]);
    expect(c.redis.sentinelName).toBe('mjq');
    expect(c.redis.clusterNodes).toEqual([{ host: 'n1', port: 7000 }]);
    expect(loadConfig({}).redis).toMatchObject({ sentinels: [], sentinelName: 'mymaster', clusterNodes: [] });
  });

  it('names every malformed entry', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_SENTINELS: 's1:26379,s2', REDIS_CLUSTER_NODES: 'n1' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/REDIS_SENTINELS.*host:port/);
    expect(problems).toMatch(/REDIS_CLUSTER_NODES.*host:port/);
  });
});

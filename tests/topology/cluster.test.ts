import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionForKey, createRedis } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { MjqClient } from '../support/mjq-client.js';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { startRedisCluster, withRedis, type RedisCluster } from '../support/redis-servers.js';
import { openSse } from '../support/sse-client.js';

/**
 * mjq on a Redis Cluster of three primaries (REDIS_CLUSTER_NODES): every key and queue shares one
 * hash tag, so scripts, MULTI and BullMQ stay on one node, and the imagine e2e runs as on one server.
 */
const TOKEN = 'cluster-user-token';
let cluster: RedisCluster;
let sandbox: Sandbox;
let receiver: CallbackReceiver;
let mjq: MjqServices;
let client: MjqClient;

beforeAll(async () => {
  cluster = await startRedisCluster();
  sandbox = await startSandbox({ port: 0, speed: { stepMs: 30 }, users: [{ token: TOKEN, concurrency: 3 }] });
  receiver = await new CallbackReceiver().start();
  const env = sandboxEnv(sandbox, [{ id: 'a', token: TOKEN, concurrency: 3 }], {
    REDIS_URL: 'redis://127.0.0.1:1',
    REDIS_CLUSTER_NODES: cluster.nodeList,
    CALLBACK_URL: receiver.url,
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
  });
  mjq = await new MjqServices(env).start('in-process');
  client = new MjqClient(mjq.api.url);
}, 120_000);

afterAll(async () => {
  await mjq?.stop();
  await receiver?.stop();
  await sandbox?.stop();
  await cluster?.stop();
});

describe('Redis Cluster', () => {
  it('runs an imagine to SUCCESS with its SSE progress, image and callbacks', async () => {
    const id = await client.trigger('imagine', { prompt: 'a fox on three shards' });
    const sse = await openSse(`${mjq.api.url}/v1/tasks/${id}/events`);
    await sse.closed;
    const names = sse.events.map((e) => e.event);
    expect(names[0]).toBe('created');
    expect(names).toContain('generating');
    expect(names.at(-1)).toBe('end');
    const task = await client.succeeded(id);
    // (PORT 0: the URL names no port; the path is what the API serves.)
    expect((await client.fetchImage(`${mjq.api.url}${new URL(task.imageUrl!).pathname}`)).length).toBeGreaterThan(0);
    await receiver.waitFor(() => receiver.forTask(id).some((c) => c.type === 'end'));
    expect(receiver.forTask(id).filter((c) => c.type === 'end')).toHaveLength(1);

    // Its keys live on one node of the three: the hash tag, not luck.
    const prefix = mjq.config.redis.prefix;
    const holders = [];
    for (const node of cluster.nodes) {
      const keys = await withRedis(node.port, (r) => r.keys(`{${prefix}}*`));
      if (keys.length) holders.push(node.port);
    }
    expect(holders).toHaveLength(1);
  }, 120_000);

  it('finds the node connection that serves a key (where CLIENT ID and CLIENT UNBLOCK of the SSE reader go)', async () => {
    const redis = createRedis(mjq.config.redis, 'worker');
    try {
      await redis.set(`{${mjq.config.redis.prefix}}:probe`, 'here');
      const node = await connectionForKey(redis, `{${mjq.config.redis.prefix}}:probe`);
      // A plain GET on that node: any other node would answer MOVED.
      expect(await node.get(`{${mjq.config.redis.prefix}}:probe`)).toBe('here');
      expect(node).not.toBe(redis);
    } finally {
      redis.disconnect();
    }
  });
});

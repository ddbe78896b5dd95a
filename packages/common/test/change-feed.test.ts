import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { ChangeFeed } from '../src/change-feed.js';
import { AccountRegistry } from '../src/account-registry.js';
import { AccountCommandStore } from '../src/account-commands.js';
import { AccountSessions } from '../src/account-sessions.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { pollUntil } from '../../../tests/support/poll.js';

const prefix = testPrefix('change-feed');
const connections: Redis[] = [];
const connect = () => {
  const redis = createRedis(testRedisUrl(), 'worker');
  connections.push(redis);
  return redis;
};
afterAll(async () => {
  await dropPrefix(connections[0]!, prefix);
  for (const redis of connections) redis.disconnect();
});

/** A memo whose loads are counted: the value is how many loads there have been. */
function counted(feed: ChangeFeed, topic: 'accounts' | 'api-keys' = 'accounts') {
  let loads = 0;
  return feed.memo(topic, async () => ++loads);
}

describe('ChangeFeed', () => {
  it('serves a copy until its topic changes, in this process at once and from another as its message arrives', async () => {
    const here = new ChangeFeed(connect(), prefix);
    await here.listen(connect());
    const elsewhere = new ChangeFeed(connect(), prefix);
    const read = counted(here);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await here.announce('accounts');
    expect(await read()).toBe(2);
    await elsewhere.announce('api-keys');
    await elsewhere.announce('accounts');
    expect(await pollUntil(read, (n) => n === 3)).toBe(3);
    expect(await read()).toBe(3);
  });

  it('reads every time in a process that does not listen', async () => {
    const read = counted(new ChangeFeed(connect(), prefix));
    expect([await read(), await read()]).toEqual([1, 2]);
  });

  it('keeps no copy of a load that overlapped a change', async () => {
    const feed = new ChangeFeed(connect(), prefix);
    await feed.listen(connect());
    let loads = 0;
    let release = () => undefined as void;
    const read = feed.memo('accounts', async () => {
      loads += 1;
      if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
      return loads;
    });
    const first = read();
    await pollUntil(async () => loads, (n) => n === 1);
    await feed.announce('accounts');
    release();
    expect(await first).toBe(1);
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });

  it('serves no copy while its subscriber is down, nor one from before once it is back', async () => {
    const feed = new ChangeFeed(connect(), prefix);
    const subscriber = connect();
    await feed.listen(subscriber);
    const read = counted(feed);
    expect(await read()).toBe(1);
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    subscriber.disconnect(true);
    await closed;
    expect(await read()).toBe(2);
    await pollUntil(async () => subscriber.status, (status) => status === 'ready');
    expect(await read()).toBe(3);
    expect(await read()).toBe(3);
  });

  it('keeps a registry that listens true to changes made by another replica', async () => {
    const feed = new ChangeFeed(connect(), prefix);
    await feed.listen(connect());
    const cached = new AccountRegistry(connect(), prefix, feed);
    const other = new AccountRegistry(connect(), prefix);
    await other.put({ id: 'a', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'token-one-123' });
    expect(await pollUntil(() => cached.list(), (l) => l.length === 1)).toHaveLength(1);
    expect(await cached.token('a')).toBe('token-one-123');
    await other.disable('a', 'test');
    expect((await pollUntil(() => cached.list(), (l) => !l[0]!.enabled))[0]).toMatchObject({ enabled: false, disabledReason: 'test' });
    await other.put({ id: 'a', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'token-two-456' });
    expect(await pollUntil(() => cached.token('a'), (t) => t === 'token-two-456')).toBe('token-two-456');
  });

  it('keeps what /info told of the accounts true to observations made by another replica', async () => {
    const feed = new ChangeFeed(connect(), prefix);
    await feed.listen(connect());
    const cached = new AccountCommandStore(connect(), prefix, feed);
    const other = new AccountCommandStore(connect(), prefix);
    expect((await cached.observedOf(['a'])).size).toBe(0);
    await other.observe('a', { jobMode: 'relax' });
    const seen = await pollUntil(() => cached.observedOf(['a', 'b']), (m) => m.size === 1);
    expect(seen.get('a')).toMatchObject({ jobMode: 'relax' });
  });

  it('keeps the live sessions true: a new or withdrawn session is seen at once, a lease run out unrenewed too', async () => {
    const feed = new ChangeFeed(connect(), prefix);
    await feed.listen(connect());
    const cached = new AccountSessions(connect(), prefix, 30_000, feed);
    const listener = new AccountSessions(connect(), prefix, 30_000);
    const now = Date.now();
    expect((await cached.live(['s1', 's2'], now)).size).toBe(0);
    await listener.publish('s1', 'session-a', now);
    expect(await pollUntil(() => cached.live(['s1', 's2'], now), (m) => m.size === 1)).toEqual(new Map([['s1', 'session-a']]));
    // A new session after a fresh IDENTIFY replaces it.
    await listener.withdraw('s1', 'session-a');
    await listener.publish('s1', 'session-b', now);
    expect(await pollUntil(() => cached.live(['s1', 's2'], now), (m) => m.get('s1') === 'session-b').then((m) => m.get('s1'))).toBe('session-b');
    // Its listener died: no withdraw, no renewal. Once the lease has run out, it is live no more.
    expect((await cached.live(['s1', 's2'], now + 30_001)).size).toBe(0);
    await listener.withdraw('s1', 'session-b');
    expect(await pollUntil(() => cached.live(['s1'], now), (m) => m.size === 0)).toEqual(new Map());
  });
});

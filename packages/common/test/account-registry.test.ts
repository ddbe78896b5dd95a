import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { AccountRegistry } from '../src/account-registry.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('account-race');
const ROUNDS = 100;
let left: Redis;
let right: Redis;
// Two connections, as two replicas have: their commands interleave on the server.
let replicaA: AccountRegistry;
let replicaB: AccountRegistry;

beforeAll(() => {
  left = createRedis(testRedisUrl(), 'worker');
  right = createRedis(testRedisUrl(), 'worker');
  replicaA = new AccountRegistry(left, prefix);
  replicaB = new AccountRegistry(right, prefix);
});
afterAll(async () => {
  await dropPrefix(left, prefix);
  await left.quit();
  await right.quit();
});

const input = (id: string) => ({ id, guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'secret-token-123' });

describe('AccountRegistry under concurrent changes', () => {
  it('a disable and a relax switch at the same moment both take effect, every round', async () => {
    await replicaA.put(input('race'));
    for (let round = 0; round < ROUNDS; round++) {
      await replicaA.update('race', { enabled: true, mode: 'fast' });
      // Either may reach Redis first: alternate who starts.
      const disable = () => replicaA.disable('race', `401 in round ${round}`);
      const relax = () => replicaB.update('race', { mode: 'relax' });
      await Promise.all(round % 2 ? [disable(), relax()] : [relax(), disable()]);
      expect(await replicaA.get('race'), `round ${round}`).toMatchObject({ enabled: false, disabledReason: `401 in round ${round}`, mode: 'relax' });
    }
  });

  it('a re-seed with keepState never undoes a concurrent disable, and keeps its own change', async () => {
    await replicaA.put(input('seeded'));
    for (let round = 0; round < ROUNDS; round++) {
      await replicaA.put({ ...input('seeded'), concurrency: 1 });
      await replicaA.enable('seeded');
      const reseed = () => replicaA.put({ ...input('seeded'), concurrency: 12 }, { keepState: true });
      const disable = () => replicaB.disable('seeded', `captcha in round ${round}`);
      await Promise.all(round % 2 ? [reseed(), disable()] : [disable(), reseed()]);
      expect(await replicaA.get('seeded'), `round ${round}`).toMatchObject({ enabled: false, disabledReason: `captcha in round ${round}`, concurrency: 12 });
    }
  });

  it('two processes changing different fields of one account never lose a write', async () => {
    await replicaA.put(input('shared'));
    const script = fileURLToPath(new URL('./support/account-hammer.mjs', import.meta.url));
    const sides = ['state', 'mode'].map((side) => {
      const child = spawn(process.execPath, [script, testRedisUrl(), prefix, 'shared', side, '300'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: child.stdout! });
      const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { child, next, exited, ready: next() };
    });
    for (const side of sides) expect(await side.ready).toBe('ready');
    const reports = sides.map((side) => side.next());
    for (const side of sides) side.child.stdin!.write('go\n');
    const [state, mode] = (await Promise.all(reports)).map((line) => JSON.parse(line) as { lost: number; last: Record<string, unknown> });
    expect(await Promise.all(sides.map((side) => side.exited))).toEqual([0, 0]);
    expect(state!.lost).toBe(0);
    expect(mode!.lost).toBe(0);
    const final = await replicaA.get('shared');
    expect({ enabled: final?.enabled, disabledReason: final?.disabledReason, mode: final?.mode }).toEqual({ ...state!.last, ...mode!.last });
  });

  it('refuses an invalid change before touching Redis, and a change of a missing account', async () => {
    await replicaA.put(input('strict'));
    await expect(replicaA.update('strict', { concurrency: 0 })).rejects.toThrow();
    await expect(replicaA.update('strict', { guildId: '1' } as never)).rejects.toThrow();
    expect(await replicaA.get('strict')).toMatchObject({ concurrency: 3, guildId: '1100000000000000001' });
    expect(await replicaA.update('nobody', { mode: 'relax' })).toBeUndefined();
    expect(await replicaA.get('nobody')).toBeUndefined();
  });

  it('a change names only its fields: defaults never reset the others', async () => {
    await replicaA.put({ ...input('partial'), concurrency: 12, waitSize: 40, mode: 'turbo' });
    await replicaA.disable('partial', 'maintenance');
    expect(await replicaA.update('partial', { mode: 'relax' })).toEqual({
      id: 'partial', guildId: '1100000000000000001', channelId: '1100000000000000002',
      concurrency: 12, waitSize: 40, mode: 'relax', relaxFallback: true, enabled: false, disabledReason: 'maintenance',
    });
    expect(await replicaA.enable('partial')).not.toHaveProperty('disabledReason');
  });
});

describe('AccountRegistry', () => {
  it('keeps tokens apart from the public record and keeps admin state on re-seed', async () => {
    const reg = replicaA;
    const main = { id: 'main', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'secret-token-123' };
    const acc = await reg.put(main);
    expect(acc).toEqual({ id: 'main', guildId: main.guildId, channelId: main.channelId, concurrency: 3, waitSize: 10, mode: 'fast', relaxFallback: true, enabled: true });
    expect(JSON.stringify(await reg.list())).not.toContain('secret-token-123');
    expect(await reg.token('main')).toBe('secret-token-123');
    await reg.disable('main', 'captcha');
    await reg.put({ ...main, concurrency: 12 }, { keepState: true });
    expect(await reg.get('main')).toMatchObject({ enabled: false, disabledReason: 'captcha', concurrency: 12 });
    expect(await reg.enable('main')).toMatchObject({ enabled: true });
    expect((await reg.get('main'))?.disabledReason).toBeUndefined();
    await expect(reg.put({ ...main, id: 'bad id' })).rejects.toThrow();
  });
});

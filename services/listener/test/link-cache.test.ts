import { describe, expect, it } from 'vitest';
import { LinkCache } from '../src/link-cache.js';

describe('LinkCache', () => {
  it('looks a link up once, then answers from memory; a missing link is asked for again', async () => {
    const cache = new LinkCache();
    const asked: string[] = [];
    const find = async (id: string) => {
      asked.push(id);
      return id === 'm1' ? 't1' : undefined;
    };
    expect(await cache.find('message', 'm1', find)).toBe('t1');
    expect(await cache.find('message', 'm1', find)).toBe('t1');
    expect(await cache.find('message', 'm2', find)).toBeUndefined();
    expect(await cache.find('message', 'm2', find)).toBeUndefined();
    expect(asked).toEqual(['m1', 'm2', 'm2']);
  });

  it('says a link is new only the first time, per kind', () => {
    const cache = new LinkCache();
    expect(cache.remember('nonce', 'n1', 't1')).toBe(true);
    expect(cache.remember('nonce', 'n1', 't1')).toBe(false);
    expect(cache.remember('landed', 'n1', 't1')).toBe(true);
  });

  it('forgets the oldest links beyond its capacity', () => {
    const cache = new LinkCache(2);
    cache.remember('message', 'a', 't');
    cache.remember('message', 'b', 't');
    cache.remember('message', 'c', 't');
    expect(cache.get('message', 'a')).toBeUndefined();
    expect(cache.get('message', 'c')).toBe('t');
  });

  it('asks once for an id looked up twice at the same time (both views), and again after a miss', async () => {
    const cache = new LinkCache();
    const asked: string[] = [];
    let answer: (taskId: string | undefined) => void = () => {};
    const find = (id: string) => {
      asked.push(id);
      return new Promise<string | undefined>((resolve) => (answer = resolve));
    };
    const both = Promise.all([cache.find('nonce', 'n1', find), cache.find('nonce', 'n1', find)]);
    answer(undefined);
    expect(await both).toEqual([undefined, undefined]);
    // Not found is not remembered: linked a moment later by another replica, it is found then.
    const again = cache.find('nonce', 'n1', find);
    answer('t1');
    expect(await again).toBe('t1');
    expect(await cache.find('nonce', 'n1', find)).toBe('t1');
    expect(asked).toEqual(['n1', 'n1']);
  });
});

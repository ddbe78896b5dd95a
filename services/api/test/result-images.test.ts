import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageKeys, redisKeys, ResultCopies, type Task } from '@mjq/common';
import { awaitResultCopy, nextPollDelay } from '../src/result-wait.js';
import { testRedisUrl } from '../../../tests/support/redis.js';
import { commandSeen, zscoreOf } from '../../../tests/support/redis-monitor.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let copies: ResultCopies;

beforeAll(async () => {
  h = await startHarness('result-images');
  copies = new ResultCopies(h.redis, h.prefix);
});
afterAll(async () => {
  await h?.close();
});

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from('fox')]);
const DISCORD = 'https://cdn.discordapp.com/attachments/1/2/fox.png?ex=1&is=2&hm=3&';

/** A task stored SUCCESS with mjq's URL, its result file not (yet) in the store. */
async function succeeded(): Promise<{ task: Task; key: string; url: string }> {
  const task = await h.seedTask({ discordImageUrl: DISCORD, attachments: [{ id: '9', filename: 'fox.png', url: DISCORD }] });
  const key = imageKeys.result(task.id, 'fox.png');
  return { task, key, url: `${h.api.url}/v1/images/${key}` };
}

describe('GET /v1/images/result/… while the copy is under way', () => {
  it('waits for the copy and answers with its bytes', async () => {
    const { task, key, url } = await succeeded();
    await copies.begin(task.id);
    const polled = await commandSeen(testRedisUrl(), zscoreOf(redisKeys(h.prefix).resultCopies(), task.id));
    const answer = fetch(url);
    // The request has found the image missing and asks whether its copy is coming: the copy lands now.
    await polled.seen;
    await h.images.put(key, { data: PNG, contentType: 'image/png' });
    await copies.end(task.id);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("sends the client to Discord's URL when the copy failed (no copy coming), uncached", async () => {
    const { url } = await succeeded();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(DISCORD);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('still answers 404 for a result key no task names', async () => {
    const { task } = await succeeded();
    for (const key of ['result/1/none.png', imageKeys.result(task.id, 'other.png')]) {
      const res = await fetch(`${h.api.url}/v1/images/${key}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('awaitResultCopy', () => {
  it("gives up on a copy that does not settle within its bound, with Discord's URL", async () => {
    const { task, key } = await succeeded();
    await copies.begin(task.id);
    const outcome = await awaitResultCopy({ copies, store: h.store, waitMs: 50 }, key, async () => undefined);
    expect(outcome).toEqual({ discordUrl: DISCORD });
    expect(await copies.pending(task.id)).toBe(true);
  });

  it('answers at once when the API stops', async () => {
    const { task, key } = await succeeded();
    await copies.begin(task.id);
    const stopping = new AbortController();
    stopping.abort();
    let looks = 0;
    const outcome = await awaitResultCopy({ copies, store: h.store, stopping: stopping.signal }, key, async () => void looks++);
    expect(outcome).toEqual({ discordUrl: DISCORD });
    expect(looks).toBe(1);
  });

  it('knows only result keys', async () => {
    expect(await awaitResultCopy({ copies, store: h.store }, 'upload/00000000-0000-4000-8000-000000000000/a.png', async () => 'x')).toBeUndefined();
  });

  it('polls with a backoff capped at 250 ms', () => {
    const delays: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 7; i++) delays.push((d = nextPollDelay(d)));
    expect(delays).toEqual([10, 20, 40, 80, 160, 250, 250]);
  });
});

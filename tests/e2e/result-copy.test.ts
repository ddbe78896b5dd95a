import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@mjq/common';
import type { Sandbox } from '@mjq/sandbox';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { MjqClient } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';
import { testRedisUrl } from '../support/redis.js';
import { commandSeen, zscoreOf } from '../support/redis-monitor.js';

/**
 * The result copy off the critical path, on the default file store: a SUCCESS (and its `end`
 * callback) comes with mjq's imageUrl before the image is copied from Discord's CDN; fetching
 * that URL waits for the copy, or is sent to Discord's URL when the copy failed.
 */
let e2e: E2eStack;
let mjq: MjqClient;
let sandbox: Sandbox;

beforeAll(async () => {
  e2e = await startE2eStack('result-copy');
  mjq = new MjqClient(e2e.stack.api.url);
  sandbox = e2e.stack.sandbox!;
});
afterEach(() => sandbox.configure({ faults: { cdn: null } }));
afterAll(() => e2e?.stop());

async function ended(prompt: string): Promise<string> {
  const id = await mjq.trigger('imagine', { prompt });
  await e2e.receiver.waitFor(() => e2e.receiver.forTask(id).some((c) => c.type === 'end'));
  return id;
}

const heldDownloads = () => sandbox.state.snapshot().faults?.cdnHeld ?? 0;

describe('a result fetched right after its SUCCESS callback', () => {
  it('is served once its copy lands, while the CDN holds the download', async () => {
    sandbox.configure({ faults: { cdn: { hold: true } } });
    const id = await ended('a fox whose copy is slow');
    const task = await mjq.task(id);
    expect(task.status).toBe('SUCCESS');
    expect(task.imageUrl).toMatch(new RegExp(`^${e2e.stack.api.url}/v1/images/result/${id}/`));
    // The SUCCESS and its callback came while the listener's download is still held by the CDN.
    await pollUntil(async () => heldDownloads(), (n) => n === 1);

    const polled = await commandSeen(testRedisUrl(), zscoreOf(redisKeys(e2e.prefix).resultCopies(), id));
    const answer = fetch(task.imageUrl!);
    // The request found no image and waits for the copy: only now does the CDN answer.
    await polled.seen;
    sandbox.configure({ faults: { cdn: null } });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(await mjq.fetchImage(task.discordImageUrl!))).toBe(true);
  });

  it("is sent to Discord's URL when the copy failed (the CDN link was gone)", async () => {
    sandbox.configure({ faults: { cdn: { gone: true } } });
    const id = await ended('a fox whose copy fails');
    const task = await mjq.task(id);
    expect(task.imageUrl).toMatch(new RegExp(`^${e2e.stack.api.url}/v1/images/result/${id}/`));
    const res = await fetch(task.imageUrl!, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(task.discordImageUrl);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Discord's link itself works again once the CDN does.
    sandbox.configure({ faults: { cdn: null } });
    expect((await mjq.fetchImage(res.headers.get('location')!)).toString('ascii', 8, 16)).toBe('WEBPVP8L');
  });
});

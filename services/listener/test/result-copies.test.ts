import { afterEach, describe, expect, it, vi } from 'vitest';
import { imageKeys, type ImageStore, type Task, TaskEventPublisher } from '@mjq/common';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { ResultCopySweep } from '../src/result-copy-sweep.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { Harness, ImageServer, mjMessage, PUBLIC_URL, USER, withPipelineHarness } from './fixtures.js';

let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;
let seq = 0;

// The default order (the API serves stored images): SUCCESS first, with mjq's URL, the copy after.
withPipelineHarness('result-copies', (harness, server, messages) => {
  h = harness;
  cdn = server;
  pipeline = messages;
});

const id = () => String(1600000000000000000n + BigInt(++seq));

/** An imagine's waiting message (with the nonce) and its result, whose attachments are `files`. */
async function imagine(files: { url: string; filename: string; content_type?: string }[]): Promise<{ task: Task; events: GatewayMessageEvent[] }> {
  const nonce = id();
  const task = await h.task();
  await h.store.linkNonce(nonce, task.id);
  const head = `**<#${task.id}#>a red fox** - ${USER}`;
  const envelope = { interaction_metadata: { id: id(), name: 'imagine' } };
  const attachments = files.map((f) => ({ id: id(), ...f }));
  return {
    task,
    events: [
      { kind: 'create', message: mjMessage(id(), `${head} (Waiting to start)`, { ...envelope, nonce }) },
      { kind: 'create', message: mjMessage(id(), `${head} (fast)`, { ...envelope, attachments }) },
    ],
  };
}

afterEach(() => vi.restoreAllMocks());

const stored = (taskId: string, name: string) => `${PUBLIC_URL}/v1/images/${imageKeys.result(taskId, name)}`;
const requestsFor = (path: string) => cdn.requests.filter((r) => r.startsWith(path)).length;

/** An image store whose writes never finish: a listener hung (or dead) in the middle of a copy. */
function hungStore(images: ImageStore): ImageStore {
  return Object.assign(Object.create(images) as ImageStore, { put: () => new Promise<void>(() => undefined) });
}

describe('a result stored SUCCESS before its copy', () => {
  it('is SUCCESS with its callback and mjq URL while the copy is held; the copy lands after, and the entry ends', async () => {
    cdn.hold();
    const { task, events } = await imagine([{ url: cdn.url('held/early.png'), filename: 'early.png' }]);
    for (const e of events) await pipeline.push(e);
    // push resolved once the change was applied: the download has not been answered.
    await pollUntil(async () => requestsFor('/held/early.png'), (n) => n === 1);
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: stored(task.id, 'early.png'), discordImageUrl: cdn.url('held/early.png') });
    expect(await h.callbacksOf(task.id)).toEqual(['start:0', 'end:100']);
    expect(await h.images.has(imageKeys.result(task.id, 'early.png'))).toBe(false);
    expect(await h.copies.pending(task.id)).toBe(true);

    cdn.release();
    await pipeline.drain();
    expect((await h.images.get(imageKeys.result(task.id, 'early.png')))?.data.equals(ImageServer.png('early.png'))).toBe(true);
    expect(await h.copies.pending(task.id)).toBe(false);
    expect(requestsFor('/held/early.png')).toBe(1);
  });

  it("hands the callback over first; the copy and the record's compaction wait for the loop's next turn", async () => {
    const order: string[] = [];
    // A deliverer that only notes the hand-over (node:http writes a POST on the next tick).
    const events = new TaskEventPublisher(h.queue, 'http://127.0.0.1:9/cb');
    events.deliverWith({
      leaseToken: () => 'order-test',
      deliverNow: (entry) => {
        order.push(`callback ${entry.event}`);
        setImmediate(() => order.push('next turn'));
      },
      deliverFrom: () => order.push('recorded instead'),
    });
    const p = h.pipeline({ events });
    const start = p.copier!.start.bind(p.copier);
    vi.spyOn(p.copier!, 'start').mockImplementation((...args) => {
      order.push('copy');
      return start(...args);
    });
    const apply = h.store.apply.bind(h.store);
    vi.spyOn(h.store, 'apply').mockImplementation(async (...args) => {
      const applied = await apply(...args);
      const compact = applied?.compact;
      if (compact) applied.compact = () => (order.push('compact'), compact());
      return applied;
    });
    const { task, events: [, result] } = await imagine([{ url: cdn.url('img/order.png'), filename: 'order.png' }]);
    await p.push(result!);
    await p.drain();
    expect(order).toEqual(['callback end', 'next turn', 'copy', 'compact']);
    expect(await h.redis.exists(h.store.keys.task(task.id))).toBe(0);
    expect(await h.images.has(imageKeys.result(task.id, 'order.png'))).toBe(true);
  });

  it('copies the result and compacts its record even when its callback could not be recorded', async () => {
    const events = new TaskEventPublisher(h.queue, 'http://127.0.0.1:9/cb');
    vi.spyOn(events, 'publish').mockRejectedValue(new Error('Redis went away'));
    const p = h.pipeline({ events });
    const { task, events: [, result] } = await imagine([{ url: cdn.url('img/unpublished.png'), filename: 'unpublished.png' }]);
    await p.push(result!);
    await p.drain();
    expect(await h.redis.exists(h.store.keys.task(task.id))).toBe(0);
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS' });
    expect(await h.images.has(imageKeys.result(task.id, 'unpublished.png'))).toBe(true);
  });

  it('keeps mjq URLs for a video job\'s clips too, and copies each once', async () => {
    const clips = ['clip_0.mp4', 'clip_1.mp4'].map((name) => ({ url: cdn.url(`img/${name}`), filename: name, content_type: 'video/mp4' }));
    const { task, events } = await imagine(clips);
    for (const e of events) await pipeline.push(e);
    const names = clips.map((c) => c.filename);
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', videoUrl: stored(task.id, names[0]!), videoUrls: names.map((n) => stored(task.id, n)) });
    await pipeline.drain();
    // The first clip is also the result's imageUrl: one download, not two.
    for (const name of names) expect(requestsFor(`/img/${name}`)).toBe(1);
    expect(await h.copies.pending(task.id)).toBe(false);
  });

  it('ends the entry when the copy fails: the image route then sends clients to Discord', async () => {
    const url = cdn.url('missing/gone.png');
    const { task, events } = await imagine([{ url, filename: 'gone.png' }]);
    for (const e of events) await pipeline.push(e);
    await pipeline.drain();
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: stored(task.id, 'gone.png'), discordImageUrl: url });
    expect(await h.images.has(imageKeys.result(task.id, 'gone.png'))).toBe(false);
    expect(await h.copies.pending(task.id)).toBe(false);
  });
});

describe('the result copy sweep', () => {
  it("takes over the copy of a listener that hung mid-copy once its lease runs out, on one listener only", async () => {
    const dead = h.pipeline({ images: hungStore(h.images) });
    const { task, events } = await imagine([{ url: cdn.url('img/orphan.png'), filename: 'orphan.png' }]);
    for (const e of events) await dead.push(e);
    await pollUntil(async () => requestsFor('/img/orphan.png'), (n) => n === 1);
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', imageUrl: stored(task.id, 'orphan.png') });

    const [a, b] = [h.pipeline(), h.pipeline()];
    const sweeps = [a, b].map((p) => new ResultCopySweep({ copies: h.copies, store: h.store, copier: p.copier!, log: h.log, everyMs: 60_000 }));
    // Within the lease the copy is its listener's.
    expect(await sweeps[0]!.runOnce(Date.now())).toEqual([]);
    const later = Date.now() + h.copies.leaseMs + 1;
    const taken = await Promise.all(sweeps.map((s) => s.runOnce(later)));
    expect(taken.flat()).toEqual([task.id]);
    await Promise.all([a.drain(), b.drain()]);
    expect((await h.images.get(imageKeys.result(task.id, 'orphan.png')))?.data.equals(ImageServer.png('orphan.png'))).toBe(true);
    expect(await h.copies.pending(task.id)).toBe(false);
    expect(requestsFor('/img/orphan.png')).toBe(2);
  });

  it('clears an entry whose files are already stored without fetching them again', async () => {
    const { task, events } = await imagine([{ url: cdn.url('img/twice.png'), filename: 'twice.png' }]);
    for (const e of events) await pipeline.push(e);
    await pipeline.drain();
    // An entry left once the files had landed (a copier that died before clearing it).
    await h.copies.begin(task.id);
    const sweep = new ResultCopySweep({ copies: h.copies, store: h.store, copier: pipeline.copier!, log: h.log, everyMs: 60_000 });
    expect(await sweep.runOnce(Date.now() + h.copies.leaseMs + 1)).toEqual([task.id]);
    await pipeline.drain();
    expect(await h.copies.pending(task.id)).toBe(false);
    expect(requestsFor('/img/twice.png')).toBe(1);
  });
});

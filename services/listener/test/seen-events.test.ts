import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMidjourneyMessage } from '@mjq/discord';
import { eventFingerprint, SeenEvents } from '../src/seen-events.js';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { type Harness, mjMessage as message, withPipelineHarness } from './fixtures.js';

let h: Harness;
let pipeline: MessagePipeline;
withPipelineHarness('seen-events', (harness, _server, messages) => {
  h = harness;
  pipeline = messages;
});
afterEach(() => {
  vi.restoreAllMocks();
});

// Each task its own progress message (a message id stays linked to its task).
const progress = (taskId: string, pct: number) => message(`3${taskId}`, `**<#${taskId}#>a red fox** - <@1200000000000000009> (${pct}%) (fast)`);
const update = (taskId: string, pct: number) => ({ kind: 'update' as const, message: progress(taskId, pct) });

describe('eventFingerprint', () => {
  it('tells events apart by what the pipeline reads, not by fields nobody reads', () => {
    const at = (pct: number, extra = {}) => {
      const e = { kind: 'update' as const, message: { ...progress('1', pct), ...extra } };
      return eventFingerprint(e, parseMidjourneyMessage(e.message));
    };
    expect(at(31)).toBe(at(31, { member: { roles: [] } }));
    expect(at(31)).not.toBe(at(62));
    const created = { kind: 'create' as const, message: progress('1', 31) };
    expect(eventFingerprint(created, parseMidjourneyMessage(created.message))).not.toBe(at(31));
    expect(eventFingerprint({ kind: 'delete', message: { id: '9', channel_id: '2' } }, undefined)).toBe('delete:9');
  });
});

describe('SeenEvents', () => {
  it('forgets a first copy that failed, so that the next one is handled', async () => {
    const seen = new SeenEvents();
    seen.record('a', Promise.resolve(true));
    seen.record('b', Promise.resolve(false));
    seen.record('c', Promise.reject(new Error('redis down')));
    await new Promise((r) => setImmediate(r));
    expect(await seen.earlier('a')).toBe(true);
    expect(seen.earlier('b')).toBeUndefined();
    expect(seen.earlier('c')).toBeUndefined();
  });
});

describe('MessagePipeline with both views', () => {
  it("applies the second view's copy of an event without going to the store again", async () => {
    const t = await h.task();
    const apply = vi.spyOn(h.store, 'apply');
    // The bot's and the account's sessions deliver the same edits, interleaved.
    await Promise.all([pipeline.push(update(t.id, 31)), pipeline.push(update(t.id, 31)), pipeline.push(update(t.id, 62))]);
    await pipeline.push(update(t.id, 62));
    expect(apply).toHaveBeenCalledTimes(2);
    expect(await h.store.get(t.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 62 });
  });

  it("handles the second view's copy when the first one failed", async () => {
    const t = await h.task();
    const real = h.store.apply.bind(h.store);
    const apply = vi.spyOn(h.store, 'apply').mockRejectedValueOnce(new Error('connection lost')).mockImplementation(real);
    await Promise.all([pipeline.push(update(t.id, 31)), pipeline.push(update(t.id, 31))]);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(await h.store.get(t.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 31 });
  });

  it('sends the store no progress step it applied already, whatever the message says besides', async () => {
    const t = await h.task();
    const apply = vi.spyOn(h.store, 'apply');
    const waiting = { kind: 'create' as const, message: message(`4${t.id}`, `**<#${t.id}#>a red fox** - <@1200000000000000009> (Waiting to start)`) };
    // Midjourney edits its "Waiting to start" into "(0%)": a different message, the same progress.
    await pipeline.push(waiting);
    await pipeline.push({ kind: 'update', message: message(`4${t.id}`, `**<#${t.id}#>a red fox** - <@1200000000000000009> (0%) (fast)`) });
    await pipeline.push({ kind: 'update', message: message(`4${t.id}`, `**<#${t.id}#>a red fox** - <@1200000000000000009> (15%) (fast)`) });
    expect(apply.mock.calls.map(([, update]) => update.progress)).toEqual([0, 15]);
    expect(await h.store.get(t.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 15 });
  });
});

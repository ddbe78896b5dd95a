import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { AccountSessions } from '@mjq/common';
import { start as startListener, type ListenerService } from '@mjq/listener';
import type { Sandbox } from '@mjq/sandbox';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { makePng, MjqClient } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';
import { testRedisUrl } from '../support/redis.js';

/**
 * On Discord an interaction's INTERACTION_* events reach only the gateway session it names: the
 * sandbox here is strict (as by default), so every flow that needs them — modals above all —
 * works only if each interaction names a live session of its account.
 */
let e2e: E2eStack;
let sandbox: Sandbox;
let mjq: MjqClient;
let redis: Redis;
let second: ListenerService | undefined;

beforeAll(async () => {
  e2e = await startE2eStack('live-sessions');
  sandbox = e2e.stack.sandbox!;
  mjq = new MjqClient(e2e.stack.api.url);
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await second?.stop();
  await e2e?.stop();
  await redis?.quit();
});

const sessions = () => new AccountSessions(redis, e2e.prefix);
const userSessionIds = () => sandbox.state.sessions.live().filter((s) => s.identity.kind === 'user' && s.connected).map((s) => s.id);

/** imagine → U1 → Custom Zoom (modal) → describe → a Remix variation (modal), each SUCCESS. */
async function everyFlow(tag: string): Promise<void> {
  const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: `a lighthouse ${tag}` }));
  const upscale = await mjq.succeeded(await mjq.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash }));
  const zoomButton = upscale.buttons.find((b) => b.customId.startsWith('MJ::CustomZoom::'))!.customId;
  const zoom = await mjq.trigger('action', { trigger_id: upscale.id, custom_id: zoomButton });
  expect((await mjq.until(zoom, ['MODAL', 'SUCCESS', 'FAILURE'])).status).toBe('MODAL');
  expect((await mjq.post('modal', { trigger_id: zoom, prompt: `a lighthouse ${tag} --zoom 1.5` })).status).toBe(200);
  await mjq.succeeded(zoom);
  const upload = await mjq.uploaded(makePng(tag.length), `${tag}.png`);
  expect((await mjq.succeeded(await mjq.trigger('describe', { upload_filename: upload.uploadFilename }))).prompts).toHaveLength(4);
  await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
  try {
    const remix = await mjq.trigger('variation', { index: 2, msg_id: grid.messageId, msg_hash: grid.messageHash });
    expect((await mjq.until(remix, ['MODAL', 'SUCCESS', 'FAILURE'])).status).toBe('MODAL');
    expect((await mjq.post('modal', { trigger_id: remix, prompt: `a lighthouse ${tag} at dawn` })).status).toBe(200);
    expect((await mjq.succeeded(remix)).content).toContain('Remix');
  } finally {
    await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: false }) });
  }
}

describe('live gateway session ids', () => {
  it('every flow works on the strict sandbox, and every interaction names a live session of its account', async () => {
    await everyFlow('one');
    const interactions = sandbox.state.interactions.filter((i) => i.status === 204);
    expect(interactions.length).toBeGreaterThanOrEqual(7);
    expect(interactions.filter((i) => !i.sessionLive)).toEqual([]);
  });

  it('with two listeners, and after a forced re-IDENTIFY, never names a dead session', async () => {
    second = await startListener(e2e.stack.config);
    await pollUntil(async () => userSessionIds().length, (n) => n === 2);
    const before = new Set(userSessionIds());
    const published = (await sessions().live(['default'])).get('default');
    expect(before.has(published!)).toBe(true);

    // 4009 (session timed out) ends both sessions: the listeners IDENTIFY anew, with new ids.
    sandbox.disconnectAll(4009, { kind: 'user' });
    const after = await pollUntil(async () => userSessionIds(), (ids) => ids.length === 2 && ids.every((id) => !before.has(id)));
    await pollUntil(async () => (await sessions().live(['default'])).get('default'), (id) => id !== undefined && after.includes(id));

    const seen = sandbox.state.interactions.length;
    await everyFlow('two');
    const sent = sandbox.state.interactions.slice(seen).filter((i) => i.status === 204);
    expect(sent.length).toBeGreaterThanOrEqual(7);
    expect(sent.filter((i) => !i.sessionLive)).toEqual([]);
    for (const interaction of sent) {
      const named = (interaction.body as { session_id?: string }).session_id;
      expect(after).toContain(named);
    }
  });
});

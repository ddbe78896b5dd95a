import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@mjq/sandbox';
import type { MjqClient } from '../support/mjq-client.js';
import { startProxiedStack, type ProxiedStack } from '../support/proxied-stack.js';
import { gapsMs, type RecordingProxy } from '../support/recording-proxy.js';

/**
 * What Discord sees of one account's interactions, recorded on the wire between mjq and the
 * sandbox: each names a live gateway session of that account, a click carries the flags of the
 * message it clicks, and two interactions are never closer than a person would click.
 */
let stack: ProxiedStack;
let sandbox: Sandbox;
let proxy: RecordingProxy;
let client: MjqClient;
const TOKEN = 'wire-discipline-user-token';
const GAP_MS = 400;
/** Room for the request travelling from the gate (taken right before it leaves) to the proxy. */
const SLACK_MS = 100;

beforeAll(async () => {
  stack = await startProxiedStack({
    users: [{ token: TOKEN, concurrency: 3 }],
    accounts: [{ id: 'paced', token: TOKEN, concurrency: 3 }],
    env: { SEND_GAP_MS: String(GAP_MS), SEND_GAP_JITTER_MS: '200' },
  });
  ({ sandbox, proxy, client } = stack);
});
afterAll(() => stack?.stop());

describe('one account on the wire', () => {
  it('names live sessions, carries the clicked message’s flags, and keeps a human gap between interactions', async () => {
    // Three at once: the account has three slots, so only the pacing spaces them.
    const grids = await Promise.all(['a red kite', 'a blue kite', 'a green kite'].map(async (prompt) => client.succeeded(await client.trigger('imagine', { prompt }))));
    await Promise.all(grids.map(async (grid) => client.succeeded(await client.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash }))));

    const sent = proxy.interactions(TOKEN).filter((i) => i.status === 204);
    expect(sent).toHaveLength(6);
    const userId = sandbox.users.find((u) => u.token === TOKEN)!.id;
    const sessionsOfAccount = new Set(sandbox.state.sessions.live().filter((s) => s.identity.kind === 'user' && s.identity.user.id === userId).map((s) => s.id));
    for (const { body } of sent) expect(sessionsOfAccount).toContain(body.session_id);
    expect(sandbox.state.interactions.filter((i) => i.status === 204 && !i.sessionLive)).toEqual([]);

    const clicks = sent.filter((i) => i.body.type === 3);
    expect(clicks).toHaveLength(3);
    for (const { body } of clicks) {
      const clicked = sandbox.state.messages.get(String(body.message_id))!.message;
      expect(body.message_flags).toBe(clicked.flags ?? 0);
    }

    for (const gap of gapsMs(sent.map((i) => i.at))) expect(gap).toBeGreaterThanOrEqual(GAP_MS - SLACK_MS);
  }, 60_000);
});

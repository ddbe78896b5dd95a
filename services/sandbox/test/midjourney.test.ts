import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/index.js';
import { commandPayload, eventually, findCommand, identifyUser, imagine, newNonce, postInteraction, RawGateway, resultOf, withSandboxAndUser } from './helpers.js';

describe('simulated Midjourney', () => {
  let sandbox: Sandbox;
  let user: RawGateway;

  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  it('sends the driver the nonce, the interaction ids and a preview named <uuid>_grid_0.webp', async () => {
    const nonce = newNonce();
    await imagine(sandbox, 'a lighthouse', { nonce });
    const success = await user.dispatch('INTERACTION_SUCCESS', (d) => d.nonce === nonce);
    const waiting = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(waiting.d).toMatchObject({
      type: 20,
      content: `**a lighthouse** - <@${sandbox.userId}> (Waiting to start)`,
      interaction: { id: success.d.id, name: 'imagine', user: { id: sandbox.userId } },
      interaction_metadata: { id: success.d.id, authorizing_integration_owners: { '0': sandbox.guildId } },
      mentions: [expect.objectContaining({ id: sandbox.userId })],
    });
    const update = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === waiting.d.id && d.attachments.length > 0);
    expect(update.d.nonce).toBeUndefined();
    const preview = update.d.attachments[0];
    expect(preview.filename).toMatch(/^[0-9a-f-]{36}_grid_0\.webp$/);
    expect(preview.url).toMatch(/\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]+&$/);

    const res = await fetch(preview.url);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([bytes.toString('ascii', 0, 4), bytes.toString('ascii', 8, 16)]).toEqual(['RIFF', 'WEBPVP8L']);

    const result = await user.dispatch('MESSAGE_CREATE', (d) => d.attachments.length > 0);
    const jobId = preview.filename.replace('_grid_0.webp', '');
    // Today's grids are `.webp` (§4.8), and the sandbox serves its own WebP.
    expect(result.d.attachments[0].filename).toBe(`driver_a_lighthouse_${jobId}.webp`);
    expect(result.d.attachments[0].content_type).toBe('image/webp');
    expect(result.d.interaction_metadata.id).toBe(success.d.id);
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === waiting.d.id);
  });

  it('serves attachments only on their signed URL, directly and through the media-proxy form', async () => {
    await imagine(sandbox, 'signed things');
    const { url, proxy_url } = (await eventually(() => resultOf(sandbox, 'signed things'))).attachments[0]!;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`${proxy_url}width=256&height=256`)).status).toBe(200);
    const unsigned = await fetch(url.split('?')[0]!);
    expect([unsigned.status, await unsigned.text()]).toEqual([404, 'This content is no longer available.']);
    expect((await fetch(url.replace(/hm=[0-9a-f]+/, `hm=${'0'.repeat(64)}`))).status).toBe(404);
  });

  it('rewrites leading image links to s.mj.run short links', async () => {
    await imagine(sandbox, 'https://example.com/cat.png https://example.com/dog.png two pets --ar 3:2');
    const result = await eventually(() => sandbox.state.messages.all().find((m) => m.message.components.length > 0)?.message);
    expect(result.content).toMatch(/^\*\*<https:\/\/s\.mj\.run\/\w+> <https:\/\/s\.mj\.run\/\w+> two pets --ar 3:2\*\* - <@\d+> \(fast\)$/);
    expect(result.attachments[0]!.filename).toMatch(/^driver_two_pets_[0-9a-f-]{36}\.webp$/);
  });

  it('runs at most 3 jobs per account at once; the 4th is "Job queued" and starts when one ends', async () => {
    // Slow steps keep the first three running while the fourth is posted, however loaded the
    // machine; instant once it is queued, so they end after their current step.
    sandbox.configure({ speed: { stepMs: 3_000 } });
    const nonces = [newNonce(), newNonce(), newNonce(), newNonce()];
    for (const [i, nonce] of nonces.entries()) await imagine(sandbox, `job ${i}`, { nonce });
    const waiting = await Promise.all(nonces.map((n) => user.dispatch('MESSAGE_CREATE', (d) => d.nonce === n && d.embeds.length === 0)));
    const queued = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonces[3] && d.embeds.length > 0);
    expect(queued.d).toMatchObject({ flags: 64, embeds: [{ title: 'Job queued', color: 16776960 }] });
    expect(queued.s).toBeLessThan(waiting[3]!.s!);
    sandbox.configure({ speed: 'instant' });
    const fourth = waiting[3]!.d.id;
    const fourthStarted = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === fourth);
    const firstDelete = await user.dispatch('MESSAGE_DELETE');
    expect(firstDelete.s).toBeLessThan(fourthStarted.s!);
    expect(firstDelete.d.id).not.toBe(fourth);
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === fourth);
  });

  it('answers commands it does not simulate yet with an ephemeral "Invalid request" embed', async () => {
    const preferCmd = await findCommand(sandbox, 'prefer');
    const nonce = newNonce();
    await postInteraction(sandbox, commandPayload(sandbox, preferCmd, 'prefer', [{ type: 1, name: 'suffix', options: [{ type: 3, name: 'new_value', value: '--v 6' }] }], { nonce }));
    const reply = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(reply.d).toMatchObject({ flags: 64, content: '', embeds: [{ title: 'Invalid request', color: 0xff0000, footer: { text: '/prefer suffix' } }] });
  });

  it('reports state over the control API and forgets it on reset', async () => {
    await imagine(sandbox, 'state check');
    await eventually(() => resultOf(sandbox, 'state check'));
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as {
      sessions: unknown[];
      messages: { total: number; deleted: number };
      interactions: Array<{ receivedAt: number; status: number }>;
    };
    expect(state.sessions.length).toBeGreaterThanOrEqual(1);
    expect(state.messages).toMatchObject({ total: 2, deleted: 1 });
    expect(state.interactions).toEqual([expect.objectContaining({ status: 204, receivedAt: expect.any(Number) })]);

    const bad = await fetch(`${sandbox.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ speed: 'warp' }) });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${sandbox.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ speed: 25, heartbeatIntervalMs: 2000 }) });
    expect(await ok.json()).toMatchObject({ speed: { stepMs: 25 }, heartbeatIntervalMs: 2000 });

    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(sandbox.state.messages.all()).toEqual([]);
    expect(sandbox.state.interactions).toEqual([]);
  });

  it('renders grids at the configured size (a benchmark keeps the renderer off its client’s CPU)', async () => {
    for (const gridSize of [63, 8, 4096, '64']) {
      const bad = await fetch(`${sandbox.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ gridSize }) });
      expect(bad.status).toBe(400);
    }
    await imagine(sandbox, 'default grid');
    expect((await eventually(() => resultOf(sandbox, 'default grid'))).attachments[0]).toMatchObject({ width: 512, height: 512 });
    const ok = await fetch(`${sandbox.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ gridSize: 64 }) });
    expect(await ok.json()).toMatchObject({ gridSize: 64 });
    await imagine(sandbox, 'small grid');
    const small = (await eventually(() => resultOf(sandbox, 'small grid'))).attachments[0]!;
    expect(small).toMatchObject({ width: 64, height: 64 });
    const bytes = Buffer.from(await (await fetch(small.url)).arrayBuffer());
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    await fetch(`${sandbox.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ gridSize: 512 }) });
  });
});

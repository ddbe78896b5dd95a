import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentInteraction } from '../src/interaction.js';
import { RegionEditors } from '../src/midjourney/region-editors.js';
import { startSandbox, type DiscordMessage, type Sandbox } from '../src/index.js';
import type { Raster } from '../src/images/raster.js';
import { customIds, downloadImage, errorBody, grid, jobIdOf, meanColour, replyTo, website } from './action-helpers.js';
import { buttonPayload, identifyBot, postInteraction, RawGateway, type Frame } from './helpers.js';
import { control, UserSession } from './user-session.js';

/** A black mask of `size`² with the square [0, marked)² white: "redraw the top-left corner". */
function maskPng(size: number, marked: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    const [x, y] = [i % size, Math.floor(i / size)];
    png.data.fill(x < marked && y < marked ? 255 : 0, i * 4, i * 4 + 3);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

const MASK = maskPng(512, 128).toString('base64');

/** The RGBA bytes of a rectangle, row after row. */
function region(png: Raster, x: number, y: number, width: number, height: number): Buffer {
  const rows = Array.from({ length: height }, (_, row) => png.data.subarray(((y + row) * png.width + x) * 4, ((y + row) * png.width + x + width) * 4));
  return Buffer.concat(rows.map((r) => Buffer.from(r)));
}

/**
 * Vary (Region) (§1.10, §3.4): the click opens Midjourney's editor (an iframe event, no message);
 * the editor posts prompt and mask to Midjourney's activity host, which runs the job as a reply
 * to the clicked message, under the click's interaction and without a nonce.
 */
describe('Vary (Region)', () => {
  let sandbox: Sandbox;
  let driver: UserSession;
  let other: UserSession;
  let bot: RawGateway;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: 'token-a' }, { token: 'token-b' }] });
    driver = await UserSession.open(sandbox, 'token-a');
    other = await UserSession.open(sandbox, 'token-b');
    bot = await RawGateway.open(sandbox.gatewayUrl);
    identifyBot(bot, sandbox);
    await bot.dispatch('READY');
  });
  afterEach(async () => {
    await control(sandbox, 'reset');
    for (const frames of [driver.gw.frames, other.gw.frames, bot.frames]) frames.length = 0;
  });
  afterAll(async () => {
    for (const gw of [driver.gw, other.gw, bot]) gw.close();
    await sandbox.stop();
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/inpaint/api/submit-job`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const edit = (token: string, prompt: string, mask = MASK) => ({ customId: token, prompt, mask, userId: '0', username: '0' });

  async function upscaled(prompt: string): Promise<DiscordMessage> {
    const parent = await grid(sandbox, prompt);
    const body = buttonPayload(sandbox, parent.id, `MJ::JOB::upsample::1::${jobIdOf(parent)}`);
    expect((await postInteraction(sandbox, body)).status).toBe(204);
    return replyTo(sandbox, parent.id);
  }

  /** Clicks Vary (Region) from the driver's session; returns the click's events. */
  async function openEditor(message: DiscordMessage): Promise<{ nonce: string; events: Frame[] }> {
    const body = { ...buttonPayload(sandbox, message.id, `MJ::Inpaint::1::${jobIdOf(message)}::SOLO`), session_id: driver.sessionId };
    expect((await postInteraction(sandbox, body, driver.token)).status).toBe(204);
    const nonce = body.nonce as string;
    await driver.next('INTERACTION_SUCCESS', (d) => d.nonce === nonce);
    return { nonce, events: driver.dispatches().filter((f) => f.t?.startsWith('INTERACTION_') && f.d.nonce === nonce) };
  }

  const tokenOf = (events: Frame[]) => (events[1]!.d.custom_id as string).slice('MJ::iframe::'.length);

  it('the click opens the editor: three events under its id, to the invoking session only, and no message', async () => {
    const message = await upscaled('a quiet pond');
    const { nonce, events } = await openEditor(message);
    expect(events.map((f) => f.t)).toEqual(['INTERACTION_CREATE', 'INTERACTION_IFRAME_MODAL_CREATE', 'INTERACTION_SUCCESS']);
    const id = events[0]!.d.id as string;
    expect(events.map((f) => f.d.id)).toEqual([id, id, id]);
    expect(events[1]!.d).toEqual({
      id,
      nonce,
      channel_id: sandbox.channelId,
      guild_id: sandbox.guildId,
      custom_id: expect.stringMatching(/^MJ::iframe::[\w-]{32}$/),
      title: 'Vary (Region)',
      application: { id: sandbox.applicationId, name: 'Midjourney Bot', icon: expect.any(String) },
    });
    // The click is handled in one go (events, then no job): once every socket has everything the
    // sandbox sent it so far, nothing more is coming.
    await Promise.all([driver.flush(), other.flush(), bot.flush()]);
    for (const gw of [other.gw, bot]) expect(gw.frames.filter((f) => f.t?.startsWith('INTERACTION_'))).toEqual([]);
    expect(driver.dispatches('MESSAGE_CREATE').some((f) => f.d.nonce === nonce)).toBe(false);
  });

  it('the submit answers 200 and runs "Variations (Region)" as a nonce-less reply to the clicked message', async () => {
    const message = await upscaled('a quiet pond, dawn');
    const { events } = await openEditor(message);
    const clickId = events[0]!.d.id as string;
    const prompt = '<#a1b2c3#>a quiet pond, a red boat';
    const res = await submit(edit(tokenOf(events), prompt), { Authorization: 'anything' });
    expect([res.status, await res.json()]).toEqual([200, { success: true }]);

    const result = await replyTo(sandbox, message.id);
    const head = `**${prompt}** - Variations (Region) by <@${driver.userId}>`;
    expect(result).toMatchObject({
      type: 19,
      content: `${head} ${website(result)}(fast)`,
      message_reference: { message_id: message.id, channel_id: sandbox.channelId, guild_id: sandbox.guildId },
      referenced_message: { id: message.id },
      interaction_metadata: { id: clickId, type: 3, interacted_message_id: message.id, user: { id: driver.userId } },
    });
    const h2 = jobIdOf(result);
    expect(customIds(result)).toEqual([
      ...[1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${h2}`),
      `MJ::JOB::reroll::0::${h2}::SOLO`,
      ...[1, 2, 3, 4].map((n) => `MJ::JOB::variation::${n}::${h2}`),
      `https://www.midjourney.com/jobs/${h2}`,
    ]);

    // The usual lifecycle, with no nonce anywhere: no Discord interaction carries the submit. Its
    // waiting message reads like an imagine's, with a Cancel Job button (§4.8).
    const progress = await driver.next('MESSAGE_CREATE', (d) => d.content === `**${prompt}** - <@${driver.userId}> (Waiting to start)`);
    expect(progress.d.components[0].components[0].custom_id).toBe(`MJ::CancelJob::ByJobid::${h2}`);
    expect(progress.d).toMatchObject({ type: 19, message_reference: { message_id: message.id }, interaction_metadata: { id: clickId } });
    const updates = driver.dispatches('MESSAGE_UPDATE').filter((f) => f.d.id === progress.d.id);
    expect(updates.map((f) => f.d.content)).toEqual(['0', '31', '62', '93'].map((p) => `${head} (${p}%) (fast)`));
    await driver.next('MESSAGE_DELETE', (d) => d.id === progress.d.id);
    const created = driver.dispatches('MESSAGE_CREATE').filter((f) => f.d.id === progress.d.id || f.d.id === result.id);
    expect(created.map((f) => 'nonce' in f.d)).toEqual([false, false]);

    // A grid of the parent, repainted inside the mask's box (the top-left quarter) only.
    const png = await downloadImage(result.attachments[0]!.url);
    const parent = await downloadImage(message.attachments[0]!.url);
    expect([png.width, png.height]).toEqual([512, 512]);
    meanColour(png, 128, 128, 128, 128).forEach((v, c) => expect(Math.abs(v - meanColour(parent, 256, 256, 256, 256)[c]!)).toBeLessThan(2));
    // Images #1 and #2: the same outside the box, each repainted differently inside it.
    expect(region(png, 0, 64, 256, 192).equals(region(png, 256, 64, 256, 192))).toBe(true);
    expect(region(png, 0, 0, 64, 64).equals(region(png, 256, 0, 64, 64))).toBe(false);

    const again = await submit(edit(tokenOf(events), prompt));
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: expect.any(String) });
  });

  it('refuses a bad mask or prompt with 400 and an unknown token with 404; the editor stays usable', async () => {
    const message = await upscaled('a windmill');
    const token = tokenOf((await openEditor(message)).events);
    const refused: Array<[string, unknown, number]> = [
      ['data: prefix', edit(token, 'x', `data:image/png;base64,${MASK}`), 400],
      ['not base64', edit(token, 'x', 'not a mask!'), 400],
      ['not an image', edit(token, 'x', Buffer.from('just some text, no image').toString('base64')), 400],
      ['no mask', { customId: token, prompt: 'x' }, 400],
      ['empty prompt', edit(token, '  '), 400],
      ['unknown token', edit('x'.repeat(32), 'x'), 404],
      ['not JSON', 'nope', 400],
    ];
    for (const [name, body, status] of refused) {
      const res = typeof body === 'string' ? await fetch(`${sandbox.url}/inpaint/api/submit-job`, { method: 'POST', body }) : await submit(body);
      expect(res.status, name).toBe(status);
      expect(await res.json(), name).toMatchObject({ error: expect.any(String) });
    }
    expect((await submit(edit(token, 'a windmill, stormy sky'))).status).toBe(200);
    await replyTo(sandbox, message.id);
  });

  it('refuses Vary (Region) on a message without that button, like any other button', async () => {
    const parent = await grid(sandbox, 'three cats');
    const body = buttonPayload(sandbox, parent.id, `MJ::Inpaint::1::${jobIdOf(parent)}::SOLO`);
    expect(await errorBody(await postInteraction(sandbox, body))).toEqual({ status: 400, code: 50035, inner: 'COMPONENT_VALIDATION_FAILED' });
  });

  it('a submit Midjourney refuses (out of fast hours) answers like other jobs, without a nonce', async () => {
    const message = await upscaled('a lantern');
    const { events } = await openEditor(message);
    sandbox.setUserState(driver.userId, { outOfFastHours: true });
    expect((await submit(edit(tokenOf(events), 'a lantern, blue flame'))).status).toBe(200);
    const refusal = await driver.next('MESSAGE_CREATE', (d) => d.embeds.length > 0);
    expect(refusal.d).toMatchObject({ flags: 64, embeds: [{ title: 'Credits exhausted' }], interaction_metadata: { id: events[0]!.d.id, type: 3 } });
    expect('nonce' in refusal.d).toBe(false);
  });
});

describe('RegionEditors', () => {
  it('forgets an editor after 15 minutes', () => {
    const editors = new RegionEditors();
    const click = { id: '1', nonce: '2', channelId: '3', guildId: '4', customId: `MJ::Inpaint::1::${'0'.repeat(36)}::SOLO`, message: { content: '**p** - x' } };
    const opened = editors.open(click as unknown as ComponentInteraction, 0);
    const token = (opened.custom_id as string).slice('MJ::iframe::'.length);
    expect(editors.find(token, 15 * 60_000 - 1)).toMatchObject({ token, prompt: 'p', parentJobId: '0'.repeat(36) });
    expect(editors.find(token, 15 * 60_000)).toBeUndefined();
  });
});

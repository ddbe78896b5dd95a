import type { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type DiscordMessage, type Sandbox } from '../src/index.js';
import { click, customIds, downloadPng, errorBody, grid, jobIdOf, meanColour, replyTo } from './action-helpers.js';
import { identifyUser, RawGateway } from './helpers.js';

const gridButtons = (h: string) => [
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${h}`),
  `MJ::JOB::reroll::0::${h}::SOLO`,
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::variation::${n}::${h}`),
];
const soloButtons = (h: string, withUpscale = true) => [
  ...(withUpscale ? [`MJ::JOB::upsample_v6_2x_subtle::1::${h}::SOLO`, `MJ::JOB::upsample_v6_2x_creative::1::${h}::SOLO`] : []),
  `MJ::JOB::low_variation::1::${h}::SOLO`,
  `MJ::JOB::high_variation::1::${h}::SOLO`,
  `MJ::Inpaint::1::${h}::SOLO`,
  `MJ::Outpaint::50::1::${h}::SOLO`,
  `MJ::Outpaint::75::1::${h}::SOLO`,
  `MJ::CustomZoom::${h}`,
  ...['left', 'right', 'up', 'down'].map((d) => `MJ::JOB::pan_${d}::1::${h}::SOLO`),
  `https://www.midjourney.com/jobs/${h}`,
];

interface Case {
  name: string;
  customId: (h: string) => string;
  /** Content after `**prompt** - `, with `{u}` for the user mention. */
  tail: string;
  /** Words before the mention while the job runs; undefined = instant, no progress. */
  working?: string;
  buttons: (h: string) => string[];
  size: [number, number];
  /** Checks the result's pixels against the parent's. */
  pixels?: (result: PNG, parent: PNG) => void;
}

const close = (a: number[], b: number[], tolerance: number) => a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tolerance));

const GRID_CASES: Case[] = [
  {
    name: 'U2',
    customId: (h) => `MJ::JOB::upsample::2::${h}`,
    tail: 'Image #2 {u}',
    buttons: soloButtons,
    size: [512, 512],
    pixels: (result, parent) => close(meanColour(result), meanColour(parent, 256, 0, 256, 256), 2),
  },
  { name: 'V3', customId: (h) => `MJ::JOB::variation::3::${h}`, tail: 'Variations (Strong) by {u} (fast)', working: 'Variations (Strong) by ', buttons: gridButtons, size: [512, 512] },
  { name: '🔄 reroll', customId: (h) => `MJ::JOB::reroll::0::${h}::SOLO`, tail: '{u} (fast)', working: '', buttons: gridButtons, size: [512, 512] },
];

const UPSCALE_CASES: Case[] = [
  {
    name: 'Upscale (Subtle)',
    customId: (h) => `MJ::JOB::upsample_v6_2x_subtle::1::${h}::SOLO`,
    tail: 'Upscaled (Subtle) by {u} (fast)',
    working: 'Upscaling by ',
    buttons: (h) => soloButtons(h, false),
    size: [1024, 1024],
    pixels: (result, parent) => close(meanColour(result), meanColour(parent), 2),
  },
  {
    name: 'Upscale (Creative)',
    customId: (h) => `MJ::JOB::upsample_v6_2x_creative::1::${h}::SOLO`,
    tail: 'Upscaled (Creative) by {u} (fast)',
    working: 'Upscaling by ',
    buttons: (h) => soloButtons(h, false),
    size: [1024, 1024],
  },
  { name: 'Vary (Subtle)', customId: (h) => `MJ::JOB::low_variation::1::${h}::SOLO`, tail: 'Variations (Subtle) by {u} (fast)', working: 'Variations (Subtle) by ', buttons: gridButtons, size: [512, 512] },
  { name: 'Vary (Strong)', customId: (h) => `MJ::JOB::high_variation::1::${h}::SOLO`, tail: 'Variations (Strong) by {u} (fast)', working: 'Variations (Strong) by ', buttons: gridButtons, size: [512, 512] },
  {
    name: 'Zoom Out 2x',
    customId: (h) => `MJ::Outpaint::50::1::${h}::SOLO`,
    tail: 'Zoom Out by {u} (fast)',
    working: 'Zoom Out by ',
    buttons: gridButtons,
    size: [512, 512],
    // Image #1 keeps the parent, half size, in its middle.
    pixels: (result, parent) => close(meanColour(result, 64, 64, 128, 128), meanColour(parent), 6),
  },
  { name: 'Zoom Out 1.5x', customId: (h) => `MJ::Outpaint::75::1::${h}::SOLO`, tail: 'Zoom Out by {u} (fast)', working: 'Zoom Out by ', buttons: gridButtons, size: [512, 512] },
  {
    name: '⬅️ Pan Left',
    customId: (h) => `MJ::JOB::pan_left::1::${h}::SOLO`,
    tail: 'Pan Left by {u} (fast)',
    working: 'Pan Left by ',
    buttons: gridButtons,
    size: [768, 512],
    // Image #1 keeps the parent on its right; the new strip is on the left.
    pixels: (result, parent) => close(meanColour(result, 128, 0, 256, 256), meanColour(parent), 4),
  },
  { name: '➡️ Pan Right', customId: (h) => `MJ::JOB::pan_right::1::${h}::SOLO`, tail: 'Pan Right by {u} (fast)', working: 'Pan Right by ', buttons: gridButtons, size: [768, 512] },
  { name: '⬆️ Pan Up', customId: (h) => `MJ::JOB::pan_up::1::${h}::SOLO`, tail: 'Pan Up by {u} (fast)', working: 'Pan Up by ', buttons: gridButtons, size: [512, 768] },
  { name: '⬇️ Pan Down', customId: (h) => `MJ::JOB::pan_down::1::${h}::SOLO`, tail: 'Pan Down by {u} (fast)', working: 'Pan Down by ', buttons: gridButtons, size: [512, 768] },
];

describe('Midjourney buttons', () => {
  let sandbox: Sandbox;
  let user: RawGateway;
  const mention = () => `<@${sandbox.userId}>`;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant' });
    user = await RawGateway.open(sandbox.gatewayUrl);
    identifyUser(user, sandbox);
    await user.dispatch('READY');
  });
  afterEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    user.frames.length = 0;
  });
  afterAll(async () => {
    user.close();
    await sandbox.stop();
  });

  /** Clicks, then checks content, reference, buttons, image and (for timed jobs) the progress messages. */
  async function check(parent: DiscordMessage, c: Case): Promise<DiscordMessage> {
    const prompt = /^\*\*(.*)\*\* - /.exec(parent.content)![1]!;
    const { res, nonce } = await click(sandbox, parent, c.customId(jobIdOf(parent)));
    expect(res.status).toBe(204);
    const result = await replyTo(sandbox, parent.id);
    expect(result.content).toBe(`**${prompt}** - ${c.tail.replace('{u}', mention())}`);
    expect(result).toMatchObject({
      type: 19,
      message_reference: { message_id: parent.id, channel_id: sandbox.channelId, guild_id: sandbox.guildId },
      referenced_message: { id: parent.id, content: parent.content },
      interaction_metadata: { type: 3, interacted_message_id: parent.id, user: { id: sandbox.userId } },
      mentions: [expect.objectContaining({ id: sandbox.userId })],
    });
    const h2 = jobIdOf(result);
    expect(h2).not.toBe(jobIdOf(parent));
    expect(result.attachments[0]!.filename).toMatch(new RegExp(`^driver_\\w+_${h2}\\.png$`));
    expect(customIds(result)).toEqual(c.buttons(h2));

    const png = await downloadPng(result.attachments[0]!.url);
    expect([png.width, png.height]).toEqual(c.size);
    const parentPng = await downloadPng(parent.attachments[0]!.url);
    expect(png.data.equals(parentPng.data)).toBe(false);
    c.pixels?.(png, parentPng);

    const first = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    if (c.working === undefined) {
      expect(first.d.id).toBe(result.id);
      return result;
    }
    const head = `**${prompt}** - ${c.working}${mention()}`;
    expect(first.d).toMatchObject({ type: 19, content: `${head} (Waiting to start)`, message_reference: { message_id: parent.id } });
    const updates = user.frames.filter((f) => f.t === 'MESSAGE_UPDATE' && f.d.id === first.d.id).map((f) => f.d.content);
    expect(updates).toEqual(['0', '31', '62', '93'].map((p) => `${head} (${p}%) (fast)`));
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === first.d.id);
    return result;
  }

  it.each(GRID_CASES)('$name on a grid', async (c) => {
    await check(await grid(sandbox, `a lighthouse at dusk ${c.name}`), c);
  });

  it.each(UPSCALE_CASES)('$name on an upscaled image', async (c) => {
    const parent = await grid(sandbox, `a fox in snow ${c.name}`);
    const upscaled = await check(parent, GRID_CASES[0]!);
    await check(upscaled, c);
  });

  it('refuses buttons that are not on the message, and unknown messages, the way Discord does', async () => {
    const parent = await grid(sandbox, 'three cats');
    const h = jobIdOf(parent);
    await click(sandbox, parent, `MJ::JOB::upsample::1::${h}`);
    const upscaled = await replyTo(sandbox, parent.id);
    const h2 = jobIdOf(upscaled);
    await click(sandbox, upscaled, `MJ::JOB::upsample_v6_2x_subtle::1::${h2}::SOLO`);
    const twice = await replyTo(sandbox, upscaled.id);
    const invalid = { status: 400, code: 50035, inner: 'COMPONENT_VALIDATION_FAILED' };
    const cases: Array<[string, { id: string }, string, object]> = [
      ['U on an upscale', upscaled, `MJ::JOB::upsample::1::${h2}`, invalid],
      ['U5 on a grid', parent, `MJ::JOB::upsample::5::${h}`, invalid],
      ["another job's button", parent, `MJ::JOB::variation::1::${h2}`, invalid],
      ['Upscale (Subtle) on a 2x upscale', twice, `MJ::JOB::upsample_v6_2x_subtle::1::${jobIdOf(twice)}::SOLO`, invalid],
      ['an unknown message', { id: '1300000000000000999' }, `MJ::JOB::upsample::1::${h}`, { status: 404, code: 10008 }],
    ];
    for (const [name, message, customId, expected] of cases) {
      expect(await errorBody((await click(sandbox, message, customId)).res), name).toEqual(expected);
    }
  });

  it('gives every timed job a slot of the account, but U1–U4 need none', async () => {
    const parent = await grid(sandbox, 'busy account');
    const h = jobIdOf(parent);
    sandbox.configure({ speed: { stepMs: 40 } });
    const clicks = await Promise.all([1, 2, 3, 4].map((n) => click(sandbox, parent, `MJ::JOB::variation::${n}::${h}`)));
    const fourth = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === clicks[3]!.nonce && d.embeds.length === 0);
    const { nonce } = await click(sandbox, parent, `MJ::JOB::upsample::2::${h}`);
    const upscale = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(upscale.d.content).toContain('Image #2');
    // The 4th variation is still waiting for a slot when the instant upscale is already there.
    expect(user.frames.some((f) => f.t === 'MESSAGE_UPDATE' && f.d.id === fourth.d.id)).toBe(false);
    const firstDone = await user.dispatch('MESSAGE_DELETE');
    const fourthStarted = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === fourth.d.id);
    expect(firstDone.s).toBeLessThan(fourthStarted.s!);
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === fourth.d.id);
  });
});

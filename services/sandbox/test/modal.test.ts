import { describe, expect, it } from 'vitest';
import { type DiscordMessage, type Sandbox } from '../src/index.js';
import { click, command, errorBody, grid, jobIdOf, pngBytes, replyTo, submitModal, upload, website } from './action-helpers.js';
import { type Frame, identifyUser, RawGateway, withSandboxAndUser } from './helpers.js';

/**
 * The user's side of modals (§1.10, §3.4), over a bare gateway socket: the click yields
 * INTERACTION_CREATE, INTERACTION_MODAL_CREATE and INTERACTION_SUCCESS under one id, and a type 5
 * submit with that id as `data.id` runs the job.
 */
describe('modals (user gateway)', () => {
  let sandbox: Sandbox;
  let user: RawGateway;
  const remix = (on: boolean) => fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on }) });

  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  /** Clicks and returns the modal event, after checking the three events' order and shared id. */
  async function openModal(message: { id: string }, customId: string): Promise<Frame['d']> {
    const { res, nonce } = await click(sandbox, message, customId);
    expect(res.status).toBe(204);
    const success = await user.dispatch('INTERACTION_SUCCESS', (d) => d.nonce === nonce);
    const events = user.frames.filter((f) => f.t?.startsWith('INTERACTION_') && f.d.nonce === nonce);
    expect(events.map((f) => f.t)).toEqual(['INTERACTION_CREATE', 'INTERACTION_MODAL_CREATE', 'INTERACTION_SUCCESS']);
    expect(new Set(events.map((f) => f.d.id))).toEqual(new Set([success.d.id]));
    const modal = events[1]!.d;
    expect(modal).toMatchObject({ application: { id: sandbox.applicationId }, title: expect.any(String) });
    // A modal is all the click answers: no message carries its nonce.
    expect(user.frames.some((f) => f.t === 'MESSAGE_CREATE' && f.d.nonce === nonce)).toBe(false);
    return modal;
  }

  const input = (modal: Frame['d']) => modal.components[0].components[0] as { type: number; custom_id: string; value: string };

  /** Submits the modal's input with `value`; returns the submit's interaction id. */
  async function submit(modal: Frame['d'], value: string): Promise<{ id: string; nonce: string }> {
    const { res, nonce } = await submitModal(sandbox, modal.id, modal.custom_id, input(modal).custom_id, value);
    expect(res.status).toBe(204);
    const success = await user.dispatch('INTERACTION_SUCCESS', (d) => d.nonce === nonce);
    return { id: success.d.id, nonce };
  }

  it('Remix mode: V1 opens the RemixModal, the submit runs "Remix (Strong)" with the new prompt', async () => {
    const parent = await grid(sandbox, 'a red fox in snow');
    const h = jobIdOf(parent);
    await remix(true);
    const modal = await openModal(parent, `MJ::JOB::variation::1::${h}`);
    expect(modal.custom_id).toBe(`MJ::RemixModal::${h}::1::1`);
    expect(input(modal)).toMatchObject({ type: 4, custom_id: 'MJ::RemixModal::new_prompt', value: 'a red fox in snow' });

    const { id } = await submit(modal, 'a red fox in snow, night');
    const result = await replyTo(sandbox, parent.id);
    expect(result.content).toBe(`**a red fox in snow, night** - Remix (Strong) by <@${sandbox.userId}> ${website(result)}(fast)`);
    expect(result.interaction_metadata).toMatchObject({ id, type: 5, triggering_interaction_metadata: { id: modal.id, type: 3, interacted_message_id: parent.id } });

    // A modal is submitted once; unknown ids are unknown interactions.
    for (const dataId of [modal.id, '1300000000000000130']) {
      const again = await submitModal(sandbox, dataId, modal.custom_id, input(modal).custom_id, 'x');
      expect(await errorBody(again.res)).toEqual({ status: 404, code: 10062 });
    }
  });

  it('refuses a submit whose custom_id is not the open modal', async () => {
    const parent = await grid(sandbox, 'two owls');
    await click(sandbox, parent, `MJ::JOB::upsample::1::${jobIdOf(parent)}`);
    const upscaled = await replyTo(sandbox, parent.id);
    const zoom = await openModal(upscaled, `MJ::CustomZoom::${jobIdOf(upscaled)}`);
    const wrong = await submitModal(sandbox, zoom.id, 'MJ::RemixModal::x::1::1', input(zoom).custom_id, 'x --zoom 2');
    expect(await errorBody(wrong.res)).toEqual({ status: 400, code: 50035, inner: 'COMPONENT_VALIDATION_FAILED' });
  });

  it('Custom Zoom always opens its modal; --zoom 1–2 runs "Zoom Out", anything else is "Invalid parameter"', async () => {
    const parent = await grid(sandbox, 'a castle on a hill');
    await click(sandbox, parent, `MJ::JOB::upsample::4::${jobIdOf(parent)}`);
    const upscaled = await replyTo(sandbox, parent.id);
    const h = jobIdOf(upscaled);

    const bad = await openModal(upscaled, `MJ::CustomZoom::${h}`);
    expect(bad.custom_id).toBe(`MJ::OutpaintCustomZoomModal::${h}`);
    expect(input(bad)).toMatchObject({ custom_id: 'MJ::OutpaintCustomZoomModal::prompt', value: 'a castle on a hill --zoom 2' });
    const { nonce } = await submit(bad, 'a castle on a hill --zoom 3');
    const refusal = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(refusal.d).toMatchObject({ flags: 64, embeds: [{ title: 'Invalid parameter', color: 0xff0000 }] });

    const good = await openModal(upscaled, `MJ::CustomZoom::${h}`);
    await submit(good, 'a castle on a hill --zoom 1.5');
    const result = await replyTo(sandbox, upscaled.id);
    expect(result.content).toBe(`**a castle on a hill --zoom 1.5** - Zoom Out by <@${sandbox.userId}> ${website(result)}(fast)`);
  });

  it('/prefer remix, then 🔄, Vary (Subtle) and pan ask for a prompt first', async () => {
    const parent = await grid(sandbox, 'a paper boat');
    await command(sandbox, 'prefer', [{ type: 1, name: 'remix', options: [] }]);
    await user.dispatch('MESSAGE_UPDATE', (d) => d.content?.startsWith('Remix mode turned on'));

    const reroll = await openModal(parent, `MJ::JOB::reroll::0::${jobIdOf(parent)}::SOLO`);
    expect(reroll.custom_id).toBe(`MJ::ImagineModal::${parent.id}`);
    expect(input(reroll).custom_id).toBe('MJ::ImagineModal::new_prompt');
    await submit(reroll, 'a paper boat in a storm');
    const rerolled = await replyTo(sandbox, parent.id);
    expect(rerolled.content).toBe(`**a paper boat in a storm** - <@${sandbox.userId}> ${website(rerolled)}(fast)`);

    await remix(false);
    await click(sandbox, parent, `MJ::JOB::upsample::1::${jobIdOf(parent)}`);
    const upscaled = await replyTo(sandbox, parent.id, (m) => m.content.includes('Image #1'));
    await remix(true);
    const h = jobIdOf(upscaled);
    const subtle = await openModal(upscaled, `MJ::JOB::low_variation::1::${h}::SOLO`);
    expect(subtle.custom_id).toBe(`MJ::RemixModal::${h}::1::0`);
    await submit(subtle, 'a paper boat, origami');
    const varied = await replyTo(sandbox, upscaled.id);
    expect(varied.content).toBe(`**a paper boat, origami** - Remix (Subtle) by <@${sandbox.userId}> ${website(varied)}(fast)`);

    const pan = await openModal(upscaled, `MJ::JOB::pan_left::1::${h}::SOLO`);
    expect([pan.custom_id, input(pan).custom_id]).toEqual([`MJ::PanModal::left::${h}::1`, 'MJ::PanModal::prompt']);
    await submit(pan, 'a paper boat, wide river');
    const panned = await replyTo(sandbox, upscaled.id, (m) => m.content.includes('Pan Left'));
    expect(panned.content).toBe(`**a paper boat, wide river** - Pan Left by <@${sandbox.userId}> ${website(panned)}(fast)`);
  });

  it('describe and shorten picks open a prefilled modal whose submit is imagined', async () => {
    const slot = await upload(sandbox, 'cat.png', pngBytes(4));
    const described = await answerOf(
      (await command(sandbox, 'describe', [{ type: 11, name: 'image', value: 0 }], [{ id: '0', filename: 'cat.png', uploaded_filename: slot.upload_filename }])).nonce,
    );
    const second = described.embeds[0]!.description!.split('\n\n')[1]!.slice(4);
    const pick = await openModal(described, 'MJ::Job::PicReader::2');
    expect([pick.custom_id, input(pick)]).toEqual(['MJ::Picreader::Modal::2', expect.objectContaining({ custom_id: 'MJ::Picreader::Modal::PromptField', value: second })]);
    await submit(pick, second);
    const imagined = await replyTo(sandbox, described.id);
    expect(imagined.content).toBe(`**${second}** - <@${sandbox.userId}> ${website(imagined)}(fast)`);

    const shortened = await answerOf((await command(sandbox, 'shorten', [{ type: 3, name: 'prompt', value: 'a small green frog on a big lily pad' }])).nonce);
    const shortenPick = await openModal(shortened, shortened.components[0]!.components[2]!.custom_id!);
    expect(shortenPick.custom_id).toBe(`MJ::ImagineModal::${shortened.id}`);
    await submit(shortenPick, input(shortenPick).value);
    const picked = await replyTo(sandbox, shortened.id);
    expect(picked.content).toBe(`**${input(shortenPick).value}** - <@${sandbox.userId}> ${website(picked)}(fast)`);
  });

  /** The edited answer of a describe or shorten sent with `nonce`. */
  async function answerOf(nonce: string): Promise<DiscordMessage> {
    const created = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    return (await user.dispatch('MESSAGE_UPDATE', (d) => d.id === created.d.id)).d as DiscordMessage;
  }
});

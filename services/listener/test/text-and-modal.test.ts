import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegistry } from '@mjq/common';
import { parseMidjourneyMessage, type DiscordMessage } from '@mjq/discord';
import type { MessagePipeline } from '../src/message-pipeline.js';
import { onModalOpened } from '../src/modal-opened.js';
import { planTaskUpdate } from '../src/plan-update.js';
import { Harness, ImageServer, mjMessage, replyTo, USER } from './fixtures.js';

const H = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
const MJ_APP = '936929561302675456';
let h: Harness;
let cdn: ImageServer;
let pipeline: MessagePipeline;
let registry: AccountRegistry;
let seq = 0;

beforeAll(async () => {
  h = new Harness('text-modal');
  cdn = await new ImageServer().start();
  pipeline = h.pipeline();
  registry = new AccountRegistry(h.redis, h.prefix);
});
afterAll(async () => {
  await h.close();
  await cdn.stop();
});

const id = () => String(1400000000000000000n + BigInt(++seq));

describe('describe and shorten', () => {
  it('a describe finishes on the edit that carries its four prompts', async () => {
    const nonce = id();
    const task = await h.task({ action: 'DESCRIBE', prompt: '' });
    await h.store.linkNonce(nonce, task.id);
    const [msg, ix] = [id(), id()];
    const envelope = { type: 20, interaction_metadata: { id: ix, name: 'describe' } };
    // The deferred "is thinking…" message (flags 128), then its edit without the nonce (sandbox describe.ts).
    await pipeline.push({ kind: 'create', message: mjMessage(msg, '', { ...envelope, flags: 128, nonce }) });
    expect(await h.store.get(task.id)).toMatchObject({ status: 'IN_PROGRESS' });
    const picture = cdn.url('img/cat.png');
    const prompts = ['a cat on a sofa --ar 1:1', 'tabby cat, soft light --ar 1:1', 'a sleepy cat, watercolor --ar 1:1', 'cat portrait, 35mm --ar 1:1'];
    const description = prompts.map((p, i) => `${i + 1}\uFE0F\u20E3 ${p}`).join('\n\n');
    const buttons = [1, 2, 3, 4].map((n) => ({ type: 2, style: 2, label: String(n), custom_id: `MJ::Job::PicReader::${n}` }));
    await pipeline.push({
      kind: 'update',
      message: mjMessage(msg, '', {
        ...envelope,
        flags: 0,
        embeds: [{ type: 'rich', description, image: { url: picture, proxy_url: picture, width: 512, height: 512 } }],
        components: [{ type: 1, components: buttons }],
      }),
    });
    const done = await h.store.get(task.id);
    expect(done).toMatchObject({ status: 'SUCCESS', progress: 100, messageId: msg, prompts, imageUrl: picture });
    expect(done?.embeds).toEqual([{ description, imageUrl: picture }]);
    expect(done?.buttons.map((b) => b.customId)).toEqual([1, 2, 3, 4].map((n) => `MJ::Job::PicReader::${n}`));
    expect(done?.finishTime).toBeGreaterThan(0);
    expect(await h.callbacksOf(task.id)).toEqual(['start:0', 'end:100']);
  });

  it('a text answer without prompts finishes nothing', () => {
    const info = mjMessage('1', '', { interaction_metadata: { id: '2', name: 'info' }, embeds: [{ title: 'Your info', description: 'Fast time remaining: 1h' }] });
    const parsed = parseMidjourneyMessage(info);
    expect(parsed.stage).toBe('text_result');
    expect(planTaskUpdate(parsed, info)).toBeUndefined();
  });
});

describe('modals', () => {
  it('a click answered with a modal waits in MODAL, then the submit runs to SUCCESS', async () => {
    const grid = id();
    const parent = await h.task({ status: 'SUCCESS', progress: 100, messageId: grid });
    const clickNonce = id();
    const task = await h.child(parent, grid, { action: 'VARIATION', index: 2, customId: `MJ::JOB::variation::2::${H}`, nonce: clickNonce });
    const click = id();
    // INTERACTION_MODAL_CREATE as the sandbox sends it (modal-registry.ts).
    const modal = {
      id: click,
      nonce: clickNonce,
      channel_id: '1100000000000000002',
      guild_id: '1100000000000000001',
      custom_id: `MJ::RemixModal::${H}::2::1`,
      title: 'Remix Prompt',
      components: [
        { type: 1, components: [{ type: 4, custom_id: 'MJ::RemixModal::new_prompt', style: 2, label: 'New prompt', value: 'a red fox', required: true }] },
      ],
      application: { id: MJ_APP, name: 'Midjourney Bot', icon: null },
    };
    const deps = { store: h.store, events: h.events, registry, log: h.log };
    expect(await onModalOpened(deps, modal)).toMatchObject({ status: 'MODAL' });
    // The same event from the other session, or another replica: no second change, no second callback.
    expect(await onModalOpened(deps, modal)).toBeUndefined();
    expect(await h.store.get(task.id)).toMatchObject({
      status: 'MODAL',
      interactionId: click,
      modal: { interactionId: click, customId: `MJ::RemixModal::${H}::2::1`, inputId: 'MJ::RemixModal::new_prompt', title: 'Remix Prompt', value: 'a red fox' },
    });
    expect(await h.callbacksOf(task.id)).toEqual(['modal:0']);

    // The client's text, then the dispatcher's submit under a new nonce (trigger-processor.ts).
    expect(await h.store.submitModal(task.id, 'a blue fox')).toBe('ok');
    const submitNonce = id();
    await h.store.linkNonce(submitNonce, task.id);
    const submit = id();
    // Submits' messages name the click that opened the modal (a field DiscordMessage leaves out).
    const metadata = { id: submit, triggering_interaction_metadata: { id: click, interacted_message_id: grid } };
    const envelope: Partial<DiscordMessage> = { ...replyTo(grid, submit), interaction_metadata: metadata };
    const [progress, result] = [id(), id()];
    const line = (s: string) => `**a blue fox** - Remix (Strong) by ${USER} ${s}`;
    await pipeline.push({ kind: 'create', message: mjMessage(progress, line('(Waiting to start)'), { ...envelope, nonce: submitNonce }) });
    await pipeline.push({ kind: 'update', message: mjMessage(progress, line('(31%) (fast)'), { ...envelope, attachments: [{ id: id(), filename: `${H}_grid_0.webp`, url: cdn.url('img/p.webp') }] }) });
    await pipeline.push({ kind: 'create', message: mjMessage(result, line('(fast)'), { ...envelope, attachments: [{ id: id(), filename: 'blue_fox.png', url: cdn.url('img/blue_fox.png') }] }) });
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUCCESS', messageId: result, modal: { prompt: 'a blue fox' } });
    expect(await h.callbacksOf(task.id)).toEqual(['modal:0', 'start:0', 'generating:31', 'end:100']);
  });

  it('ignores a modal of an interaction that is not ours, or one without a text input', async () => {
    const deps = { store: h.store, events: h.events, registry, log: h.log };
    expect(await onModalOpened(deps, { id: id(), nonce: id(), custom_id: 'MJ::RemixModal::x::1::1', components: [{ type: 1, components: [{ type: 4, custom_id: 'in' }] }] })).toBeUndefined();
    const nonce = id();
    const task = await h.task({ action: 'VARIATION' });
    await h.store.linkNonce(nonce, task.id);
    expect(await onModalOpened(deps, { id: id(), nonce, custom_id: 'MJ::RemixModal::x::1::1', components: [] })).toBeUndefined();
    expect(await h.store.get(task.id)).toMatchObject({ status: 'SUBMITTED' });
  });

  it('Vary (Region) opens an editor (iframe): MODAL without a text input; a captcha iframe fails the task', async () => {
    const deps = { store: h.store, events: h.events, registry, log: h.log };
    const nonce = id();
    const task = await h.task({ action: 'ACTION', customId: `MJ::Inpaint::1::${H}::SOLO` });
    await h.store.linkNonce(nonce, task.id);
    const click = id();
    const iframe = { id: click, nonce, channel_id: '1100000000000000002', guild_id: '1100000000000000001', custom_id: 'MJ::iframe::tok-abc', title: 'Vary (Region)', application: { id: MJ_APP } };
    expect(await onModalOpened(deps, iframe)).toMatchObject({ status: 'MODAL', modal: { interactionId: click, customId: 'MJ::iframe::tok-abc', title: 'Vary (Region)' } });
    expect((await h.store.get(task.id))?.modal?.inputId).toBeUndefined();
    expect(await h.callbacksOf(task.id)).toEqual(['modal:0']);

    const captchaNonce = id();
    const other = await h.task({ action: 'ACTION' });
    await h.store.linkNonce(captchaNonce, other.id);
    expect(await onModalOpened(deps, { ...iframe, id: id(), nonce: captchaNonce, title: 'Action required to continue' })).toBeUndefined();
    expect(await h.store.get(other.id)).toMatchObject({ status: 'FAILURE', failCode: 'action_needed' });
  });

  it('a captcha iframe disables the account whose session received it, as the same refusal in a message does', async () => {
    const deps = { store: h.store, events: h.events, registry, log: h.log };
    const account = { guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'user-token-123' };
    await registry.put({ id: 'solver', ...account });
    await registry.put({ id: 'bystander', ...account });
    const nonce = id();
    const task = await h.task({ action: 'ACTION', accountId: 'solver', customId: `MJ::Inpaint::1::${H}::SOLO` });
    await h.store.linkNonce(nonce, task.id);
    const captcha = { id: id(), nonce, custom_id: 'MJ::iframe::tok-captcha', title: 'Action required to continue', application: { id: MJ_APP } };
    expect(await onModalOpened(deps, captcha, 'solver')).toBeUndefined();
    expect(await h.store.get(task.id)).toMatchObject({ status: 'FAILURE', failCode: 'action_needed' });
    expect(await registry.get('solver')).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^action_needed: captcha required/) });
    expect(await registry.get('bystander')).toMatchObject({ enabled: true });
    expect(await h.callbacksOf(task.id)).toEqual(['error:0']);

    // The other session or replica sees the same event: still disabled, no second failure.
    expect(await onModalOpened(deps, captcha, 'solver')).toBeUndefined();
    expect(await registry.get('solver')).toMatchObject({ enabled: false });
    expect(await h.callbacksOf(task.id)).toEqual(['error:0']);
  });

  it("without the session's account, a captcha disables the account the task was sent on", async () => {
    const deps = { store: h.store, events: h.events, registry, log: h.log };
    await registry.put({ id: 'sender', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'user-token-456' });
    const nonce = id();
    const task = await h.task({ action: 'ACTION', accountId: 'sender' });
    await h.store.linkNonce(nonce, task.id);
    await onModalOpened(deps, { id: id(), nonce, custom_id: 'MJ::iframe::tok-2', title: 'Action required to continue' });
    expect(await registry.get('sender')).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('captcha') });
  });
});

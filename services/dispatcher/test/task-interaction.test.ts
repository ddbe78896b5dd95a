import { describe, expect, it } from 'vitest';
import type { Task } from '@mjq/common';
import type { SlashCommand } from '@mjq/discord';
import { commandNameFor, inpaintSubmitForTask, interactionForTask, modalSubmitForTask, TaskNotSendable } from '../src/task-interaction.js';

const ctx = { applicationId: '936929561302675456', guildId: '1000000000000000001', channelId: '1000000000000000002', sessionId: 'a'.repeat(32), nonce: '1300000000000000001' };
const command = (name: string): SlashCommand => ({ id: '938956540159881230', version: '1237876415471554623', name, type: 1 }) as SlashCommand;

function task(fields: Partial<Task>): Task {
  return { id: '77', action: 'IMAGINE', status: 'NOT_START', prompt: 'a red fox', imageUrls: [], progress: 0, attachments: [], embeds: [], buttons: [], submitTime: 1, ...fields };
}
const upload = (name: string) => ({ filename: name, uploadedFilename: `0b3c1d2e-0000-4000-8000-000000000000/${name}` });

describe('interactionForTask', () => {
  it.each([
    ['UPSCALE', 'MJ::JOB::upsample::2::2c1a'],
    ['VARIATION', 'MJ::JOB::variation::3::2c1a'],
    ['REROLL', 'MJ::JOB::reroll::0::2c1a::SOLO'],
    ['ACTION', 'MJ::Outpaint::50::1::2c1a::SOLO'],
  ] as const)('%s clicks the button on the parent message', (action, customId) => {
    const payload = interactionForTask(task({ action, customId, parentMessageId: '1200000000000000009' }), ctx, { promptFull: '', uploaded: [] });
    expect(payload).toMatchObject({ type: 3, message_id: '1200000000000000009', message_flags: 0, nonce: ctx.nonce, data: { component_type: 2, custom_id: customId } });
  });

  it('a click carries the flags of the message it clicks (64 on an ephemeral one)', () => {
    const click = (flags?: number) =>
      interactionForTask(task({ action: 'ACTION', customId: 'MJ::Job::Appeal::1', parentMessageId: '1200000000000000009', parentMessageFlags: flags }), ctx, { promptFull: '', uploaded: [] });
    expect(click(64)).toMatchObject({ message_flags: 64 });
    expect(click(0)).toMatchObject({ message_flags: 0 });
    expect(click(undefined)).toMatchObject({ message_flags: 0 });
  });

  it('sends /imagine with the prompt as sent (marker included)', () => {
    const payload = interactionForTask(task({}), ctx, { promptFull: '<#77#>a red fox', uploaded: [], command: command('imagine') });
    expect(payload).toMatchObject({ type: 2, data: { name: 'imagine', options: [{ type: 3, name: 'prompt', value: '<#77#>a red fox' }] } });
  });

  it('sends /shorten without a marker, /describe and /blend with their uploads', () => {
    expect(interactionForTask(task({ action: 'SHORTEN' }), ctx, { promptFull: '', uploaded: [], command: command('shorten') })).toMatchObject({
      data: { name: 'shorten', options: [{ name: 'prompt', value: 'a red fox' }] },
    });
    const describe = interactionForTask(task({ action: 'DESCRIBE' }), ctx, { promptFull: '', uploaded: [upload('cat.png')], command: command('describe') });
    expect(describe).toMatchObject({ data: { options: [{ type: 11, name: 'image', value: 0 }], attachments: [{ id: '0', filename: 'cat.png' }] } });
    const blend = interactionForTask(task({ action: 'BLEND', dimensions: '3:2' }), ctx, {
      promptFull: '',
      uploaded: [upload('a.png'), upload('b.png')],
      command: command('blend'),
    });
    expect(blend).toMatchObject({
      data: { options: [{ name: 'image1', value: 0 }, { name: 'image2', value: 1 }, { name: 'dimensions', value: '--ar 3:2' }], attachments: [{ id: '0' }, { id: '1' }] },
    });
  });

  it('refuses what cannot be sent', () => {
    expect(() => interactionForTask(task({ action: 'UPSCALE' }), ctx, { promptFull: '', uploaded: [] })).toThrow(TaskNotSendable);
    expect(() => interactionForTask(task({ action: 'DESCRIBE' }), ctx, { promptFull: '', uploaded: [], command: command('describe') })).toThrow(TaskNotSendable);
    expect(() => interactionForTask(task({ action: 'IMAGINE' }), ctx, { promptFull: 'x', uploaded: [] })).toThrow(TaskNotSendable);
    expect(() => interactionForTask(task({ action: 'MESSAGE' }), ctx, { promptFull: '', uploaded: [] })).toThrow(TaskNotSendable);
  });

  it('names the command each action needs', () => {
    expect(['IMAGINE', 'DESCRIBE', 'BLEND', 'SHORTEN', 'UPSCALE', 'MESSAGE'].map((action) => commandNameFor({ action } as Task))).toEqual([
      'imagine', 'describe', 'blend', 'shorten', undefined, undefined,
    ]);
  });
});

describe('modalSubmitForTask', () => {
  it('submits the client text under this task marker, replacing the parent one', () => {
    const modal = { interactionId: '1400000000000000001', customId: 'MJ::RemixModal::2c1a::1::1', inputId: 'MJ::RemixModal::new_prompt', prompt: '<#12#>a blue fox' };
    expect(modalSubmitForTask(task({ status: 'MODAL', modal }), ctx)).toMatchObject({
      type: 5,
      data: { id: '1400000000000000001', custom_id: 'MJ::RemixModal::2c1a::1::1', components: [{ type: 1, components: [{ type: 4, custom_id: 'MJ::RemixModal::new_prompt', value: '<#77#>a blue fox' }] }] },
    });
    expect(() => modalSubmitForTask(task({ status: 'MODAL', modal: { ...modal, prompt: undefined } }), ctx)).toThrow(TaskNotSendable);
  });
});

describe('inpaintSubmitForTask', () => {
  it('posts the iframe token, the marked text and the mask as base64', () => {
    const modal = { interactionId: '1400000000000000002', customId: 'MJ::iframe::tok-123', prompt: '<#12#> a golden crown', maskKey: 'mask/77/x' };
    expect(inpaintSubmitForTask(task({ status: 'MODAL', modal }), Buffer.from([1, 2, 3]))).toEqual({
      customId: 'tok-123',
      prompt: '<#77#>a golden crown',
      mask: 'AQID',
      userId: '0',
      username: '0',
    });
    expect(() => inpaintSubmitForTask(task({ status: 'MODAL', modal: { ...modal, customId: 'MJ::RemixModal::h::1::1' } }), Buffer.from([1]))).toThrow(TaskNotSendable);
  });
});

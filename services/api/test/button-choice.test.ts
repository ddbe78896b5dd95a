import { describe, expect, it } from 'vitest';
import type { Task } from '@mjq/common';
import { assertButtonOn, assertMessageOf, childDraft, clickOf, gridCustomId, rerollCustomId } from '../src/button-choice.js';

const HASH = '6f1b2c3d-aaaa-bbbb-cccc-123456789abc';
const grid: Task & { messageId: string } = {
  id: '7393285413120671745',
  action: 'IMAGINE',
  status: 'SUCCESS',
  prompt: 'a red fox',
  progress: 100,
  imageUrls: [],
  attachments: [],
  embeds: [],
  buttons: [
    { customId: `MJ::JOB::upsample::1::${HASH}` },
    { customId: `MJ::JOB::reroll::0::${HASH}::SOLO` },
    { customId: `MJ::JOB::variation::1::${HASH}` },
  ],
  submitTime: 1,
  messageId: '1180000000000000001',
  messageHash: HASH,
  accountId: 'a1',
  mode: 'relax',
  callbackUrl: 'https://hooks.example.com/mj',
};
const ref = { msg_id: grid.messageId, msg_hash: HASH };

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'ok';
};

describe('which button a request clicks', () => {
  it('builds the grid custom ids Midjourney puts on U/V buttons', () => {
    expect(gridCustomId('upsample', 3, HASH)).toBe(`MJ::JOB::upsample::3::${HASH}`);
    expect(gridCustomId('variation', 1, HASH)).toBe(`MJ::JOB::variation::1::${HASH}`);
    expect(rerollCustomId(grid)).toBe(`MJ::JOB::reroll::0::${HASH}::SOLO`);
    expect(code(() => rerollCustomId({ ...grid, buttons: [] }))).toBe('INVALID_ACTION');
  });

  it.each([
    [`MJ::JOB::upsample::2::${HASH}`, 'UPSCALE', 2],
    [`MJ::JOB::variation::4::${HASH}`, 'VARIATION', 4],
    [`MJ::JOB::reroll::0::${HASH}::SOLO`, 'REROLL', undefined],
    [`MJ::JOB::upsample_v6_2x_subtle::1::${HASH}::SOLO`, 'ACTION', 1],
    [`MJ::Outpaint::50::1::${HASH}::SOLO`, 'ACTION', 1],
    [`MJ::CustomZoom::${HASH}`, 'ACTION', undefined],
    ['MJ::Job::PicReader::3', 'ACTION', 3],
    ['something::unknown', 'ACTION', undefined],
  ])('%s → %s %s', (customId, action, index) => {
    expect(clickOf(customId)).toEqual({ customId, action, index });
  });
});

describe('whether the parent allows it', () => {
  it('accepts the grid message as the seed names it', () => {
    expect(code(() => assertMessageOf(grid, ref))).toBe('ok');
    expect(code(() => assertMessageOf(grid, { ...ref, trigger_id: grid.id }))).toBe('ok');
  });

  it.each<[string, Partial<Task>, Partial<typeof ref & { trigger_id: string }>]>([
    ['another task named', {}, { trigger_id: '1' }],
    ['parent not finished', { status: 'IN_PROGRESS' }, {}],
    ['a progress message, not the result', { messageId: '1180000000000000009' }, {}],
    ['hash mismatch', {}, { msg_hash: 'other' }],
  ])('refuses %s with INVALID_ACTION', (_name, parent, request) => {
    expect(code(() => assertMessageOf({ ...grid, ...parent }, { ...ref, ...request }))).toBe('INVALID_ACTION');
  });

  it('requires the button on the message', () => {
    expect(code(() => assertButtonOn(grid, `MJ::JOB::upsample::1::${HASH}`))).toBe('ok');
    expect(code(() => assertButtonOn(grid, `MJ::JOB::upsample::2::${HASH}`))).toBe('INVALID_ACTION');
  });
});

describe('childDraft', () => {
  it("runs on the parent's account and message, in its mode, reporting where it does unless told otherwise", () => {
    const click = clickOf(`MJ::JOB::upsample::1::${HASH}`);
    expect(childDraft(grid, click)).toEqual({
      action: 'UPSCALE',
      prompt: 'a red fox',
      parentId: grid.id,
      index: 1,
      customId: click.customId,
      parentMessageId: grid.messageId,
      accountId: 'a1',
      mode: 'relax',
      callbackUrl: 'https://hooks.example.com/mj',
    });
    expect(childDraft(grid, click, 'https://other.example.com/').callbackUrl).toBe('https://other.example.com/');
  });
});

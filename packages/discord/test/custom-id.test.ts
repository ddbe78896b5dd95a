import { describe, expect, it } from 'vitest';
import { buildCustomId, parseCustomId, type ParsedCustomId } from '../src/index.js';
import { HASH } from './fixtures/ids.js';

const h = HASH;

/** The §3.3 catalogue: custom_id → parse result; every row must also build back to the same string. */
const catalogue: [customId: string, parsed: ParsedCustomId][] = [
  [`MJ::JOB::upsample::2::${h}`, { kind: 'job', action: 'upsample', jobType: 'upsample', index: 2, hash: h, solo: false }],
  [`MJ::JOB::variation::4::${h}`, { kind: 'job', action: 'variation', jobType: 'variation', index: 4, hash: h, solo: false }],
  [`MJ::JOB::reroll::0::${h}::SOLO`, { kind: 'job', action: 'reroll', jobType: 'reroll', index: 0, hash: h, solo: true }],
  [
    `MJ::JOB::upsample_v6_2x_subtle::1::${h}::SOLO`,
    { kind: 'job', action: 'upsample_subtle', jobType: 'upsample_v6_2x_subtle', index: 1, hash: h, solo: true },
  ],
  [
    `MJ::JOB::upsample_v6r1_2x_creative::1::${h}::SOLO`,
    { kind: 'job', action: 'upsample_creative', jobType: 'upsample_v6r1_2x_creative', index: 1, hash: h, solo: true },
  ],
  [
    `MJ::JOB::upsample_v7_2x_subtle::1::${h}::SOLO`,
    { kind: 'job', action: 'upsample_subtle', jobType: 'upsample_v7_2x_subtle', index: 1, hash: h, solo: true },
  ],
  [`MJ::JOB::upsample_v5_2x::1::${h}::SOLO`, { kind: 'job', action: 'upsample_2x', jobType: 'upsample_v5_2x', index: 1, hash: h, solo: true }],
  [`MJ::JOB::upsample_v5_4x::1::${h}::SOLO`, { kind: 'job', action: 'upsample_4x', jobType: 'upsample_v5_4x', index: 1, hash: h, solo: true }],
  [`MJ::JOB::low_variation::1::${h}::SOLO`, { kind: 'job', action: 'vary_subtle', jobType: 'low_variation', index: 1, hash: h, solo: true }],
  [`MJ::JOB::high_variation::1::${h}::SOLO`, { kind: 'job', action: 'vary_strong', jobType: 'high_variation', index: 1, hash: h, solo: true }],
  [`MJ::JOB::variation::1::${h}::SOLO`, { kind: 'job', action: 'variation', jobType: 'variation', index: 1, hash: h, solo: true }],
  [`MJ::JOB::upsample_max::1::${h}::SOLO`, { kind: 'job', action: 'upsample_max', jobType: 'upsample_max', index: 1, hash: h, solo: true }],
  ...(['left', 'right', 'up', 'down'] as const).map((dir): [string, ParsedCustomId] => [
    `MJ::JOB::pan_${dir}::1::${h}::SOLO`,
    { kind: 'job', action: `pan_${dir}`, jobType: `pan_${dir}`, index: 1, hash: h, solo: true },
  ]),
  [`MJ::JOB::animate_high::1::${h}::SOLO`, { kind: 'job', action: 'animate_high', jobType: 'animate_high', index: 1, hash: h, solo: true }],
  [`MJ::JOB::animate_low::1::${h}::SOLO`, { kind: 'job', action: 'animate_low', jobType: 'animate_low', index: 1, hash: h, solo: true }],
  [
    `MJ::JOB::animate_high_extend::2::${h}`,
    { kind: 'job', action: 'animate_extend', jobType: 'animate_high_extend', index: 2, hash: h, solo: false },
  ],
  [
    `MJ::JOB::video_virtual_upscale::3::${h}`,
    { kind: 'job', action: 'video_upscale', jobType: 'video_virtual_upscale', index: 3, hash: h, solo: false },
  ],
  [`MJ::JOB::stylize_beta::1::${h}::SOLO`, { kind: 'job', action: 'other', jobType: 'stylize_beta', index: 1, hash: h, solo: true }],
  [`MJ::Inpaint::1::${h}::SOLO`, { kind: 'inpaint', action: 'vary_region', index: 1, hash: h, solo: true }],
  [`MJ::Outpaint::50::1::${h}::SOLO`, { kind: 'outpaint', action: 'zoom_out', zoom: 50, index: 1, hash: h, solo: true }],
  [`MJ::Outpaint::75::1::${h}::SOLO`, { kind: 'outpaint', action: 'zoom_out', zoom: 75, index: 1, hash: h, solo: true }],
  [`MJ::CustomZoom::${h}`, { kind: 'custom_zoom', action: 'custom_zoom', hash: h }],
  [`MJ::BOOKMARK::${h}`, { kind: 'bookmark', action: 'bookmark', hash: h }],
  [`MJ::CancelJob::ByJobid::${h}`, { kind: 'cancel', action: 'cancel', jobId: h }],
  ['MJ::Prompts::Appeal::4f9c1d2e::1', { kind: 'appeal', action: 'appeal', token: '4f9c1d2e::1' }],
  ['MJ::Job::PicReader::3', { kind: 'describe_pick', action: 'describe_pick', index: 3 }],
  ['MJ::Job::PicReader::all', { kind: 'describe_pick', action: 'describe_pick', index: 'all' }],
  ['MJ::Picread::Retry', { kind: 'describe_retry', action: 'describe_retry' }],
  ['MJ::Job::PromptAnalyzer::2', { kind: 'shorten_pick', action: 'shorten_pick', path: '', index: 2 }],
  [`MJ::Job::PromptAnalyzer::${h}::5`, { kind: 'shorten_pick', action: 'shorten_pick', path: h, index: 5 }],
  ['MJ::Settings::VersionSelector', { kind: 'settings', action: 'settings', setting: 'VersionSelector' }],
  ['MJ::Settings::HighVariabilityMode::1', { kind: 'settings', action: 'settings', setting: 'HighVariabilityMode::1' }],
  ['MJ::Captcha::Solve::abc', { kind: 'captcha', action: 'captcha', tail: '::Solve::abc' }],
];

describe('custom_id catalogue (§3.3)', () => {
  it.each(catalogue)('%s', (customId, parsed) => {
    expect(parseCustomId(customId)).toEqual(parsed);
    expect(buildCustomId(parsed)).toBe(customId);
  });

  it('builds the grid forms from wire words alone', () => {
    expect(buildCustomId({ kind: 'job', jobType: 'upsample', index: 2, hash: h, solo: false })).toBe(`MJ::JOB::upsample::2::${h}`);
    expect(buildCustomId({ kind: 'job', jobType: 'reroll', index: 0, hash: h, solo: true })).toBe(`MJ::JOB::reroll::0::${h}::SOLO`);
  });

  it.each(['', 'U1', 'MJ::JOB::upsample::x::abc', 'MJ::Unknown::1', 'mj::job::upsample::1::abc', `MJ::JOB::upsample::1::${h}::SOLO::x`])(
    'rejects %j',
    (customId) => expect(parseCustomId(customId)).toBeUndefined(),
  );
});

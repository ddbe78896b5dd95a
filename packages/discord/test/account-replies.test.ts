import { describe, expect, it } from 'vitest';
import { accountReplyName, parseAccountReply, parseInfoDescription, parseSettingsMessage, settingsButton, type DiscordMessage } from '../src/index.js';

const READ_AT = 1_790_000_000_000;

/** The sandbox's /info: bold keys, `Relaxed`, running `None` (services/sandbox/src/midjourney/account-commands.ts). */
const sandboxInfo = [
  '**User ID**: 1200000000000000009',
  '**Subscription**: Standard (Active monthly, renews next on <t:1798761600>)',
  '**Job Mode**: Relaxed',
  '**Visibility Mode**: Public',
  '**Fast Time Remaining**: 0.00/15.0 hours (0.00%)',
  '**Lifetime Usage**: 412 images (9.87 hours)',
  '**Relaxed Usage**: 96 images (2.10 hours)',
  '**Queued Jobs (fast)**: 0',
  '**Queued Jobs (relax)**: 2',
  '**Running Jobs**: None',
].join('\n');

/** The shape erictik's formatInfo and trueai split at the first colon: plain keys, a Pro plan in stealth. */
const plainInfo = [
  'User ID: 1200000000000000010',
  'Subscription: Pro (Active yearly, renews next on <t:1800000000>)',
  'Job Mode: Turbo',
  'Visibility Mode: Stealth',
  'Fast Time Remaining: 29.1/30.0 hours (97.00%)',
  'Lifetime Usage: 1024 images (31.25 hours)',
  'Relaxed Usage: 0 images (0.00 hours)',
  'Queued Jobs (fast): 1',
  'Queued Jobs (relax): 0',
  'Running Jobs: 3',
].join('\n');

const message = (fields: Partial<DiscordMessage>): DiscordMessage => ({ id: '1300000000000000500', channel_id: '1100000000000000002', content: '', ...fields });

describe('/info embed', () => {
  it('reads every field of the bold shape', () => {
    expect(parseInfoDescription(sandboxInfo, READ_AT)).toEqual({
      subscription: 'Standard (Active monthly, renews next on <t:1798761600>)',
      plan: 'Standard',
      jobMode: 'relax',
      visibility: 'public',
      fastTimeRemaining: { hours: 0, totalHours: 15 },
      lifetimeUsage: { images: 412, hours: 9.87 },
      relaxedUsage: { images: 96, hours: 2.1 },
      queuedFast: 0,
      queuedRelax: 2,
      running: 0,
      raw: expect.objectContaining({ 'User ID': '1200000000000000009', 'Job Mode': 'Relaxed' }),
      readAt: READ_AT,
    });
  });

  it('reads the plain shape: turbo, stealth, a running count', () => {
    expect(parseInfoDescription(plainInfo, READ_AT)).toMatchObject({ plan: 'Pro', jobMode: 'turbo', visibility: 'stealth', fastTimeRemaining: { hours: 29.1, totalHours: 30 }, queuedFast: 1, running: 3 });
  });

  it('counts a list of running jobs and leaves out what it cannot read', () => {
    const info = parseInfoDescription('**Job Mode**: Warp\n**Running Jobs**: 5e0c9c1e, 7a1b2c3d\n**Fast Time Remaining**: unlimited', READ_AT);
    expect(info).toEqual({ running: 2, raw: { 'Job Mode': 'Warp', 'Running Jobs': '5e0c9c1e, 7a1b2c3d', 'Fast Time Remaining': 'unlimited' }, readAt: READ_AT });
  });
});

/** A panel as Midjourney draws it: rows of buttons (style 3 = on) and the version select. */
const panel = message({
  flags: 64,
  interaction: { id: '1', name: 'settings' },
  components: [
    { type: 1, components: [{ type: 3, custom_id: 'MJ::Settings::VersionSelector', options: [{ label: 'V7', value: '7', default: true }, { label: 'V6.1', value: '6.1' }] }] },
    { type: 1, components: [{ type: 2, style: 2, label: 'RAW Mode', custom_id: 'MJ::Settings::Style::raw' }] },
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: 'Stealth mode', custom_id: 'MJ::Settings::PublicMode::off' },
        { type: 2, style: 3, label: 'Remix mode', custom_id: 'MJ::Settings::RemixMode' },
        { type: 2, style: 3, label: 'High Variation Mode', custom_id: 'MJ::Settings::HighVariabilityMode::1' },
      ],
    },
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: 'Fast mode', custom_id: 'MJ::Settings::RelaxMode::off' },
        { type: 2, style: 3, label: 'Relax mode', custom_id: 'MJ::Settings::RelaxMode::on' },
        { type: 2, style: 2, label: 'Reset Settings', custom_id: 'MJ::Settings::Reset' },
      ],
    },
  ],
});

describe('/settings panel', () => {
  it('reads the toggles by label and style, the chosen version, and copies the custom ids', () => {
    const settings = parseSettingsMessage(panel, READ_AT);
    expect(settings).toMatchObject({ messageId: panel.id, messageFlags: 64, remix: true, raw: false, stealth: false, highVariation: true, jobMode: 'relax', version: '7' });
    expect(settings.versionSelect).toEqual({ customId: 'MJ::Settings::VersionSelector', values: ['7', '6.1'] });
    expect(settingsButton(settings, 'remix MODE')?.customId).toBe('MJ::Settings::RemixMode');
    expect(settings.buttons).toHaveLength(7);
  });
});

describe('account command replies', () => {
  it('are told apart by their interaction name; job messages are not', () => {
    expect(accountReplyName({ interaction_metadata: { id: '1', name: 'info' } })).toBe('info');
    expect(accountReplyName({ interaction: { id: '1', name: 'relax' } })).toBe('relax');
    expect(accountReplyName({ interaction: { id: '1', name: 'imagine' } })).toBeUndefined();
    expect(accountReplyName({})).toBeUndefined();
  });

  it('a placeholder is pending, a red embed an error, "Done!" the mode, anything else a refusal', () => {
    expect(parseAccountReply('info', message({ flags: 192 }), READ_AT)).toEqual({ kind: 'pending' });
    expect(parseAccountReply('fast', message({ embeds: [{ title: 'Credits exhausted', description: 'You are out of fast hours', color: 16711680 }] }), READ_AT)).toEqual({
      kind: 'error',
      code: 'credits_exhausted',
      message: 'Credits exhausted: You are out of fast hours',
    });
    expect(parseAccountReply('turbo', message({ content: 'Done! Your jobs now run in turbo mode.' }), READ_AT)).toMatchObject({ kind: 'mode', jobMode: 'turbo' });
    expect(parseAccountReply('relax', message({ content: 'Relax mode is not available on your plan.' }), READ_AT)).toMatchObject({ kind: 'error', code: 'refused' });
    expect(parseAccountReply('info', message({ embeds: [{ title: 'Your info - driver', description: sandboxInfo }] }), READ_AT)).toMatchObject({ kind: 'info', info: { jobMode: 'relax' } });
    expect(parseAccountReply('settings', panel, READ_AT)).toMatchObject({ kind: 'settings', settings: { remix: true } });
  });
});

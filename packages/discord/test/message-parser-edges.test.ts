import { describe, expect, it } from 'vitest';
import { parseMidjourneyMessage, type DiscordMessage } from '../src/index.js';
import { imagineGrid, soloRows, stealthWithSubtext, upscaleImage2, waiting } from './fixtures/job-messages.js';
import { HASH, UPSCALE_HASH } from './fixtures/ids.js';

describe('parseMidjourneyMessage beyond the sample table', () => {
  it('flattens the action rows in order, link buttons included', () => {
    const { buttons } = parseMidjourneyMessage(imagineGrid);
    expect(buttons.map((b) => b.label ?? b.emoji)).toEqual(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
    expect(buttons[0]).toEqual({ customId: `MJ::JOB::upsample::1::${HASH}`, label: 'U1', style: 2 });
    const solo = parseMidjourneyMessage(upscaleImage2).buttons;
    expect(solo).toHaveLength(soloRows(UPSCALE_HASH).flatMap((r) => r.components).length);
    expect(solo.at(-1)).toEqual({ customId: '', label: 'Web', style: 5, url: `https://www.midjourney.com/jobs/${UPSCALE_HASH}?index=0` });
  });

  it('takes the job id from a link button or the content link when there is no attachment', () => {
    const linkOnly = { ...upscaleImage2, attachments: [], components: soloRows(UPSCALE_HASH).slice(-1) };
    expect(parseMidjourneyMessage(linkOnly).messageHash).toBe(UPSCALE_HASH);
    expect(parseMidjourneyMessage({ ...stealthWithSubtext, attachments: [], components: [] }).messageHash).toBe(HASH);
  });

  it('leaves a final-looking content without image undecided', () => {
    expect(parseMidjourneyMessage({ ...imagineGrid, attachments: [] }).stage).toBe('unknown');
  });

  it('reads a numeric nonce as a string', () => {
    expect(parseMidjourneyMessage({ ...waiting, nonce: 12345 }).nonce).toBe('12345');
  });

  const odd: [string, unknown][] = [
    ['empty content', { id: '1', channel_id: '2', content: '' }],
    ['unrelated chat', { id: '1', channel_id: '2', content: 'hello **world** - nothing' }],
    ['missing arrays and content', { id: '1', channel_id: '2' }],
    ['garbage components', { id: '1', channel_id: '2', content: '', components: [null, { type: 1 }], embeds: 'x' }],
    ['not an object', null],
  ];
  it.each(odd)('does not throw on %s', (_name, message) => {
    expect(parseMidjourneyMessage(message as DiscordMessage)).toMatchObject({ stage: 'unknown', kind: 'unknown', buttons: [] });
  });
});

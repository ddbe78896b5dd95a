import { describe, expect, it } from 'vitest';
import { parseMidjourneyMessage } from '../src/index.js';
import { button, cdnAttachment, row } from './fixtures/envelope.js';
import { DRIVER, PROMPT } from './fixtures/ids.js';
import { buttonResult } from './fixtures/job-messages.js';

// The finished video and a single clip, in the sandbox's shapes (§4.8: the finished video is
// reported, not captured; the clip's wording is the sandbox's).
const VIDEO_JOB = '5d6e7f80-91a2-4b3c-8d4e-5f60718293a4';
const CLIP_JOB = '6e7f8091-a2b3-4c4d-9e5f-60718293a4b5';
const mention = `<@${DRIVER}>`;
const base = `driver_a_red_fox_in_snow_${VIDEO_JOB}`;

const finishedVideo = {
  ...buttonResult('1300000000000000170', '', VIDEO_JOB),
  content: `**${PROMPT} --motion low --video 1** - ${mention} [(Open on website for full quality)](<https://midjourney.com/jobs/${VIDEO_JOB}>) (fast)`,
  attachments: [
    cdnAttachment('1300000000000000171', `${base}.webp`, 'image/webp'),
    ...[1, 2, 3, 4].map((n) => cdnAttachment(`130000000000000018${n}`, `${base}_${n}.mp4`, 'video/mp4', 294912, 128)),
  ],
  components: [
    row(...[1, 2, 3, 4].map((n) => button(`MJ::JOB::video_virtual_upscale::${n}::${VIDEO_JOB}`, `U${n}`)), button(`MJ::JOB::reroll::0::${VIDEO_JOB}::SOLO`)),
  ],
};

const clip = {
  ...buttonResult('1300000000000000190', `Video #2 ${mention}`, CLIP_JOB, true),
  content: `**${PROMPT} --motion low --video 1** - Video #2 ${mention}`,
  attachments: [cdnAttachment('1300000000000000191', `driver_a_red_fox_in_snow_${CLIP_JOB}.mp4`, 'video/mp4', 294912, 128)],
  components: [row(button(`MJ::JOB::animate_high_extend::1::${CLIP_JOB}`, 'Extend (High motion)'), button(`MJ::JOB::animate_low_extend::1::${CLIP_JOB}`, 'Extend (Low motion)'))],
};

describe('video results', () => {
  it('a finished video is a done video job: the preview first, the job id from its name, the clip buttons', () => {
    const parsed = parseMidjourneyMessage(finishedVideo);
    expect(parsed).toMatchObject({ stage: 'done', kind: 'video', mode: 'fast', messageHash: VIDEO_JOB, prompt: `${PROMPT} --motion low --video 1` });
    expect(parsed.imageUrl).toContain(`${base}.webp`);
    expect(parsed.imageUrls).toHaveLength(5);
    expect(parsed.buttons.map((b) => b.customId).slice(0, 4)).toEqual([1, 2, 3, 4].map((n) => `MJ::JOB::video_virtual_upscale::${n}::${VIDEO_JOB}`));
  });

  it('one clip ("Video #n") is a done video with its index and the Extend buttons', () => {
    const parsed = parseMidjourneyMessage(clip);
    expect(parsed).toMatchObject({ stage: 'done', kind: 'video', index: 2, messageHash: CLIP_JOB });
    expect(parsed.buttons.map((b) => b.customId)).toContain(`MJ::JOB::animate_low_extend::1::${CLIP_JOB}`);
  });
});

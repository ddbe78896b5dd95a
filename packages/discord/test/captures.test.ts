import { describe, expect, it } from 'vitest';
import { parseMidjourneyMessage, type ParsedMessage } from '../src/index.js';
import { captureFiles, loadCapture } from './fixtures/captures.js';

/**
 * Every real capture (fixtures/captures, README there) read through the parser. `undefined` in a
 * row means the field must be absent; `buttons` lists custom_ids in order, `link:<label>` for link
 * buttons (style 5, no custom_id).
 */
type Expected = Pick<ParsedMessage, 'stage' | 'kind'> &
  Partial<Record<'index' | 'prompt' | 'progress' | 'mode' | 'messageHash' | 'referencedMessageId' | 'taskId' | 'nonce', unknown>> & {
    buttons: string[];
  };

const grid = (h: string) => [
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${h}`),
  `MJ::JOB::reroll::0::${h}::SOLO`,
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::variation::${n}::${h}`),
];
const pans = (h: string) => ['left', 'right', 'up', 'down'].map((d) => `MJ::JOB::pan_${d}::1::${h}::SOLO`);
const zooms = (h: string) => [`MJ::Outpaint::50::1::${h}::SOLO`, `MJ::Outpaint::75::1::${h}::SOLO`, `MJ::CustomZoom::${h}`];

const BIRD =
  'a small bird pixel-art sprite, single centered character, clean transparent background --ar 1:1 --v 7.0 --no background scenery, drop shadow, frame, cscidnocollide781b1185 --raw';
const GAME = 'a classic 2000s mobile game scene come alive as 3D sprites';
const BATHROOM =
  'high definition photo of a modern powder bathroom in a high-end home in the desert. bright daytime light and a skylight. white oak and natural materials and woven textures with desert inspirted colors, modern desert-inspired spanish tile. Matte black hardware. Modern light sconces around the vanity mirror. Include some natural desert elements into the design. (fast)';
const GRID_JOB = '5f2a1826-7bb0-42c2-b441-98a48a39e760';
const UPSCALE_JOB = 'bb5d727b-4df5-4c9b-be01-96d2f526c49e';
const ZOOM_JOB = 'acdc5004-1a50-41f3-b367-f1d9a87a6558';
const V52_JOB = 'f58fa448-1620-4aca-9621-005ef9f3b383';
const V7_GRID_PARENT = '1511317204245680259';
const V7_UPSCALED = '1511317210822611026';

const expected: Record<string, Expected> = {
  'gateway-waiting-1.json': {
    stage: 'waiting',
    kind: 'imagine',
    prompt: 'glass',
    nonce: '1083788665919897600',
    progress: undefined,
    messageHash: undefined,
    buttons: [],
  },
  'gateway-grid-done-1.json': {
    stage: 'done',
    kind: 'imagine',
    prompt: 'glass',
    mode: 'relaxed',
    progress: 100,
    messageHash: 'a7cb1552-f779-4094-9afe-2acf22dae280',
    buttons: grid('a7cb1552-f779-4094-9afe-2acf22dae280'),
  },
  'grid-done-rest-1.json': {
    stage: 'done',
    kind: 'imagine',
    prompt: 'Sea, waves, background image, realistic.',
    mode: 'relaxed',
    messageHash: '89bd8e05-eda9-4d6e-9b77-1ef4293398ca',
    buttons: grid('89bd8e05-eda9-4d6e-9b77-1ef4293398ca'),
  },
  // The prompt itself ends in "(fast)"; U results have no mode of their own.
  'upscale-v52-1.json': {
    stage: 'done',
    kind: 'upscale',
    index: 2,
    prompt: BATHROOM,
    mode: undefined,
    messageHash: V52_JOB,
    referencedMessageId: '1131713804179362064',
    buttons: [
      `MJ::JOB::high_variation::1::${V52_JOB}::SOLO`,
      `MJ::JOB::low_variation::1::${V52_JOB}::SOLO`,
      ...zooms(V52_JOB),
      ...pans(V52_JOB),
      `MJ::BOOKMARK::${V52_JOB}`,
      'link:Web',
    ],
  },
  'variation-grid-done-1.json': {
    stage: 'done',
    kind: 'variation',
    prompt: BATHROOM,
    mode: 'fast',
    messageHash: '3eaa7c0c-9825-4110-9c89-02c4e463a8d0',
    referencedMessageId: '1131713484078461018',
    buttons: grid('3eaa7c0c-9825-4110-9c89-02c4e463a8d0'),
  },
  // The seed's callbacks: the old preview name `grid_0.webp` has no job id.
  'progress-yokonsan-1.json': {
    stage: 'progress',
    kind: 'imagine',
    progress: 15,
    mode: 'fast',
    taskId: '7744309837',
    prompt: '<#7744309837#>string',
    messageHash: undefined,
    buttons: [],
  },
  'done-yokonsan-1.json': {
    stage: 'done',
    kind: 'imagine',
    taskId: '7744309837',
    mode: 'fast',
    messageHash: '600f88ff-2147-40ad-83e4-50992c96aadb',
    buttons: [],
  },
  // Not a message at all: nothing may be read into it but its ids.
  'interaction-create-1.json': { stage: 'unknown', kind: 'unknown', nonce: '1892018026278838272', prompt: undefined, buttons: [] },
  // The imagine's own messages carry no Cancel Job button in this capture.
  'v7-waiting-1.json': { stage: 'waiting', kind: 'imagine', prompt: GAME, messageHash: undefined, referencedMessageId: undefined, buttons: [] },
  'v7-progress-noimage-1.json': { stage: 'progress', kind: 'imagine', progress: 20, mode: 'fast', messageHash: undefined, buttons: [] },
  'v7-progress-1.json': { stage: 'progress', kind: 'imagine', progress: 35, mode: 'fast', prompt: GAME, messageHash: GRID_JOB, buttons: [] },
  // `.webp` grid named `<user>_<words>_<job id>.webp`, the website link before the mode, a link button.
  'v7-grid-done-1.json': {
    stage: 'done',
    kind: 'imagine',
    prompt: GAME,
    mode: 'fast',
    progress: 100,
    messageHash: GRID_JOB,
    referencedMessageId: '1511317060477653013',
    buttons: [...grid(GRID_JOB), 'link:\u200b'],
  },
  'v7-upscale-ack-1.json': {
    stage: 'acknowledged',
    kind: 'upscale',
    index: 1,
    prompt: BIRD,
    progress: undefined,
    mode: undefined,
    messageHash: UPSCALE_JOB,
    referencedMessageId: V7_GRID_PARENT,
    buttons: [`MJ::CancelJob::ByJobid::${UPSCALE_JOB}`],
  },
  // `Image #1` without a mode; the same job id as the acknowledgement's Cancel Job button.
  'v7-upscale-solo-1.json': {
    stage: 'done',
    kind: 'upscale',
    index: 1,
    prompt: BIRD,
    mode: undefined,
    messageHash: UPSCALE_JOB,
    referencedMessageId: V7_GRID_PARENT,
    buttons: [
      `MJ::JOB::upsample_v7_2x_subtle::1::${UPSCALE_JOB}::SOLO`,
      `MJ::JOB::upsample_v7_2x_creative::1::${UPSCALE_JOB}::SOLO`,
      `MJ::JOB::low_variation::1::${UPSCALE_JOB}::SOLO`,
      `MJ::JOB::high_variation::1::${UPSCALE_JOB}::SOLO`,
      `MJ::Inpaint::1::${UPSCALE_JOB}::SOLO`,
      ...zooms(UPSCALE_JOB),
      ...pans(UPSCALE_JOB),
      `MJ::JOB::animate_high::1::${UPSCALE_JOB}::SOLO`,
      `MJ::JOB::animate_low::1::${UPSCALE_JOB}::SOLO`,
      `MJ::BOOKMARK::${UPSCALE_JOB}`,
      'link:Web',
    ],
  },
  'v7-zoom-progress-1.json': {
    stage: 'progress',
    kind: 'zoom',
    progress: 35,
    mode: 'fast',
    prompt: BIRD,
    messageHash: ZOOM_JOB,
    referencedMessageId: V7_UPSCALED,
    buttons: [`MJ::CancelJob::ByJobid::${ZOOM_JOB}`],
  },
  'v7-zoom-done-1.json': {
    stage: 'done',
    kind: 'zoom',
    prompt: BIRD,
    mode: 'fast',
    messageHash: ZOOM_JOB,
    referencedMessageId: V7_UPSCALED,
    buttons: [...grid(ZOOM_JOB), 'link:\u200b'],
  },
  'v7-animate-ack-1.json': {
    stage: 'acknowledged',
    kind: 'animate',
    prompt: undefined,
    messageHash: undefined,
    referencedMessageId: '1511317460668780624',
    buttons: [],
  },
  // The same message as the acknowledgement, edited: four step frames, no buttons.
  'v7-video-progress-1.json': {
    stage: 'progress',
    kind: 'video',
    progress: 35,
    mode: 'fast',
    prompt: `${GAME} --motion high --video 1 --aspect 1:1`,
    messageHash: 'df062413-0408-4703-8863-42ec7038c1d6',
    referencedMessageId: '1511317460668780624',
    buttons: [],
  },
  // A rating's whole answer (no job): it names a Discord message, not a job id.
  'v7-bookmark-ack-1.json': { stage: 'text_result', kind: 'bookmark', messageHash: undefined, referencedMessageId: V7_UPSCALED, buttons: [] },
};

describe('real captures through parseMidjourneyMessage', () => {
  it('has an expectation for every capture file and a file for every expectation', () => {
    expect(captureFiles().sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (file, { buttons, ...fields }) => {
    const parsed = parseMidjourneyMessage(loadCapture(file));
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) expect(parsed, key).not.toHaveProperty(key);
      else expect(parsed[key as keyof ParsedMessage], key).toEqual(value);
    }
    expect(parsed.buttons.map((b) => b.customId || `link:${b.label ?? ''}`)).toEqual(buttons);
  });

  it('reads all four video frames and the step-frame job id', () => {
    const parsed = parseMidjourneyMessage(loadCapture('v7-video-progress-1.json'));
    expect(parsed.imageUrls).toHaveLength(4);
    expect(parsed.imageUrls.every((u) => u.includes('df062413-0408-4703-8863-42ec7038c1d6_'))).toBe(true);
  });
});

/**
 * Midjourney button custom_ids (§3.3). `{h}` is the job id (message hash, §3.5) of the message
 * carrying the button; the `::SOLO` forms sit on single-image results and always use index 1.
 */

/** Normalized meaning of an `MJ::JOB::<jobType>::…` button; `other` keeps unknown job types usable. */
export type JobAction =
  | 'upsample'
  | 'variation'
  | 'reroll'
  | 'upsample_subtle'
  | 'upsample_creative'
  | 'upsample_2x'
  | 'upsample_4x'
  | 'upsample_max'
  | 'vary_subtle'
  | 'vary_strong'
  | 'pan_left'
  | 'pan_right'
  | 'pan_up'
  | 'pan_down'
  | 'animate_high'
  | 'animate_low'
  | 'animate_extend'
  | 'video_upscale'
  | 'other';

export type ButtonAction =
  | JobAction
  | 'vary_region'
  | 'zoom_out'
  | 'custom_zoom'
  | 'bookmark'
  | 'cancel'
  | 'appeal'
  | 'describe_pick'
  | 'describe_retry'
  | 'shorten_pick'
  | 'settings'
  | 'captcha';

/** The fields a custom_id is made of, in wire words; opaque or unverified tails are kept verbatim. */
export type CustomIdParts =
  | { kind: 'job'; jobType: string; index: number; hash: string; solo: boolean }
  | { kind: 'inpaint'; index: number; hash: string; solo: boolean }
  /** `zoom` is the percentage the old image keeps: 50 = Zoom Out 2x, 75 = 1.5x. */
  | { kind: 'outpaint'; zoom: number; index: number; hash: string; solo: boolean }
  | { kind: 'custom_zoom'; hash: string }
  /** Suffix unverified (§3.3): everything after `MJ::BOOKMARK::`. */
  | { kind: 'bookmark'; hash: string }
  | { kind: 'cancel'; jobId: string }
  | { kind: 'appeal'; token: string }
  | { kind: 'describe_pick'; index: number | 'all' }
  | { kind: 'describe_retry' }
  /** Middle segments unverified (§3.3): kept in `path`, the pick is the last segment. */
  | { kind: 'shorten_pick'; path: string; index: number }
  | { kind: 'settings'; setting: string }
  | { kind: 'captcha'; tail: string };

export type ParsedCustomId = CustomIdParts & { action: ButtonAction };

const JOB_TYPES = new Map<string, JobAction>([
  ['upsample', 'upsample'],
  ['variation', 'variation'],
  ['reroll', 'reroll'],
  ['upsample_max', 'upsample_max'],
  ['low_variation', 'vary_subtle'],
  ['high_variation', 'vary_strong'],
  ['pan_left', 'pan_left'],
  ['pan_right', 'pan_right'],
  ['pan_up', 'pan_up'],
  ['pan_down', 'pan_down'],
  ['animate_high', 'animate_high'],
  ['animate_low', 'animate_low'],
  ['animate_high_extend', 'animate_extend'],
  ['animate_low_extend', 'animate_extend'],
  // On a finished video, one per clip (index 1–4, §4.8).
  ['video_virtual_upscale', 'video_upscale'],
]);

/** The model version inside upscale job types varies (v6, v6r1, v7…), so it is matched loosely (§3.3). */
const VERSIONED_UPSCALE = /^upsample_v\w+?_(2x|4x)(?:_(subtle|creative))?$/;

function jobAction(jobType: string): JobAction {
  const known = JOB_TYPES.get(jobType);
  if (known) return known;
  const upscale = VERSIONED_UPSCALE.exec(jobType);
  if (!upscale) return 'other';
  if (upscale[2]) return upscale[2] === 'subtle' ? 'upsample_subtle' : 'upsample_creative';
  return upscale[1] === '4x' ? 'upsample_4x' : 'upsample_2x';
}

type Form = [RegExp, (groups: (string | undefined)[]) => ParsedCustomId];

/** Optional groups come back undefined, hence the defaults in the destructuring. */
const FORMS: Form[] = [
  [
    /^MJ::JOB::(\w+)::(\d+)::([\w-]+)(::SOLO)?$/,
    ([, jobType = '', index, hash = '', solo]) => ({
      kind: 'job',
      action: jobAction(jobType),
      jobType,
      index: Number(index),
      hash,
      solo: !!solo,
    }),
  ],
  [
    /^MJ::Inpaint::(\d+)::([\w-]+)(::SOLO)?$/,
    ([, index, hash = '', solo]) => ({ kind: 'inpaint', action: 'vary_region', index: Number(index), hash, solo: !!solo }),
  ],
  [
    /^MJ::Outpaint::(\d+)::(\d+)::([\w-]+)(::SOLO)?$/,
    ([, zoom, index, hash = '', solo]) => ({
      kind: 'outpaint',
      action: 'zoom_out',
      zoom: Number(zoom),
      index: Number(index),
      hash,
      solo: !!solo,
    }),
  ],
  [/^MJ::CustomZoom::([\w-]+)$/, ([, hash = '']) => ({ kind: 'custom_zoom', action: 'custom_zoom', hash })],
  [/^MJ::BOOKMARK::(.+)$/, ([, hash = '']) => ({ kind: 'bookmark', action: 'bookmark', hash })],
  [/^MJ::CancelJob::ByJobid::(.+)$/, ([, jobId = '']) => ({ kind: 'cancel', action: 'cancel', jobId })],
  [/^MJ::Prompts::Appeal::(.+)$/, ([, token = '']) => ({ kind: 'appeal', action: 'appeal', token })],
  [
    /^MJ::Job::PicReader::([1-9]|all)$/,
    ([, pick]) => ({ kind: 'describe_pick', action: 'describe_pick', index: pick === 'all' ? 'all' : Number(pick) }),
  ],
  [/^MJ::Picread::Retry$/, () => ({ kind: 'describe_retry', action: 'describe_retry' })],
  [
    /^MJ::Job::PromptAnalyzer::(?:(.+)::)?(\d+)$/,
    ([, path = '', index]) => ({ kind: 'shorten_pick', action: 'shorten_pick', path, index: Number(index) }),
  ],
  [/^MJ::Settings::(.+)$/, ([, setting = '']) => ({ kind: 'settings', action: 'settings', setting })],
  [/^MJ::Captcha(.*)$/, ([, tail = '']) => ({ kind: 'captcha', action: 'captcha', tail })],
];

/** Undefined for anything outside the catalogue: callers treat such buttons as opaque. */
export function parseCustomId(customId: string): ParsedCustomId | undefined {
  for (const [form, build] of FORMS) {
    const match = form.exec(customId);
    if (match) return build([...match]);
  }
  return undefined;
}

/** Inverse of parseCustomId; `parseCustomId` output can be passed back as is. */
export function buildCustomId(parts: CustomIdParts): string {
  const solo = (on: boolean) => (on ? '::SOLO' : '');
  switch (parts.kind) {
    case 'job':
      return `MJ::JOB::${parts.jobType}::${parts.index}::${parts.hash}${solo(parts.solo)}`;
    case 'inpaint':
      return `MJ::Inpaint::${parts.index}::${parts.hash}${solo(parts.solo)}`;
    case 'outpaint':
      return `MJ::Outpaint::${parts.zoom}::${parts.index}::${parts.hash}${solo(parts.solo)}`;
    case 'custom_zoom':
      return `MJ::CustomZoom::${parts.hash}`;
    case 'bookmark':
      return `MJ::BOOKMARK::${parts.hash}`;
    case 'cancel':
      return `MJ::CancelJob::ByJobid::${parts.jobId}`;
    case 'appeal':
      return `MJ::Prompts::Appeal::${parts.token}`;
    case 'describe_pick':
      return `MJ::Job::PicReader::${parts.index}`;
    case 'describe_retry':
      return 'MJ::Picread::Retry';
    case 'shorten_pick':
      return `MJ::Job::PromptAnalyzer::${parts.path ? `${parts.path}::` : ''}${parts.index}`;
    case 'settings':
      return `MJ::Settings::${parts.setting}`;
    case 'captcha':
      return `MJ::Captcha${parts.tail}`;
  }
}

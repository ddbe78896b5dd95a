import type {
  ActionRequest,
  BlendRequest,
  DescribeRequest,
  GridButtonRequest,
  ImagineRequest,
  MessageRequest,
  ModalRequest,
  ReleaseRequest,
  ResetRequest,
  ExpandRequest,
  ZoomOutRequest,
  ShortenRequest,
} from '@mjq/common';
import type { Same } from './dto.js';

// Bodies and answers of the seed-compatible trigger endpoints: tsoa-readable mirrors of the zod
// request schemas in @mjq/common (which do the real validation), pinned to them at the end.

type Mode = 'fast' | 'relax' | 'turbo';

/** Body of POST /v1/api/trigger/imagine (the seed's, plus an optional per-task callback URL). */
export interface ImagineBody {
  /** The prompt, as typed after /imagine. @minLength 1 @maxLength 4000 @example "a red fox in snow --ar 3:2" */
  prompt: string;
  /** An image prompt: a URL placed before the text. @example "https://example.com/cat.png" */
  picurl?: string;
  /** Where to POST this task's callbacks (overrides CALLBACK_URL). */
  callbackUrl?: string;
  /** Run on an account in this mode; Midjourney also gets the matching --fast/--relax/--turbo. */
  mode?: Mode;
}

/** A grid's U1–U4 / V1–V4 button, named as the seed names it. */
export interface GridButtonBody {
  /**
   * Which image of the 2×2 grid.
   * @isInt index must be an integer
   * @minimum 1 index must be 1–4
   * @maximum 4 index must be 1–4
   * @example 1
   */
  index: number;
  /** Discord id of the grid message (the parent task's `messageId`). @pattern ^\d{15,21}$ @example "1180000000000000001" */
  msg_id: string;
  /** The grid message's hash (the parent task's `messageHash`). @example "6f1b2c3d-aaaa-bbbb-cccc-123456789abc" */
  msg_hash: string;
  /** The grid's task (optional): when given it must be the task of `msg_id`. @pattern ^\d+$ */
  trigger_id?: string;
  /** Where to POST this task's callbacks (overrides CALLBACK_URL). */
  callbackUrl?: string;
}

/** The 🔄 reroll button of a grid (the seed's /reset). */
export interface ResetBody {
  /** Discord id of the grid message. @pattern ^\d{15,21}$ */
  msg_id: string;
  /** The grid message's hash (the parent task's `messageHash`). */
  msg_hash: string;
  /** The grid's task (optional): when given it must be the task of `msg_id`. @pattern ^\d+$ */
  trigger_id?: string;
  callbackUrl?: string;
}

/** A button of an upscaled image named by the seed's routes, e.g. /solo_high_variation. */
export type SoloButtonBody = ResetBody;

/** The seed's /expand: pan an upscaled image. */
export interface ExpandBody extends ResetBody {
  direction: 'left' | 'right' | 'up' | 'down';
}

/** The seed's /zoomout. */
export interface ZoomOutBody extends ResetBody {
  /** What the old image keeps, in %: 50 = Zoom Out 2x, 75 = Zoom Out 1.5x. */
  zoomout: 50 | 75;
}

/** The seed's /queue/release. */
export interface ReleaseBody {
  /** The task to stop waiting for. @pattern ^\d+$ */
  trigger_id: string;
}

/** Any button of a finished task's result, by its custom_id (see the task's `buttons`). */
export interface ActionBody {
  /** The task whose result carries the button. @pattern ^\d+$ */
  trigger_id: string;
  /** The button's custom_id, e.g. `MJ::JOB::upsample_v6_2x_subtle::1::<hash>::SOLO` or `MJ::Outpaint::50::1::<hash>::SOLO`. @minLength 1 @maxLength 200 */
  custom_id: string;
  callbackUrl?: string;
}

/** The text for a task waiting in MODAL (Remix prompt, Custom Zoom, …). */
export interface ModalBody {
  /** The task in MODAL (the click that opened the modal). @pattern ^\d+$ */
  trigger_id: string;
  /** The text to submit, e.g. the new prompt of a remix or `--zoom 1.8` prompt. @minLength 1 @maxLength 4000 */
  prompt: string;
  /**
   * Vary (Region) only (a task whose modal is `MJ::iframe::…`): the area to redraw, a
   * black-and-white PNG or WebP of the image's size (white = redraw), base64, a `data:` prefix allowed.
   */
  maskBase64?: string;
}

/** /describe of an image sent to /upload first. */
export interface DescribeBody {
  /** As returned by /upload: `<uuid>/<filename>`. @example "0b3c1d2e-5f6a-4b7c-8d9e-0f1a2b3c4d5e/cat.png" */
  upload_filename: string;
  /** The /upload's trigger_id (optional), recorded as the describe's parent. @pattern ^\d+$ */
  trigger_id?: string;
  callbackUrl?: string;
}

/** Posts an image sent to /upload in the account's channel, to get a Discord CDN link for it. */
export interface MessageBody {
  /** As returned by /upload: `<uuid>/<filename>`. */
  upload_filename: string;
  callbackUrl?: string;
}

/** /blend of 2 to 5 images sent to /upload first. */
export interface BlendBody {
  /** As returned by /upload, in order. @minItems 2 @maxItems 5 */
  upload_filenames: string[];
  /** Aspect of the result (Midjourney's default: 1:1). */
  dimensions?: '2:3' | '1:1' | '3:2';
  callbackUrl?: string;
  /** Run on an account in this mode. */
  mode?: Mode;
}

/** /shorten: Midjourney's analysis of a prompt, with shorter variants. */
export interface ShortenBody {
  /** @minLength 1 @maxLength 4000 @example "a very detailed and intricate painting of a red fox sitting in the snow" */
  prompt: string;
  callbackUrl?: string;
}

export interface TriggerAnswer {
  message: 'success';
  /** The task id; a numeric string. Follow it with GET /v1/tasks/{id}, its events or callbacks. */
  trigger_id: string;
  /** What was triggered: generate, upscale, variation, reset, describe, blend, … */
  trigger_type: string;
}

export interface UploadAnswer extends TriggerAnswer {
  /** The handle to pass to /describe, /blend and /message: `<uuid>/<filename>`. */
  upload_filename: string;
  /** Where mjq serves the stored image (the seed answered Discord's upload slot URL here). */
  upload_url: string;
}

export interface MessageAnswer extends TriggerAnswer {
  /** The image's Discord CDN URL: usable as an imagine `picurl` (Midjourney accepts Discord links). */
  picurl: string;
}

export const triggerBodiesMatchSchemas: [
  Same<ImagineBody, ImagineRequest>,
  Same<GridButtonBody, GridButtonRequest>,
  Same<ResetBody, ResetRequest>,
  Same<ActionBody, ActionRequest>,
  Same<ModalBody, ModalRequest>,
  Same<DescribeBody, DescribeRequest>,
  Same<MessageBody, MessageRequest>,
  Same<BlendBody, BlendRequest>,
  Same<ShortenBody, ShortenRequest>,
  Same<ExpandBody, ExpandRequest>,
  Same<ZoomOutBody, ZoomOutRequest>,
  Same<ReleaseBody, ReleaseRequest>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

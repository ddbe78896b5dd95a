import { z } from 'zod';
import { TASK_MODES } from './task.js';

/**
 * Request bodies of the public API. The API's tsoa interfaces (which drive the OpenAPI spec)
 * are checked against these at compile time, so the two cannot drift apart.
 */
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** Midjourney rejects prompts much longer than this; say so before a slot is spent. */
export const MAX_PROMPT_LENGTH = 4000;

export const imagineRequestSchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(1, 'prompt must not be empty')
    .max(MAX_PROMPT_LENGTH, `prompt must be at most ${MAX_PROMPT_LENGTH} characters`)
    .refine((p) => !/<#\w+#>/.test(p), 'prompt must not contain a <#…#> task marker'),
  picurl: httpUrl.optional(),
  callbackUrl: httpUrl.optional(),
  /** Run on an account in this mode (and pass Midjourney the matching --fast/--relax/--turbo). */
  mode: z.enum(TASK_MODES).optional(),
});
export type ImagineRequest = z.input<typeof imagineRequestSchema>;

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord message id (15–21 digits)');
const taskId = z.string().regex(/^\d+$/, 'must be a task id (digits)');
/** `<uuid>/<filename>` as /upload returned it. */
const uploadFilename = z
  .string()
  .regex(/^[0-9a-f-]{36}\/[\w.-]{1,100}$/, 'must be an upload_filename returned by /upload');
const messageHash = z.string().regex(/^[\w-]{1,64}$/, 'must be the message hash (job id) of the message');

/** U1–U4 / V1–V4 of a grid, as the seed posts them. */
export const gridButtonRequestSchema = z.object({
  index: z.number().int().min(1, 'index must be 1–4').max(4, 'index must be 1–4'),
  msg_id: snowflake,
  msg_hash: messageHash,
  /** The task whose result carries the buttons (the seed's "trigger_id" of the imagine). */
  trigger_id: taskId.optional(),
  callbackUrl: httpUrl.optional(),
});
export type GridButtonRequest = z.input<typeof gridButtonRequestSchema>;

/** 🔄 reroll of a grid (the seed's /reset). */
export const resetRequestSchema = gridButtonRequestSchema.omit({ index: true });
export type ResetRequest = z.input<typeof resetRequestSchema>;

/** The seed's buttons of an upscaled image (Vary, Zoom Out, pan, Upscale max): no index. */
export const soloButtonRequestSchema = resetRequestSchema;
export type SoloButtonRequest = z.input<typeof soloButtonRequestSchema>;

/** The seed's /expand: pan ⬅️ ➡️ ⬆️ ⬇️ of an upscaled image. */
export const expandRequestSchema = resetRequestSchema.extend({
  direction: z.enum(['left', 'right', 'up', 'down'], 'direction must be left, right, up or down'),
});
export type ExpandRequest = z.input<typeof expandRequestSchema>;

/** The seed's /zoomout: 50 = Zoom Out 2x, 75 = Zoom Out 1.5x (what the old image keeps, in %). */
export const zoomOutRequestSchema = resetRequestSchema.extend({
  zoomout: z.union([z.literal(50), z.literal(75)], 'zoomout must be 50 (2x) or 75 (1.5x)'),
});
export type ZoomOutRequest = z.input<typeof zoomOutRequestSchema>;

/** The seed's /queue/release: stop waiting for a task (it ends CANCEL and frees its slot). */
export const releaseRequestSchema = z.object({ trigger_id: taskId });
export type ReleaseRequest = z.input<typeof releaseRequestSchema>;

/** Any button of a finished task's result, by its custom_id (upscale subtle, zoom out, pan, …). */
export const actionRequestSchema = z.object({
  trigger_id: taskId,
  custom_id: z.string().min(1).max(200),
  callbackUrl: httpUrl.optional(),
});
export type ActionRequest = z.input<typeof actionRequestSchema>;

/** The text for a task waiting in MODAL (remix prompt, custom zoom prompt…). */
export const modalRequestSchema = z.object({
  trigger_id: taskId,
  prompt: z.string().trim().min(1, 'prompt must not be empty').max(MAX_PROMPT_LENGTH),
  /**
   * Vary (Region) only: the area to redraw, a black-and-white PNG or WebP the size of the image
   * (white = redraw), base64, with or without a `data:` prefix (as the proxies' maskBase64).
   */
  maskBase64: z.string().min(1).max(34_000_000).optional(),
});
export type ModalRequest = z.input<typeof modalRequestSchema>;

export const describeRequestSchema = z.object({
  upload_filename: uploadFilename,
  /** The /upload's trigger_id; recorded as the describe's parent. */
  trigger_id: taskId.optional(),
  callbackUrl: httpUrl.optional(),
});
export type DescribeRequest = z.input<typeof describeRequestSchema>;

/** Posts an uploaded image in the account's channel; its CDN link can be an imagine's picurl. */
export const messageRequestSchema = z.object({
  upload_filename: uploadFilename,
  callbackUrl: httpUrl.optional(),
});
export type MessageRequest = z.input<typeof messageRequestSchema>;

export const blendRequestSchema = z.object({
  upload_filenames: z.array(uploadFilename).min(2, 'blend takes 2 to 5 images').max(5, 'blend takes 2 to 5 images'),
  dimensions: z.enum(['2:3', '1:1', '3:2']).optional(),
  callbackUrl: httpUrl.optional(),
  mode: z.enum(TASK_MODES).optional(),
});
export type BlendRequest = z.input<typeof blendRequestSchema>;

export const shortenRequestSchema = z.object({
  prompt: imagineRequestSchema.shape.prompt,
  callbackUrl: httpUrl.optional(),
});
export type ShortenRequest = z.input<typeof shortenRequestSchema>;

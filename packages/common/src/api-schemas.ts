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

/** The seed's answer to every trigger: `trigger_type` is "generate" for imagine. */
export interface TriggerResponse {
  message: 'success';
  trigger_id: string;
  trigger_type: string;
}

import { z } from 'zod';
import { MAX_PROMPT_LENGTH } from './api-schemas.js';

// Request bodies of the midjourney-proxy API (/mj/submit/…, /mj/task/…) as relays send them:
// every field may be absent or null (new-api posts its whole request struct, zero values and
// nulls included) and unknown fields are ignored. Emptiness counts as absence.

const text = z.string().nullish().transform((v) => (v ? v : undefined));
const hook = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined))
  .refine((u) => u === undefined || /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL');
const images = z.array(z.string()).nullish().transform((v) => v ?? []);
const taskId = z
  .string()
  .nullish()
  .transform((v) => v ?? '')
  .refine((v) => v.length > 0, 'taskId is required');
const prompt = z
  .string()
  .nullish()
  .transform((v) => (v ?? '').trim())
  .refine((p) => p.length > 0, 'prompt is required')
  .refine((p) => p.length <= MAX_PROMPT_LENGTH, `prompt must be at most ${MAX_PROMPT_LENGTH} characters`)
  .refine((p) => !/<#\w+#>/.test(p), 'prompt must not contain a <#…#> task marker');

const common = { notifyHook: hook, state: text, botType: text };

export const mjImagineSchema = z.object({ ...common, prompt, base64Array: images });
export const mjActionSchema = z.object({ ...common, taskId, customId: z.string().nullish().transform((v) => v ?? '').refine((v) => v.length > 0, 'customId is required') });
export const mjModalSchema = z.object({ ...common, taskId, prompt: text, maskBase64: text });
export const mjBlendSchema = z.object({
  ...common,
  base64Array: images.refine((a) => a.length >= 2 && a.length <= 5, 'base64Array must hold 2 to 5 images'),
  dimensions: z
    .enum(['PORTRAIT', 'SQUARE', 'LANDSCAPE'], 'dimensions must be PORTRAIT, SQUARE or LANDSCAPE')
    .nullish()
    .transform((v) => v ?? 'SQUARE'),
});
export const mjDescribeSchema = z.object({ ...common, base64: text, link: text });
export const mjShortenSchema = z.object({ ...common, prompt });
export const mjChangeSchema = z.object({
  ...common,
  taskId,
  action: z.enum(['UPSCALE', 'VARIATION', 'REROLL'], 'action must be UPSCALE, VARIATION or REROLL'),
  index: z.number().int().nullish(),
});
export const mjSimpleChangeSchema = z.object({
  ...common,
  content: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').trim())
    .refine((v) => /^\d+ +(U[1-4]|V[1-4]|R)$/i.test(v), 'content must be "<taskId> U1…U4 | V1…V4 | R"'),
});
export const mjUploadDiscordImagesSchema = z.object({ base64Array: images.refine((a) => a.length >= 1 && a.length <= 5, 'base64Array must hold 1 to 5 images') });
export const mjListByConditionSchema = z.object({ ids: z.array(z.string()).nullish().transform((v) => v ?? []) });

export type MjImagineRequest = z.output<typeof mjImagineSchema>;
export type MjChangeRequest = z.output<typeof mjChangeSchema>;

/** The proxy's blend dimensions as Midjourney's /blend takes them. */
export const BLEND_DIMENSION_OF = { PORTRAIT: '2:3', SQUARE: '1:1', LANDSCAPE: '3:2' } as const;

/** "<taskId> U2" → the change it names (simple-change). */
export function parseSimpleChange(content: string): { taskId: string; action: 'UPSCALE' | 'VARIATION' | 'REROLL'; index?: number } {
  const [taskId, op] = content.trim().split(/ +/) as [string, string];
  const kind = op[0]!.toUpperCase();
  if (kind === 'R') return { taskId, action: 'REROLL' };
  return { taskId, action: kind === 'U' ? 'UPSCALE' : 'VARIATION', index: Number(op.slice(1)) };
}

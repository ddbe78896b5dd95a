import { z } from 'zod';
import { TASK_MODES } from './task.js';

/** Hours and images of a usage line (`412 images (9.87 hours)`). */
const usageSchema = z.object({ images: z.number().int().min(0), hours: z.number().min(0) });

/**
 * What Midjourney's `/info` says about an account (protocol §4.5), parsed from its embed. Fields
 * Midjourney did not show are absent; `raw` keeps every `**Key**: value` line as shown.
 */
export const accountInfoSchema = z.object({
  /** `Standard (Active monthly, renews next on <t:…>)`, as shown. */
  subscription: z.string().optional(),
  /** `Standard`, `Pro`, … : the subscription's first word. */
  plan: z.string().optional(),
  jobMode: z.enum(TASK_MODES).optional(),
  visibility: z.enum(['public', 'stealth']).optional(),
  /** `12.48/15.0 hours`: hours left and the plan's total this period. */
  fastTimeRemaining: z.object({ hours: z.number().min(0), totalHours: z.number().min(0) }).optional(),
  lifetimeUsage: usageSchema.optional(),
  relaxedUsage: usageSchema.optional(),
  queuedFast: z.number().int().min(0).optional(),
  queuedRelax: z.number().int().min(0).optional(),
  running: z.number().int().min(0).optional(),
  raw: z.record(z.string(), z.string()),
  /** When mjq read it (ms since epoch). */
  readAt: z.number().int(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

/** One choice on the /settings panel: a button (style 3 = active) or the version select's option. */
export const settingsChoiceSchema = z.object({
  customId: z.string(),
  label: z.string(),
  active: z.boolean(),
});

/**
 * What Midjourney's `/settings` panel shows (§4.5): the buttons read by label, their custom_ids
 * copied from the message (never built: they are not verified, §3.3), and the default version.
 */
export const accountSettingsSchema = z.object({
  messageId: z.string(),
  messageFlags: z.number().int(),
  remix: z.boolean().optional(),
  /** The default model's option value (`7`, `6.1`, `niji 6`…). */
  version: z.string().optional(),
  jobMode: z.enum(TASK_MODES).optional(),
  raw: z.boolean().optional(),
  stealth: z.boolean().optional(),
  highVariation: z.boolean().optional(),
  /** The version select's custom_id and its options' values. */
  versionSelect: z.object({ customId: z.string(), values: z.array(z.string()) }).optional(),
  buttons: z.array(settingsChoiceSchema),
  readAt: z.number().int(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

/**
 * What mjq last saw of an account on Midjourney (the admin account view), apart from the account
 * record itself so that re-declaring accounts at start never erases it.
 */
export const accountObservedSchema = z.object({
  info: accountInfoSchema.optional(),
  settings: accountSettingsSchema.optional(),
  /** The job mode Midjourney last confirmed (a `/fast`, `/relax`, `/turbo` answer, /info, /settings). */
  jobMode: z.enum(TASK_MODES).optional(),
  /**
   * The mode mjq moved the account out of because its fast hours ran out (it is in relax since):
   * it goes back to it once /info shows fast hours again. Absent otherwise.
   */
  relaxedFrom: z.enum(['fast', 'turbo']).optional(),
});
export type AccountObserved = z.infer<typeof accountObservedSchema>;

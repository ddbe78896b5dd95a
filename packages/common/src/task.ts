import { z } from 'zod';

export const TASK_STATUSES = [
  'NOT_START',
  'SUBMITTED',
  'MODAL',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
  'CANCEL',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = [
  'IMAGINE',
  'UPSCALE',
  'VARIATION',
  'REROLL',
  'DESCRIBE',
  'BLEND',
  'SHORTEN',
  'ACTION',
  'MODAL',
  'UPLOAD',
  'MESSAGE',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_MODES = ['fast', 'relax', 'turbo'] as const;

/** Callback bodies: the seed's (`/v1` tasks) or midjourney-proxy's Task object (`/mj` notifyHook). */
export const CALLBACK_FORMATS = ['seed', 'proxy'] as const;

/**
 * Status only moves forward. Terminal statuses share the top rank so that no terminal state
 * ever replaces another (a late FAILURE cannot overwrite SUCCESS, nor the reverse).
 */
export const STATUS_RANK: Readonly<Record<TaskStatus, number>> = {
  NOT_START: 0,
  SUBMITTED: 1,
  MODAL: 2,
  IN_PROGRESS: 3,
  SUCCESS: 4,
  FAILURE: 4,
  CANCEL: 4,
};
export const TERMINAL_RANK = 4;

export function isTerminal(status: TaskStatus): boolean {
  return STATUS_RANK[status] === TERMINAL_RANK;
}

/**
 * Whether an update from `from` to `to` may be applied. Staying IN_PROGRESS is allowed only
 * when progress grows, which makes replayed or duplicated progress events no-ops.
 */
export function canTransition(
  from: TaskStatus,
  to: TaskStatus,
  progress?: { current: number; next: number },
): boolean {
  if (isTerminal(from)) return false;
  if (STATUS_RANK[to] > STATUS_RANK[from]) return true;
  if (from === to && to === 'IN_PROGRESS' && progress) return progress.next > progress.current;
  return false;
}

export const buttonSchema = z.object({
  customId: z.string(),
  label: z.string().optional(),
  emoji: z.string().optional(),
  style: z.number().int().optional(),
  url: z.string().optional(),
});
export type Button = z.infer<typeof buttonSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  url: z.string(),
  proxyUrl: z.string().optional(),
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  contentType: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const embedSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  color: z.number().optional(),
  imageUrl: z.string().optional(),
});
export type Embed = z.infer<typeof embedSchema>;

/**
 * A modal Midjourney opened in answer to a click (Remix mode, Custom Zoom, describe picks…): the
 * task waits in MODAL until the client sends the text, then the dispatcher submits it (§3.4).
 */
export const modalStateSchema = z.object({
  /** The click's interaction id from INTERACTION_MODAL_CREATE: the submit's `data.id`. */
  interactionId: z.string(),
  /** The modal's custom_id (e.g. `MJ::RemixModal::<hash>::1::1`). */
  customId: z.string(),
  /** custom_id of the text input to fill; none for Vary (Region)'s editor (an iframe, `MJ::iframe::<token>`). */
  inputId: z.string().optional(),
  title: z.string().optional(),
  /** What Midjourney prefilled (usually the parent's prompt). */
  value: z.string().optional(),
  /** The text the client sent for the submit. */
  prompt: z.string().optional(),
  /** Vary (Region): image-store key of the mask the client sent with the text. */
  maskKey: z.string().optional(),
});

/** Vary (Region) opens Midjourney's editor (an iframe), not a Discord modal (§3.4). */
export function isIframeModal(modal: Pick<ModalState, 'customId'>): boolean {
  return modal.customId.startsWith('MJ::iframe::');
}
export type ModalState = z.infer<typeof modalStateSchema>;

/**
 * An image a task sends to Discord (describe, blend, message): stored in mjq's image store by
 * /upload under `imageKey`, uploaded to the account's attachment slot at send time.
 */
export const uploadRefSchema = z.object({
  /** The handle /upload returned: `<uuid>/<filename>`. */
  uploadFilename: z.string(),
  filename: z.string(),
  imageKey: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type UploadRef = z.infer<typeof uploadRefSchema>;

export const BLEND_DIMENSIONS = ['2:3', '1:1', '3:2'] as const;

/** The task record: one definition for the store, the API and the callbacks. */
export const taskSchema = z.object({
  id: z.string().regex(/^\d+$/),
  action: z.enum(TASK_ACTIONS),
  status: z.enum(TASK_STATUSES),
  prompt: z.string(),
  promptFull: z.string().optional(),
  imageUrls: z.array(z.string()).default([]),
  parentId: z.string().optional(),
  index: z.number().int().optional(),
  /** The button clicked (UPSCALE, VARIATION, REROLL, ACTION tasks). */
  customId: z.string().optional(),
  /** Discord id of the message carrying that button (the parent's result message). */
  parentMessageId: z.string().optional(),
  /** That message's flags: the click carries them as `message_flags` (64 on an ephemeral one). */
  parentMessageFlags: z.number().int().optional(),
  /** Inputs of DESCRIBE, BLEND and MESSAGE tasks. */
  uploads: z.array(uploadRefSchema).optional(),
  dimensions: z.enum(BLEND_DIMENSIONS).optional(),
  /** Numbered prompts of a DESCRIBE or SHORTEN result. */
  prompts: z.array(z.string()).optional(),
  modal: modalStateSchema.optional(),
  accountId: z.string().optional(),
  mode: z.enum(TASK_MODES).optional(),
  progress: z.number().int().min(0).max(100).default(0),
  /** Served by mjq (image store) once copied; until then, or if the copy failed, Discord's. */
  imageUrl: z.string().optional(),
  /** The result image's Discord CDN URL (expires; kept for reference). */
  discordImageUrl: z.string().optional(),
  attachments: z.array(attachmentSchema).default([]),
  embeds: z.array(embedSchema).default([]),
  buttons: z.array(buttonSchema).default([]),
  messageId: z.string().optional(),
  messageHash: z.string().optional(),
  content: z.string().optional(),
  nonce: z.string().optional(),
  interactionId: z.string().optional(),
  flags: z.number().int().optional(),
  failReason: z.string().optional(),
  failCode: z.string().optional(),
  submitTime: z.number().int(),
  startTime: z.number().int().optional(),
  finishTime: z.number().int().optional(),
  callbackUrl: z.string().optional(),
  apiKeyId: z.string().optional(),
  /** Id of the API key that created the task: only that key (and admin keys) may see or cancel it. */
  owner: z.string().optional(),
  /** The midjourney-proxy API's `state`: the client's own string, returned as given. */
  state: z.string().optional(),
  /** The midjourney-proxy API's `botType` as submitted (MID_JOURNEY, NIJI_JOURNEY). */
  botType: z.string().optional(),
  /** What the callback body looks like: the seed's (default) or the proxy's Task object (notifyHook). */
  callbackFormat: z.enum(CALLBACK_FORMATS).optional(),
  /**
   * A Remix modal opened by this click is submitted at once with its prefilled prompt: clients of
   * the proxy API never answer it (trueai's behaviour). Custom Zoom and Vary (Region) still wait.
   */
  autoModal: z.boolean().optional(),
});
export type Task = z.infer<typeof taskSchema>;

import type { ImagineRequest, Task } from '@mjq/common';

// tsoa reads plain TypeScript declarations to build the OpenAPI spec and validate requests;
// it cannot read zod's inferred types. These mirror the zod schemas of @mjq/common, and the
// `Same` assertions at the end fail compilation whenever the two disagree.

/** Body of POST /v1/api/trigger/imagine (the seed's, plus an optional per-task callback URL). */
export interface ImagineBody {
  /** The prompt, as typed after /imagine. @minLength 1 @maxLength 4000 @example "a red fox in snow --ar 3:2" */
  prompt: string;
  /** An image prompt: a URL placed before the text. @example "https://example.com/cat.png" */
  picurl?: string;
  /** Where to POST this task's callbacks (overrides CALLBACK_URL). */
  callbackUrl?: string;
  /** Run on an account in this mode; Midjourney also gets the matching --fast/--relax/--turbo. */
  mode?: 'fast' | 'relax' | 'turbo';
}

export interface TriggerAnswer {
  message: 'success';
  /** The task id; a numeric string. */
  trigger_id: string;
  trigger_type: string;
}

export type TaskStatusView = 'NOT_START' | 'SUBMITTED' | 'MODAL' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'CANCEL';
export type TaskActionView =
  | 'IMAGINE' | 'UPSCALE' | 'VARIATION' | 'REROLL' | 'DESCRIBE' | 'BLEND' | 'SHORTEN' | 'ACTION' | 'MODAL' | 'UPLOAD' | 'MESSAGE';

export interface ButtonView { customId: string; label?: string; emoji?: string; style?: number; url?: string }
export interface AttachmentView {
  id: string; filename: string; url: string; proxyUrl?: string; size?: number; width?: number; height?: number; contentType?: string;
}
export interface EmbedView { title?: string; description?: string; color?: number; imageUrl?: string }

export interface TaskView {
  /** Numeric, time-sortable id, always a string. */
  id: string;
  action: TaskActionView;
  status: TaskStatusView;
  prompt: string;
  /** The prompt as sent to Midjourney, with the task marker. */
  promptFull?: string;
  imageUrls: string[];
  parentId?: string;
  index?: number;
  customId?: string;
  accountId?: string;
  mode?: 'fast' | 'relax' | 'turbo';
  /** 0–100 */
  progress: number;
  imageUrl?: string;
  attachments: AttachmentView[];
  embeds: EmbedView[];
  buttons: ButtonView[];
  messageId?: string;
  messageHash?: string;
  content?: string;
  nonce?: string;
  interactionId?: string;
  flags?: number;
  failReason?: string;
  failCode?: string;
  /** Epoch milliseconds. */
  submitTime: number;
  startTime?: number;
  finishTime?: number;
  callbackUrl?: string;
  apiKeyId?: string;
}

export interface ErrorView {
  /** Stable machine-readable code, e.g. VALIDATION_ERROR, NOT_FOUND, REDIS_UNAVAILABLE. */
  code: string;
  message: string;
  details?: unknown;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const dtoMatchesSchemas: [Same<ImagineBody, ImagineRequest>, Same<TaskView, Task>] = [true, true];

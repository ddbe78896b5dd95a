import type { Task } from '@mjq/common';

// tsoa reads plain TypeScript declarations to build the OpenAPI spec and validate requests;
// it cannot read zod's inferred types. These mirror the task schema of @mjq/common, and the
// `Same` assertion at the end fails compilation whenever the two disagree. Request bodies are in
// trigger-dto.ts.

export type TaskStatusView = 'NOT_START' | 'SUBMITTED' | 'MODAL' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'CANCEL';
export type TaskActionView =
  | 'IMAGINE' | 'UPSCALE' | 'VARIATION' | 'REROLL' | 'DESCRIBE' | 'BLEND' | 'SHORTEN' | 'ACTION' | 'MODAL' | 'UPLOAD' | 'MESSAGE';

export interface ButtonView { customId: string; label?: string; emoji?: string; style?: number; url?: string }
export interface AttachmentView {
  id: string; filename: string; url: string; proxyUrl?: string; size?: number; width?: number; height?: number; contentType?: string;
}
export interface EmbedView { title?: string; description?: string; color?: number; imageUrl?: string }

/** An image a task sends to Discord (describe, blend, message), stored by /upload. */
export interface UploadRefView {
  /** The handle /upload returned: `<uuid>/<filename>`. */
  uploadFilename: string;
  filename: string;
  /** Key in mjq's image store; served at GET /v1/images/{imageKey}. */
  imageKey: string;
  contentType: string;
  size: number;
}

/** A modal Midjourney opened in answer to a click; the task waits in MODAL for POST /v1/api/trigger/modal. */
export interface ModalStateView {
  interactionId: string;
  /** The modal's custom_id, e.g. `MJ::RemixModal::<hash>::1::1`. */
  customId: string;
  /** custom_id of the text input to fill; absent for Vary (Region)'s editor (`MJ::iframe::…`). */
  inputId?: string;
  title?: string;
  /** What Midjourney prefilled (usually the parent's prompt). */
  value?: string;
  /** The text the client sent. */
  prompt?: string;
  /** Vary (Region): where the client's mask is stored. */
  maskKey?: string;
}

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
  /** The button clicked (UPSCALE, VARIATION, REROLL, ACTION tasks). */
  customId?: string;
  /** Discord id of the message carrying that button (the parent's result message). */
  parentMessageId?: string;
  /** Inputs of DESCRIBE, BLEND and MESSAGE tasks (and the image of an UPLOAD). */
  uploads?: UploadRefView[];
  dimensions?: '2:3' | '1:1' | '3:2';
  /** Numbered prompts of a DESCRIBE or SHORTEN result. */
  prompts?: string[];
  modal?: ModalStateView;
  accountId?: string;
  mode?: 'fast' | 'relax' | 'turbo';
  /** 0–100 */
  progress: number;
  /** The result image: served by mjq (GET /v1/images/…) once copied, else Discord's. */
  imageUrl?: string;
  /** The result image's Discord CDN URL (expires after about a day). */
  discordImageUrl?: string;
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
  /** Id of the API key that created the task. */
  owner?: string;
  /** The proxy API's `state`, as the client gave it. */
  state?: string;
  /** The proxy API's `botType`, as the client gave it. */
  botType?: string;
  /** `proxy`: callbacks carry midjourney-proxy's Task object (tasks submitted through /mj). */
  callbackFormat?: 'seed' | 'proxy';
  /** A Remix modal opened by this click is submitted with its prefilled prompt (tasks of /mj/submit/action). */
  autoModal?: boolean;
}

/** A page of GET /v1/tasks. */
export interface TaskListView {
  tasks: TaskView[];
  /** Pass as `cursor` for the next (older) page; absent on the last one. */
  nextCursor?: string;
}

export interface ErrorView {
  /** Stable machine-readable code, e.g. VALIDATION_ERROR, NOT_FOUND, REDIS_UNAVAILABLE. */
  code: string;
  message: string;
  details?: unknown;
}

/** True only when A and B are the same type; used to pin tsoa declarations to the zod schemas. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const taskViewMatchesSchema: Same<TaskView, Task> = true;

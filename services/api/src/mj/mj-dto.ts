import type { ProxyTask } from '@mjq/common';
import type { Same } from '../dto.js';

// tsoa-readable declarations of the midjourney-proxy API (its field names, its JSON types). The
// zod schemas in @mjq/common (proxy-api.ts) validate; these drive the OpenAPI spec. Every field
// may be null: relays post their whole request struct.

/** The proxy's answer to a submit. */
export interface MjSubmitResultView {
  /** 1 submitted, 21 waiting for the modal (finalPrompt in properties), 22 queued, 23 queue full, 24 banned prompt, 3 not found, 4 validation error, 9 failure. */
  code: number;
  description: string;
  /** The task id; null when nothing was accepted. */
  result: string | null;
  /** finalPrompt (21), numberOfQueues (22), bannedWord (24), error (mjq's own code). */
  properties: { [key: string]: any };
}

/** upload-discord-images: the Discord links of the images. */
export interface MjUploadResultView {
  code: number;
  description: string;
  result: string[];
}

interface ProxyFieldsBody {
  /** Where to POST the Task object on each change. */
  notifyHook?: string | null;
  /** Your own string, returned as given in the Task object. */
  state?: string | null;
  /** MID_JOURNEY or NIJI_JOURNEY (recorded; the bot is MJ_APPLICATION_ID's). */
  botType?: string | null;
}

export interface MjImagineBody extends ProxyFieldsBody {
  /** @example "a red fox in snow --ar 3:2" */
  prompt?: string | null;
  /** Image prompts: base64 or data URLs; each is posted to Discord first and its link put before the prompt. */
  base64Array?: string[] | null;
}

export interface MjActionBody extends ProxyFieldsBody {
  taskId?: string | null;
  /** A `customId` from the task's `buttons`. */
  customId?: string | null;
}

export interface MjModalBody extends ProxyFieldsBody {
  taskId?: string | null;
  /** The modal's text; the prefilled one when absent. */
  prompt?: string | null;
  /** Vary (Region): the area to redraw (PNG/WebP, white = redraw), base64. */
  maskBase64?: string | null;
}

export interface MjBlendBody extends ProxyFieldsBody {
  /** 2 to 5 images, base64 or data URLs. */
  base64Array?: string[] | null;
  dimensions?: 'PORTRAIT' | 'SQUARE' | 'LANDSCAPE' | null;
}

export interface MjDescribeBody extends ProxyFieldsBody {
  /** The image, base64 or a data URL. */
  base64?: string | null;
  /** Not supported: send base64. */
  link?: string | null;
}

export interface MjShortenBody extends ProxyFieldsBody {
  prompt?: string | null;
}

export interface MjChangeBody extends ProxyFieldsBody {
  taskId?: string | null;
  action?: 'UPSCALE' | 'VARIATION' | 'REROLL' | null;
  /** 1–4 for UPSCALE and VARIATION. */
  index?: number | null;
}

export interface MjSimpleChangeBody extends ProxyFieldsBody {
  /** "<taskId> U1…U4 | V1…V4 | R" @example "1320098173412546 U2" */
  content?: string | null;
}

export interface MjUploadDiscordImagesBody {
  base64Array?: string[] | null;
}

export interface MjListByConditionBody {
  ids?: string[] | null;
}

export interface MjButtonView {
  customId: string;
  emoji: string;
  label: string;
  type: number;
  style: number;
}

export interface MjTaskPropertiesView {
  finalPrompt: string;
  finalZhPrompt: string;
  messageId: string;
  messageHash: string;
  nonce: string;
  discordInstanceId: string;
  /** Shown to the task's owner only. */
  notifyHook?: string;
  failCode?: string;
  prompts?: string[];
}

/** midjourney-proxy's Task object. */
export interface MjTaskView {
  id: string;
  /** IMAGINE, UPSCALE, VARIATION, REROLL, DESCRIBE, BLEND, SHORTEN, ZOOM, PAN, INPAINT, UPLOAD, ACTION */
  action: string;
  customId: string;
  botType: string;
  prompt: string;
  promptEn: string;
  description: string;
  state: string;
  /** FAST, RELAX, TURBO or "" */
  mode: string;
  /** Epoch milliseconds. */
  submitTime: number;
  startTime: number | null;
  finishTime: number | null;
  imageUrl: string;
  /** NOT_START, SUBMITTED, MODAL, IN_PROGRESS, SUCCESS, FAILURE, CANCEL */
  status: string;
  /** "0%"…"100%"; "100%" exactly when terminal. */
  progress: string;
  /** "" unless it failed. */
  failReason: string;
  buttons: MjButtonView[];
  maskBase64: string;
  properties: MjTaskPropertiesView;
}

export const mjTaskViewMatches: Same<MjTaskView, ProxyTask> = true;

export interface MjAccountView {
  id: string;
  enabled: boolean;
  mode: string;
  concurrency: number;
  waitSize: number;
}

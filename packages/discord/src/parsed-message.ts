import type { MidjourneyErrorCode } from './embed-classifier.js';

/**
 * `acknowledged`: a job's first message that names the action before the prompt ("Upscaling image
 * #1 with **…**", "Animating...", §4.8) — the job is on its way, nothing is finished. Not the
 * answer to a rating, which is a whole `text_result`.
 */
export type MessageStage = 'waiting' | 'acknowledged' | 'progress' | 'done' | 'stopped' | 'queued' | 'error' | 'text_result' | 'unknown';

/**
 * `upscale` = U1–U4 crop ("Image #n"); `upscale_v2` = "Upscaled (Subtle|Creative|2x|4x)" re-renders
 * (§4.3). `video` = a video job (step frames, `--video` prompt, video buttons), `animate` = the
 * "Animating..." acknowledgement of an Animate click, `bookmark` = the answer to a rating (§4.8),
 * a text result.
 */
export type ResultKind =
  | 'imagine'
  | 'upscale'
  | 'variation'
  | 'remix'
  | 'upscale_v2'
  | 'pan'
  | 'zoom'
  | 'blend'
  | 'describe'
  | 'shorten'
  | 'video'
  | 'animate'
  | 'bookmark'
  | 'unknown';

/** A button or select of the message; link buttons (style 5) have `url` and an empty `customId`. */
export interface ParsedButton {
  customId: string;
  label?: string;
  emoji?: string;
  style?: number;
  url?: string;
}

export interface ParsedMessage {
  messageId: string;
  channelId: string;
  /** From the `<#…#>` marker (§4.6 point 2); children of a task carry their parent's marker. */
  taskId?: string;
  /** The bold prompt (greedy, §4.7), marker included as sent; Midjourney rewrites image links. */
  prompt?: string;
  stage: MessageStage;
  kind: ResultKind;
  /** 0–100 while in progress, 100 when done. */
  progress?: number;
  mode?: 'fast' | 'relaxed' | 'turbo';
  /** "Image #n" of a U1–U4 result or of an acknowledgement ("Upscaling image #n with …"). */
  index?: number;
  /** Strong/Subtle/Region, Subtle/Creative/2x/4x or Left/Right/Up/Down, as written by Midjourney. */
  variant?: string;
  imageUrl?: string;
  /** Attachment URLs, or the embed image of a describe result when there are none. */
  imageUrls: string[];
  /**
   * Job UUID (§3.5) from attachments, button custom_ids (the Cancel Job button's included: today's
   * waiting messages and acknowledgements carry it before any image, §4.8) or a midjourney.com/jobs link.
   */
  messageHash?: string;
  /** Flattened from the action rows, in order: click by custom_id, never by position (§4.3). */
  buttons: ParsedButton[];
  nonce?: string;
  /** interaction_metadata.id ?? interaction.id: the id INTERACTION_SUCCESS reported (§4.6 point 1). */
  interactionId?: string;
  interactionName?: string;
  /** message_reference.message_id, else interaction_metadata.interacted_message_id: the parent (§4.4). */
  referencedMessageId?: string;
  /** Only the invoking user's sessions see these (§4.1). */
  ephemeral: boolean;
  /** Numbered prompts of a describe/shorten result, in order. */
  prompts?: string[];
  error?: { code: MidjourneyErrorCode; title: string; description: string };
}

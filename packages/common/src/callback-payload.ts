import type { CallbackEvent } from './queues.js';
import type { Task } from './task.js';

/**
 * The seed's callback body: `{type, id, content, attachments, embeds, trigger_id}`.
 * `id` is the Discord message id, `trigger_id` the task id, both strings.
 */
export interface SeedCallbackBody {
  type: CallbackEvent;
  id: string;
  content: string;
  attachments: { id: string; filename: string; url: string; proxy_url?: string; width?: number; height?: number }[];
  embeds: { title?: string; description?: string; color?: number; image?: { url: string } }[];
  trigger_id: string;
  status: Task['status'];
  progress: number;
  message_hash?: string;
  /** The result image as mjq serves it (outlives Discord's link in `attachments`). */
  image_url?: string;
  /** Numbered prompts of a describe / shorten result. */
  prompts?: string[];
  /** A task in MODAL: what the modal asks for (send the text to /v1/api/trigger/modal). */
  modal?: { title?: string; value?: string };
  fail_code?: string;
  fail_reason?: string;
}

export function seedCallbackBody(event: CallbackEvent, task: Task): SeedCallbackBody {
  return {
    type: event,
    id: task.messageId ?? '',
    content: task.content ?? '',
    attachments: task.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      url: a.url,
      proxy_url: a.proxyUrl,
      width: a.width,
      height: a.height,
    })),
    embeds: task.embeds.map((e) => ({
      title: e.title,
      description: e.description,
      color: e.color,
      image: e.imageUrl ? { url: e.imageUrl } : undefined,
    })),
    trigger_id: task.id,
    status: task.status,
    progress: task.progress,
    message_hash: task.messageHash,
    image_url: task.imageUrl,
    prompts: task.prompts,
    modal: task.modal ? { title: task.modal.title, value: task.modal.value } : undefined,
    fail_code: task.failCode,
    fail_reason: task.failReason,
  };
}

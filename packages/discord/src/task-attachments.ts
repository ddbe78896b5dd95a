import type { Attachment } from '@mjq/common';
import type { DiscordAttachment } from './discord-types.js';

/** Discord's attachment objects in the task record's words. */
export function toTaskAttachments(raw: DiscordAttachment[]): Attachment[] {
  return raw.map((a) => ({
    id: a.id,
    filename: a.filename,
    url: a.url,
    proxyUrl: a.proxy_url,
    size: a.size,
    width: a.width,
    height: a.height,
    contentType: a.content_type,
  }));
}

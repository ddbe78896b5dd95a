import type { Attachment } from '../discord-types.js';
import { imageInfo } from '../images/image-size.js';
import type { AttachmentStore } from './attachment-store.js';
import type { UploadedFile } from './upload-store.js';

/**
 * An uploaded file made a channel attachment, as Discord does when a message (§2.4) or
 * Midjourney (describe, blend) uses it: same name, content type and size read from the bytes.
 */
export function storeUpload(store: AttachmentStore, channelId: string, file: UploadedFile): Attachment {
  const info = imageInfo(file.bytes);
  return store.put({
    channelId,
    filename: file.filename,
    contentType: info?.contentType ?? file.contentType,
    bytes: file.bytes,
    ...(info ? { width: info.width, height: info.height } : {}),
  });
}

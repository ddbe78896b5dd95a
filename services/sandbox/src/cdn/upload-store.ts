import { randomBytes, randomUUID } from 'node:crypto';

/** Discord's attachment size limit for an account without Nitro. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A slot handed out by `POST /channels/{id}/attachments` (§2.4), filled by the `PUT`. */
export interface UploadSlot {
  /** `<uuid>/<filename>`: what messages and interactions later send as `uploaded_filename`. */
  uploadFilename: string;
  filename: string;
  uploadId: string;
  channelId: string;
  userId: string;
  bytes?: Buffer;
  contentType?: string;
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * The storage bucket behind Discord's upload slots (Google Cloud Storage on Discord). A slot is
 * usable once its bytes arrived, and only by the user who asked for it.
 */
export class UploadStore {
  private readonly slots = new Map<string, UploadSlot>();

  open(channelId: string, userId: string, filename: string): UploadSlot {
    const slot: UploadSlot = {
      // Path separators would change the meaning of `<uuid>/<filename>`.
      uploadFilename: `${randomUUID()}/${filename.replace(/[/\\]/g, '_')}`,
      filename,
      uploadId: randomBytes(24).toString('base64url'),
      channelId,
      userId,
    };
    this.slots.set(slot.uploadFilename, slot);
    return slot;
  }

  /** Stores the bytes of a `PUT <upload_url>`; false when no slot has that name and upload id. */
  receive(uploadFilename: string, uploadId: string | null, bytes: Buffer, contentType: string): boolean {
    const slot = this.slots.get(uploadFilename);
    if (!slot || slot.uploadId !== uploadId) return false;
    slot.bytes = bytes;
    slot.contentType = contentType;
    return true;
  }

  /** The uploaded file behind `uploaded_filename`, for its owner; undefined if unknown or still empty. */
  uploaded(uploadFilename: unknown, userId: string): UploadedFile | undefined {
    const slot = typeof uploadFilename === 'string' ? this.slots.get(uploadFilename) : undefined;
    if (!slot?.bytes || slot.userId !== userId) return undefined;
    return { filename: slot.filename, contentType: slot.contentType ?? 'application/octet-stream', bytes: slot.bytes };
  }

  clear(): void {
    this.slots.clear();
  }
}

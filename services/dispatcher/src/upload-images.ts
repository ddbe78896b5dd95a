import type { ImageStore, UploadRef } from '@mjq/common';
import type { UploadedImage } from '@mjq/discord';
import type { DiscordRest } from './discord-rest.js';
import { TaskNotSendable } from './task-interaction.js';

/**
 * Discord's attachment-slot flow (§2.4): ask for one slot per file, PUT each file's bytes to
 * its signed URL, then reference the slots' `upload_filename`s from a command or a message.
 * The bytes come from mjq's image store, where /upload left them.
 */
export async function uploadImages(rest: DiscordRest, images: ImageStore, channelId: string, refs: UploadRef[]): Promise<UploadedImage[]> {
  const files = await Promise.all(
    refs.map(async (ref) => {
      const stored = await images.get(ref.imageKey);
      if (!stored) throw new TaskNotSendable(`the uploaded image ${ref.uploadFilename} has expired`);
      return { ref, stored };
    }),
  );
  const slots = await rest.requestUploadSlots(
    channelId,
    files.map(({ ref, stored }, i) => ({ id: String(i), filename: ref.filename, fileSize: stored.data.length })),
  );
  await Promise.all(slots.map((slot, i) => rest.putUpload(slot.upload_url, files[i]!.stored.data, files[i]!.stored.contentType)));
  return slots.map((slot, i) => ({ filename: files[i]!.ref.filename, uploadedFilename: slot.upload_filename }));
}

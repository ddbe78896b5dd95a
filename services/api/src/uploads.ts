import { randomUUID } from 'node:crypto';
import { AppError, imageKeys, MAX_IMAGE_BYTES, publicImageUrl, sniffImageType, type Task, type UploadRef } from '@mjq/common';
import type { ApiContext, RequestContext } from './context.js';
import { indexOwnedTask } from './key-limits.js';
import { assertRedisReady, withStorage } from './storage-guard.js';
import { newTask } from './task-submitter.js';
import { uploadFileName } from './upload-name.js';

/** The part of multer's file this needs. */
export interface ReceivedFile {
  buffer: Buffer;
  originalname: string;
}

/**
 * The seed's /upload: keeps the image in the image store (shared by every replica, expiring with
 * the tasks) and records an UPLOAD task, finished at once: nothing goes to Discord until a
 * describe, blend or message uses the returned upload_filename. The bytes must be an image by
 * their magic numbers; a name or declared type proves nothing.
 */
export async function storeUpload(ctx: RequestContext, file: ReceivedFile | undefined): Promise<Task> {
  if (!file) throw new AppError('MISSING_FILE', 'Send the image as multipart/form-data in the form field "file"');
  if (file.buffer.length > MAX_IMAGE_BYTES) throw new AppError('FILE_TOO_LARGE', `The image is over ${MAX_IMAGE_BYTES} bytes`, { maxBytes: MAX_IMAGE_BYTES });
  const contentType = sniffImageType(file.buffer);
  if (!contentType) throw new AppError('NOT_AN_IMAGE', 'The file is not a PNG, JPEG, GIF or WebP image');
  assertRedisReady(ctx);
  const uploadFilename = `${randomUUID()}/${uploadFileName(file.originalname, contentType)}`;
  const imageKey = imageKeys.upload(uploadFilename);
  const ref: UploadRef = { uploadFilename, filename: uploadFilename.split('/')[1]!, imageKey, contentType, size: file.buffer.length };
  return withStorage(ctx, async () => {
    await ctx.images.put(imageKey, { data: file.buffer, contentType });
    const now = Date.now();
    const task: Task = {
      ...newTask(await ctx.taskIds.next(), { action: 'UPLOAD', prompt: '', uploads: [ref] }),
      status: 'SUCCESS',
      progress: 100,
      imageUrl: publicImageUrl(ctx.config, imageKey),
      finishTime: now,
      owner: ctx.caller.keyId,
    };
    await ctx.store.create(task);
    await indexOwnedTask(ctx, task);
    ctx.log.info({ taskId: task.id, size: ref.size, contentType }, 'image uploaded');
    return task;
  });
}

/** The stored uploads behind upload_filenames, in order; 404 UNKNOWN_UPLOAD names the first missing one. */
export async function findUploads(ctx: ApiContext, uploadFilenames: string[]): Promise<UploadRef[]> {
  assertRedisReady(ctx);
  const refs: UploadRef[] = [];
  for (const uploadFilename of uploadFilenames) {
    const imageKey = imageKeys.upload(uploadFilename);
    const image = await withStorage(ctx, () => ctx.images.stat(imageKey));
    if (!image) throw new AppError('UNKNOWN_UPLOAD', `No upload ${uploadFilename} (or it expired): send the image to /upload first`, { upload_filename: uploadFilename });
    refs.push({ uploadFilename, filename: uploadFilename.split('/')[1]!, imageKey, contentType: image.contentType, size: image.size });
  }
  return refs;
}

import { randomUUID } from 'node:crypto';
import { imageKeys, type UploadRef } from '@mjq/common';
import type { ApiContext, RequestContext } from '../context.js';
import { submitMessage } from '../message-submitter.js';
import { withStorage } from '../storage-guard.js';
import type { DecodedImage } from './mj-base64.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * Keeps a decoded image in the image store as /upload does, returning the reference a describe,
 * blend or message task sends to Discord through the account's attachment flow.
 */
export async function storeImage(ctx: ApiContext, image: DecodedImage): Promise<UploadRef> {
  const filename = `image.${EXTENSIONS[image.contentType] ?? 'png'}`;
  const uploadFilename = `${randomUUID()}/${filename}`;
  const imageKey = imageKeys.upload(uploadFilename);
  await withStorage(ctx, () => ctx.images.put(imageKey, { data: image.data, contentType: image.contentType }));
  return { uploadFilename, filename, imageKey, contentType: image.contentType, size: image.data.length };
}

/**
 * Posts each image in an account's channel (a MESSAGE task, as /v1/api/trigger/message does) and
 * returns their Discord CDN links: what Midjourney accepts as image prompts. One after another:
 * each waits for its message.
 */
export async function discordLinks(ctx: RequestContext, images: DecodedImage[], signal?: AbortSignal): Promise<string[]> {
  const links: string[] = [];
  for (const image of images) {
    const ref = await storeImage(ctx, image);
    links.push((await submitMessage(ctx, { upload_filename: ref.uploadFilename }, signal)).picurl);
  }
  return links;
}

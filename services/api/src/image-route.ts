import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError, isImageKey, PRESIGNED_LINK_SECONDS } from '@mjq/common';
import type { ApiContext } from './context.js';
import { assertRedisReady } from './storage-guard.js';

/**
 * GET /v1/images/{key} — bytes of the image store: uploads and the copies of results that
 * tasks' `imageUrl` point at (a plain express route: tsoa cannot send raw bytes; the OpenAPI
 * entry comes from tsoa.json).
 *
 * Public, without API key: these URLs are fetched by browsers (`<img>`) and handed to
 * Midjourney as image prompts, neither of which can send a key. Keys are capability URLs like
 * Discord's CDN links: uploads carry a random UUID, results the task id, so a URL is only known
 * to whoever got it from the API. An image never changes under its key, hence the year-long,
 * immutable caching.
 */
/** A store that fails (a bucket out of reach, a disk error) is a 503 to retry, never a 500. */
async function fromStore<T>(ctx: ApiContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    ctx.log.warn({ err }, 'image store failed');
    throw new AppError('SERVICE_UNAVAILABLE', 'The image store is unavailable; try again shortly');
  }
}

export function imageRoute(ctx: ApiContext): RequestHandler {
  return async (req, res, next) => {
    try {
      const segments = ([] as string[]).concat(req.params.key ?? []);
      const key = segments.join('/');
      // Refused here, whatever the store: a key no imageKeys call builds is never stored (and,
      // defence in depth, nothing with `..` anywhere in it).
      if (!isImageKey(key) || key.includes('..')) throw new AppError('VALIDATION_ERROR', 'Invalid image key');
      assertRedisReady(ctx);
      if (ctx.images.signedUrl) {
        // An object store serves the bytes itself, through a short-lived link.
        const signedUrl = ctx.images.signedUrl.bind(ctx.images);
        const link = await fromStore(ctx, async () => ((await ctx.images.has(key)) ? signedUrl(key) : undefined));
        if (!link) throw new AppError('NOT_FOUND', `No image ${key}`);
        res.set('cache-control', `private, max-age=${Math.floor(PRESIGNED_LINK_SECONDS / 2)}`);
        res.redirect(302, link);
        return;
      }
      const image = await fromStore(ctx, () => ctx.images.get(key));
      if (!image) throw new AppError('NOT_FOUND', `No image ${key}`);
      res.set({
        'content-type': image.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: `"${createHash('sha256').update(image.data).digest('base64url')}"`,
        // The stored type is the one served: never let a browser guess another from the bytes.
        'x-content-type-options': 'nosniff',
      });
      // express answers 304 itself when If-None-Match matches the ETag.
      res.send(image.data);
    } catch (err) {
      next(err);
    }
  };
}

import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { AppError, isImageKey, PRESIGNED_LINK_SECONDS, ResultCopies } from '@mjq/common';
import type { ApiContext } from './context.js';
import { awaitResultCopy, type ResultWaitDeps } from './result-wait.js';
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
 *
 * A result's file may be asked for before it is in the store: its task is stored SUCCESS while
 * the copy from Discord's CDN is still under way. The request waits for the copy, or is sent to
 * Discord's URL when the copy failed or is late (result-wait.ts).
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

/** The image from `look`, now or once its result copy lands; else Discord's URL for it; else 404. */
async function findImage<T>(wait: ResultWaitDeps, key: string, look: () => Promise<T | undefined>): Promise<{ found: T } | { discordUrl: string }> {
  const first = await look();
  if (first !== undefined) return { found: first };
  const later = await awaitResultCopy(wait, key, look);
  if (!later) throw new AppError('NOT_FOUND', `No image ${key}`);
  return later;
}

export function imageRoute(ctx: ApiContext): RequestHandler {
  const wait: ResultWaitDeps = { copies: new ResultCopies(ctx.redis, ctx.config.redis.prefix), store: ctx.store, stopping: ctx.stopping };
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
        const link = await findImage(wait, key, () => fromStore(ctx, async () => ((await ctx.images.has(key)) ? signedUrl(key) : undefined)));
        if ('discordUrl' in link) return toDiscord(res, link.discordUrl);
        res.set('cache-control', `private, max-age=${Math.floor(PRESIGNED_LINK_SECONDS / 2)}`);
        res.redirect(302, link.found);
        return;
      }
      const stored = await findImage(wait, key, () => fromStore(ctx, () => ctx.images.get(key)));
      if ('discordUrl' in stored) return toDiscord(res, stored.discordUrl);
      const image = stored.found;
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

/**
 * A result whose copy failed or is late: Discord's own URL (it expires within a day). Not cached:
 * a copy taken over later by another listener is served under the same key.
 */
function toDiscord(res: Response, url: string): void {
  res.set('cache-control', 'no-store');
  res.redirect(302, url);
}

import got from 'got';
import { DIRECT, imageKeys, MAX_IMAGE_BYTES, safeFilename, sniffImageType, type ImageStore, type Logger, type ProxyRoutes, type StoredImage } from '@mjq/common';
import type { ImageSourcePolicy } from './image-sources.js';

export interface DownloadLimits {
  connectMs: number;
  /** For the whole download, retry included. */
  totalMs: number;
  maxBytes: number;
  retries: number;
}

export const DOWNLOAD_LIMITS: DownloadLimits = { connectMs: 5000, totalMs: 30_000, maxBytes: MAX_IMAGE_BYTES, retries: 1 };

/** A URL outside the allowed image sources, named first or reached by a redirect. */
export class ImageSourceRefused extends Error {
  constructor(url: URL, how: 'named' | 'redirect') {
    super(`${how === 'redirect' ? 'redirect to' : 'image at'} ${url.origin} refused: not Discord's CDN`);
    this.name = 'ImageSourceRefused';
  }
}

/**
 * Fetches an image from an allowed source, refusing anything over `maxBytes` (aborted as soon as
 * it shows) or not an image. Redirects are followed only while they stay on allowed sources.
 */
export async function downloadImage(url: string, allowed: ImageSourcePolicy, limits: DownloadLimits = DOWNLOAD_LIMITS, routes: ProxyRoutes = DIRECT): Promise<StoredImage> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`not an http(s) URL: ${target.protocol}`);
  if (!allowed(target)) throw new ImageSourceRefused(target, 'named');
  const { connectMs, totalMs, maxBytes } = limits;
  const request = got(target, {
    responseType: 'buffer',
    // Discord's CDN is Discord too: through DISCORD_PROXY (redirects stay on its hosts, see below).
    agent: routes.gotAgents(target),
    timeout: { lookup: connectMs, connect: connectMs, secureConnect: connectMs, request: totalMs },
    // got's timeouts are per attempt; the signal bounds the download as a whole.
    signal: AbortSignal.timeout(totalMs),
    retry: { limit: limits.retries, backoffLimit: 500 },
    hooks: {
      // Checked before the redirect is requested: a refused host is never contacted.
      beforeRedirect: [
        (options) => {
          const next = options.url instanceof URL ? options.url : new URL(String(options.url));
          if (!allowed(next)) throw new ImageSourceRefused(next, 'redirect');
        },
      ],
    },
  });
  let tooLarge = false;
  request.on('downloadProgress', ({ transferred, total }) => {
    if (transferred <= maxBytes && (total ?? 0) <= maxBytes) return;
    tooLarge = true;
    request.cancel();
  });
  let data: Buffer;
  try {
    data = (await request).body;
  } catch (err) {
    if (tooLarge) throw new RangeError(`image over ${maxBytes} bytes`);
    // got wraps what a hook throws; the refusal is the reason worth logging.
    if ((err as Error).cause instanceof ImageSourceRefused) throw (err as Error).cause;
    throw err;
  }
  const contentType = sniffImageType(data);
  if (!contentType) throw new Error('the download is not an image');
  return { data, contentType };
}

export interface ResultSource {
  url: string;
  filename?: string;
}

/** imageUrl / discordImageUrl of a SUCCESS. */
export interface ResultImageFields {
  imageUrl: string;
  discordImageUrl: string;
}

export interface ResultImagesDeps {
  images: ImageStore;
  /** The URL clients fetch a stored image at (publicImageUrl of the config). */
  publicUrl: (key: string) => string;
  /** Where images may be downloaded from (discordImageSources of the config). */
  sources: ImageSourcePolicy;
  log: Logger;
  limits?: DownloadLimits;
  /** The way out to Discord's CDN (DISCORD_PROXY); default direct. */
  routes?: ProxyRoutes;
}

/**
 * Copies result images into the image store: Discord's CDN links expire within a day, so a
 * finished task points at mjq's copy. A failed or refused copy (a URL off Discord's CDN) costs
 * the client only that permanence: the task still finishes, with Discord's link.
 */
export class ResultImages {
  constructor(private readonly deps: ResultImagesDeps) {}

  async fieldsFor(taskId: string, source: ResultSource): Promise<ResultImageFields> {
    const key = imageKeys.result(taskId, source.filename ?? filenameOf(source.url));
    try {
      const image = await downloadImage(source.url, this.deps.sources, this.deps.limits, this.deps.routes);
      await this.deps.images.put(key, image);
      return { imageUrl: this.deps.publicUrl(key), discordImageUrl: source.url };
    } catch (err) {
      this.deps.log.warn({ taskId, url: source.url, err: (err as Error).message }, 'result image not copied: keeping the Discord URL');
      return { imageUrl: source.url, discordImageUrl: source.url };
    }
  }
}

function filenameOf(url: string): string {
  try {
    return safeFilename(decodeURIComponent(new URL(url).pathname));
  } catch {
    return 'image';
  }
}

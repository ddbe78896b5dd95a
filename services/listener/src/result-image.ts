import got from 'got';
import { DIRECT, distinctFiles, type ImageStore, type Logger, MAX_IMAGE_BYTES, type ProxyRoutes, RESULT_DOWNLOAD_MS, type ResultFile, type ResultFiles, sniffResultType, type StoredImage } from '@mjq/common';
import type { ImageSourcePolicy } from './image-sources.js';

export interface DownloadLimits {
  connectMs: number;
  /** For the whole download, retry included. */
  totalMs: number;
  maxBytes: number;
  retries: number;
}

export const DOWNLOAD_LIMITS: DownloadLimits = { connectMs: 5000, totalMs: RESULT_DOWNLOAD_MS, maxBytes: MAX_IMAGE_BYTES, retries: 1 };

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
  // Video jobs' clips are mp4 files (§4.8): kept like images, nothing else is.
  const contentType = sniffResultType(data);
  if (!contentType) throw new Error('the download is not an image or a video');
  return { data, contentType };
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
 * Copies result files into the image store: Discord's CDN links expire within a day, so a
 * finished task points at mjq's copy. A failed or refused copy (a URL off Discord's CDN) costs
 * the client only that permanence: the task still finishes, and its files are Discord's.
 */
export class ResultImages {
  constructor(private readonly deps: ResultImagesDeps) {}

  /** Copies first, then names the files: mjq's URL for each copy that landed, Discord's for the others. */
  async fieldsFor(taskId: string, files: ResultFiles): Promise<ResultFields> {
    const landed = await this.copy(taskId, distinctFiles(files));
    return resultFields(files, this.deps.publicUrl, (key) => landed.has(key));
  }

  /** The fields of a SUCCESS stored before its copy: every file at mjq's URL, which waits for the copy. */
  lastingFields(files: ResultFiles): ResultFields {
    return resultFields(files, this.deps.publicUrl, () => true);
  }

  /** Copies every file at once; resolves with the keys of those that landed, never rejects. */
  async copy(taskId: string, files: readonly ResultFile[]): Promise<Set<string>> {
    const landed = await Promise.all(files.map(async (file) => ((await this.copyOne(taskId, file)) ? [file.key] : [])));
    return new Set(landed.flat());
  }

  private async copyOne(taskId: string, file: ResultFile): Promise<boolean> {
    try {
      const image = await downloadImage(file.url, this.deps.sources, this.deps.limits, this.deps.routes);
      await this.deps.images.put(file.key, image);
      return true;
    } catch (err) {
      this.deps.log.warn({ taskId, url: file.url, err: (err as Error).message }, 'result file not copied: keeping the Discord URL');
      return false;
    }
  }
}

/** imageUrl / discordImageUrl, and videoUrl / videoUrls of a video job, of a SUCCESS. */
export interface ResultFields {
  imageUrl?: string;
  discordImageUrl?: string;
  videoUrl?: string;
  videoUrls?: string[];
}

/** The SUCCESS fields of a result: mjq's URL for every file `kept` says it holds, Discord's for the others. */
export function resultFields(files: ResultFiles, publicUrl: (key: string) => string, kept: (key: string) => boolean): ResultFields {
  const url = (file: ResultFile) => (kept(file.key) ? publicUrl(file.key) : file.url);
  const videoUrls = files.clips.map(url);
  return {
    ...(files.image ? { imageUrl: url(files.image), discordImageUrl: files.image.url } : {}),
    ...(videoUrls.length ? { videoUrl: videoUrls[0]!, videoUrls } : {}),
  };
}

import { imageKeys, safeFilename } from './image-store.js';
import type { Attachment } from './task.js';

/** How long one result download may take, retry included (the listener's download limit). */
export const RESULT_DOWNLOAD_MS = 30_000;

/**
 * How long a listener holds a result copy before another listener's sweep may take it over: one
 * download plus room for the image store's put. Shorter would let two listeners copy at once.
 */
export const RESULT_COPY_LEASE_MS = RESULT_DOWNLOAD_MS + 15_000;

/**
 * The longest an image request waits for a copy under way: one download plus slack. A copy that
 * has not landed by then is late (a listener died, a store hangs): the client gets Discord's URL.
 */
export const RESULT_COPY_WAIT_MS = RESULT_DOWNLOAD_MS + 5_000;

/** One file of a result to keep: where mjq stores it, and Discord's URL it is copied from. */
export interface ResultFile {
  key: string;
  url: string;
}

export interface ResultFiles {
  /** The result image (the task's `imageUrl`), when the result has one. */
  image?: ResultFile;
  /** A video job's clips (mp4), in Midjourney's order (`videoUrls`). */
  clips: ResultFile[];
}

/** What a result message's task fields say about the files to copy (discordImageUrl, attachments). */
export interface ResultSourceFields {
  discordImageUrl?: string;
  attachments?: ReadonlyArray<Pick<Attachment, 'url' | 'filename' | 'contentType'>>;
}

/**
 * The files of a result, from the fields the task keeps: the same answer for the listener that
 * copies them, a sweep that takes a copy over and the image route that redirects to Discord.
 */
export function resultFiles(taskId: string, fields: ResultSourceFields): ResultFiles {
  const attachments = fields.attachments ?? [];
  const url = fields.discordImageUrl;
  const image = url ? { key: imageKeys.result(taskId, attachments[0]?.filename ?? filenameOf(url)), url } : undefined;
  const clips = attachments.filter(isClip).map((a) => ({ key: imageKeys.result(taskId, a.filename), url: a.url }));
  return { image, clips };
}

/** Every file once (a video's first clip may also be its `imageUrl`). */
export function distinctFiles(files: ResultFiles): ResultFile[] {
  const byKey = new Map<string, ResultFile>();
  for (const file of [...(files.image ? [files.image] : []), ...files.clips]) if (!byKey.has(file.key)) byKey.set(file.key, file);
  return [...byKey.values()];
}

/** Video jobs' clips are mp4 files (§4.8): by their declared type, or their name. */
function isClip(a: Pick<Attachment, 'filename' | 'contentType'>): boolean {
  return Boolean(a.contentType?.startsWith('video/')) || /\.mp4$/i.test(a.filename);
}

/** The task a `result/<taskId>/<file>` key belongs to; undefined for any other key. */
export function resultTaskId(key: string): string | undefined {
  return /^result\/(\d+)\/[^/]+$/.exec(key)?.[1];
}

/** The file name in a URL's path, safe as a key's last part. */
export function filenameOf(url: string): string {
  try {
    return safeFilename(decodeURIComponent(new URL(url).pathname));
  } catch {
    return 'image';
  }
}

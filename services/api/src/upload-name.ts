import { safeFilename, type ImageContentType } from '@mjq/common';

const EXTENSIONS: Record<ImageContentType, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};

/** Longest name part of an upload_filename (the request schemas' limit). */
const MAX_NAME = 100;

/**
 * The name an upload is kept (and later sent to Discord) under: URL-safe, without `..` (the
 * image route refuses keys containing it), and ending with the extension of what the bytes are,
 * since Discord derives an attachment's type from its file name, not from its content.
 */
export function uploadFileName(originalName: string, type: ImageContentType): string {
  const safe = safeFilename(originalName.replace(/\.{2,}/g, '.'));
  const dot = safe.lastIndexOf('.');
  const extension = dot > 0 ? safe.slice(dot + 1).toLowerCase() : '';
  if (EXTENSIONS[type].includes(extension)) return safe;
  const suffix = `.${EXTENSIONS[type][0]}`;
  const stem = dot > 0 ? safe.slice(0, dot) : safe;
  return stem.slice(0, MAX_NAME - suffix.length) + suffix;
}

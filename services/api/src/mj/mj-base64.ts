import { AppError, MAX_IMAGE_BYTES, sniffImageType } from '@mjq/common';

export interface DecodedImage {
  data: Buffer;
  contentType: string;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[\w.-]+)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Base64 grows 4/3: anything longer cannot decode to an image within the limit. */
const MAX_BASE64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;

/**
 * An image as the proxy API sends it: a data URL (`data:image/png;base64,…`) or bare base64.
 * Refused (VALIDATION_ERROR, the proxy's code 4) when it is not base64, is over the size limit, or
 * its bytes are not a PNG, JPEG, GIF or WebP (the declared type proves nothing).
 */
export function decodeBase64Image(value: string, field: string): DecodedImage {
  const bad = (message: string) => new AppError('VALIDATION_ERROR', `${field}: ${message}`, { fields: [{ path: field, message }] });
  const body = value.replace(DATA_URL, '').replace(/\s+/g, '');
  if (!body) throw bad('empty image');
  if (body.length > MAX_BASE64_CHARS) throw bad(`image over ${MAX_IMAGE_BYTES} bytes`);
  if (body.length % 4 !== 0 || !BASE64.test(body)) throw bad('not valid base64');
  const data = Buffer.from(body, 'base64');
  const contentType = sniffImageType(data);
  if (!contentType) throw bad('not a PNG, JPEG, GIF or WebP image');
  return { data, contentType };
}

/** Every image of a list decoded first, so that one bad image refuses the request before anything is stored. */
export function decodeBase64Images(values: string[], field: string): DecodedImage[] {
  return values.map((v, i) => decodeBase64Image(v, `${field}[${i}]`));
}

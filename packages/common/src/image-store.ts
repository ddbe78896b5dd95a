import type { Config } from './config.js';

/** Discord's upload limit for a user without Nitro; also our cap for stored images. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

export interface StoredImage {
  data: Buffer;
  contentType: string;
}

/** The image type from its first bytes: a file's name or declared type proves nothing. */
export function sniffImageType(data: Buffer): ImageContentType | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * A result file's type from its first bytes: an image, or an ISO BMFF video (`ftyp` box first),
 * which video jobs' results are (§4.8). Uploads stay images only (sniffImageType).
 */
export function sniffResultType(data: Buffer): string | undefined {
  if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return sniffImageType(data);
}

/** A file name safe in a URL path and in Discord's attachment slot: letters, digits, `._-`. */
export function safeFilename(name: string, fallback = 'image'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(-100);
  return cleaned || fallback;
}

export const imageKeys = {
  /** An /upload: the key follows from the `upload_filename` handed to the client. */
  upload: (uploadFilename: string) => `upload/${uploadFilename}`,
  result: (taskId: string, filename: string) => `result/${taskId}/${safeFilename(filename)}`,
  /** The mask of one Vary (Region) submit call (its own key: a refused second call overwrites nothing). */
  mask: (taskId: string, callId: string) => `mask/${taskId}/${callId}`,
};

/** The API's own address when PUBLIC_URL is not set: its listen address, `localhost` for a wildcard. */
function listenUrl({ host, port }: Config['http']): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

type PublicBucket = { images?: { s3?: { prefix: string; publicBaseUrl?: string } } };

/**
 * Where clients fetch a stored image: the bucket's public address when S3_PUBLIC_BASE_URL is
 * set, else `GET /v1/images/<key>` of the API (which redirects to a presigned link for S3).
 */
export function publicImageUrl(config: Pick<Config, 'http'> & PublicBucket, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  const s3 = config.images?.s3;
  if (s3?.publicBaseUrl) return `${s3.publicBaseUrl}/${s3.prefix.split('/').map(encodeURIComponent).join('/')}${path}`;
  const base = (config.http.publicUrl ?? listenUrl(config.http)).replace(/\/+$/, '');
  return `${base}/v1/images/${path}`;
}

/**
 * Whether clients fetch stored images through `GET /v1/images/<key>` of the API (every store but
 * a bucket with S3_PUBLIC_BASE_URL): only then can a request for a result still being copied wait
 * for it, so only then is a SUCCESS stored before its copy.
 */
export function imagesServedByApi(config: PublicBucket): boolean {
  return !config.images?.s3?.publicBaseUrl;
}

/**
 * Where images live: uploads waiting to be sent to Discord and copies of results, which outlive
 * Discord's expiring CDN links. Shared by every replica (a directory on a shared volume, a bucket,
 * or Redis).
 */
export interface ImageStore {
  put(key: string, image: StoredImage): Promise<void>;
  get(key: string): Promise<StoredImage | undefined>;
  /** Type and size without the bytes (admission checks need no 25 MB read). */
  stat(key: string): Promise<{ contentType: string; size: number } | undefined>;
  has(key: string): Promise<boolean>;
  /** Deletes what has expired, where expiry is not automatic; returns how many images went. */
  sweep(now?: number): Promise<number>;
  /** A short-lived link serving the bytes directly (object stores); the API redirects there. */
  signedUrl?(key: string): Promise<string>;
}

/** Longer than any key imageKeys builds (`upload/<uuid>/<100 chars>`, `result/<id>/<100 chars>`). */
export const MAX_IMAGE_KEY_LENGTH = 300;

/**
 * Whether a key could be one imageKeys built: no empty, `.` or `..` part (it could leave its
 * folder, or name the folder itself) and no control character (a NUL is refused by the file
 * system's calls).
 */
export function isImageKey(key: string): boolean {
  if (!key || key.length > MAX_IMAGE_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) return false;
  return key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Keys are built by imageKeys; a key that could leave its folder is refused wherever it comes from. */
export function assertImageKey(key: string): void {
  if (!isImageKey(key)) throw new RangeError(`bad image key: ${key}`);
}

export function assertImageSize(image: StoredImage): void {
  if (image.data.length > MAX_IMAGE_BYTES) throw new RangeError(`image over ${MAX_IMAGE_BYTES} bytes`);
}

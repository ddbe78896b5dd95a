import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The image-store variables of the environment schema (config.ts spreads them in). Images live
 * as files by default, in an S3-compatible bucket for deployments on several machines, and in
 * Redis only when asked for (every image costs Redis memory).
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const flag = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['', 'true', 'false', '1', '0', 'yes', 'no']).optional(),
);

/** Where `pnpm start` keeps images unless told otherwise: under the working directory, like Redis's data. */
export const DEFAULT_IMAGE_DIR = '.data/images';

export const imageStoreEnvFields = {
  /** file (default) | s3 | redis. */
  IMAGE_STORE: z.preprocess(emptyToUndefined, z.enum(['file', 's3', 'redis']).optional()),
  /** The file store's directory (a volume every replica mounts); default .data/images. */
  IMAGE_STORE_DIR: optionalString,
  S3_BUCKET: optionalString,
  /** Prepended to every object key, e.g. `mjq/images/`. */
  S3_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[\w!.*'()/-]*$/, 'must be letters, digits and / _ - . ! * \' ( )').default('')),
  /** MinIO, R2, …; AWS S3 without it. */
  S3_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url('must be an absolute URL').optional()),
  S3_REGION: optionalString,
  S3_FORCE_PATH_STYLE: flag,
  /** Where the bucket's objects are public (a CDN, R2's public bucket URL): image URLs point there. */
  S3_PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url('must be an absolute URL').optional()),
  // The standard AWS variables; without keys, the SDK's own chain (profile, instance role, …).
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  AWS_REGION: optionalString,
};

type ImageEnv = z.infer<z.ZodObject<typeof imageStoreEnvFields>>;

export interface S3Settings {
  bucket: string;
  /** Empty, or ends with `/`. */
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  publicBaseUrl?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface ImageSettings {
  store: 'file' | 's3' | 'redis';
  /** Absolute; the file store's directory. */
  dir: string;
  ttlDays: number;
  s3?: S3Settings;
}

/** IMAGE_STORE=s3 needs a bucket; keys come in pairs. */
export function checkImageEnv(e: Partial<ImageEnv>, ctx: z.RefinementCtx): void {
  if (e.IMAGE_STORE === 's3' && !e.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when IMAGE_STORE=s3' });
  if (!!e.AWS_ACCESS_KEY_ID !== !!e.AWS_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: 'custom', path: [e.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'], message: 'set both AWS keys or neither' });
  }
}

export function imageSettings(e: ImageEnv, ttlDays: number, cwd = process.cwd()): ImageSettings {
  const store = e.IMAGE_STORE ?? 'file';
  const settings: ImageSettings = { store, dir: resolve(cwd, e.IMAGE_STORE_DIR ?? DEFAULT_IMAGE_DIR), ttlDays };
  if (store !== 's3' || !e.S3_BUCKET) return settings;
  const prefix = e.S3_PREFIX.replace(/^\/+/, '');
  settings.s3 = {
    bucket: e.S3_BUCKET,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? e.AWS_REGION ?? 'us-east-1',
    forcePathStyle: ['true', '1', 'yes'].includes(e.S3_FORCE_PATH_STYLE ?? ''),
    publicBaseUrl: e.S3_PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    credentials:
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
        : undefined,
  };
  return settings;
}

import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from './image-store-config.js';
import { assertImageKey, assertImageSize, type ImageStore, type StoredImage } from './image-store.js';

/** How long a link handed out by `signedUrl` works: long enough for a slow client, short enough to stay private. */
export const PRESIGNED_LINK_SECONDS = 3600;

const isMissing = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404);

export function createS3Client(s3: S3Settings): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.credentials,
    // Checksums only where S3 demands them: MinIO, R2 and older S3 look-alikes refuse the
    // newer default (CRC32 trailers on every upload).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Images as objects in an S3-compatible bucket (AWS S3, MinIO, R2), for deployments on several
 * machines without a shared volume. S3 has no per-object expiry: the bucket's lifecycle rule
 * deletes objects (set it to IMAGE_TTL_DAYS; README), and reads treat an object older than the
 * TTL as gone already, like the file store, so expiry holds before the rule runs.
 */
export class S3ImageStore implements ImageStore {
  constructor(
    private readonly client: S3Client,
    private readonly s3: Pick<S3Settings, 'bucket' | 'prefix'>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private objectKey(key: string): string {
    assertImageKey(key);
    return `${this.s3.prefix}${key}`;
  }

  async put(key: string, image: StoredImage): Promise<void> {
    assertImageSize(image);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: this.objectKey(key),
        Body: image.data,
        ContentType: image.contentType,
        ContentLength: image.data.length,
        // An image never changes under its key.
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string): Promise<StoredImage | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.objectKey(key) }));
      if (!out.Body || this.expired(out.LastModified)) {
        (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return undefined;
      }
      return { data: Buffer.from(await out.Body.transformToByteArray()), contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async stat(key: string): Promise<{ contentType: string; size: number } | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.s3.bucket, Key: this.objectKey(key) }));
      if (this.expired(out.LastModified)) return undefined;
      return { contentType: out.ContentType ?? 'application/octet-stream', size: out.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  /** The bucket's lifecycle rule deletes expired objects: listing a large bucket every hour would cost more. */
  async sweep(): Promise<number> {
    return 0;
  }

  /** A presigned GET: the API redirects there, so the bytes never pass through mjq. */
  async signedUrl(key: string): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.objectKey(key) }), { expiresIn: PRESIGNED_LINK_SECONDS });
  }

  private expired(lastModified: Date | undefined): boolean {
    return lastModified !== undefined && this.now() - lastModified.getTime() > this.ttlMs;
  }
}

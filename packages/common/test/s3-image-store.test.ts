import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadConfig } from '../src/config.js';
import { createImageStore } from '../src/image-store-factory.js';
import { MAX_IMAGE_BYTES } from '../src/image-store.js';
import { createRedis } from '../src/redis.js';
import { createS3Client, S3ImageStore } from '../src/s3-image-store.js';
import { startLocalS3, type LocalS3 } from '../../../tests/support/s3-server.js';
import { testRedisUrl } from '../../../tests/support/redis.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([0, 255, 128, 13, 10])]);
const HOUR = 3600_000;

describe('S3ImageStore (on a local S3-compatible server)', () => {
  let s3: LocalS3;
  let images: S3ImageStore;
  const settings = () => loadConfig({ ...s3.env('mjq/images'), LOG_LEVEL: 'silent' }).images.s3!;
  beforeAll(async () => {
    s3 = await startLocalS3();
    images = new S3ImageStore(createS3Client(settings()), settings(), 24 * HOUR);
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it('round-trips bytes and type under the prefix, and answers undefined for an unknown key', async () => {
    await images.put('result/1/a.png', { data: PNG, contentType: 'image/png' });
    const got = await images.get('result/1/a.png');
    expect(got?.contentType).toBe('image/png');
    expect(got?.data.equals(PNG)).toBe(true);
    expect(await images.stat('result/1/a.png')).toEqual({ contentType: 'image/png', size: PNG.length });
    expect(await images.has('result/1/a.png')).toBe(true);
    expect(await images.get('result/1/none.png')).toBeUndefined();
    expect(await images.stat('result/1/none.png')).toBeUndefined();
    const listed = await createS3Client(settings()).send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    expect(listed.Contents?.map((o) => o.Key)).toContain('mjq/images/result/1/a.png');
  });

  it('hands out a presigned link that serves the bytes without credentials', async () => {
    await images.put('upload/u-1/b.png', { data: PNG, contentType: 'image/png' });
    const link = await images.signedUrl('upload/u-1/b.png');
    expect(link).toContain('X-Amz-Signature=');
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('treats objects older than the TTL as gone (the bucket lifecycle rule deletes them)', async () => {
    await images.put('result/2/old.png', { data: PNG, contentType: 'image/png' });
    const later = new S3ImageStore(createS3Client(settings()), settings(), 24 * HOUR, () => Date.now() + 25 * HOUR);
    expect(await later.get('result/2/old.png')).toBeUndefined();
    expect(await later.has('result/2/old.png')).toBe(false);
    expect(await images.has('result/2/old.png')).toBe(true);
    expect(await later.sweep()).toBe(0);
  });

  it('refuses keys that leave the prefix and oversize images, before any request', async () => {
    await expect(images.put('../escape.png', { data: PNG, contentType: 'image/png' })).rejects.toThrow(RangeError);
    await expect(images.get('result/../../x')).rejects.toThrow(RangeError);
    await expect(images.put('big', { data: Buffer.alloc(MAX_IMAGE_BYTES + 1), contentType: 'image/png' })).rejects.toThrow(RangeError);
  });

  it('is what createImageStore builds for IMAGE_STORE=s3', async () => {
    const redis = createRedis(testRedisUrl(), 'worker');
    try {
      const config = loadConfig({ ...s3.env('factory'), LOG_LEVEL: 'silent' });
      const store = createImageStore(redis, config);
      expect(store).toBeInstanceOf(S3ImageStore);
      await store.put('result/3/c.png', { data: PNG, contentType: 'image/png' });
      expect((await store.get('result/3/c.png'))?.data.equals(PNG)).toBe(true);
      expect(await images.has('result/3/c.png')).toBe(false);
    } finally {
      await redis.quit();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { imageKeys, isImageKey, MAX_IMAGE_BYTES, publicImageUrl, safeFilename, sniffImageType } from '../src/image-store.js';
import { RedisImageStore } from '../src/redis-image-store.js';
import { FileImageStore } from '../src/file-image-store.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('sniffImageType', () => {
  it.each([
    [PNG, 'image/png'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg'],
    [Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
    [Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
    [Buffer.from('%PDF-1.7 not an image'), undefined],
    [Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'), undefined],
    [Buffer.alloc(0), undefined],
  ])('%#', (bytes, type) => expect(sniffImageType(bytes)).toBe(type));
});

describe('isImageKey', () => {
  it.each([
    ['result/42/fox_grid.png', true],
    ['upload/0b3c1d2e-0000-4000-8000-000000000000/a..png', true],
    ['', false],
    ['.', false],
    ['result/../x', false],
    ['a//b', false],
    ['/etc/passwd', false],
    ['result/1/\u0000.png', false],
    ['result/1/a\nb', false],
    ['x'.repeat(301), false],
  ])('%s → %s', (key, ok) => expect(isImageKey(key)).toBe(ok));
});

describe('names and URLs', () => {
  it('keeps file names to safe characters and never a path', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('my cat (1).png')).toBe('my_cat_1_.png');
    expect(safeFilename('C:\\pics\\dog.jpg')).toBe('dog.jpg');
    expect(safeFilename('...')).toBe('image');
  });
  it('builds the public URL from PUBLIC_URL, else the API port', () => {
    const key = imageKeys.result('42', 'fox grid.png');
    expect(key).toBe('result/42/fox_grid.png');
    expect(publicImageUrl({ http: { host: '0.0.0.0', port: 8062, publicUrl: 'https://mjq.example.com/' } }, key)).toBe(
      'https://mjq.example.com/v1/images/result/42/fox_grid.png',
    );
    expect(publicImageUrl({ http: { host: '0.0.0.0', port: 9000 } }, imageKeys.upload('0b3c1d2e-0000-4000-8000-000000000000/a.png'))).toBe(
      'http://localhost:9000/v1/images/upload/0b3c1d2e-0000-4000-8000-000000000000/a.png',
    );
    expect(publicImageUrl({ http: { host: '127.0.0.1', port: 9001 } }, 'k')).toBe('http://127.0.0.1:9001/v1/images/k');
    expect(publicImageUrl({ http: { host: '::1', port: 9002 } }, 'k')).toBe('http://[::1]:9002/v1/images/k');
  });
  it('points at the bucket when S3_PUBLIC_BASE_URL is set, else at the API (which presigns)', () => {
    const http = { host: '0.0.0.0', port: 8062, publicUrl: 'https://mjq.example.com' };
    const key = imageKeys.result('42', 'fox grid.png');
    expect(publicImageUrl({ http, images: { s3: { prefix: 'mjq/img/', publicBaseUrl: 'https://cdn.example.com' } } }, key)).toBe(
      'https://cdn.example.com/mjq/img/result/42/fox_grid.png',
    );
    expect(publicImageUrl({ http, images: { s3: { prefix: '' } } }, key)).toBe('https://mjq.example.com/v1/images/result/42/fox_grid.png');
  });
});

describe('ImageStore', () => {
  let redis: Redis;
  let images: ImageStore;
  const prefix = testPrefix('images');
  beforeAll(() => {
    redis = createRedis(testRedisUrl(), 'worker');
    images = new RedisImageStore(redis, prefix, 60);
  });
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it('round-trips bytes exactly and expires them', async () => {
    const data = Buffer.concat([PNG, Buffer.from([0, 255, 128, 13, 10])]);
    await images.put('result/1/a.png', { data, contentType: 'image/png' });
    const got = await images.get('result/1/a.png');
    expect(got?.contentType).toBe('image/png');
    expect(got?.data.equals(data)).toBe(true);
    expect(await images.has('result/1/a.png')).toBe(true);
    expect(await images.stat('result/1/a.png')).toEqual({ contentType: 'image/png', size: data.length });
    expect(await images.stat('result/2/none.png')).toBeUndefined();
    const ttl = await redis.ttl(`{${prefix}}:image:result/1/a.png`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('answers undefined for an unknown key and refuses oversize images', async () => {
    expect(await images.get('result/none.png')).toBeUndefined();
    await expect(images.put('big', { data: Buffer.alloc(MAX_IMAGE_BYTES + 1), contentType: 'image/png' })).rejects.toThrow(RangeError);
  });
});

describe('FileImageStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mjq-images-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips bytes, reads the type from them, and never leaves its folder', async () => {
    const images = new FileImageStore(dir, 60_000);
    const data = Buffer.concat([PNG, Buffer.from('rest of the image')]);
    await images.put('result/7/a.png', { data, contentType: 'image/png' });
    const got = await images.get('result/7/a.png');
    expect(got?.data.equals(data)).toBe(true);
    expect(got?.contentType).toBe('image/png');
    expect(await images.stat('result/7/a.png')).toEqual({ contentType: 'image/png', size: data.length });
    expect(await images.has('result/7/b.png')).toBe(false);
    expect(await images.get('result/7/b.png')).toBeUndefined();
    await expect(images.put('../escape.png', { data, contentType: 'image/png' })).rejects.toThrow(RangeError);
    await expect(images.get('result/../../x')).rejects.toThrow(RangeError);
    expect(await readdir(join(dir, 'result', '7'))).toEqual(['a.png']);
    // A folder of keys is no image.
    expect(await images.get('result/7')).toBeUndefined();
    expect(await images.stat('result')).toBeUndefined();
  });

  it('treats images past their TTL as gone, and sweep deletes them and their empty folders', async () => {
    const images = new FileImageStore(dir, 60_000);
    await images.put('upload/u-1/old.png', { data: PNG, contentType: 'image/png' });
    await images.put('upload/u-2/new.png', { data: PNG, contentType: 'image/png' });
    const past = new Date(Date.now() - 120_000);
    await utimes(join(dir, 'upload', 'u-1', 'old.png'), past, past);
    expect(await images.get('upload/u-1/old.png')).toBeUndefined();
    expect(await images.stat('upload/u-1/old.png')).toBeUndefined();
    expect(await images.sweep()).toBe(1);
    expect((await readdir(join(dir, 'upload'))).sort()).toEqual(['u-2']);
    expect(await images.has('upload/u-2/new.png')).toBe(true);
  });
});

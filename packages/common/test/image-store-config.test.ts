import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const S3 = { IMAGE_STORE: 's3', S3_BUCKET: 'pics' };

describe('image store configuration', () => {
  it('keeps images as files under .data/images of the working directory by default, never in Redis', () => {
    const c = loadConfig({});
    expect(c.images).toEqual({ store: 'file', dir: join(process.cwd(), '.data/images'), ttlDays: 30 });
    expect(loadConfig({ IMAGE_STORE_DIR: '/srv/images', IMAGE_TTL_DAYS: '3' }).images).toEqual({ store: 'file', dir: '/srv/images', ttlDays: 3 });
  });

  it('uses Redis only when IMAGE_STORE=redis says so', () => {
    expect(loadConfig({ IMAGE_STORE: 'redis' }).images.store).toBe('redis');
    expect(() => loadConfig({ IMAGE_STORE: 'memcached' })).toThrow(/IMAGE_STORE: must be one of "file", "s3", "redis"/);
  });

  it('reads the bucket, a prefix ending in a slash, path style and the standard AWS keys', () => {
    const c = loadConfig({
      ...S3,
      S3_PREFIX: '/mjq/images',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PUBLIC_BASE_URL: 'https://cdn.example.com/',
      AWS_ACCESS_KEY_ID: 'AKIA1',
      AWS_SECRET_ACCESS_KEY: 'shh',
      AWS_REGION: 'eu-west-1',
    });
    expect(c.images.s3).toEqual({
      bucket: 'pics',
      prefix: 'mjq/images/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      publicBaseUrl: 'https://cdn.example.com',
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'shh', sessionToken: undefined },
    });
    expect(loadConfig({ ...S3, S3_REGION: 'auto' }).images.s3).toMatchObject({ prefix: '', region: 'auto', forcePathStyle: false, credentials: undefined });
  });

  it('names what IMAGE_STORE=s3 is missing, without repeating a secret', () => {
    let error: unknown;
    try {
      loadConfig({ IMAGE_STORE: 's3', AWS_SECRET_ACCESS_KEY: 'top-secret-value', S3_FORCE_PATH_STYLE: 'maybe' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/S3_FORCE_PATH_STYLE/);
    expect(problems).not.toContain('top-secret-value');
    // zod runs the cross-field checks once every field parses.
    const missing = (() => {
      try {
        loadConfig({ IMAGE_STORE: 's3', AWS_SECRET_ACCESS_KEY: 'top-secret-value' });
      } catch (err) {
        return (err as ConfigError).problems;
      }
    })();
    expect(missing).toEqual(['S3_BUCKET: required when IMAGE_STORE=s3', 'AWS_ACCESS_KEY_ID: set both AWS keys or neither']);
  });
});

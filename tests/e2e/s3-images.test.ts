import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { makePng, MjqClient } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';
import { testRedisUrl } from '../support/redis.js';
import { startLocalS3, type LocalS3 } from '../support/s3-server.js';

let s3: LocalS3;
let e2e: E2eStack;
let mjq: MjqClient;
let redis: Redis;
const bucketPrefix = `e2e-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  s3 = await startLocalS3();
  e2e = await startE2eStack('s3-images', { env: s3.env(bucketPrefix) });
  mjq = new MjqClient(e2e.stack.api.url);
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis?.quit();
  await e2e?.stop();
  await s3?.stop();
});

/** Every key this deployment holds for images in Redis (the RedisImageStore's key space). */
async function imageKeysInRedis(): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${e2e.prefix}}:image:*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

describe('images at a public bucket address (S3_PUBLIC_BASE_URL)', () => {
  let pub: E2eStack;
  const publicPrefix = `${bucketPrefix}-public`;
  beforeAll(async () => {
    pub = await startE2eStack('s3-public', { env: { ...s3.env(publicPrefix), S3_PUBLIC_BASE_URL: `${s3.url}/${s3.bucket}` } });
  });
  afterAll(() => pub?.stop());

  it('copies the result before SUCCESS: nothing of mjq can wait in front of the bucket', async () => {
    const sandbox = pub.stack.sandbox!;
    sandbox.configure({ faults: { cdn: { hold: true } } });
    const client = new MjqClient(pub.stack.api.url);
    const id = await client.trigger('imagine', { prompt: 'a red fox on a public bucket' });
    // The listener's download of the result is held by the CDN: the task cannot be SUCCESS yet.
    await pollUntil(async () => sandbox.state.snapshot().faults?.cdnHeld ?? 0, (n) => n === 1);
    expect((await client.task(id)).status).toBe('IN_PROGRESS');
    sandbox.configure({ faults: { cdn: null } });
    await pub.receiver.waitFor(() => pub.receiver.forTask(id).some((c) => c.type === 'end'));
    const task = await client.task(id);
    expect(task.imageUrl).toMatch(new RegExp(`^${s3.url}/${s3.bucket}/${publicPrefix}/result/${id}/`));
    // At the callback the object is already in the bucket, at the URL the task gives.
    const bytes = await client.fetchImage(task.imageUrl!);
    expect(bytes.toString('ascii', 8, 16)).toBe('WEBPVP8L');
  });
});

describe('images in an S3-compatible bucket (IMAGE_STORE=s3)', () => {
  it('serves an imagine result at mjq imageUrl through a presigned link, with nothing of it in Redis', async () => {
    const id = await mjq.trigger('imagine', { prompt: 'a red fox in snow' });
    const task = await mjq.succeeded(id);
    expect(task.imageUrl).toMatch(new RegExp(`^${e2e.stack.api.url}/v1/images/result/${id}/`));

    const hop = await fetch(task.imageUrl!, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    const link = new URL(hop.headers.get('location')!);
    expect(link.origin).toBe(s3.url);
    expect(link.pathname).toMatch(new RegExp(`^/${s3.bucket}/${bucketPrefix}/result/${id}/`));
    expect(link.searchParams.get('X-Amz-Signature')).toBeTruthy();

    const bytes = await mjq.fetchImage(task.imageUrl!);
    expect(bytes.toString('ascii', 8, 16)).toBe('WEBPVP8L');
    expect(await imageKeysInRedis()).toEqual([]);
  });

  it('keeps uploads in the bucket too: the dispatcher reads them back for a describe', async () => {
    const upload = await mjq.uploaded(makePng(7), 'cat.png');
    const described = await mjq.succeeded(await mjq.trigger('describe', { upload_filename: upload.uploadFilename }));
    expect(described.prompts).toHaveLength(4);
    expect(await imageKeysInRedis()).toEqual([]);
  });

  it('answers 404 NOT_FOUND for a key the bucket does not hold', async () => {
    const res = await fetch(`${e2e.stack.api.url}/v1/images/result/1/none.png`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 503 SERVICE_UNAVAILABLE while the bucket is out of reach', async () => {
    await s3.stop();
    const res = await fetch(`${e2e.stack.api.url}/v1/images/result/1/any.png`, { redirect: 'manual' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});

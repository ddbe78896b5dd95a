import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, type Task } from '@mjq/common';
import { API_KEY, startHarness, triggerJob, type Harness } from './harness.js';
import { PNG, uploadHelpers } from './upload-fixture.js';

// Uploads and the triggers made of them (describe, blend) or of a prompt alone (shorten).
// POST /v1/api/trigger/message, which waits for the post, is message-trigger.test.ts.

let h: Harness;

beforeAll(async () => {
  h = await startHarness('uploads');
});
afterAll(async () => {
  await h.close();
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

function sendForm(form: FormData): Promise<Response> {
  return fetch(`${h.api.url}/v1/api/trigger/upload`, { method: 'POST', body: form, headers: { 'x-api-key': API_KEY } });
}

function upload(bytes: Buffer, name: string, field = 'file'): Promise<Response> {
  const form = new FormData();
  form.append(field, new Blob([bytes]), name);
  return sendForm(form);
}

const { uploaded, refused } = uploadHelpers(() => h);

async function accepted(res: Response, triggerType: string): Promise<Task> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { trigger_id: string; trigger_type: string };
  expect(body.trigger_type).toBe(triggerType);
  expect((await triggerJob(h, body.trigger_id))?.data).toEqual({ taskId: body.trigger_id, kind: 'send', waitingOn: expect.any(Array) });
  return (await h.store.get(body.trigger_id))!;
}

describe('POST /v1/api/trigger/upload and GET /v1/images/{key}', () => {
  it('keeps the image, records a finished UPLOAD task and serves the identical bytes without a key', async () => {
    const body = await uploaded();
    expect(body).toMatchObject({ message: 'success', trigger_type: 'upload' });
    expect(body.upload_filename).toMatch(/^[0-9a-f-]{36}\/my_cat_1_\.png$/);
    const task = (await h.store.get(body.trigger_id))!;
    expect(task).toMatchObject({
      action: 'UPLOAD',
      status: 'SUCCESS',
      uploads: [{ uploadFilename: body.upload_filename, filename: 'my_cat_1_.png', contentType: 'image/png', size: PNG.length }],
    });
    expect(await triggerJob(h, body.trigger_id)).toBeUndefined();
    expect(body.upload_url).toBe(task.imageUrl);
    const path = new URL(task.imageUrl!).pathname;
    expect(path).toBe(`/v1/images/upload/${body.upload_filename}`);

    const image = await fetch(`${h.api.url}${path}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const etag = image.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    // fetch adds `cache-control: no-cache` to a conditional request (which forbids a 304) unless one is given.
    const revalidate = await fetch(`${h.api.url}${path}`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect(revalidate.status).toBe(304);
  });

  it('names the file after what the bytes are', async () => {
    expect((await uploaded(JPEG, 'photo.txt')).upload_filename).toMatch(/\/photo\.jpg$/);
  });

  it('refuses a missing file, a non-image and an oversize image, storing nothing', async () => {
    const onlyText = new FormData();
    onlyText.append('note', 'no file here');
    await refused(() => sendForm(onlyText), 400, 'MISSING_FILE');
    await refused(() => sendForm(new FormData()), 400, 'MISSING_FILE');
    await refused(() => upload(PNG, 'a.png', 'image'), 400, 'MISSING_FILE');
    await refused(() => h.post('/v1/api/trigger/upload', { file: 'x' }), 400, 'MISSING_FILE');
    await refused(() => upload(Buffer.from('%PDF-1.7 not an image'), 'a.png'), 415, 'NOT_AN_IMAGE');
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    PNG.copy(big);
    await refused(() => upload(big, 'big.png'), 413, 'FILE_TOO_LARGE');
  });

  it('answers 404 for an unknown image and 400 for a key with ..', async () => {
    const unknown = await fetch(`${h.api.url}/v1/images/upload/00000000-0000-4000-8000-000000000000/none.png`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
    for (const key of ['upload/..%2F..%2Fsecret', 'upload/a..png']) {
      const res = await fetch(`${h.api.url}/v1/images/${key}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });

  it('still requires the API key on the upload itself', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'a.png');
    expect((await fetch(`${h.api.url}/v1/api/trigger/upload`, { method: 'POST', body: form })).status).toBe(401);
  });
});

describe('POST /v1/api/trigger/describe', () => {
  it('queues a DESCRIBE of the upload, with the upload task as parent', async () => {
    const up = await uploaded();
    const task = await accepted(await h.post('/v1/api/trigger/describe', { upload_filename: up.upload_filename, trigger_id: up.trigger_id }), 'describe');
    expect(task).toMatchObject({
      action: 'DESCRIBE',
      status: 'NOT_START',
      prompt: '',
      parentId: up.trigger_id,
      uploads: [{ uploadFilename: up.upload_filename, imageKey: `upload/${up.upload_filename}`, contentType: 'image/png', size: PNG.length }],
    });
  });

  it('refuses an unknown upload or trigger_id', async () => {
    const up = await uploaded();
    await refused(() => h.post('/v1/api/trigger/describe', { upload_filename: '00000000-0000-4000-8000-000000000000/none.png' }), 404, 'UNKNOWN_UPLOAD');
    await refused(() => h.post('/v1/api/trigger/describe', { upload_filename: '../etc/passwd' }), 400, 'VALIDATION_ERROR');
    await refused(() => h.post('/v1/api/trigger/describe', { upload_filename: up.upload_filename, trigger_id: '999' }), 404, 'UNKNOWN_TASK');
  });
});

describe('POST /v1/api/trigger/blend', () => {
  it('queues a BLEND of 2 to 5 uploads, in order', async () => {
    const a = await uploaded();
    const b = await uploaded(JPEG, 'b.jpg');
    const task = await accepted(
      await h.post('/v1/api/trigger/blend', { upload_filenames: [a.upload_filename, b.upload_filename], dimensions: '2:3', mode: 'fast' }),
      'blend',
    );
    expect(task).toMatchObject({ action: 'BLEND', dimensions: '2:3', mode: 'fast' });
    expect(task.uploads?.map((u) => [u.uploadFilename, u.contentType])).toEqual([
      [a.upload_filename, 'image/png'],
      [b.upload_filename, 'image/jpeg'],
    ]);
  });

  it('refuses one image, and names an unknown upload', async () => {
    const a = await uploaded();
    await refused(() => h.post('/v1/api/trigger/blend', { upload_filenames: [a.upload_filename] }), 400, 'VALIDATION_ERROR');
    const missing = '00000000-0000-4000-8000-000000000000/none.png';
    await refused(() => h.post('/v1/api/trigger/blend', { upload_filenames: [a.upload_filename, missing] }), 404, 'UNKNOWN_UPLOAD');
    expect(await (await h.post('/v1/api/trigger/blend', { upload_filenames: [a.upload_filename, missing] })).json()).toMatchObject({
      details: { upload_filename: missing },
    });
  });
});

describe('POST /v1/api/trigger/shorten', () => {
  it('queues a SHORTEN of the prompt', async () => {
    const task = await accepted(await h.post('/v1/api/trigger/shorten', { prompt: 'a very very detailed red fox' }), 'shorten');
    expect(task).toMatchObject({ action: 'SHORTEN', prompt: 'a very very detailed red fox' });
  });

  it('refuses a banned prompt like imagine (recorded as FAILURE) and a forbidden callback URL', async () => {
    const res = await h.post('/v1/api/trigger/shorten', { prompt: 'a nude fox' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: { trigger_id: string } };
    expect(body.code).toBe('BANNED_PROMPT');
    expect(await h.store.get(body.details.trigger_id)).toMatchObject({ action: 'SHORTEN', status: 'FAILURE', failCode: 'banned_prompt' });
    await refused(() => h.post('/v1/api/trigger/shorten', { prompt: 'x', callbackUrl: 'http://127.0.0.1/cb' }), 400, 'CALLBACK_URL_FORBIDDEN');
  });
});

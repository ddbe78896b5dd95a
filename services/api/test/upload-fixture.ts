import { expect } from 'vitest';
import { API_KEY, type Harness } from './harness.js';

// What upload-triggers.test.ts and message-trigger.test.ts share: an uploaded image to point a
// trigger at, and the check that a refused request left nothing behind.

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([0, 255, 128, 13, 10, 0, 1, 2])]);

export type UploadAnswer = { message: string; upload_filename: string; upload_url: string; trigger_id: string; trigger_type: string };

export async function uploadedTo(to: Harness, bytes = PNG, name = 'my cat (1).png'): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${to.api.url}/v1/api/trigger/upload`, { method: 'POST', body: form, headers: { 'x-api-key': API_KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as UploadAnswer;
}

/** `uploaded` and `refused` on the test file's harness, `harness()` (read when called: it is started in beforeAll). */
export function uploadHelpers(harness: () => Harness) {
  async function uploaded(bytes = PNG, name = 'my cat (1).png'): Promise<UploadAnswer> {
    return uploadedTo(harness(), bytes, name);
  }

  async function refused(send: () => Promise<Response>, status: number, code: string): Promise<void> {
    const h = harness();
    const before = await h.counts();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(await answer.json()).toMatchObject({ code, message: expect.any(String) });
    expect(await h.counts()).toEqual(before);
  }

  return { uploaded, refused };
}

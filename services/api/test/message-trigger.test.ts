import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../../tests/support/poll.js';
import { API_KEY, startHarness, type Harness } from './harness.js';
import { uploadedTo, uploadHelpers } from './upload-fixture.js';

// POST /v1/api/trigger/message: the one trigger that answers only once its job is done (or the
// wait runs out, or the client hangs up). The other upload triggers are upload-triggers.test.ts.

let h: Harness;
/**
 * How long /message waits here: far longer than any test takes, so that only a test that
 * means to see the wait run out (it has its own API, SHORT_MESSAGE_WAIT_MS) ever does, however
 * loaded the machine.
 */
const MESSAGE_WAIT_MS = 10 * 60_000;
const SHORT_MESSAGE_WAIT_MS = 300;

beforeAll(async () => {
  h = await startHarness('message-trigger', { messageWaitMs: MESSAGE_WAIT_MS });
});
afterAll(async () => {
  await h.close();
});

const { uploaded, refused } = uploadHelpers(() => h);

describe('POST /v1/api/trigger/message', () => {
  /** Plays the dispatcher: finds the MESSAGE job the request enqueued and applies `finish` to its task. */
  async function dispatchMessage(finish: (taskId: string) => Promise<unknown>): Promise<string> {
    const job = (await pollUntil(
      async () => (await h.queue.getJobs(['waiting'])).find((j) => j.name === 'message' && !j.data.handled),
      (found) => found !== undefined,
    ))!;
    await job.updateData({ ...job.data, handled: true });
    await finish(job.data.taskId);
    return job.data.taskId;
  }

  it('answers once the image is posted, with its Discord CDN link', async () => {
    const up = await uploaded();
    const cdn = 'https://cdn.discordapp.com/attachments/1100000000000000002/1190000000000000001/my_cat.png';
    const answer = h.post('/v1/api/trigger/message', { upload_filename: up.upload_filename });
    const taskId = await dispatchMessage(async (id) => {
      // The post finishes while the request is provably waiting for it.
      await pollUntil(async () => h.api.eventStreams(), (n) => n === 1);
      await h.store.update(id, { status: 'SUCCESS', progress: 100, fields: { imageUrl: cdn, discordImageUrl: cdn } });
    });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'success', trigger_id: taskId, trigger_type: 'message', picurl: cdn });
    expect(await h.store.get(taskId)).toMatchObject({ action: 'MESSAGE', uploads: [{ uploadFilename: up.upload_filename }] });
  });

  it('answers 502 with the failure when the post failed', async () => {
    const up = await uploaded();
    const answer = h.post('/v1/api/trigger/message', { upload_filename: up.upload_filename });
    const taskId = await dispatchMessage((id) =>
      h.store.update(id, { status: 'FAILURE', fields: { failCode: 'discord_rejected', failReason: 'Missing Permissions' } }),
    );
    const res = await answer;
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: 'TASK_FAILED', details: { trigger_id: taskId, failCode: 'discord_rejected', failReason: 'Missing Permissions' } });
  });

  it('answers 504 STILL_RUNNING with the trigger_id when the post takes too long', async () => {
    const short = await startHarness('uploads-short-wait', { messageWaitMs: SHORT_MESSAGE_WAIT_MS });
    try {
      const up = await uploadedTo(short);
      const t0 = Date.now();
      const res = await short.post('/v1/api/trigger/message', { upload_filename: up.upload_filename });
      // A lower bound only (it waited the whole time): load can only make the wait longer.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(SHORT_MESSAGE_WAIT_MS - 50);
      expect(res.status).toBe(504);
      const body = (await res.json()) as { code: string; details: { trigger_id: string } };
      expect(body.code).toBe('STILL_RUNNING');
      expect(await short.store.get(body.details.trigger_id)).toMatchObject({ action: 'MESSAGE', status: 'NOT_START' });
    } finally {
      await short.close();
    }
  });

  it('stops waiting as soon as the client hangs up (the task itself runs on)', async () => {
    const up = await uploaded();
    const hangUp = new AbortController();
    const pending = fetch(`${h.api.url}/v1/api/trigger/message`, {
      method: 'POST',
      body: JSON.stringify({ upload_filename: up.upload_filename }),
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      signal: hangUp.signal,
    }).catch(() => undefined);
    expect(await pollUntil(async () => h.api.eventStreams(), (n) => n > 0)).toBe(1);
    hangUp.abort();
    await pending;
    // Long before MESSAGE_WAIT_MS (minutes) could end it: the watch ended with the connection.
    await pollUntil(async () => h.api.eventStreams(), (n) => n === 0);
  });

  it('refuses an unknown upload', async () => {
    await refused(() => h.post('/v1/api/trigger/message', { upload_filename: '00000000-0000-4000-8000-000000000000/none.png' }), 404, 'UNKNOWN_UPLOAD');
  });
});

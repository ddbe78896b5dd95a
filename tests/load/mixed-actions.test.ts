import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { freePort } from '@mjq/common';
import { makePng, MjqClient, type TaskBody } from '../support/mjq-client.js';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { nonceAnsweredBy } from '../support/sandbox-checks.js';

// Correlation under concurrency: 20 tasks of mixed types in flight at once on 2 accounts, many
// of them children of the same parent message; each must end on its own result.
let sandbox: Sandbox;
let services: MjqServices;
let mjq: MjqClient;
let imageDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    speed: { stepMs: 40 },
    users: [
      { token: 'mixed-a-user-token', concurrency: 4 },
      { token: 'mixed-b-user-token', concurrency: 4 },
    ],
  });
  const port = await freePort();
  imageDir = await mkdtemp(join(tmpdir(), 'mjq-mixed-images-'));
  const env = sandboxEnv(
    sandbox,
    [
      { id: 'a', token: 'mixed-a-user-token', concurrency: 4 },
      { id: 'b', token: 'mixed-b-user-token', concurrency: 4 },
    ],
    // Images as files here (the other e2e tests keep them in Redis): uploads, masks and copies.
    { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, IMAGE_STORE_DIR: imageDir },
  );
  services = await new MjqServices(env).start('in-process');
  mjq = new MjqClient(services.api.url);
});
afterAll(async () => {
  await services?.stop();
  await sandbox?.stop();
  if (imageDir) await rm(imageDir, { recursive: true, force: true });
});

describe('mixed actions at once', () => {
  it('lands each of 20 concurrent results on its own task', async () => {
    const parents = await Promise.all(['a grid of apples', 'a grid of pears', 'a grid of plums'].map(async (prompt) => mjq.succeeded(await mjq.trigger('imagine', { prompt }))));
    const [p1, p2, p3] = parents as [TaskBody, TaskBody, TaskBody];
    const uploads = await Promise.all([1, 2, 3, 4, 5].map((seed) => mjq.uploaded(makePng(seed + 10), `in-${seed}.png`)));
    const grid = (p: TaskBody, index?: number) => ({ msg_id: p.messageId, msg_hash: p.messageHash, trigger_id: p.id, ...(index ? { index } : {}) });

    const submissions: [string, unknown][] = [
      ...[1, 2, 3, 4].map((i): [string, unknown] => ['upscale', grid(p1, i)]),
      ...[1, 2, 3, 4].map((i): [string, unknown] => ['variation', grid(p2, i)]),
      ['reset', grid(p3)],
      ['reset', grid(p3)],
      ...uploads.slice(0, 3).map((u): [string, unknown] => ['describe', { upload_filename: u.uploadFilename }]),
      ['blend', { upload_filenames: [uploads[3]!.uploadFilename, uploads[4]!.uploadFilename] }],
      ['blend', { upload_filenames: [uploads[0]!.uploadFilename, uploads[4]!.uploadFilename], dimensions: '2:3' }],
      ['shorten', { prompt: 'an extremely detailed photograph of a mountain lake at sunrise, mist' }],
      ['shorten', { prompt: 'a watercolor painting of a busy market street, warm light, many people' }],
      ['imagine', { prompt: 'a teapot' }],
      ['imagine', { prompt: 'a kettle' }],
      ['imagine', { prompt: 'a saucepan' }],
    ];
    expect(submissions).toHaveLength(20);
    const ids = await Promise.all(submissions.map(([path, body]) => mjq.trigger(path, body)));
    const tasks = await Promise.all(ids.map((id) => mjq.until(id, ['SUCCESS', 'FAILURE'], 90_000)));

    expect(tasks.filter((t) => t.status !== 'SUCCESS').map((t) => `${t.action} ${t.failCode} ${t.failReason}`)).toEqual([]);
    for (const task of tasks) expect(nonceAnsweredBy(sandbox, task.messageId), `${task.action} ${task.id}`).toBe(task.nonce);
    expect(new Set(tasks.map((t) => t.messageId)).size).toBe(20);
    for (const [i, task] of tasks.slice(0, 4).entries()) expect(task.content).toContain(`Image #${i + 1}`);
    for (const task of tasks.slice(0, 10)) expect(task.parentId).toBe([p1, p1, p1, p1, p2, p2, p2, p2, p3, p3][tasks.indexOf(task)]!.id);
    for (const task of tasks.filter((t) => t.action === 'DESCRIBE')) expect(task.prompts).toHaveLength(4);
    // Every result image was copied into the file store and is served from there.
    for (const task of tasks.filter((t) => t.action !== 'DESCRIBE' && t.action !== 'SHORTEN')) {
      expect(task.imageUrl).toMatch(new RegExp(`^${services.api.url}/v1/images/result/${task.id}/`));
      const file = join(imageDir, ...new URL(task.imageUrl!).pathname.replace('/v1/images/', '').split('/').map(decodeURIComponent));
      expect((await mjq.fetchImage(task.imageUrl!)).equals(await readFile(file))).toBe(true);
    }
    // They really overlapped: several Midjourney jobs ran at the same time.
    expect(sandbox.state.jobs.snapshot().maxRunning).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

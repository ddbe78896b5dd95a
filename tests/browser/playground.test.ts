import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../support/chromium.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { makePng } from '../support/mjq-client.js';

// The playground page in headless Chromium against the whole stack on the sandbox: what a person
// trying mjq does, with the keyboard where it matters, at phone width.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const browserPath = chromiumExecutable();
const WAIT = { timeout: 60_000, polling: 100 } as const;
const API_KEY = 'playground-test-key';

if ('missing' in browserPath) console.warn(`tests/browser/playground.test.ts SKIPPED: ${browserPath.missing}`);

let e2e: E2eStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

/** The id of the task on show once it reached `status` (and is not `notId`). */
async function taskShown(status: string, notId = ''): Promise<string> {
  const handle = await page.waitForFunction(
    ([s, not]) => {
      const section = document.getElementById('task')!;
      return section.dataset.status === s && section.dataset.taskId !== not ? section.dataset.taskId : false;
    },
    [status, notId] as const,
    WAIT,
  );
  return (await handle.jsonValue()) as string;
}

/** Does `act`, then waits for the next task on show (another than before) to reach `status`. */
async function nextTask(status: string, act: () => Promise<void>): Promise<string> {
  const before = (await page.locator('#task').getAttribute('data-task-id')) ?? '';
  await act();
  return taskShown(status, before);
}

/** Waits until the image on show is task `id`'s result from mjq's image store, loaded. */
async function resultImageLoaded(id: string): Promise<string> {
  const handle = await page.waitForFunction(
    (taskId) => {
      const img = document.getElementById('task-image') as HTMLImageElement;
      return img.complete && img.naturalWidth > 0 && img.src.includes(`/v1/images/result/${taskId}/`) ? img.src : false;
    },
    id,
    WAIT,
  );
  return (await handle.jsonValue()) as string;
}

/** Records every value the progress bar and the image source take (MutationObserver, old values). */
async function recordChanges(): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = { value: [], src: [] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const observe = (id: string, attr: string) =>
      new MutationObserver((records) => records.forEach((r) => seen[attr]!.push(r.oldValue ?? ''))).observe(document.getElementById(id)!, {
        attributes: true,
        attributeFilter: [attr],
        attributeOldValue: true,
      });
    observe('task-progress', 'value');
    observe('task-image', 'src');
  });
}

async function recorded(): Promise<{ progress: number[]; sources: string[] }> {
  return page.evaluate(() => {
    const seen = (window as unknown as { seen: Record<string, string[]> }).seen;
    const progress = [...seen.value!, document.getElementById('task-progress')!.getAttribute('value') ?? ''];
    const sources = [...seen.src!, document.getElementById('task-image')!.getAttribute('src') ?? ''];
    return { progress: progress.filter(Boolean).map(Number), sources: sources.filter(Boolean) };
  });
}

describe.skipIf('missing' in browserPath)('the playground page in headless Chromium', () => {
  beforeAll(async () => {
    // The page's scripts are compiled by the normal build; this keeps them current when only this file runs.
    const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'services/api/playground'], { cwd: repo, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    // This run's screenshots only.
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    // With API_KEYS set, so the page must send its key on every call, the SSE stream included.
    e2e = await startE2eStack('browser', { speed: { stepMs: 50 }, env: { API_KEYS: API_KEY } });
    browser = await chromium.launch({ executablePath: (browserPath as { path: string }).path });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy/.test(msg.text()) && pageErrors.push(msg.text()));
  }, 120_000);
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !page) return;
    // What the page said when a step did not come: its notice, error and the task on show.
    const said = await page.evaluate(() => [
      ...['notice', 'error', 'task-title', 'task-status', 'task-failure'].map((id) => `${id}: ${document.getElementById(id)?.textContent}`),
      `image: ${(document.getElementById('task-image') as HTMLImageElement).src}`,
    ]);
    console.error(`${task.name}\n  ${said.join('\n  ')}`);
    await shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it('imagines with live progress, clicks U1 and Vary (Region), remixes a variation in the dialog, describes an upload', async () => {
    const response = await page.goto(`${e2e.stack.api.url}/`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/playground');
    await recordChanges();

    await page.getByLabel('Prompt', { exact: true }).fill('a red fox in snow');
    await page.getByRole('button', { name: 'Imagine', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The API key is missing or wrong' }).waitFor(WAIT);
    await page.getByText('API key', { exact: true }).click();
    await page.getByLabel(/^API key/).fill(API_KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'API key saved in this browser.' }).waitFor(WAIT);

    const gridId = await nextTask('SUCCESS', () => page.getByRole('button', { name: 'Imagine', exact: true }).click());
    const grid = await resultImageLoaded(gridId);
    const { progress, sources } = await recorded();
    // Every recorded step arrives over SSE (the history is replayed too), so the bar passes
    // through Midjourney's percentages on its way to 100, never going back.
    expect(progress.some((p) => p > 0 && p < 100), `progress seen: ${progress}`).toBe(true);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(sources.some((s) => s !== grid), `the preview before the grid: ${sources}`).toBe(true);
    await shot('1-imagine-grid');

    // U1 from the keyboard.
    await page.getByRole('button', { name: 'U1', exact: true }).focus();
    const upscaleId = await nextTask('SUCCESS', () => page.keyboard.press('Enter'));
    expect(await resultImageLoaded(upscaleId)).not.toBe(grid);
    await page.getByRole('button', { name: 'Vary (Strong)' }).waitFor(WAIT);
    await shot('2-upscale');

    // Vary (Region) opens Midjourney's editor: the dialog sends the text with a mask of the image's size.
    const regionId = await nextTask('SUCCESS', async () => {
      await page.getByRole('button', { name: 'Vary (Region)' }).click();
      await page.getByRole('dialog').filter({ hasText: 'redraw the middle of the image' }).waitFor(WAIT);
      await page.getByLabel('Text', { exact: true }).fill('a golden crown');
      await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    });
    await resultImageLoaded(regionId);

    // Remix mode on: V2 of the grid (reopened from the recent list) opens the modal dialog.
    const sandboxUrl = e2e.stack.sandbox!.url;
    await fetch(`${sandboxUrl}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
    try {
      await page.locator(`#recent li[data-task-id="${gridId}"] button`).click();
      // The grid on show first: the region's result on show before it has a V2 of its own.
      await page.locator(`#task[data-task-id="${gridId}"]`).waitFor(WAIT);
      await page.getByRole('button', { name: 'V2', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor(WAIT);
      const text = page.getByLabel('Text', { exact: true });
      expect(await text.inputValue()).toContain('a red fox in snow');
      await text.fill('a blue fox in snow');
      await shot('3-remix-dialog');
      await dialog.getByRole('button', { name: 'Submit' }).click();
      const remixId = await taskShown('SUCCESS', gridId);
      await resultImageLoaded(remixId);
    } finally {
      await fetch(`${sandboxUrl}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: false }) });
    }

    await page.getByLabel(/^Images/).setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: makePng(7, 64) });
    const describeId = await nextTask('SUCCESS', () => page.getByRole('button', { name: 'Describe', exact: true }).click());
    await page.waitForFunction(() => document.querySelectorAll('#task-prompts li').length === 4, undefined, WAIT);
    const prompts = await page.locator('#task-prompts li').allTextContents();
    expect(prompts.every((p) => p.trim().length > 0)).toBe(true);
    await shot('4-describe');
    expect(describeId).not.toBe(upscaleId);
  }, 180_000);

  it('imagines with an uploaded image as image prompt, and blends two uploads', async () => {
    await page.getByLabel('Prompt', { exact: true }).fill('a fox like this one');
    await page.getByLabel(/^Image prompt/).setInputFiles({ name: 'fox.png', mimeType: 'image/png', buffer: makePng(11, 64) });
    const imagineId = await nextTask('SUCCESS', () => page.getByRole('button', { name: 'Imagine', exact: true }).click());
    await resultImageLoaded(imagineId);
    const task = (await (await fetch(`${e2e.stack.api.url}/v1/tasks/${imagineId}`, { headers: { 'x-api-key': API_KEY } })).json()) as { imageUrls: string[] };
    // The upload was posted to Discord (/message) and its CDN link went as the picurl.
    expect(task.imageUrls).toEqual([expect.stringMatching(new RegExp(`^${e2e.stack.sandbox!.url}/attachments/`))]);

    await page.getByLabel(/^Images/).setInputFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: makePng(21, 64) },
      { name: 'b.png', mimeType: 'image/png', buffer: makePng(22, 64) },
    ]);
    await page.getByLabel('Blend shape').selectOption('3:2');
    const blendId = await nextTask('SUCCESS', () => page.getByRole('button', { name: 'Blend', exact: true }).click());
    await resultImageLoaded(blendId);
    expect(await page.locator('#task-title').textContent()).toContain('blend');
  }, 120_000);

  it('says in words why the API refused a prompt and why Midjourney failed a task', async () => {
    await page.getByLabel('Prompt', { exact: true }).fill('a nude fox');
    await page.getByRole('button', { name: 'Imagine', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The prompt contains a banned word (BANNED_PROMPT)' }).waitFor(WAIT);

    await page.getByLabel('Prompt', { exact: true }).fill('a fox sandbox:invalid_parameter');
    await nextTask('FAILURE', () => page.getByRole('button', { name: 'Imagine', exact: true }).click());
    expect(await page.locator('#task-failure').textContent()).toContain('Midjourney refused a parameter of the prompt');
    await shot('5-failure');
  }, 120_000);

  it('keeps the recent tasks across a reload, with status, thumbnails and failure reasons, at phone width', async () => {
    await page.reload();
    const entries = page.locator('#recent li');
    await page.waitForFunction(() => document.querySelectorAll('#recent li').length >= 8, undefined, WAIT);
    const statuses = await entries.evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.status));
    // imagine, upscale, region, remix, describe, image-prompt imagine, blend; the failure, newest first.
    expect(statuses).toEqual(['FAILURE', ...Array(7).fill('SUCCESS')]);
    expect(await entries.first().textContent()).toContain('Midjourney refused a parameter of the prompt');
    expect(await page.locator('#recent li[data-status="SUCCESS"] img').count()).toBe(7);
    expect(await page.getByLabel(/^API key/).inputValue()).toBe(API_KEY);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('6-recent');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

// How the api serves the playground: no API key needed for the page itself (its calls need one),
// the page's own files only, under a strict CSP.

let h: Harness;

beforeAll(async () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'services/api/playground'], { cwd: repo, encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  h = await startHarness('api-playground');
}, 60_000);
afterAll(() => h?.close());

describe('the playground route', () => {
  it('sends / to /playground', async () => {
    const res = await fetch(`${h.api.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/playground');
  });

  it('serves the page, its stylesheet and its compiled script under a CSP allowing only its own code', async () => {
    const page = await fetch(`${h.api.url}/playground`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await page.text();
    expect(html).toContain('<progress id="task-progress"');
    // No external assets: every src and href of the page stays on this origin (links to docs aside).
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith('/'))).toEqual([]);

    const script = await fetch(`${h.api.url}/playground/js/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${h.api.url}/playground/playground.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers a missing file with the API’s JSON 404 and serves nothing outside its folders', async () => {
    const missing = await fetch(`${h.api.url}/playground/js/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    for (const path of ['/playground/%2e%2e/tsconfig.json', '/playground/js/%2e%2e/src/main.ts', '/playground/..%2ftsconfig.json']) {
      const res = await fetch(`${h.api.url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(await res.text(), path).not.toContain('compilerOptions');
    }
  });
});

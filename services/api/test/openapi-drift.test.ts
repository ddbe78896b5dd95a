import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const tsoaCli = join(apiDir, 'node_modules/@tsoa/cli/dist/cli.js');
const committedPath = join(apiDir, 'openapi/openapi.json');
const outDir = mkdtempSync(join(tmpdir(), 'mjq-openapi-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/**
 * The committed spec is what clients, /docs and /openapi.json see: it must be what the
 * controllers say. Regenerated with the project's own tsoa.json, into a directory of its own.
 */
describe('OpenAPI spec', () => {
  it('is what tsoa generates from the controllers (run `pnpm build` and commit openapi.json)', async () => {
    const config = JSON.parse(readFileSync(join(apiDir, 'tsoa.json'), 'utf8')) as { spec: { outputDirectory: string } };
    config.spec.outputDirectory = outDir;
    const configPath = join(outDir, 'tsoa.json');
    writeFileSync(configPath, JSON.stringify(config));
    await promisify(execFile)(process.execPath, [tsoaCli, 'spec', '-c', configPath], { cwd: apiDir });
    const generated = JSON.parse(readFileSync(join(outDir, 'openapi.json'), 'utf8')) as unknown;
    const committed = JSON.parse(readFileSync(committedPath, 'utf8')) as unknown;
    expect(committed).toEqual(generated);
  }, 120_000);
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Code comments cite the protocol reference by section (`§3.4`, `§4.2 step 5`, `§7c`, `§7(b)`,
 * `§1`). The reference lives in the repo (docs/discord-midjourney-protocol.md): every cited
 * section must have its heading there, or a reader of a fresh clone cannot follow the citation.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROTOCOL_DOC = join(ROOT, 'docs/discord-midjourney-protocol.md');

/** Where citations are looked for: TypeScript sources and tests of every workspace, and the READMEs. */
const TS_ROOTS = ['services/*/src', 'services/*/test', 'packages/*/src', 'packages/*/test', 'stack/src', 'tests'];
const MARKDOWN = ['README.md', 'services/*/README.md', 'packages/*/README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated', '.git']);

/**
 * `§4`, `§4.2`, `§7c`, `§7(c)`. A letter counts only when it stands alone (`§7c,` but not a word
 * glued to the number); `§1.3–§1.9` yields both ends; `§ ids…` (no number) is not a section.
 */
const CITATION = /§(\d+)(?:\.(\d+))?(?:([a-c])(?![A-Za-z])|\(([a-c])\))?/g;

interface Citation {
  key: string;
  where: string;
}

/** Expands one `*` segment (e.g. `services/*` → each service folder). */
function expand(pattern: string): string[] {
  let paths = [ROOT];
  for (const part of pattern.split('/')) {
    paths = paths.flatMap((base) => {
      if (part !== '*') return [join(base, part)];
      if (!existsSync(base) || !statSync(base).isDirectory()) return [];
      return readdirSync(base, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name))
        .map((e) => join(base, e.name));
    });
  }
  return paths.filter((p) => existsSync(p));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function citedFiles(): string[] {
  const ts = TS_ROOTS.flatMap(expand).flatMap((dir) => (statSync(dir).isDirectory() ? tsFiles(dir) : []));
  const md = MARKDOWN.flatMap(expand).filter((p) => statSync(p).isFile());
  // This file's own comments hold example citations, not references.
  const self = fileURLToPath(import.meta.url);
  return [...new Set([...ts, ...md])].filter((p) => p !== self).sort();
}

function sectionKey(major: string, minor: string | undefined, letter: string | undefined): string {
  if (minor !== undefined) return `${major}.${minor}`;
  return letter ? `${major}${letter}` : major;
}

function collectCitations(files: string[]): Citation[] {
  const found: Citation[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(CITATION)) {
          const [, major = '', minor, letter, parenLetter] = m;
          found.push({ key: sectionKey(major, minor, letter ?? parenLetter), where: `${relative(ROOT, file)}:${i + 1}` });
        }
      });
  }
  return found;
}

/**
 * Section keys that have a heading: `## 6. CDN` → `6`, `### 3.4 Type 5 …` → `3.4`, and
 * `### (c) …` under `## 7.` → `7c`.
 */
function headingKeys(markdown: string): string[] {
  const keys: string[] = [];
  let section: string | undefined;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const top = /^##\s+(\d+)\.(?:\s|$)/.exec(line);
    if (top) {
      section = top[1];
      keys.push(top[1]!);
      continue;
    }
    if (/^##\s/.test(line)) {
      section = undefined;
      continue;
    }
    const sub = /^###\s+(\d+)\.(\d+)(?:\s|$)/.exec(line);
    if (sub) {
      keys.push(`${sub[1]}.${sub[2]}`);
      continue;
    }
    const lettered = /^###\s+\(([a-z])\)(?:\s|$)/.exec(line);
    if (lettered && section) keys.push(`${section}${lettered[1]}`);
  }
  return keys;
}

const files = citedFiles();
const citations = collectCitations(files);

describe('protocol citations (§x.y) resolve to docs/discord-midjourney-protocol.md', () => {
  it('finds the citations in the code (the scan itself works)', () => {
    expect(files.some((f) => f.endsWith('packages/discord/src/custom-id.ts'))).toBe(true);
    expect(citations.length).toBeGreaterThan(100);
    // Every form in use is understood: plain, dotted, lettered and parenthesised.
    const keys = new Set(citations.map((c) => c.key));
    expect(keys).toContain('3.4');
    expect(keys).toContain('6');
  });

  it('has a heading for every cited section', () => {
    expect(existsSync(PROTOCOL_DOC), 'docs/discord-midjourney-protocol.md is missing').toBe(true);
    const headings = new Set(headingKeys(readFileSync(PROTOCOL_DOC, 'utf8')));
    const missing = new Map<string, string[]>();
    for (const { key, where } of citations) {
      if (headings.has(key)) continue;
      missing.set(key, [...(missing.get(key) ?? []), where]);
    }
    const report = [...missing]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([key, where]) => `§${key} (${where.length}×, e.g. ${where.slice(0, 3).join(', ')})`);
    expect(report, `cited sections without a heading in docs/discord-midjourney-protocol.md:\n${report.join('\n')}`).toEqual([]);
  });

  it('numbers each heading once', () => {
    const keys = headingKeys(readFileSync(PROTOCOL_DOC, 'utf8'));
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated, `headings numbered twice: ${repeated.join(', ')}`).toEqual([]);
  });

  it('keeps the numbering of the shared reference (sections 1–8 and their subsections)', () => {
    const keys = new Set(headingKeys(readFileSync(PROTOCOL_DOC, 'utf8')));
    const expected = [
      ...['1', '2', '3', '4', '5', '6', '7', '8'],
      ...Array.from({ length: 10 }, (_, i) => `1.${i + 1}`),
      ...['2.1', '2.2', '2.3', '2.4'],
      ...['3.1', '3.2', '3.3', '3.4', '3.5'],
      ...Array.from({ length: 8 }, (_, i) => `4.${i + 1}`),
      ...['5.1', '5.2', '7a', '7b', '7c'],
    ];
    expect(expected.filter((k) => !keys.has(k))).toEqual([]);
  });
});

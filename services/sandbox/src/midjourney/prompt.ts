import { createHash } from 'node:crypto';

const LEADING_LINK = /^(https?:\/\/\S+)\s+/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Midjourney shows image links at the start of a prompt as its own short links,
 * `<https://s.mj.run/xxxx>` (§4.2), and repeats the rewritten prompt in every message of the job.
 */
export function rewriteImageLinks(prompt: string): string {
  const links: string[] = [];
  let rest = prompt;
  for (let m = LEADING_LINK.exec(rest); m; m = LEADING_LINK.exec(rest)) {
    links.push(`<https://s.mj.run/${shortCode(m[1]!)}>`);
    rest = rest.slice(m[0].length);
  }
  return [...links, rest].join(' ');
}

function shortCode(url: string): string {
  const digest = createHash('sha256').update(url).digest();
  return Array.from(digest.subarray(0, 11), (b) => BASE62[b % 62]).join('');
}

/**
 * The prompt part of a result file name, `<user>_<slug>_<uuid>.png` (§3.5): words joined by `_`,
 * links and `--parameters` left out. Only `[a-z0-9_]`, so the text after the last `_` of the file
 * name is the job id, which is how clients recover it.
 */
export function promptSlug(prompt: string): string {
  const words = prompt
    .replace(/<https?:\/\/[^>]*>/g, ' ')
    .replace(/\s--\S+(\s+[^-\s]\S*)?/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.join('_').slice(0, 60).replace(/_+$/, '') || 'image';
}

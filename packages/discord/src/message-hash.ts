/**
 * The job UUID ("message hash") that button custom_ids embed (§3.5). Accepted shapes, per path
 * segment from the last one back:
 * - final image `<user>_<prompt-slug>_<uuid>.png` → the text after the last `_`;
 * - progress preview `<uuid>_grid_0.webp` (also `.png`);
 * - video progress frames `<uuid>_<clip>_step_<n>.jpeg` (§4.8);
 * - `https://www.midjourney.com/jobs/<uuid>` and `https://cdn.midjourney.com/<uuid>/0_<i>.png`.
 * The query is dropped first: signed CDN links end in `?ex=…&is=…&hm=…&` (§6), which defeats any
 * suffix test on the raw URL.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SEGMENT = new RegExp(`^(?:.*_)?(${UUID})(?:_grid_\\d+|_\\d+_step_\\d+)?(?:\\.\\w+)?$`, 'i');

export function extractMessageHash(urlOrFilename: string): string | undefined {
  const path = urlOrFilename.split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  for (let i = segments.length - 1; i >= 0; i--) {
    const hash = SEGMENT.exec(segments[i] ?? '')?.[1];
    if (hash) return hash;
  }
  return undefined;
}

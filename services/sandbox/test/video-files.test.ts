import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGrid } from '../src/images/grid-render.js';
import type { Raster } from '../src/images/raster.js';
import { CLIP_SIDE, clipFrames, encodeJpeg } from '../src/video/clip-frames.js';
import { muxMp4, rgb24 } from '../src/video/mp4-mux.js';
import { lastFrame } from '../src/video/video-files.js';
import { encodeAnimatedWebp } from '../src/video/webp-animated.js';

/** ffprobe's JSON of a file; Debian's ffmpeg (installed by .ci/run) reads what players read. */
function probe(bytes: Buffer, ext: string): { streams: Array<Record<string, unknown>>; format: Record<string, unknown> } {
  const file = join(mkdtempSync(join(tmpdir(), 'mjq-video-')), `clip.${ext}`);
  writeFileSync(file, bytes);
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' });
  return JSON.parse(out) as ReturnType<typeof probe>;
}

describe('video files', () => {
  const source = renderGrid('a lighthouse', 512);

  it.each([
    ['raw ', 'rawvideo', (f: Raster) => rgb24(f.data)],
    ['jpeg', 'mjpeg', (f: Raster) => encodeJpeg(f)],
  ] as const)('muxes %j frames into an mp4 ffprobe reads as a 6-frame %s video at 8 fps', (codec, name, encode) => {
    const frames = clipFrames(source, 'high', 'seed');
    const mp4 = muxMp4(frames.map(encode), { width: CLIP_SIDE, height: CLIP_SIDE, fps: 8, codec });
    expect(mp4.toString('latin1', 4, 8)).toBe('ftyp');
    const { streams, format } = probe(mp4, 'mp4');
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ codec_type: 'video', codec_name: name, width: CLIP_SIDE, height: CLIP_SIDE, nb_read_frames: '6', r_frame_rate: '8/1' });
    expect(Number(format.duration)).toBeCloseTo(0.75, 2);
    expect(String(format.format_name)).toContain('mp4');
  });

  it('high motion drifts further than low; different seeds drift differently', () => {
    const drift = (frames: ReturnType<typeof clipFrames>) => difference(frames[0]!.data, frames.at(-1)!.data);
    expect(drift(clipFrames(source, 'high', 's'))).toBeGreaterThan(drift(clipFrames(source, 'low', 's')));
    expect(difference(clipFrames(source, 'high', 'a').at(-1)!.data, clipFrames(source, 'high', 'b').at(-1)!.data)).toBeGreaterThan(0);
  });

  it('reads back the last frame of its own mp4 (where an extension starts)', () => {
    const frames = clipFrames(source, 'low', 'x');
    const mp4 = muxMp4(frames.map((f) => rgb24(f.data)), { width: CLIP_SIDE, height: CLIP_SIDE, fps: 8, codec: 'raw ' });
    expect(lastFrame(mp4)).toEqual(frames.at(-1));
  });

  it('writes an animated WebP ffprobe reads with every frame', () => {
    const frames = clipFrames(source, 'high', 'w').map((f) => ({ ...f }));
    const webp = encodeAnimatedWebp(frames, 125);
    expect(webp.toString('latin1', 0, 4)).toBe('RIFF');
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(webp.toString('latin1', 12, 16)).toBe('VP8X');
    expect(webp[20]! & 0x02).toBe(2);
    expect(webp.toString('latin1').split('ANMF').length - 1).toBe(frames.length);
    // ffmpeg's webp demuxer reads the canvas; decoding animated WebP needs a newer ffmpeg than some hosts have.
    const { streams } = probe(webp, 'webp');
    expect(streams[0]).toMatchObject({ codec_type: 'video', codec_name: 'webp' });
  });
});

function difference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

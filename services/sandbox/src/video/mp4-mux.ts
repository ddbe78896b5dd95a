/**
 * A minimal MP4 muxer: one video track of Motion-JPEG (`jpeg`) or uncompressed RGB (`raw `)
 * samples, every frame a sync sample, all in one chunk, `moov` before `mdat` so a player can start
 * at once. Enough for the sandbox's small playable clips without an encoder dependency; layout per
 * ISO/IEC 14496-12 (sample entries as QuickTime names them, which ffmpeg and VLC read).
 */
export interface Mp4Options {
  width: number;
  height: number;
  /** Frames per second; every frame lasts 1/fps. */
  fps: number;
  /** `raw `: each sample is width×height packed RGB24 — no encoding cost at all. */
  codec?: 'jpeg' | 'raw ';
}

/** Raw RGB24 samples from RGBA rasters, for a `raw ` track. */
export function rgb24(data: Uint8Array): Buffer {
  const out = Buffer.alloc((data.length / 4) * 3);
  for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
    out[o] = data[i]!;
    out[o + 1] = data[i + 1]!;
    out[o + 2] = data[i + 2]!;
  }
  return out;
}

const TIMESCALE = 1000;
const MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

export function muxMp4(frames: Buffer[], { width, height, fps, codec = 'jpeg' }: Mp4Options): Buffer {
  if (frames.length === 0) throw new RangeError('a clip needs at least one frame');
  const delta = Math.round(TIMESCALE / fps);
  const duration = delta * frames.length;
  const ftyp = box('ftyp', Buffer.from('isom'), u32(0x200), Buffer.from('isomiso2mp41'));
  // The chunk offset is known once moov's size is: its size does not depend on the offset's value.
  const moovFor = (offset: number) => box('moov', mvhd(duration), trak(frames, { width, height, duration, delta, offset, codec }));
  const moovSize = moovFor(0).length;
  const mdatHeader = 8;
  const moov = moovFor(ftyp.length + moovSize + mdatHeader);
  return Buffer.concat([ftyp, moov, box('mdat', ...frames)]);
}

interface TrackLayout {
  width: number;
  height: number;
  duration: number;
  delta: number;
  offset: number;
  codec: 'jpeg' | 'raw ';
}

function mvhd(duration: number): Buffer {
  return fullBox('mvhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(duration), u32(0x00010000), u16(0x0100), zeros(10), ...MATRIX.map(u32), zeros(24), u32(2));
}

function trak(frames: Buffer[], t: TrackLayout): Buffer {
  const tkhd = fullBox('tkhd', 0, 3, u32(0), u32(0), u32(1), u32(0), u32(t.duration), zeros(8), u16(0), u16(0), u16(0), u16(0), ...MATRIX.map(u32), u32(t.width << 16), u32(t.height << 16));
  const mdhd = fullBox('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(t.duration), u16(0x55c4), u16(0));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide'), zeros(12), Buffer.from('VideoHandler\0'));
  const vmhd = fullBox('vmhd', 0, 1, zeros(8));
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const compressor = Buffer.alloc(32);
  compressor.write(t.codec === 'jpeg' ? '\u0004jpeg' : '\u0003raw', 'latin1');
  const entry = box(t.codec, zeros(6), u16(1), zeros(16), u16(t.width), u16(t.height), u32(0x00480000), u32(0x00480000), u32(0), u16(1), compressor, u16(0x18), u16(0xffff));
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), entry),
    fullBox('stts', 0, 0, u32(1), u32(frames.length), u32(t.delta)),
    fullBox('stsc', 0, 0, u32(1), u32(1), u32(frames.length), u32(1)),
    fullBox('stsz', 0, 0, u32(0), u32(frames.length), ...frames.map((f) => u32(f.length))),
    fullBox('stco', 0, 0, u32(1), u32(t.offset)),
  );
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl)));
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}

const zeros = (n: number) => Buffer.alloc(n);

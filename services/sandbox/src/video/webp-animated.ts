import type { Raster } from '../images/raster.js';
import { encodeWebpLossless } from '../images/webp-lossless.js';

/**
 * An animated WebP (the video grid's preview, §4.8): a VP8X header with the animation flag, ANIM
 * (loop forever) and one ANMF per frame wrapping the lossless frame the still encoder writes.
 * Layout per RFC 9649 (section "Extended File Format"). Frames must share the canvas size.
 */
export function encodeAnimatedWebp(frames: Raster[], frameMs: number): Buffer {
  const first = frames[0];
  if (!first) throw new RangeError('an animation needs at least one frame');
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x02; // animation
  vp8x.writeUIntLE(first.width - 1, 4, 3);
  vp8x.writeUIntLE(first.height - 1, 7, 3);
  const anim = Buffer.alloc(6); // background 0 (transparent black), loop count 0 = forever
  const anmfs = frames.map((frame) => {
    const header = Buffer.alloc(16);
    header.writeUIntLE(0, 0, 3);
    header.writeUIntLE(0, 3, 3);
    header.writeUIntLE(frame.width - 1, 6, 3);
    header.writeUIntLE(frame.height - 1, 9, 3);
    header.writeUIntLE(frameMs, 12, 3);
    header[15] = 0x02; // do not blend, do not dispose: each frame is whole
    // The still file is RIFF(12 bytes) + its VP8L chunk: the chunk is the frame data.
    return chunk('ANMF', Buffer.concat([header, encodeWebpLossless(frame).subarray(12)]));
  });
  const body = Buffer.concat([Buffer.from('WEBP'), chunk('VP8X', vp8x), chunk('ANIM', anim), ...anmfs]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

function chunk(fourcc: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

import type { Raster } from './raster.js';

/**
 * A minimal lossless WebP (VP8L) encoder, enough for Midjourney's `<uuid>_grid_0.webp` progress
 * previews (§4.2 step 3) and today's `.webp` grids (§4.8) without a native dependency. It spends no effort on compression: no
 * transforms, no colour cache, no back-references, and fixed 8-bit codes for green, red and blue
 * (every symbol the same length is a valid canonical prefix code); alpha is a one-symbol code
 * (opaque, zero bits). Output is about 3 bytes per pixel. Layout per the WebP lossless bitstream
 * specification (RFC 9649).
 */
export function encodeWebpLossless(image: Raster): Buffer {
  const bits = new BitWriter();
  writeHeader(bits, image.width, image.height);
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    bits.writeCode8(data[i + 1]!); // green first, then red, blue (alpha costs no bits)
    bits.writeCode8(data[i]!);
    bits.writeCode8(data[i + 2]!);
  }
  return riff(bits.finish());
}

/**
 * Pixels of a WebP this encoder wrote (the sandbox reads its own results back, as Midjourney works
 * on the image a button belongs to); undefined for any other file, WebP or not.
 */
export function decodeWebpLossless(bytes: Buffer): Raster | undefined {
  if (bytes.length < 25 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 16) !== 'WEBPVP8L') return undefined;
  const vp8l = bytes.subarray(20, 20 + bytes.readUInt32LE(16));
  const size = vp8l.readUInt32LE(1);
  const [width, height] = [(size & 0x3fff) + 1, ((size >>> 14) & 0x3fff) + 1];
  const header = new BitWriter();
  writeHeader(header, width, height);
  const headerBits = header.bitLength;
  const expected = header.finish();
  // Everything up to the pixels must be exactly what writeHeader produces (the last byte only partly).
  const whole = headerBits >>> 3;
  if (vp8l.length * 8 < headerBits + width * height * 24 || !vp8l.subarray(0, whole).equals(expected.subarray(0, whole))) return undefined;
  const data = new Uint8Array(width * height * 4);
  let bit = headerBits;
  const read8 = (): number => {
    const at = bit >>> 3;
    const shift = bit & 7;
    bit += 8;
    return REVERSED[((vp8l[at]! | ((vp8l[at + 1] ?? 0) << 8)) >>> shift) & 0xff]!;
  };
  for (let i = 0; i < data.length; i += 4) {
    data[i + 1] = read8();
    data[i] = read8();
    data[i + 2] = read8();
    data[i + 3] = 255;
  }
  return { width, height, data };
}

function writeHeader(bits: BitWriter, width: number, height: number): void {
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha_is_used: previews are opaque
  bits.write(0, 3); // version
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // one prefix-code group for the whole image
  writeFlat8BitCode(bits, 256); // green: 256 literals of the 280-symbol alphabet
  writeFlat8BitCode(bits); // red
  writeFlat8BitCode(bits); // blue
  writeSingleSymbolCode(bits, 255); // alpha: always 255
  writeSingleSymbolCode(bits, 0); // distance: never used
}

/**
 * A "normal" prefix code where symbols 0–255 all have length 8. The code-length code has a single
 * used symbol (length 8), which decoders read with zero bits per code length.
 */
function writeFlat8BitCode(bits: BitWriter, maxSymbol?: number): void {
  bits.write(0, 1); // normal (not simple) code
  // Code-length code lengths are sent in the order 17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, …:
  // symbol 8 is the 12th entry, so send 12 of them, all zero but that one.
  bits.write(12 - 4, 4);
  for (let i = 0; i < 12; i++) bits.write(i === 11 ? 1 : 0, 3);
  if (maxSymbol === undefined) {
    bits.write(0, 1); // code lengths for the whole alphabet
    return;
  }
  // Only the first maxSymbol code lengths are read: length_nbits = 2 + 2*3 = 8, max_symbol = 2 + v.
  bits.write(1, 1);
  bits.write(3, 3);
  bits.write(maxSymbol - 2, 8);
}

function writeSingleSymbolCode(bits: BitWriter, symbol: number): void {
  bits.write(1, 1); // simple code
  bits.write(0, 1); // one symbol
  const wide = symbol > 1;
  bits.write(wide ? 1 : 0, 1);
  bits.write(symbol, wide ? 8 : 1);
}

function riff(vp8l: Buffer): Buffer {
  const pad = vp8l.length % 2;
  const header = Buffer.alloc(20);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 8 + vp8l.length + pad, 4);
  header.write('WEBP', 8, 'ascii');
  header.write('VP8L', 12, 'ascii');
  header.writeUInt32LE(vp8l.length, 16);
  return Buffer.concat([header, vp8l, Buffer.alloc(pad)]);
}

/** Bit-reversed bytes: prefix codes are read from their most significant bit (see writeCode8). */
const REVERSED = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >>> i) & 1) << (7 - i);
  return r;
});

/** VP8L packs values least-significant bit first. */
class BitWriter {
  private bytes: Uint8Array = new Uint8Array(1024);
  private length = 0;
  private pending = 0;
  private pendingBits = 0;

  get bitLength(): number {
    return this.length * 8 + this.pendingBits;
  }

  /** `count` ≤ 24 bits of `value`. */
  write(value: number, count: number): void {
    this.pending |= (value & ((1 << count) - 1)) << this.pendingBits;
    this.pendingBits += count;
    while (this.pendingBits >= 8) {
      this.push(this.pending & 0xff);
      this.pending >>>= 8;
      this.pendingBits -= 8;
    }
  }

  /** With flat 8-bit codes, code = symbol, sent most significant bit first. */
  writeCode8(symbol: number): void {
    this.write(REVERSED[symbol]!, 8);
  }

  finish(): Buffer {
    if (this.pendingBits > 0) this.push(this.pending & 0xff);
    return Buffer.from(this.bytes.buffer, 0, this.length);
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
}

/**
 * RGB565 little-endian (what GetVirtualSystemThumbnailImage returns: 2 bytes per pixel, rows top to bottom,
 * no padding) to RGBA8888 for a canvas ImageData. 5/6-bit channels are widened by repeating their high bits
 * so full white stays 255 and black stays 0.
 */
let table: Uint32Array | null = null;
const littleEndianHost = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One 32-bit RGBA word per 16-bit pixel value, in the host's byte order (built once, 256 KiB). */
function lookupTable(): Uint32Array {
  if (table) return table;
  const t = new Uint32Array(65536);
  for (let v = 0; v < 65536; v++) {
    const r5 = (v >> 11) & 0x1f;
    const g6 = (v >> 5) & 0x3f;
    const b5 = v & 0x1f;
    const r = (r5 << 3) | (r5 >> 2);
    const g = (g6 << 2) | (g6 >> 4);
    const b = (b5 << 3) | (b5 >> 2);
    t[v] = littleEndianHost ? ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
  }
  table = t;
  return t;
}

export function rgb565Pixel(lo: number, hi: number): [number, number, number] {
  const v = lo | (hi << 8);
  const r5 = (v >> 11) & 0x1f;
  const g6 = (v >> 5) & 0x3f;
  const b5 = v & 0x1f;
  return [(r5 << 3) | (r5 >> 2), (g6 << 2) | (g6 >> 4), (b5 << 3) | (b5 >> 2)];
}

/**
 * Decodes `width*height` pixels into `out` (RGBA, 4 bytes per pixel), allocating it when not given.
 * Throws when the source is shorter than the frame claims: a truncated frame must not paint garbage.
 */
export function decodeRgb565(src: Uint8Array, width: number, height: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`bad frame size ${width}x${height}`);
  }
  const pixels = width * height;
  if (src.length < pixels * 2) throw new Error(`frame has ${src.length} bytes, ${width}x${height} RGB565 needs ${pixels * 2}`);
  const rgba = out ?? new Uint8ClampedArray(pixels * 4);
  if (rgba.length < pixels * 4) throw new Error('output buffer too small');
  const t = lookupTable();
  if (rgba.byteOffset % 4 !== 0) {
    // A caller-supplied view at an odd offset cannot take a Uint32 view: write bytes.
    for (let i = 0, j = 0; i < pixels; i++, j += 2) {
      const [r, g, b] = rgb565Pixel(src[j]!, src[j + 1]!);
      rgba[i * 4] = r;
      rgba[i * 4 + 1] = g;
      rgba[i * 4 + 2] = b;
      rgba[i * 4 + 3] = 255;
    }
    return rgba;
  }
  // A Uint32 view writes one pixel per store; it needs 4-byte alignment, which a fresh buffer has.
  const dst = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  if (src.byteOffset % 2 === 0) {
    const words = new Uint16Array(src.buffer, src.byteOffset, pixels);
    if (littleEndianHost) {
      for (let i = 0; i < pixels; i++) dst[i] = t[words[i]!]!;
      return rgba;
    }
  }
  for (let i = 0, j = 0; i < pixels; i++, j += 2) dst[i] = t[src[j]! | (src[j + 1]! << 8)]!;
  return rgba;
}

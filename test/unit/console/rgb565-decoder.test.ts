import { describe, expect, it } from 'vitest';
import { decodeRgb565, rgb565Pixel } from '../../../renderer/src/features/console/rgb565-decoder';

/** Little-endian RGB565 bytes of the given 16-bit values. */
function le(values: number[], offset = 0): Uint8Array {
  const buf = new Uint8Array(offset + values.length * 2);
  values.forEach((v, i) => {
    buf[offset + 2 * i] = v & 0xff;
    buf[offset + 2 * i + 1] = v >> 8;
  });
  return buf.subarray(offset);
}

const px = (rgba: Uint8ClampedArray, i: number) => Array.from(rgba.subarray(i * 4, i * 4 + 4));

describe('RGB565 decoder', () => {
  it('decodes the primaries, black and white to full-range 8-bit channels', () => {
    const rgba = decodeRgb565(le([0x0000, 0xffff, 0xf800, 0x07e0, 0x001f]), 5, 1);
    expect(px(rgba, 0)).toEqual([0, 0, 0, 255]);
    expect(px(rgba, 1)).toEqual([255, 255, 255, 255]);
    expect(px(rgba, 2)).toEqual([255, 0, 0, 255]);
    expect(px(rgba, 3)).toEqual([0, 255, 0, 255]);
    expect(px(rgba, 4)).toEqual([0, 0, 255, 255]);
  });

  it('widens mid values by repeating the high bits (0x8410 = r16 g32 b16)', () => {
    const rgba = decodeRgb565(le([0x8410]), 1, 1);
    expect(px(rgba, 0)).toEqual([132, 130, 132, 255]);
    expect(rgb565Pixel(0x10, 0x84)).toEqual([132, 130, 132]);
    // 0x1234: r=2 (00010) g=17 (010001) b=20 (10100)
    expect(rgb565Pixel(0x34, 0x12)).toEqual([(2 << 3) | 0, (17 << 2) | 1, (20 << 3) | 5]);
  });

  it('keeps rows in order for an odd width (3x2), with no row padding', () => {
    const values = [0xf800, 0x07e0, 0x001f, 0xffff, 0x0000, 0x8410];
    const rgba = decodeRgb565(le(values), 3, 2);
    expect(rgba.length).toBe(3 * 2 * 4);
    expect(px(rgba, 2)).toEqual([0, 0, 255, 255]); // end of row 0
    expect(px(rgba, 3)).toEqual([255, 255, 255, 255]); // start of row 1
    expect(px(rgba, 5)).toEqual([132, 130, 132, 255]);
  });

  it('decodes a source that starts at an odd byte offset (no aligned 16-bit view possible)', () => {
    const values = [0x001f, 0xf800, 0x07e0];
    const src = le(values, 1);
    expect(src.byteOffset % 2).toBe(1);
    const rgba = decodeRgb565(src, 3, 1);
    expect(px(rgba, 0)).toEqual([0, 0, 255, 255]);
    expect(px(rgba, 1)).toEqual([255, 0, 0, 255]);
    expect(px(rgba, 2)).toEqual([0, 255, 0, 255]);
  });

  it('writes into a given buffer and refuses truncated frames and bad sizes', () => {
    const out = new Uint8ClampedArray(7 * 1 * 4);
    const got = decodeRgb565(le([0xffff, 0, 0, 0, 0, 0, 0xf800]), 7, 1, out);
    expect(got).toBe(out);
    expect(px(out, 6)).toEqual([255, 0, 0, 255]);
    expect(() => decodeRgb565(new Uint8Array(5), 3, 1)).toThrow(/needs 6/);
    expect(() => decodeRgb565(new Uint8Array(8), 0, 4)).toThrow(/bad frame size/);
    expect(() => decodeRgb565(new Uint8Array(8), 2, 2, new Uint8ClampedArray(4))).toThrow(/too small/);
  });
});

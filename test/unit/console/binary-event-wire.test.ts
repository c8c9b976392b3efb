import { describe, expect, it } from 'vitest';
import { decodeBinaryEvent, encodeBinaryEvent, hasBinaryBody } from '../../../shared/ipc/wire';
import { ConsoleFrame } from '../../../shared/features/console/console.contract';

describe('binary events on the wire', () => {
  it('round-trips a console frame: header fields as JSON, pixels as raw bytes', () => {
    const bytes = new Uint8Array([1, 2, 3, 250, 0, 7]);
    const payload = { streamId: 's-1', seq: 4, width: 3, height: 1, bytes, latencyMs: 12, fps: 9.5 };
    expect(hasBinaryBody(payload)).toBe(true);
    const wire = encodeBinaryEvent('console.frame', payload);
    // 4-byte length + header + exactly the pixel bytes: no JSON array of numbers anywhere.
    const headerLength = new DataView(wire.buffer).getUint32(0, true);
    expect(wire.length).toBe(4 + headerLength + bytes.length);
    expect(new TextDecoder().decode(wire.subarray(4, 4 + headerLength))).not.toContain('bytes');
    const back = decodeBinaryEvent(wire);
    expect(back?.name).toBe('console.frame');
    const frame = ConsoleFrame.parse(back?.payload);
    expect(Array.from(frame.bytes)).toEqual([1, 2, 3, 250, 0, 7]);
    expect(frame).toMatchObject({ streamId: 's-1', seq: 4, width: 3, height: 1, latencyMs: 12, fps: 9.5 });
  });

  it('rejects messages that are not binary events', () => {
    expect(decodeBinaryEvent(new Uint8Array([1, 2]))).toBeNull();
    expect(decodeBinaryEvent(new Uint8Array([200, 0, 0, 0, 1]))).toBeNull(); // header longer than the message
    const notJson = new Uint8Array([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]);
    expect(decodeBinaryEvent(notJson)).toBeNull();
    expect(hasBinaryBody({ bytes: [1, 2] })).toBe(false);
    expect(hasBinaryBody(null)).toBe(false);
  });
});

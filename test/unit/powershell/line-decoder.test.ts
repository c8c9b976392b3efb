import { describe, expect, it } from 'vitest';
import { LineDecoder, parseFrame } from '../../../electron/main/platform/powershell/protocol';

describe('LineDecoder (agent stdout framing)', () => {
  it('joins lines split across chunks, including inside a multi-byte character', () => {
    const lines: string[] = [];
    const d = new LineDecoder((l) => lines.push(l));
    const bytes = Buffer.from('{"a":"中文"}\n{"b":1}\r\n', 'utf8');
    for (let i = 0; i < bytes.length; i++) d.push(bytes.subarray(i, i + 1)); // one byte at a time
    expect(lines).toEqual(['{"a":"中文"}', '{"b":1}']);
    expect(d.pending).toBe(0);
  });

  it('emits several lines from one chunk and keeps the unfinished tail', () => {
    const lines: string[] = [];
    const d = new LineDecoder((l) => lines.push(l));
    d.push(Buffer.from('one\ntwo\nthr'));
    expect(lines).toEqual(['one', 'two']);
    d.push(Buffer.from('ee\n'));
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('handles a 20 MB frame delivered in 64 KiB chunks', () => {
    const lines: string[] = [];
    const d = new LineDecoder((l) => lines.push(l));
    const big = Buffer.from(JSON.stringify({ id: 1, data: 'x'.repeat(20 * 1024 * 1024) }) + '\n');
    for (let i = 0; i < big.length; i += 65536) d.push(big.subarray(i, i + 65536));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBe(big.length - 1);
  });

  it('drops a line over the limit, reports it, and recovers at the next newline', () => {
    const lines: string[] = [];
    const oversize: number[] = [];
    const d = new LineDecoder((l) => lines.push(l), 10, (n) => oversize.push(n));
    d.push(Buffer.from('0123456789ABCDEF'));
    d.push(Buffer.from('GHI\nok\n'));
    expect(lines).toEqual(['ok']);
    expect(oversize).toHaveLength(1);
  });
});

describe('parseFrame', () => {
  it('accepts a result frame and rejects stray text or unknown frames', () => {
    const ok = parseFrame('{"id":3,"t":"result","data":"{}","sessionState":null,"streams":{"warnings":[],"verbose":[],"information":[]}}');
    expect('invalid' in ok).toBe(false);
    expect('invalid' in parseFrame('WARNING: something printed to stdout')).toBe(true);
    expect('invalid' in parseFrame('{"id":3,"t":"mystery"}')).toBe(true);
  });
});

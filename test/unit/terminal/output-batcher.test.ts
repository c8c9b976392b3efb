import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from '../../../electron/main/features/terminal/output-batcher';
import { ManualClock } from '../../support/manual-clock';

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends everything pushed within one 16 ms frame as one message', () => {
    const sent: string[] = [];
    const b = new OutputBatcher((t) => sent.push(t), 16);
    b.push(Buffer.from('PS> '));
    b.push(Buffer.from('Get-VM'));
    b.push('\r\n');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(15);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['PS> Get-VM\r\n']);
    b.push(Buffer.from('next'));
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['PS> Get-VM\r\n', 'next']);
  });

  it('keeps multi-byte characters whole when the bytes are split at every possible place', () => {
    const text = '中文 VM 🖥️ naïve Ω';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      for (let cut2 = cut; cut2 < bytes.length; cut2++) {
        const sent: string[] = [];
        const b = new OutputBatcher((t) => sent.push(t), 16);
        b.push(bytes.subarray(0, cut));
        b.flushNow(); // a frame boundary falls inside a character
        b.push(bytes.subarray(cut, cut2));
        b.flushNow();
        b.push(bytes.subarray(cut2));
        b.flushNow(true);
        expect(sent.join('')).toBe(text);
        for (const s of sent) expect(s).not.toContain('\uFFFD');
      }
    }
  });

  it('flushes early when a frame grows past its cap', () => {
    const sent: string[] = [];
    const b = new OutputBatcher((t) => sent.push(t), 16, 1000);
    b.push('x'.repeat(600));
    expect(sent).toHaveLength(0);
    b.push('y'.repeat(600));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(1200);
  });

  it('drops pending output and its timer on dispose', () => {
    const sent: string[] = [];
    const b = new OutputBatcher((t) => sent.push(t), 16);
    b.push('late');
    b.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});

describe('OutputBatcher on an injected clock', () => {
  it('waits on the clock it is given, not on global timers', () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const b = new OutputBatcher((t) => sent.push(t), 16, 1024, clock);
    b.push('PS> ');
    expect(clock.pending).toBe(1);
    clock.advance(15);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual(['PS> ']);
    b.push('gone');
    b.dispose();
    expect(clock.pending).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../electron/main/features/terminal/flow-control';
import { ScrollbackRing } from '../../../electron/main/features/terminal/scrollback-ring';

function pty() {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

describe('FlowControl', () => {
  it('pauses once above the high-water mark and resumes only below the low-water mark', () => {
    const p = pty();
    const f = new FlowControl(p, 100_000, 5_000);
    f.sent(60_000);
    f.sent(40_000);
    expect(p.calls).toEqual([]); // exactly at the mark: still flowing
    f.sent(1);
    expect(p.calls).toEqual(['pause']);
    f.sent(50_000); // more output already in flight does not pause twice
    expect(p.calls).toEqual(['pause']);
    f.acked(100_000);
    expect(f.unacknowledged).toBe(50_001);
    expect(p.calls).toEqual(['pause']);
    f.acked(45_002);
    expect(f.unacknowledged).toBe(4_999);
    expect(p.calls).toEqual(['pause', 'resume']);
    expect(f.isPaused).toBe(false);
  });

  it('never counts below zero and resumes on reset', () => {
    const p = pty();
    const f = new FlowControl(p, 10, 5);
    f.acked(100);
    expect(f.unacknowledged).toBe(0);
    f.sent(11);
    expect(f.isPaused).toBe(true);
    f.reset();
    expect(f.isPaused).toBe(false);
    expect(p.calls).toEqual(['pause', 'resume']);
  });
});

describe('ScrollbackRing', () => {
  it('keeps only the newest characters up to its cap, in order', () => {
    const r = new ScrollbackRing(10);
    r.push('abc');
    r.push('defg');
    expect(r.text()).toBe('abcdefg');
    r.push('hijkl');
    expect(r.size).toBe(10);
    expect(r.text()).toBe('cdefghijkl');
    r.push('0123456789ABCDEF');
    expect(r.text()).toBe('6789ABCDEF');
  });

  it('stays bounded over many small chunks', () => {
    const r = new ScrollbackRing(1000);
    for (let i = 0; i < 50_000; i++) r.push(`${i % 10}`);
    expect(r.size).toBe(1000);
    const t = r.text();
    expect(t).toHaveLength(1000);
    expect(t.endsWith('56789')).toBe(true);
  });
});

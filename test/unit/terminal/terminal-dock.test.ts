import { describe, expect, it } from 'vitest';
import { clampDockHeight, minDockHeight } from '../../../renderer/src/features/terminal/dock-height';

describe('terminal dock height', () => {
  it('keeps a dragged height between the minimum and the window height less a strip for the view', () => {
    expect(clampDockHeight(300, 900)).toBe(300);
    expect(clampDockHeight(10, 900)).toBe(minDockHeight);
    expect(clampDockHeight(5000, 900)).toBe(740);
    expect(clampDockHeight(400.6, 900)).toBe(401);
    // A tiny window still gets the minimum dock.
    expect(clampDockHeight(400, 200)).toBe(minDockHeight);
  });
});

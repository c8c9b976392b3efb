/** The terminal dock's height rules (no DOM here: unit-tested in node). */
export const minDockHeight = 120;
export const defaultDockHeight = 300;

/** Never taller than most of the window, so the view above keeps a usable strip. */
export function clampDockHeight(px: number, windowHeight: number): number {
  return Math.round(Math.max(minDockHeight, Math.min(px, Math.max(minDockHeight, windowHeight - 160))));
}

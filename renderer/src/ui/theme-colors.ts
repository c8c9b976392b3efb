import { useSyncExternalStore } from 'react';

/**
 * The theme's colours for canvases (uPlot, xterm) that cannot use CSS `var()`: read from the variables on
 * <html> (defined once per theme in renderer/src/app/app.css), and read again whenever data-theme changes.
 */

/** The computed value of a custom property on <html>, e.g. cssVar('--text'); '' when it is not defined. */
export function cssVar(name: string): string {
  return globalThis.getComputedStyle?.(document.documentElement).getPropertyValue(name).trim() ?? '';
}

/** `var(--x)` or `var(--x, fallback)` resolved to the theme's value; any other colour is returned as it is. */
export function resolveColour(colour: string): string {
  const m = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/.exec(colour.trim());
  if (!m) return colour;
  return cssVar(m[1]!) || (m[2]?.trim() ?? '');
}

/** Calls `listener` after <html data-theme> changes (Settings, or the OS while following it). */
export function onThemeChange(listener: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => undefined;
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

function currentTheme(): string {
  return document.documentElement.dataset.theme ?? '';
}

/** The resolved theme shown now ('light' | 'dark' | '' before one is applied): a dependency for canvases to redraw. */
export function useThemeName(): string {
  return useSyncExternalStore(onThemeChange, currentTheme, currentTheme);
}

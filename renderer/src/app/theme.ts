import { useEffect } from 'react';
import type { Theme } from '../../../shared/features/app/app-settings.schema';
import { useAppSettings } from '../query/app';

const THEME_KEY = 'hyperdesk.theme';

/** light or dark for a setting: "system" follows the OS (prefers-color-scheme). */
export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

function apply(theme: Theme): void {
  const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  document.documentElement.dataset.theme = resolveTheme(theme, dark);
}

/** Before the first paint: the theme this browser last showed, so a reload does not flash the light one. */
export function applyRememberedTheme(): void {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  apply(saved === 'light' || saved === 'dark' || saved === 'system' ? saved : 'system');
}

/** Keeps <html data-theme> on the saved setting (app-settings.json), following the OS while it is "system". */
export function useTheme(): void {
  const theme = useAppSettings().answer?.settings.theme;
  useEffect(() => {
    if (!theme) return;
    apply(theme);
    globalThis.localStorage?.setItem(THEME_KEY, theme);
    if (theme !== 'system') return;
    const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => apply('system');
    media?.addEventListener('change', onChange);
    return () => media?.removeEventListener('change', onChange);
  }, [theme]);
}

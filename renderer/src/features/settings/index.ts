// The Settings' port for other renderer features: the app-level settings they follow, as small hooks.
import { defaultAppSettings } from '../../../../shared/features/app/app-settings.schema';
import { useAppSettings } from '../../query/app';

function useSetting<K extends keyof typeof defaultAppSettings>(key: K): (typeof defaultAppSettings)[K] {
  // Until the settings arrive, the defaults hold (confirmations on: a missing answer never skips a question).
  return useAppSettings().answer?.settings[key] ?? defaultAppSettings[key];
}

/** Whether destructive actions ask first (Settings → Confirmations); true until the settings are read. */
export const useConfirmationsEnabled = (): boolean => useSetting('confirmDestructive');

/** Whether console tabs open at a reload come back (Settings → Console tabs). */
export const useConsoleTabRestore = (): boolean => useSetting('restoreConsoleTabs');

/** The inventory's refresh interval in seconds (main applies it to its poll). */
export const useRefreshSeconds = (): number => useSetting('refreshSeconds');

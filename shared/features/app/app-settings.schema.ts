import { z } from 'zod';

export const Themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof Themes)[number];

/** Bounds of each setting: the form refuses values outside them next to the field, main refuses them again. */
export const settingLimits = {
  refreshSeconds: { min: 2, max: 600 },
  taskHistoryCount: { min: 10, max: 5000 },
  taskHistoryDays: { min: 1, max: 3650 },
} as const;

const bounded = (k: keyof typeof settingLimits) => z.number().int().min(settingLimits[k].min).max(settingLimits[k].max);

/** The app-level settings (Settings page), kept in <dataDir>/app-settings.json. Language stays per browser (localStorage). */
export const AppSettings = z.object({
  theme: z.enum(Themes),
  /** How often main polls the hosts for the inventory while a window shows it. */
  refreshSeconds: bounded('refreshSeconds'),
  /** Ask before destructive actions (turn off, reset, shut down, delete, apply/delete checkpoint). */
  confirmDestructive: z.boolean(),
  /** Finished tasks kept in the history: at most this many, and none older than this many days. */
  taskHistoryCount: bounded('taskHistoryCount'),
  taskHistoryDays: bounded('taskHistoryDays'),
  /** Console tabs open at a reload come back. */
  restoreConsoleTabs: z.boolean(),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const defaultAppSettings: AppSettings = {
  theme: 'system',
  refreshSeconds: 4,
  confirmDestructive: true,
  taskHistoryCount: 1000,
  taskHistoryDays: 90,
  restoreConsoleTabs: true,
};

/** A change from the Settings page: any subset, each value validated. */
export const AppSettingsPatch = AppSettings.partial().strict();
export type AppSettingsPatch = z.infer<typeof AppSettingsPatch>;

export const APP_SETTINGS_VERSION = 1;
export const AppSettingsFile = AppSettings.extend({ version: z.literal(APP_SETTINGS_VERSION) });
export type AppSettingsFile = z.infer<typeof AppSettingsFile>;

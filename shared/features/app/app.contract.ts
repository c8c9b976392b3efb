import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { AppSettings, AppSettingsPatch } from './app-settings.schema';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  platform: z.string(),
  /** The app's data folder (state files, lab hosts, logs of the ledger): shown in Settings. */
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A state file Hyperdesk could not use this run: it was moved aside to `keptAt` (never overwritten) and started empty. */
export const StateFileProblem = z.object({
  file: z.string(),
  keptAt: z.string(),
  /** Technical detail (not JSON, schema path, newer version): shown as detail, not as the message. */
  reason: z.string(),
});
export type StateFileProblem = z.infer<typeof StateFileProblem>;

const SettingsAnswer = z.object({
  settings: AppSettings,
  inEffect: z.object({ inventoryPollMs: z.number().nullable() }),
  /** How to reset the lab by hand: the command app.resetLab runs (null when this build ships no lab). */
  labResetCommand: z.string().nullable(),
});
export type SettingsAnswer = z.infer<typeof SettingsAnswer>;

export const appChannels = {
  'app.info': channel(z.object({}), AppInfo),
  /** The state files set aside this run that the user has not dismissed. */
  'app.problems': channel(z.object({}), z.object({ problems: z.array(StateFileProblem) })),
  'app.dismissProblem': channel(z.object({ keptAt: z.string().min(1).max(4096) }), z.object({ dismissed: z.boolean() })),
  /** The app-level settings, and what main applies now (the inventory's poll interval in effect). */
  'app.settings': channel(z.object({}), SettingsAnswer),
  'app.setSettings': channel(AppSettingsPatch, SettingsAnswer),
  /** Puts the lab hosts back to their first-run scenario (the command is shown in Settings first). */
  'app.resetLab': channel(z.object({}), z.object({ hosts: z.array(z.string()) })),
};

export const appEvents = {
  /** Sent once to a client right after it connects, so it knows events are flowing. */
  'app.ready': event(z.object({ at: z.string() })),
  /** The list of app.problems changed (a store set a file aside, or a problem was dismissed): re-read it. */
  'app.problemsChanged': event(z.object({})),
  /** The settings changed (this or another window): re-read them. */
  'app.settingsChanged': event(z.object({})),
};

import { join } from 'node:path';
import type { AppSettings } from '../../../../shared/features/app/app-settings.schema';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { DocumentProblems } from '../../platform/documents/document-problems';
import type { FeatureInstance } from '../../platform/feature';
import { AppSettingsStore } from './app-settings.document';

export interface AppFeatureDeps {
  version: string;
  mode: 'desktop' | 'browser';
  dataDir: string;
  /** Every state file set aside this run (collected by the platform from all stores). */
  problems: DocumentProblems;
  files: StateFiles;
  log: Logger;
  emitSettingsChanged(): void;
  /** What main applies now, read back from the features that apply settings (bound once they exist). */
  inEffect(): { inventoryPollMs: number | null };
  /** Re-seeds the lab hosts' state (null when this build ships no lab); returns the hosts it seeded. */
  lab: { command: string; reset(): Promise<string[]> } | null;
}

/** The app's port for the composition root: the settings now, and a listener for changes to apply them. */
export interface AppPort {
  settings(): AppSettings;
  onSettingsChanged(listener: (s: AppSettings) => void): () => void;
}

export async function createAppFeature(deps: AppFeatureDeps): Promise<FeatureInstance<AppPort>> {
  const settings = new AppSettingsStore(join(deps.dataDir, 'app-settings.json'), deps.files, deps.log);
  await settings.load();
  const answer = (s: AppSettings) => ({ settings: s, inEffect: deps.inEffect(), labResetCommand: deps.lab?.command ?? null });
  let resetting: Promise<string[]> | null = null;
  return {
    name: 'app',
    port: { settings: () => settings.current(), onSettingsChanged: (l) => settings.onChange(l) },
    handlers: {
      'app.info': () => ({ name: 'Hyperdesk', version: deps.version, mode: deps.mode, platform: process.platform, dataDir: deps.dataDir }),
      'app.problems': () => ({ problems: deps.problems.list().map(({ file, keptAt, reason }) => ({ file, keptAt, reason })) }),
      'app.dismissProblem': ({ keptAt }) => ({ dismissed: deps.problems.dismiss(keptAt) }),
      'app.settings': () => answer(settings.current()),
      'app.setSettings': async (patch) => {
        const next = await settings.update(patch);
        deps.emitSettingsChanged();
        return answer(next);
      },
      'app.resetLab': async () => {
        const lab = deps.lab;
        if (!lab) throw new AppError('NOT_FOUND', 'This build ships no lab');
        // Two clicks (or two windows) share one reset.
        resetting ??= lab.reset().finally(() => (resetting = null));
        const hosts = await resetting;
        if (hosts.length === 0) throw new AppError('INTERNAL', 'The lab could not be reset; the log names the cause');
        return { hosts };
      },
    },
  };
}

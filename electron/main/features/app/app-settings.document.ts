import { APP_SETTINGS_VERSION, AppSettingsFile, AppSettingsPatch, defaultAppSettings, type AppSettings } from '../../../../shared/features/app/app-settings.schema';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore } from '../../platform/documents/document-store';

/**
 * The app-level settings in <dataDir>/app-settings.json, on the one document store (version 1; an unreadable
 * file is set aside and reported like every state file, and the defaults apply). Its own file rather than a
 * section of inventory-prefs.json: these settings belong to the app, not to the inventory.
 */
export class AppSettingsStore {
  private readonly doc: DocumentStore<AppSettingsFile>;
  private readonly listeners = new Set<(s: AppSettings) => void>();

  constructor(file: string, files: StateFiles, log: Logger, now?: () => number) {
    this.doc = new DocumentStore(
      { path: file, version: APP_SETTINGS_VERSION, schema: AppSettingsFile, empty: () => ({ version: APP_SETTINGS_VERSION, ...defaultAppSettings }) },
      { files, log, now },
    );
  }

  async load(): Promise<AppSettings> {
    return strip(await this.doc.read());
  }

  /** The settings now (after load()). */
  current(): AppSettings {
    const doc = this.doc.peek();
    if (!doc) throw new Error('app settings read before load()');
    return strip(doc);
  }

  /** Applies a validated change, writes it before resolving, then tells the listeners. */
  async update(patch: AppSettingsPatch): Promise<AppSettings> {
    const parsed = AppSettingsPatch.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('VALIDATION', `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`, { detail: parsed.error.issues.map((i) => ({ key: i.path.join('.') })) });
    }
    const next = strip(await this.doc.update((d) => ({ ...d, ...parsed.data })));
    for (const l of [...this.listeners]) l(next);
    return next;
  }

  onChange(listener: (s: AppSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function strip({ version: _v, ...settings }: AppSettingsFile): AppSettings {
  return settings;
}

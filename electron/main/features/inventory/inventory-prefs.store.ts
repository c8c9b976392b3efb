import { AppError } from '../../../../shared/ipc/errors';
import { emptyPrefs, InventoryPrefs, type SavedView } from '../../../../shared/features/inventory/inventory-prefs.schema';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';

/**
 * Saved views and tags, kept locally in <dataDir>/inventory-prefs.json (Hyper-V has no tags). Every change
 * is written atomically before the call returns, so it survives a crash right after.
 */
export class InventoryPrefsStore {
  private prefs: InventoryPrefs = emptyPrefs();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly files: StateFiles,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    const text = await this.files.read(this.file);
    if (text === null) return;
    try {
      const parsed = InventoryPrefs.safeParse(JSON.parse(text));
      if (parsed.success) this.prefs = parsed.data;
      else this.log.error(`inventory prefs ${this.file} has an unknown shape; starting empty (file kept until the next change)`);
    } catch (err) {
      this.log.error(`inventory prefs ${this.file} is not JSON; starting empty`, err);
    }
  }

  get(): InventoryPrefs {
    return structuredClone(this.prefs);
  }

  setTags(vmKeys: readonly string[], add: readonly string[], remove: readonly string[]): Promise<InventoryPrefs> {
    return this.update((p) => {
      for (const key of vmKeys) {
        const current = new Set(p.tags[key] ?? []);
        for (const t of remove) current.delete(t.trim());
        for (const t of add) current.add(t.trim());
        if (current.size === 0) delete p.tags[key];
        else p.tags[key] = [...current].sort();
      }
    });
  }

  saveView(view: SavedView): Promise<InventoryPrefs> {
    return this.update((p) => {
      const i = p.views.findIndex((v) => v.id === view.id);
      if (i >= 0) p.views[i] = view;
      else {
        if (p.views.length >= 100) throw new AppError('VALIDATION', 'At most 100 saved views');
        p.views.push(view);
      }
    });
  }

  deleteView(id: string): Promise<InventoryPrefs> {
    return this.update((p) => {
      p.views = p.views.filter((v) => v.id !== id);
    });
  }

  /** Changes are serialised: each applies to the latest state and is on disk before it resolves. */
  private update(change: (p: InventoryPrefs) => void): Promise<InventoryPrefs> {
    const run = async () => {
      const next = structuredClone(this.prefs);
      change(next);
      const valid = InventoryPrefs.parse(next);
      await this.files.writeAtomic(this.file, JSON.stringify(valid, null, 1));
      this.prefs = valid;
      return structuredClone(valid);
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}

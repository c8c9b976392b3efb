import { AppError } from '../../../../shared/ipc/errors';
import { InventoryPrefsFile, SavedView, prefsLimits, type InventoryPrefs, type SavedViewInput } from '../../../../shared/features/inventory/inventory-prefs.schema';
import { isReservedKey } from '../../../../shared/platform/safe-keys';
import { parseLegacyVmKey, vmKey } from '../../../../shared/platform/vm-ref';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore, type Migration } from '../../platform/documents/document-store';

/** Version 1 keyed tags `hostId/vmId`: each VM's tags move to its VM Id, and one Id on two hosts (a replica) gets the union. */
const tagsByVmId: Migration = (old) => {
  const v1 = old as { tags?: Record<string, unknown>; views?: unknown };
  const tags: Record<string, string[]> = Object.create(null) as Record<string, string[]>; // keys come from the file: no prototype to hit
  for (const [key, list] of Object.entries(v1.tags ?? {})) {
    if (!Array.isArray(list)) throw new Error(`tags of ${key} are not a list`);
    const id = vmKey(parseLegacyVmKey(key)?.vmId ?? key);
    tags[id] = [...new Set([...(tags[id] ?? []), ...(list as string[])])].sort();
  }
  return { tags, views: v1.views };
};

/** The columns every view showed before version 3 (all of them, in this order): a migrated view looks as it did. */
const columnsBeforeV3 = ['name', 'host', 'state', 'cpuUsage', 'memoryAssigned', 'memoryDemand', 'uptimeSeconds', 'heartbeat', 'generation', 'version', 'checkpointCount', 'replicationState', 'notes'];

/** Version 2 views had no columns: each keeps everything it had and gets the layout the grid showed then. */
const viewColumns: Migration = (old) => {
  const v2 = old as { tags?: unknown; views?: unknown };
  if (v2.views !== undefined && !Array.isArray(v2.views)) throw new Error('views are not a list');
  const views = ((v2.views as Record<string, unknown>[] | undefined) ?? []).map((v) => ({ ...v, columns: { order: columnsBeforeV3, hidden: [], widths: {} } }));
  return { tags: v2.tags, views };
};

/**
 * Saved views and tags, kept locally in <dataDir>/inventory-prefs.json (Hyper-V has no tags), on the one
 * document store: every change is written atomically before the call returns, and a file that cannot be read
 * is kept aside (reported as `problem`) rather than overwritten by the next change.
 */
export class InventoryPrefsStore {
  private readonly doc: DocumentStore<InventoryPrefsFile>;

  constructor(file: string, files: StateFiles, log: Logger, now?: () => number) {
    this.doc = new DocumentStore(
      { path: file, version: 3, schema: InventoryPrefsFile, migrations: { 1: tagsByVmId, 2: viewColumns }, empty: () => ({ version: 3, tags: {}, views: [] }) },
      { files, log, now },
    );
  }

  async load(): Promise<void> {
    await this.doc.read();
  }

  get(): InventoryPrefs {
    const current = this.doc.peek();
    if (!current) throw new Error('inventory prefs read before load()');
    const problem = this.doc.problem?.message;
    return { ...structuredClone(current), ...(problem ? { problem } : {}) };
  }

  /** `vmKeys` are VM Ids (any case): tags belong to the VM wherever it runs. */
  setTags(vmKeys: readonly string[], add: readonly string[], remove: readonly string[]): Promise<InventoryPrefs> {
    const bad = vmKeys.find((k) => k.includes('/'));
    if (bad) return Promise.reject(new AppError('VALIDATION', `Tags are keyed by VM Id, not by host: ${bad}`));
    const reserved = vmKeys.find((k) => isReservedKey(vmKey(k)));
    if (reserved !== undefined) return Promise.reject(new AppError('VALIDATION', `Not a VM Id: ${reserved}`));
    return this.update((p) => {
      // A Map, not the plain object: no key can reach a prototype member (see shared/platform/safe-keys.ts).
      const tags = new Map(Object.entries(p.tags));
      for (const key of vmKeys.map((k) => vmKey(k))) {
        const current = new Set(tags.get(key) ?? []);
        for (const t of remove) current.delete(t.trim());
        for (const t of add) current.add(t.trim());
        if (current.size > prefsLimits.tagsPerVm) throw new AppError('VALIDATION', `At most ${prefsLimits.tagsPerVm} tags per VM`, { user: { key: 'inventory:limits.tagsPerVm', values: { max: prefsLimits.tagsPerVm } } });
        if (current.size === 0) tags.delete(key);
        else tags.set(key, [...current].sort());
      }
      if (tags.size > prefsLimits.taggedVms) throw new AppError('VALIDATION', `At most ${prefsLimits.taggedVms} tagged VMs`, { user: { key: 'inventory:limits.taggedVms', values: { max: prefsLimits.taggedVms } } });
      p.tags = Object.fromEntries(tags);
    });
  }

  saveView(input: SavedViewInput): Promise<InventoryPrefs> {
    const view = SavedView.parse(input);
    return this.update((p) => {
      const i = p.views.findIndex((v) => v.id === view.id);
      if (i >= 0) p.views[i] = view;
      else {
        if (p.views.length >= prefsLimits.viewsMax) throw new AppError('VALIDATION', `At most ${prefsLimits.viewsMax} saved views`, { user: { key: 'inventory:limits.viewsMax', values: { max: prefsLimits.viewsMax } } });
        p.views.push(view);
      }
    });
  }

  deleteView(id: string): Promise<InventoryPrefs> {
    return this.update((p) => {
      p.views = p.views.filter((v) => v.id !== id);
    });
  }

  private async update(change: (p: InventoryPrefsFile) => void): Promise<InventoryPrefs> {
    await this.doc.update(change);
    return this.get();
  }
}

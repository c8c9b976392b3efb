import { z } from 'zod';
import { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore } from '../../platform/documents/document-store';
import { systemClock, type Clock } from '../../platform/time/clock';

const CacheFile = z.object({
  version: z.literal(1),
  /** By host: this is what each host showed last, so the place (hostId) is the key here. */
  hosts: z.record(z.string(), z.object({ fetchedAt: z.string(), vms: z.array(VmRow) })),
});
type CacheFile = z.infer<typeof CacheFile>;

export interface CachedHost {
  fetchedAt: string;
  vms: VmRow[];
}

/**
 * The last inventory read from each host, in <dataDir>/inventory-cache.json, so the next start paints at
 * once. Saves are coalesced (a poll of 16 hosts writes once) through the one document store; an unreadable
 * file is set aside and reported like any state file, and the cache starts empty (it is only a cache).
 */
export class InventoryCache {
  private data: CacheFile = { version: 1, hosts: {} };
  private timer: unknown = null;
  private writing: Promise<unknown> = Promise.resolve();
  private readonly doc: DocumentStore<CacheFile>;

  constructor(
    file: string,
    files: StateFiles,
    private readonly log: Logger,
    private readonly saveDelayMs = 500,
    private readonly clock: Clock = systemClock,
  ) {
    this.doc = new DocumentStore({ path: file, version: 1, schema: CacheFile, empty: () => ({ version: 1, hosts: {} }) }, { files, log });
  }

  async load(): Promise<void> {
    this.data = structuredClone(await this.doc.read());
  }

  get(hostId: string): CachedHost | undefined {
    return this.data.hosts[hostId];
  }

  set(hostId: string, entry: CachedHost): void {
    this.data.hosts[hostId] = entry;
    this.scheduleSave();
  }

  /** Forgets hosts that are no longer configured. */
  retain(hostIds: readonly string[]): void {
    const keep = new Set(hostIds);
    let changed = false;
    for (const id of Object.keys(this.data.hosts)) {
      if (!keep.has(id)) {
        delete this.data.hosts[id];
        changed = true;
      }
    }
    if (changed) this.scheduleSave();
  }

  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
      this.save();
    }
    await this.writing;
  }

  private scheduleSave(): void {
    if (this.timer !== null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.saveDelayMs);
  }

  private save(): void {
    this.writing = this.doc.replace(this.data).catch((err: unknown) => this.log.error(`inventory cache: could not write ${this.doc.path}`, err));
  }
}

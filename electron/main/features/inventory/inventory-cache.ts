import { z } from 'zod';
import { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';

const CacheFile = z.object({
  version: z.literal(1),
  hosts: z.record(z.string(), z.object({ fetchedAt: z.string(), vms: z.array(VmRow) })),
});
type CacheFile = z.infer<typeof CacheFile>;

export interface CachedHost {
  fetchedAt: string;
  vms: VmRow[];
}

/**
 * The last inventory read from each host, in <dataDir>/inventory-cache.json, so the next start paints at
 * once. Saves are coalesced (a poll of 16 hosts writes once) and atomic; an unreadable file is reported
 * and treated as empty (it is only a cache).
 */
export class InventoryCache {
  private data: CacheFile = { version: 1, hosts: {} };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly files: StateFiles,
    private readonly log: Logger,
    private readonly saveDelayMs = 500,
  ) {}

  async load(): Promise<void> {
    const text = await this.files.read(this.file);
    if (text === null) return;
    try {
      const parsed = CacheFile.safeParse(JSON.parse(text));
      if (parsed.success) this.data = parsed.data;
      else this.log.warn(`inventory cache ${this.file} has an unknown shape; starting empty`);
    } catch (err) {
      this.log.warn(`inventory cache ${this.file} is not JSON; starting empty`, err);
    }
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
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writing = this.writing.then(() => this.save());
    }
    await this.writing;
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.save());
    }, this.saveDelayMs);
  }

  private async save(): Promise<void> {
    try {
      await this.files.writeAtomic(this.file, JSON.stringify(this.data));
    } catch (err) {
      this.log.error(`inventory cache: could not write ${this.file}`, err);
    }
  }
}

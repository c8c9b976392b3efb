import { z } from 'zod';
import { HostOverview } from '../../../../shared/features/host-overview/host-overview.contract';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore } from '../../platform/documents/document-store';

/** The last figures read from a host, and when. */
export interface KnownOverview {
  overview: HostOverview;
  fetchedAt: string;
}

/** Where the last figures per host are kept: memory (tests), or a state file that outlives a restart. */
export interface OverviewCache {
  get(hostId: string): Promise<KnownOverview | undefined>;
  set(hostId: string, known: KnownOverview): Promise<void>;
}

export function memoryOverviewCache(): OverviewCache {
  const m = new Map<string, KnownOverview>();
  return { get: async (id) => m.get(id), set: async (id, k) => void m.set(id, k) };
}

const CacheFile = z.object({
  version: z.literal(1),
  /** By host id: what the host's overview showed last (written only after a successful read). */
  hosts: z.record(z.string(), z.object({ fetchedAt: z.string(), overview: HostOverview })),
});
type CacheFile = z.infer<typeof CacheFile>;

/**
 * <dataDir>/host-overview-cache.json on the document store: after a restart, an unreachable host still shows its
 * last known figures (marked stale). Written once per page read, never by the live poll. An unreadable file is set
 * aside and reported like every state file; the cache then starts empty.
 */
export function fileOverviewCache(path: string, files: StateFiles, log: Logger): OverviewCache {
  const doc = new DocumentStore<CacheFile>({ path, version: 1, schema: CacheFile, empty: () => ({ version: 1, hosts: {} }) }, { files, log });
  return {
    async get(hostId) {
      const hosts = (await doc.read()).hosts;
      // A host id is the caller's text: only the file's own entries count (never a prototype member).
      return Object.hasOwn(hosts, hostId) ? hosts[hostId] : undefined;
    },
    async set(hostId, known) {
      await doc.update((d) => {
        d.hosts[hostId] = known;
      });
    },
  };
}

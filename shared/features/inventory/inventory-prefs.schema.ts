import { z } from 'zod';

export const SortKey = z.enum([
  'name', 'host', 'state', 'cpuUsage', 'memoryAssigned', 'memoryDemand', 'uptimeSeconds', 'heartbeat',
  'generation', 'version', 'checkpointCount', 'replicationState', 'notes',
]);
export type SortKey = z.infer<typeof SortKey>;

/** What a saved view remembers: the query, the filters and the sort (not the selection). */
export const ViewQuery = z.object({
  search: z.string().max(200),
  hostIds: z.array(z.string()),
  states: z.array(z.string()),
  tags: z.array(z.string()),
  sort: z.object({ key: SortKey, dir: z.enum(['asc', 'desc']) }),
});
export type ViewQuery = z.infer<typeof ViewQuery>;

export const SavedView = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  query: ViewQuery,
});
export type SavedView = z.infer<typeof SavedView>;

export const Tag = z.string().trim().min(1).max(40);

/**
 * <dataDir>/inventory-prefs.json. Version 2 keys tags by the VM's identity, `vmKey(vmId)` (the VM Id, lower case),
 * so they follow a live-migrated VM and a replica shares them; version 1 keyed them `hostId/vmId`.
 */
export const InventoryPrefsFile = z.object({
  version: z.literal(2),
  /** vmKey(vmId) -> tags. Stored locally: Hyper-V has no tag concept. */
  tags: z.record(z.string(), z.array(Tag)),
  views: z.array(SavedView),
});
export type InventoryPrefsFile = z.infer<typeof InventoryPrefsFile>;

/** What the renderer gets: the document, plus why the file on disk was not used (it was kept aside), if so. */
export const InventoryPrefs = InventoryPrefsFile.extend({ problem: z.string().optional() });
export type InventoryPrefs = z.infer<typeof InventoryPrefs>;

export const emptyPrefs = (): InventoryPrefs => ({ version: 2, tags: {}, views: [] });

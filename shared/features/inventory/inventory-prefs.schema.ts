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

export const InventoryPrefs = z.object({
  version: z.literal(1),
  /** vmKey (hostId/vmId) -> tags. Stored locally: Hyper-V has no tag concept. */
  tags: z.record(z.string(), z.array(Tag)),
  views: z.array(SavedView),
});
export type InventoryPrefs = z.infer<typeof InventoryPrefs>;

export const emptyPrefs = (): InventoryPrefs => ({ version: 1, tags: {}, views: [] });

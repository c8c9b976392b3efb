import { z } from 'zod';
import { SafeKey } from '../../platform/safe-keys';

/**
 * Bounds on user data (tags and saved views): without them four calls grew the prefs file to 28.9 MB. The IPC
 * frame limit (8 MB) protects the rest; these keep the document small enough to rewrite on every change.
 */
export const prefsLimits = {
  tagsPerVm: 32,
  taggedVms: 20_000,
  viewsMax: 100,
  /** Hosts, states and tags one saved view filters on. */
  viewFilterItems: 64,
  /** VMs one setTags call changes (a bulk selection). */
  vmsPerTagCall: 5_000,
} as const;

export const SortKey = z.enum([
  'name', 'host', 'state', 'cpuUsage', 'memoryAssigned', 'memoryDemand', 'uptimeSeconds', 'heartbeat',
  'generation', 'version', 'checkpointCount', 'replicationState', 'notes', 'ipAddresses',
]);
export type SortKey = z.infer<typeof SortKey>;

/** The grid's data columns (every column sorts, so they are the sort keys). */
export const ColumnKey = SortKey;
export type ColumnKey = SortKey;

/**
 * Which columns the grid shows, in which order and how wide (px). `order` lists every column the user placed;
 * a column added in a later version and absent from it goes to the end of the default order (see columnsIn).
 */
export const ColumnLayout = z.object({
  order: z.array(ColumnKey).max(SortKey.options.length),
  hidden: z.array(ColumnKey).max(SortKey.options.length),
  widths: z.partialRecord(ColumnKey, z.number().int().min(40).max(1200)),
});
export type ColumnLayout = z.infer<typeof ColumnLayout>;

/** The columns shown by default, in order: the ones that fit a 1600 px window next to the hosts pane. */
export const defaultColumnOrder: readonly ColumnKey[] = [
  'name', 'host', 'state', 'cpuUsage', 'memoryAssigned', 'memoryDemand', 'uptimeSeconds', 'ipAddresses', 'heartbeat',
  'generation', 'version', 'checkpointCount', 'replicationState', 'notes',
];
/** Off by default (still one click away in the column chooser): the least read ones, so the rest fit at 1600 px. */
export const defaultHiddenColumns: readonly ColumnKey[] = ['generation', 'version', 'replicationState'];

export const defaultColumnLayout = (): ColumnLayout => ({ order: [...defaultColumnOrder], hidden: [...defaultHiddenColumns], widths: {} });

/** What a saved view remembers: the query, the filters and the sort (not the selection). */
export const ViewQuery = z.object({
  search: z.string().max(200),
  hostIds: z.array(z.string().max(200)).max(prefsLimits.viewFilterItems),
  states: z.array(z.string().max(40)).max(prefsLimits.viewFilterItems),
  tags: z.array(z.string().max(40)).max(prefsLimits.viewFilterItems),
  sort: z.object({ key: SortKey, dir: z.enum(['asc', 'desc']) }),
});
export type ViewQuery = z.infer<typeof ViewQuery>;

export const SavedView = z.object({
  id: SafeKey(64),
  name: z.string().trim().min(1).max(80),
  query: ViewQuery,
  /** Version 3: the view's columns too. Views saved before it get the columns the grid showed then (all, in order). */
  columns: ColumnLayout.default(defaultColumnLayout),
});
export type SavedView = z.infer<typeof SavedView>;
/** A view as a caller may give it (without columns: the default layout). */
export type SavedViewInput = z.input<typeof SavedView>;

export const Tag = z.string().trim().min(1).max(40);
/** A VM's key as the tag calls take it (its Id, see vmKey): bounded and never `__proto__`/`constructor`. */
export const TagVmKey = SafeKey(64);

/**
 * <dataDir>/inventory-prefs.json. Version 2 keys tags by the VM's identity, `vmKey(vmId)` (the VM Id, lower case),
 * so they follow a live-migrated VM and a replica shares them; version 1 keyed them `hostId/vmId`. Version 3
 * gives each saved view its column layout.
 */
export const InventoryPrefsFile = z.object({
  version: z.literal(3),
  /** vmKey(vmId) -> tags. Stored locally: Hyper-V has no tag concept. */
  tags: z.record(TagVmKey, z.array(Tag).max(prefsLimits.tagsPerVm)),
  views: z.array(SavedView).max(prefsLimits.viewsMax),
});
export type InventoryPrefsFile = z.infer<typeof InventoryPrefsFile>;

/** What the renderer gets: the document, plus why the file on disk was not used (it was kept aside), if so. */
export const InventoryPrefs = InventoryPrefsFile.extend({ problem: z.string().optional() });
export type InventoryPrefs = z.infer<typeof InventoryPrefs>;

export const emptyPrefs = (): InventoryPrefs => ({ version: 3, tags: {}, views: [] });

import type { SortKey } from '../../../../shared/features/inventory/inventory-prefs.schema';

export interface GridColumn {
  key: SortKey;
  /** i18n key of the header. */
  label: string;
  width: number;
  align?: 'end';
}

/** The grid's columns, in order (widths in px; the name column takes what is left). */
export const gridColumns: GridColumn[] = [
  { key: 'name', label: 'inventory.col.name', width: 220 },
  { key: 'host', label: 'inventory.col.host', width: 120 },
  { key: 'state', label: 'inventory.col.state', width: 110 },
  { key: 'cpuUsage', label: 'inventory.col.cpu', width: 64, align: 'end' },
  { key: 'memoryAssigned', label: 'inventory.col.memoryAssigned', width: 96, align: 'end' },
  { key: 'memoryDemand', label: 'inventory.col.memoryDemand', width: 96, align: 'end' },
  { key: 'uptimeSeconds', label: 'inventory.col.uptime', width: 96, align: 'end' },
  { key: 'heartbeat', label: 'inventory.col.heartbeat', width: 120 },
  { key: 'generation', label: 'inventory.col.generation', width: 56, align: 'end' },
  { key: 'version', label: 'inventory.col.version', width: 64, align: 'end' },
  { key: 'checkpointCount', label: 'inventory.col.checkpoints', width: 72, align: 'end' },
  { key: 'replicationState', label: 'inventory.col.replication', width: 110 },
  { key: 'notes', label: 'inventory.col.notes', width: 220 },
];

export const gridTemplate = `36px ${gridColumns.map((c) => (c.key === 'name' ? `minmax(${c.width}px, 2fr)` : `${c.width}px`)).join(' ')}`;

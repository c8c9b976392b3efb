import type { KeyOf } from '../../i18n/keys';
import type { SortKey } from '../../../../shared/features/inventory/inventory-prefs.schema';

export interface GridColumn {
  key: SortKey;
  /** i18n key of the header. */
  label: KeyOf<'inventory'>;
  width: number;
  align?: 'end';
}

/** The grid's columns, in order (widths in px; the name column takes what is left). */
export const gridColumns: GridColumn[] = [
  { key: 'name', label: 'col.name', width: 220 },
  { key: 'host', label: 'col.host', width: 120 },
  { key: 'state', label: 'col.state', width: 110 },
  { key: 'cpuUsage', label: 'col.cpu', width: 64, align: 'end' },
  { key: 'memoryAssigned', label: 'col.memoryAssigned', width: 96, align: 'end' },
  { key: 'memoryDemand', label: 'col.memoryDemand', width: 96, align: 'end' },
  { key: 'uptimeSeconds', label: 'col.uptime', width: 96, align: 'end' },
  { key: 'heartbeat', label: 'col.heartbeat', width: 120 },
  { key: 'generation', label: 'col.generation', width: 56, align: 'end' },
  { key: 'version', label: 'col.version', width: 64, align: 'end' },
  { key: 'checkpointCount', label: 'col.checkpoints', width: 72, align: 'end' },
  { key: 'replicationState', label: 'col.replication', width: 110 },
  { key: 'notes', label: 'col.notes', width: 220 },
];

export const gridTemplate = `36px ${gridColumns.map((c) => (c.key === 'name' ? `minmax(${c.width}px, 2fr)` : `${c.width}px`)).join(' ')}`;

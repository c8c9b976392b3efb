import type { KeyOf } from '../../i18n/keys';
import { defaultColumnLayout, defaultColumnOrder, type ColumnKey, type ColumnLayout } from '../../../../shared/features/inventory/inventory-prefs.schema';

export interface GridColumn {
  key: ColumnKey;
  /** i18n key of the header. */
  label: KeyOf<'inventory'>;
  /** Default width in px (the name column's is its minimum: it takes what is left). */
  width: number;
  align?: 'end';
}

/**
 * Every column the grid has. Default widths are chosen so the default columns fit a 1600 px window (1,088 px of
 * ~1,128 available beside the navigation and the hosts pane), with room left for a vertical scrollbar.
 */
export const gridColumns: readonly GridColumn[] = [
  { key: 'name', label: 'col.name', width: 150 },
  { key: 'host', label: 'col.host', width: 100 },
  { key: 'state', label: 'col.state', width: 100 },
  { key: 'cpuUsage', label: 'col.cpu', width: 56, align: 'end' },
  { key: 'memoryAssigned', label: 'col.memoryAssigned', width: 84, align: 'end' },
  { key: 'memoryDemand', label: 'col.memoryDemand', width: 84, align: 'end' },
  { key: 'uptimeSeconds', label: 'col.uptime', width: 80, align: 'end' },
  { key: 'ipAddresses', label: 'col.ipAddresses', width: 130 },
  { key: 'heartbeat', label: 'col.heartbeat', width: 96 },
  { key: 'generation', label: 'col.generation', width: 56, align: 'end' },
  { key: 'version', label: 'col.version', width: 64, align: 'end' },
  { key: 'checkpointCount', label: 'col.checkpoints', width: 56, align: 'end' },
  { key: 'replicationState', label: 'col.replication', width: 110 },
  { key: 'notes', label: 'col.notes', width: 120 },
];

const byKey = new Map(gridColumns.map((c) => [c.key, c]));
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1200;
/** The row checkbox's column. */
export const CHECK_WIDTH = 32;

export interface ShownColumn extends GridColumn {
  /** The width in px: the user's, else the default. */
  px: number;
}

/**
 * The columns a layout shows, in its order. A column the layout does not list (added in a later version, or a
 * hand-edited file) takes its place in the default order after the listed ones, so nothing silently vanishes.
 */
export function columnsIn(layout: ColumnLayout): ShownColumn[] {
  const listed = layout.order.filter((k, i) => byKey.has(k) && layout.order.indexOf(k) === i);
  const order = [...listed, ...defaultColumnOrder.filter((k) => !listed.includes(k))];
  const hidden = new Set(layout.hidden);
  hidden.delete('name'); // the name is how a row is known: always shown
  return order.filter((k) => !hidden.has(k)).map((k) => {
    const c = byKey.get(k)!;
    return { ...c, px: clampWidth(layout.widths[k] ?? c.width) };
  });
}

/** Every column in the layout's order with whether it is shown: what the column chooser lists. */
export function chooserList(layout: ColumnLayout): { column: GridColumn; shown: boolean }[] {
  const shown = new Set(columnsIn(layout).map((c) => c.key));
  const listed = layout.order.filter((k) => byKey.has(k));
  const order = [...new Set([...listed, ...defaultColumnOrder])];
  return order.map((k) => ({ column: byKey.get(k)!, shown: shown.has(k) }));
}

export const clampWidth = (px: number): number => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px)));

const fullOrder = (layout: ColumnLayout): ColumnKey[] => [...new Set([...layout.order.filter((k) => byKey.has(k)), ...defaultColumnOrder])];

export function toggleColumn(layout: ColumnLayout, key: ColumnKey): ColumnLayout {
  if (key === 'name') return layout;
  const hidden = layout.hidden.includes(key) ? layout.hidden.filter((k) => k !== key) : [...layout.hidden, key];
  return { ...layout, order: fullOrder(layout), hidden };
}

/** Moves a column `delta` places among all columns (shown or not), as the chooser and header drag do. */
export function moveColumn(layout: ColumnLayout, key: ColumnKey, delta: number): ColumnLayout {
  const order = fullOrder(layout);
  const from = order.indexOf(key);
  const to = Math.max(0, Math.min(order.length - 1, from + delta));
  if (from === -1 || from === to) return layout;
  order.splice(to, 0, ...order.splice(from, 1));
  return { ...layout, order };
}

/** Puts `key` where `before` is (header drag and drop). */
export function moveColumnBefore(layout: ColumnLayout, key: ColumnKey, before: ColumnKey): ColumnLayout {
  const order = fullOrder(layout);
  return moveColumn(layout, key, order.indexOf(before) - order.indexOf(key));
}

export function resizeColumn(layout: ColumnLayout, key: ColumnKey, px: number): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, [key]: clampWidth(px) } };
}

export { defaultColumnLayout };

/** CSS grid-template-columns of the shown columns: the name column grows into what is left. */
export function gridTemplate(columns: readonly ShownColumn[]): string {
  return `${CHECK_WIDTH}px ${columns.map((c) => (c.key === 'name' ? `minmax(${c.px}px, 1fr)` : `${c.px}px`)).join(' ')}`;
}

/** The least width the shown columns need (the grid scrolls sideways below it). */
export const gridMinWidth = (columns: readonly ShownColumn[]): number => CHECK_WIDTH + columns.reduce((sum, c) => sum + c.px, 0);

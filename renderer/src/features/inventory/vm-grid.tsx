import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { ColumnKey } from '../../../../shared/features/inventory/inventory-prefs.schema';
import { rowKey, type VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { vmKey } from '../../../../shared/platform/vm-ref';
import { useInventoryStore } from '../../stores/inventory.store';
import { ContextMenu, isContextMenuKey, type MenuPoint } from '../../ui/context-menu';
import '../../ui/overlays.css';
import { cellText, rowLabels, type CellText, type RowLabels } from './grid-cells';
import { columnsIn, gridMinWidth, gridTemplate, type ShownColumn } from './grid-columns';
import { GridHeader } from './grid-header';
import { stateGroup } from './grid-query';
import { useActionFlow } from './vm-action-flow';
import { vmMenuItems } from './vm-menu';

const ROW_HEIGHT = 32;
/** Rows rendered beyond each edge of the viewport: enough for a wheel notch, small enough that a filter re-renders few rows. */
const OVERSCAN = 6;
/** Rows a Page Up / Page Down moves. */
const PAGE = 15;

interface CellInput {
  row: VmRow;
  cells: CellText;
  labels: RowLabels;
  hostName: string;
  tags: readonly string[] | undefined;
  onOpen(key: string): void;
  onMenu(e: MouseEvent<HTMLElement>, row: VmRow): void;
}

/** One cell's content, by column. */
function cell(key: ColumnKey, c: CellInput): ReactNode {
  const { row } = c;
  switch (key) {
    case 'name':
      return (
        <>
          <button type="button" className="link-button vm-grid__open" tabIndex={-1} onClick={() => c.onOpen(rowKey(row))} title={row.name}>
            {row.name}
          </button>
          <button type="button" className="vm-grid__more" tabIndex={-1} aria-label={c.labels.menu(row.name)} onClick={(e) => c.onMenu(e, row)} data-testid="vm-row-menu">
            ⋯
          </button>
        </>
      );
    case 'host':
      return c.hostName;
    case 'state':
      return (
        <span className={`state state--${stateGroup(row.state).toLowerCase()}`} data-testid="vm-state">
          {c.labels.of('vmState', row.state)}
        </span>
      );
    case 'cpuUsage':
      return c.cells.cpu;
    case 'memoryAssigned':
      return c.cells.memoryAssigned;
    case 'memoryDemand':
      return c.cells.memoryDemand;
    case 'uptimeSeconds':
      return c.cells.uptime;
    case 'heartbeat':
      return row.heartbeat ? c.labels.of('heartbeat', row.heartbeat) : '—';
    case 'generation':
      return row.generation;
    case 'version':
      return row.version;
    case 'checkpointCount':
      return row.checkpointCount;
    case 'replicationState':
      return c.labels.of('replication', row.replicationState);
    case 'ipAddresses':
      return row.ipAddresses.length > 0 ? row.ipAddresses.join(', ') : '—';
    case 'notes':
      return (
        <>
          {c.tags?.map((tag) => (
            <span key={tag} className="chip" data-testid="vm-tag">
              {tag}
            </span>
          ))}
          <span className="muted">{row.notes}</span>
        </>
      );
  }
}

const cellClass = (c: ShownColumn): string =>
  `vm-grid__cell${c.align === 'end' ? ' vm-grid__num' : ''}${c.key === 'name' ? ' vm-grid__name' : ''}${c.key === 'notes' ? ' vm-grid__notes' : ''}`;

const cellTitle = (key: ColumnKey, row: VmRow): string | undefined =>
  key === 'notes' ? row.notes || undefined : key === 'ipAddresses' && row.ipAddresses.length > 0 ? row.ipAddresses.join(', ') : undefined;

interface RowProps {
  columns: readonly ShownColumn[];
  labels: RowLabels;
  row: VmRow;
  hostName: string;
  tags: readonly string[] | undefined;
  selected: boolean;
  focused: boolean;
  cursor: boolean;
  index: number;
  locale: string;
  onToggle(key: string): void;
  onOpen(key: string): void;
  onMenu(e: MouseEvent<HTMLElement>, row: VmRow): void;
  onPoint(index: number): void;
}

// Rows take translated labels from the grid instead of subscribing to i18n one by one: updating a row stays cheap.
const GridRow = memo(function GridRow({ columns, labels, row, hostName, tags, selected, focused, cursor, index, locale, onToggle, onOpen, onMenu, onPoint }: RowProps) {
  const key = rowKey(row);
  const input: CellInput = { row, cells: cellText(row, locale), labels, hostName, tags, onOpen, onMenu };
  return (
    <div
      role="row"
      id={`vm-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vm-grid__row${selected ? ' vm-grid__row--selected' : ''}${focused ? ' vm-grid__row--focused' : ''}${cursor ? ' vm-grid__row--cursor' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      data-testid="vm-row"
      data-vm-name={row.name}
      data-vm-state={row.state}
      data-cursor={cursor || undefined}
      onMouseDown={() => onPoint(index)}
      onDoubleClick={() => onOpen(key)}
      onContextMenu={(e) => onMenu(e, row)}
    >
      <div role="gridcell" className="vm-grid__cell">
        <input type="checkbox" tabIndex={-1} checked={selected} onChange={() => onToggle(key)} aria-label={labels.selectVm(row.name)} />
      </div>
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className={cellClass(c)} title={cellTitle(c.key, row)}>
          {cell(c.key, input)}
        </div>
      ))}
    </div>
  );
});

/**
 * The virtualised VM grid: only the visible rows (plus overscan) are in the DOM, so 10,000 rows scroll smoothly.
 * `search` is the text the rows were filtered by, shown as data-search (tests and the bench wait on it).
 * Keyboard: the grid is one tab stop; arrows, Home/End and Page keys move the row cursor (kept scrolled into
 * view), Enter opens the details, Space selects, Delete deletes (after the confirmation), Shift+F10 the menu.
 */
export const VmGrid = memo(function VmGrid({ rows, hostNames, search, onConsole }: { rows: VmRow[]; hostNames: ReadonlyMap<string, string>; search: string; onConsole(row: VmRow): void }) {
  const { t, i18n } = useTranslation(['inventory', 'common']);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const sort = useInventoryStore((s) => s.query.sort);
  const selection = useInventoryStore((s) => s.selection);
  const focused = useInventoryStore((s) => s.focused);
  const tags = useInventoryStore((s) => s.prefs.tags);
  const layout = useInventoryStore((s) => s.columns);
  const toggleSelected = useInventoryStore((s) => s.toggleSelected);
  const setSelection = useInventoryStore((s) => s.setSelection);
  const focus = useInventoryStore((s) => s.focus);
  const labels = useMemo(() => rowLabels(t), [t]);
  const [live, setLive] = useState<{ key: ColumnKey; px: number } | null>(null);
  const columns = useMemo(() => {
    const shown = columnsIn(layout);
    return live ? shown.map((c) => (c.key === live.key ? { ...c, px: live.px } : c)) : shown;
  }, [layout, live]);
  const onLiveWidth = useCallback((key: ColumnKey, px: number | null) => setLive(px === null ? null : { key, px }), []);
  const [cursorKey, setCursorKey] = useState<string | null>(null);
  const cursor = useMemo(() => (cursorKey ? rows.findIndex((r) => rowKey(r) === cursorKey) : -1), [rows, cursorKey]);
  const [menu, setMenu] = useState<{ anchor: MenuPoint; rows: VmRow[] } | null>(null);

  // A window of constant length (grown to the largest viewport seen): every row component has a slot
  // (index mod window length), so a row scrolling in takes over the slot — and the DOM — of the row scrolling out
  // instead of mounting a new subtree and removing the old one.
  const windowLength = useRef(0);
  const rangeExtractor = useCallback((r: Range) => {
    windowLength.current = Math.max(windowLength.current, r.endIndex - r.startIndex + 1 + 2 * r.overscan);
    const length = Math.min(r.count, windowLength.current);
    const start = Math.max(0, Math.min(r.startIndex - r.overscan, r.count - length));
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = start + i;
    return out;
  }, []);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN, rangeExtractor });
  const onOpen = useCallback((key: string) => focus(key), [focus]);
  const onPoint = useCallback((index: number) => setCursorKey(rows[index] ? rowKey(rows[index]) : null), [rows]);
  // A right-click on a selected row acts on the selection; on another row, on that row alone (as file managers do).
  const onMenu = useCallback(
    (e: MouseEvent<HTMLElement>, row: VmRow) => {
      e.preventDefault();
      const key = rowKey(row);
      const { selection: sel } = useInventoryStore.getState();
      const targets = sel.has(key) && sel.size > 1 ? rows.filter((r) => sel.has(rowKey(r))) : [row];
      setCursorKey(key);
      const box = e.currentTarget.getBoundingClientRect();
      setMenu({ anchor: e.clientX || e.clientY ? { x: e.clientX, y: e.clientY } : { x: box.left + 24, y: box.bottom }, rows: targets });
    },
    [rows],
  );
  // Once per selection or data change, not per scroll frame (with everything selected, `every` walks all rows).
  const allSelected = useMemo(() => rows.length > 0 && selection.size >= rows.length && rows.every((r) => selection.has(rowKey(r))), [rows, selection]);
  const onSelectAll = useCallback(() => setSelection(allSelected ? [] : rows.map(rowKey)), [allSelected, rows, setSelection]);

  useEffect(() => {
    // Scroll back to the top when the order changes, not on every refresh.
    virtualizer.scrollToOffset(0);
  }, [virtualizer, sort.key, sort.dir]);

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setCursorKey(rowKey(rows[i]!));
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed into a header control, a resize handle or the menu are theirs.
    const target = e.target as HTMLElement;
    if (e.defaultPrevented || target.tagName === 'INPUT' || target.closest('.vm-grid__head, [role="menu"]')) return;
    const at = cursor;
    const row = at >= 0 ? rows[at] : undefined;
    const handled = () => e.preventDefault();
    if (e.key === 'ArrowDown') return handled(), moveTo(at + 1);
    if (e.key === 'ArrowUp') return handled(), moveTo(at < 0 ? 0 : at - 1);
    if (e.key === 'Home') return handled(), moveTo(0);
    if (e.key === 'End') return handled(), moveTo(rows.length - 1);
    if (e.key === 'PageDown') return handled(), moveTo(at + PAGE);
    if (e.key === 'PageUp') return handled(), moveTo(at - PAGE);
    if (!row) return;
    const key = rowKey(row);
    if (e.key === 'Enter') return handled(), focus(key);
    if (e.key === ' ') return handled(), toggleSelected(key);
    if (e.key === 'Delete') {
      handled();
      const { selection: sel } = useInventoryStore.getState();
      useActionFlow.getState().request('delete', sel.has(key) ? [...sel] : [key]);
      return;
    }
    if (isContextMenuKey(e)) {
      handled();
      const el = document.getElementById(`vm-row-${at}`);
      const box = el?.getBoundingClientRect();
      const { selection: sel } = useInventoryStore.getState();
      setMenu({ anchor: box ? { x: box.left + 40, y: box.bottom } : { x: 100, y: 100 }, rows: sel.has(key) && sel.size > 1 ? rows.filter((r) => sel.has(rowKey(r))) : [row] });
    }
  };

  // Read the window length after the range is extracted (it may just have grown): keys must be unique.
  const items = virtualizer.getVirtualItems().slice();
  const slots = Math.max(windowLength.current, items.length, 1);
  // Rendered in slot order, not row order: the children's order never changes while scrolling, so React moves
  // no DOM node (rows are placed by `top`; aria-rowindex gives assistive technology the row order).
  items.sort((a, b) => (a.index % slots) - (b.index % slots));
  const style = { '--vm-grid-template': gridTemplate(columns), '--vm-grid-min': `${gridMinWidth(columns)}px` } as CSSProperties;
  // The menu is the grid's sibling, not its child: a grid holds rows only (aria-required-children).
  return (
    <>
    <div
      ref={gridRef}
      className="vm-grid"
      role="grid"
      tabIndex={0}
      aria-rowcount={rows.length + 1}
      aria-label={t('gridLabel')}
      aria-activedescendant={cursor >= 0 ? `vm-row-${cursor}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && cursor < 0 && rows.length > 0) moveTo(0);
      }}
      style={style}
      data-testid="vm-grid"
      data-search={search}
    >
      <GridHeader columns={columns} allSelected={allSelected} onSelectAll={onSelectAll} onLiveWidth={onLiveWidth} />
      <div ref={scrollRef} className="vm-grid__body" data-testid="vm-grid-body">
        <div className="vm-grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const key = rowKey(row);
            return (
              <GridRow
                key={item.index % slots}
                columns={columns}
                labels={labels}
                row={row}
                hostName={hostNames.get(row.hostId) ?? row.hostId}
                tags={tags[vmKey(row.id)]}
                selected={selection.has(key)}
                focused={focused === key}
                cursor={item.index === cursor}
                index={item.index}
                locale={i18n.language}
                onToggle={toggleSelected}
                onOpen={onOpen}
                onMenu={onMenu}
                onPoint={onPoint}
              />
            );
          })}
        </div>
      </div>
    </div>
      {menu && (
        <ContextMenu
          at={menu.anchor}
          testId="context-menu"
          label={menu.rows.length === 1 ? t('menu.label', { name: menu.rows[0]!.name }) : t('selected', { count: menu.rows.length })}
          items={vmMenuItems(t, menu.rows, { open: onOpen, console: onConsole })}
          onClose={() => {
            setMenu(null);
            gridRef.current?.focus(); // back to the row the menu was for
          }}
        />
      )}
    </>
  );
});

import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { rowKey, type VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { vmKey } from '../../../../shared/platform/vm-ref';
import { useInventoryStore } from '../../stores/inventory.store';
import { cellText, rowLabels, type RowLabels } from './grid-cells';
import { GridHeader } from './grid-header';
import { stateGroup } from './grid-query';

const ROW_HEIGHT = 32;
/** Rows rendered beyond each edge of the viewport: enough for a wheel notch, small enough that a filter re-renders few rows. */
const OVERSCAN = 6;

interface RowProps {
  labels: RowLabels;
  row: VmRow;
  hostName: string;
  tags: readonly string[] | undefined;
  selected: boolean;
  focused: boolean;
  index: number;
  locale: string;
  onToggle(key: string): void;
  onOpen(key: string): void;
}

// Rows take translated labels from the grid instead of subscribing to i18n one by one: updating a row stays cheap.
const GridRow = memo(function GridRow({ labels, row, hostName, tags, selected, focused, index, locale, onToggle, onOpen }: RowProps) {
  const key = rowKey(row);
  const cells = cellText(row, locale);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vm-grid__row${selected ? ' vm-grid__row--selected' : ''}${focused ? ' vm-grid__row--focused' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      data-testid="vm-row"
      data-vm-name={row.name}
      data-vm-state={row.state}
      onDoubleClick={() => onOpen(key)}
    >
      <div role="gridcell" className="vm-grid__cell">
        <input type="checkbox" checked={selected} onChange={() => onToggle(key)} aria-label={labels.selectVm(row.name)} />
      </div>
      <div role="gridcell" className="vm-grid__cell vm-grid__name">
        <button type="button" className="link-button" onClick={() => onOpen(key)} title={row.name}>
          {row.name}
        </button>
      </div>
      <div role="gridcell" className="vm-grid__cell">{hostName}</div>
      <div role="gridcell" className="vm-grid__cell">
        <span className={`state state--${stateGroup(row.state).toLowerCase()}`} data-testid="vm-state">
          {labels.of('vmState', row.state)}
        </span>
      </div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{cells.cpu}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{cells.memoryAssigned}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{cells.memoryDemand}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{cells.uptime}</div>
      <div role="gridcell" className="vm-grid__cell">{row.heartbeat ? labels.of('heartbeat', row.heartbeat) : '—'}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.generation}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.version}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.checkpointCount}</div>
      <div role="gridcell" className="vm-grid__cell">{labels.of('replication', row.replicationState)}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__notes" title={row.notes}>
        {tags?.map((tag) => (
          <span key={tag} className="chip" data-testid="vm-tag">
            {tag}
          </span>
        ))}
        <span className="muted">{row.notes}</span>
      </div>
    </div>
  );
});

/**
 * The virtualised VM grid: only the visible rows (plus overscan) are in the DOM, so 10,000 rows scroll smoothly.
 * `search` is the text the rows were filtered by, shown as data-search (tests and the bench wait on it).
 */
export const VmGrid = memo(function VmGrid({ rows, hostNames, search }: { rows: VmRow[]; hostNames: ReadonlyMap<string, string>; search: string }) {
  const { t, i18n } = useTranslation('inventory');
  const scrollRef = useRef<HTMLDivElement>(null);
  const sort = useInventoryStore((s) => s.query.sort);
  const selection = useInventoryStore((s) => s.selection);
  const focused = useInventoryStore((s) => s.focused);
  const tags = useInventoryStore((s) => s.prefs.tags);
  const toggleSelected = useInventoryStore((s) => s.toggleSelected);
  const setSelection = useInventoryStore((s) => s.setSelection);
  const focus = useInventoryStore((s) => s.focus);
  const labels = useMemo(() => rowLabels(t), [t]);

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
  // Once per selection or data change, not per scroll frame (with everything selected, `every` walks all rows).
  const allSelected = useMemo(() => rows.length > 0 && selection.size >= rows.length && rows.every((r) => selection.has(rowKey(r))), [rows, selection]);
  const onSelectAll = useCallback(() => setSelection(allSelected ? [] : rows.map(rowKey)), [allSelected, rows, setSelection]);

  useEffect(() => {
    // Scroll back to the top when the order changes, not on every refresh.
    virtualizer.scrollToOffset(0);
  }, [virtualizer, sort.key, sort.dir]);

  // Read the window length after the range is extracted (it may just have grown): keys must be unique.
  const items = virtualizer.getVirtualItems().slice();
  const slots = Math.max(windowLength.current, items.length, 1);
  // Rendered in slot order, not row order: the children's order never changes while scrolling, so React moves
  // no DOM node (rows are placed by `top`; aria-rowindex gives assistive technology the row order).
  items.sort((a, b) => (a.index % slots) - (b.index % slots));
  return (
    <div className="vm-grid" role="grid" aria-rowcount={rows.length + 1} aria-label={t('gridLabel')} data-testid="vm-grid" data-search={search}>
      <GridHeader allSelected={allSelected} onSelectAll={onSelectAll} />
      <div ref={scrollRef} className="vm-grid__body" data-testid="vm-grid-body">
        <div className="vm-grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const key = rowKey(row);
            return (
              <GridRow
                key={item.index % slots}
                labels={labels}
                row={row}
                hostName={hostNames.get(row.hostId) ?? row.hostId}
                tags={tags[vmKey(row.id)]}
                selected={selection.has(key)}
                focused={focused === key}
                index={item.index}
                locale={i18n.language}
                onToggle={toggleSelected}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});

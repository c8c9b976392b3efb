import { memo, useCallback, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { vmKey, type VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { useInventoryStore } from '../../stores/inventory.store';
import { gridColumns } from './grid-columns';
import { formatBytes, formatDuration, formatPercent } from './format';
import { stateGroup } from './grid-query';

const ROW_HEIGHT = 32;

type Translate = (key: string, opts?: Record<string, unknown>) => string;

interface RowProps {
  t: Translate;
  row: VmRow;
  hostName: string;
  tags: readonly string[] | undefined;
  selected: boolean;
  focused: boolean;
  top: number;
  index: number;
  locale: string;
  onToggle(key: string): void;
  onOpen(key: string): void;
}

// Rows take `t` from the grid instead of subscribing to i18n one by one: mounting rows while scrolling stays cheap.
const GridRow = memo(function GridRow({ t, row, hostName, tags, selected, focused, top, index, locale, onToggle, onOpen }: RowProps) {
  const key = vmKey(row);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vm-grid__row${selected ? ' vm-grid__row--selected' : ''}${focused ? ' vm-grid__row--focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="vm-row"
      data-vm-name={row.name}
      data-vm-state={row.state}
      onDoubleClick={() => onOpen(key)}
    >
      <div role="gridcell" className="vm-grid__cell">
        <input type="checkbox" checked={selected} onChange={() => onToggle(key)} aria-label={t('inventory.selectVm', { name: row.name })} />
      </div>
      <div role="gridcell" className="vm-grid__cell vm-grid__name">
        <button type="button" className="link-button" onClick={() => onOpen(key)} title={row.name}>
          {row.name}
        </button>
      </div>
      <div role="gridcell" className="vm-grid__cell">{hostName}</div>
      <div role="gridcell" className="vm-grid__cell">
        <span className={`state state--${stateGroup(row.state).toLowerCase()}`} data-testid="vm-state">
          {t(`vmState.${row.state}`, { defaultValue: row.state })}
        </span>
      </div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{formatPercent(row.cpuUsage, locale)}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.memoryAssigned ? formatBytes(row.memoryAssigned, locale) : '—'}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.memoryDemand ? formatBytes(row.memoryDemand, locale) : '—'}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{formatDuration(row.uptimeSeconds, locale)}</div>
      <div role="gridcell" className="vm-grid__cell">{row.heartbeat ? t(`heartbeat.${row.heartbeat}`, { defaultValue: row.heartbeat }) : '—'}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.generation}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.version}</div>
      <div role="gridcell" className="vm-grid__cell vm-grid__num">{row.checkpointCount}</div>
      <div role="gridcell" className="vm-grid__cell">{t(`replication.${row.replicationState}`, { defaultValue: row.replicationState })}</div>
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

/** The virtualised VM grid: only the visible rows (plus overscan) are in the DOM, so 10,000 rows scroll smoothly. */
export function VmGrid({ rows, hostNames }: { rows: VmRow[]; hostNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const sort = useInventoryStore((s) => s.query.sort);
  const selection = useInventoryStore((s) => s.selection);
  const focused = useInventoryStore((s) => s.focused);
  const tags = useInventoryStore((s) => s.prefs.tags);
  const toggleSort = useInventoryStore((s) => s.toggleSort);
  const toggleSelected = useInventoryStore((s) => s.toggleSelected);
  const setSelection = useInventoryStore((s) => s.setSelection);
  const focus = useInventoryStore((s) => s.focus);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const onOpen = useCallback((key: string) => focus(key), [focus]);
  const allSelected = rows.length > 0 && rows.every((r) => selection.has(vmKey(r)));

  useEffect(() => {
    // Scroll back to the top when the filtered set changes shape (a new search), not on every refresh.
    virtualizer.scrollToOffset(0);
  }, [virtualizer, sort.key, sort.dir]);

  return (
    <div className="vm-grid" role="grid" aria-rowcount={rows.length + 1} aria-label={t('inventory.gridLabel')} data-testid="vm-grid">
      <div role="row" className="vm-grid__head">
        <div role="columnheader" className="vm-grid__cell">
          <input
            type="checkbox"
            checked={allSelected}
            aria-label={t('inventory.selectAll')}
            data-testid="select-all"
            onChange={() => setSelection(allSelected ? [] : rows.map(vmKey))}
          />
        </div>
        {gridColumns.map((c) => (
          <div
            role="columnheader"
            key={c.key}
            aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            className={`vm-grid__cell${c.align === 'end' ? ' vm-grid__num' : ''}`}
          >
            <button type="button" className="vm-grid__sort" onClick={() => toggleSort(c.key)} data-testid={`sort-${c.key}`}>
              {t(c.label)}
              {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="vm-grid__body" data-testid="vm-grid-body">
        <div className="vm-grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const key = vmKey(row);
            return (
              <GridRow
                // Keyed by slot, not by VM: a scrolled-in row reuses a component (text updates) instead of a new mount.
                key={item.index % 256}
                t={t as Translate}
                row={row}
                hostName={hostNames.get(row.hostId) ?? row.hostId}
                tags={tags[key]}
                selected={selection.has(key)}
                focused={focused === key}
                top={item.start}
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
}

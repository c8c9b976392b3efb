import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnKey } from '../../../../shared/features/inventory/inventory-prefs.schema';
import { useInventoryStore } from '../../stores/inventory.store';
import { clampWidth, MAX_WIDTH, MIN_WIDTH, moveColumnBefore, resizeColumn, type ShownColumn } from './grid-columns';

/** The drag handle on a header's right edge: drag, or focus it and use the arrow keys (10 px a press). */
function ResizeHandle({ column, onLive }: { column: ShownColumn; onLive(key: ColumnKey, px: number | null): void }) {
  const { t } = useTranslation('inventory');
  const start = useRef<{ x: number; px: number } | null>(null);
  const commit = (px: number) => {
    const { columns, setColumns } = useInventoryStore.getState();
    setColumns(resizeColumn(columns, column.key, px));
  };
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, px: column.px };
  };
  const move = (e: PointerEvent) => {
    if (start.current) onLive(column.key, clampWidth(start.current.px + e.clientX - start.current.x));
  };
  const up = (e: PointerEvent) => {
    if (!start.current) return;
    const px = clampWidth(start.current.px + e.clientX - start.current.x);
    start.current = null;
    onLive(column.key, null);
    commit(px);
  };
  const key = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 10 : e.key === 'ArrowLeft' ? -10 : 0;
    if (!step) return;
    e.preventDefault();
    commit(column.px + step);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('columns.resize', { col: t(column.label) })}
      aria-valuenow={column.px}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      className="vm-grid__resize"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onKeyDown={key}
      onClick={(e) => e.stopPropagation()}
      data-testid={`resize-${column.key}`}
    />
  );
}

/**
 * The grid's header row: sort by a click, resize by the edge, reorder by dragging a header onto another.
 * Memoised so a scroll frame (which re-renders the grid body) does not re-render it.
 */
export const GridHeader = memo(function GridHeader({
  columns,
  allSelected,
  onSelectAll,
  onLiveWidth,
}: {
  columns: readonly ShownColumn[];
  allSelected: boolean;
  onSelectAll(): void;
  onLiveWidth(key: ColumnKey, px: number | null): void;
}) {
  const { t } = useTranslation('inventory');
  const sort = useInventoryStore((s) => s.query.sort);
  const toggleSort = useInventoryStore((s) => s.toggleSort);
  const [dragging, setDragging] = useState<ColumnKey | null>(null);
  const drop = (before: ColumnKey) => {
    if (!dragging || dragging === before) return;
    const { columns: layout, setColumns } = useInventoryStore.getState();
    setColumns(moveColumnBefore(layout, dragging, before));
    setDragging(null);
  };
  return (
    <div role="row" className="vm-grid__head" data-testid="vm-grid-head">
      <div role="columnheader" className="vm-grid__cell">
        <input type="checkbox" checked={allSelected} aria-label={t('selectAll')} data-testid="select-all" onChange={onSelectAll} />
      </div>
      {columns.map((c) => (
        <div
          role="columnheader"
          key={c.key}
          aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
          className={`vm-grid__cell vm-grid__headcell${c.align === 'end' ? ' vm-grid__num' : ''}${dragging === c.key ? ' vm-grid__headcell--dragging' : ''}`}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', c.key);
            setDragging(c.key);
          }}
          onDragOver={(e) => {
            if (dragging) e.preventDefault();
          }}
          onDrop={(e) => {
            e.preventDefault();
            drop(c.key);
          }}
          onDragEnd={() => setDragging(null)}
          data-testid={`col-${c.key}`}
        >
          <button type="button" className="vm-grid__sort" onClick={() => toggleSort(c.key)} data-testid={`sort-${c.key}`} title={t(c.label)}>
            {t(c.label)}
            {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
          <ResizeHandle column={c} onLive={onLiveWidth} />
        </div>
      ))}
    </div>
  );
});

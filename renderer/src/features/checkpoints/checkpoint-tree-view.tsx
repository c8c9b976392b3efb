import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { holdsMemory, visibleRows, type CheckpointTree, type TreeRow } from '../../../../shared/features/checkpoints/checkpoint-tree';
import { isContextMenuKey, type MenuPoint } from '../../ui/context-menu';
import { useMemoryLabel, useSnapshotTypeLabel } from './snapshot-type';

export const ROW_HEIGHT = 28;
/** Rows drawn above and below the viewport, so a fast scroll never shows a gap. */
const OVERSCAN = 10;
/** Indentation stops growing here; deeper rows show their depth as a number instead. */
const MAX_INDENT_LEVELS = 24;
/** Before the first layout (and in layout-less DOMs) assume a viewport of this height. */
const FALLBACK_VIEWPORT = 640;

interface Props {
  tree: CheckpointTree;
  collapsed: ReadonlySet<string>;
  selectedId: string | null;
  onSelect(id: string): void;
  onToggle(id: string): void;
  onActivate?(id: string): void;
  /** Right-click on a row, or Shift+F10 / the ContextMenu key on the selected one: the row's actions. */
  onContextMenu?(id: string, at: MenuPoint): void;
}

/**
 * The checkpoint tree as a flat, windowed list: only the rows in view (plus overscan) are in the DOM, so
 * 500 or 5,000 checkpoints cost the same to render. ARIA tree semantics with aria-activedescendant, and
 * the keyboard model of a desktop tree (arrows, Home/End, Enter).
 */
export function CheckpointTreeView({ tree, collapsed, selectedId, onSelect, onToggle, onActivate, onContextMenu }: Props) {
  const { t, i18n } = useTranslation('checkpoints');
  const typeLabel = useSnapshotTypeLabel();
  const memoryLabel = useMemoryLabel();
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const index = useMemo(() => new Map(rows.map((r, i) => [r.node.id, i])), [rows]);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_VIEWPORT);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);

  useEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || FALLBACK_VIEWPORT));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when the selection moves by keyboard or from outside.
  useEffect(() => {
    const el = viewport.current;
    const i = selectedId ? index.get(selectedId) : undefined;
    if (!el || i === undefined) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + (el.clientHeight || height)) el.scrollTop = top + ROW_HEIGHT - (el.clientHeight || height);
  }, [selectedId, index, height]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const move = (to: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (row) onSelect(row.node.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = selectedId ? (index.get(selectedId) ?? -1) : -1;
    const row = i >= 0 ? rows[i] : undefined;
    if (isContextMenuKey(e)) {
      e.preventDefault();
      if (!row) return;
      // Row ids are GUIDs or NOW_ID: no characters a selector would need escaped.
      const box = viewport.current?.querySelector(`[id="cp-row-${row.node.id}"]`)?.getBoundingClientRect();
      onContextMenu?.(row.node.id, box ? { x: box.left + 24, y: box.bottom } : { x: 0, y: 0 });
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        move(i + 1);
        break;
      case 'ArrowUp':
        move(i <= 0 ? 0 : i - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'PageDown':
        move(i + Math.floor(height / ROW_HEIGHT));
        break;
      case 'PageUp':
        move(i - Math.floor(height / ROW_HEIGHT));
        break;
      case 'ArrowRight':
        if (row?.hasChildren && !row.expanded) onToggle(row.node.id);
        else if (row?.expanded) move(i + 1);
        break;
      case 'ArrowLeft':
        if (row?.expanded) onToggle(row.node.id);
        else if (row?.node.parentId) onSelect(row.node.parentId);
        break;
      case 'Enter':
        if (row) onActivate?.(row.node.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const label = (row: TreeRow): string => (row.node.kind === 'now' ? t('now') : row.node.checkpoint.name);

  return (
    <div
      ref={viewport}
      className="cp-tree"
      role="tree"
      tabIndex={0}
      aria-label={t('treeLabel')}
      aria-activedescendant={selectedId ? `cp-row-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid="checkpoint-tree"
      data-rows={rows.length}
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((row, k) => {
          const i = first + k;
          const n = row.node;
          const selected = n.id === selectedId;
          const indent = Math.min(row.depth, MAX_INDENT_LEVELS);
          const memory = n.kind === 'checkpoint' && holdsMemory(n.checkpoint);
          return (
            <div
              key={n.id}
              id={`cp-row-${n.id}`}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-selected={selected}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              className={`cp-row${selected ? ' cp-row--selected' : ''}${n.kind === 'now' ? ' cp-row--now' : ''}`}
              style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 8 + indent * 16 }}
              onClick={() => onSelect(n.id)}
              onDoubleClick={() => onActivate?.(n.id)}
              onContextMenu={(e) => {
                if (!onContextMenu) return;
                e.preventDefault();
                onSelect(n.id);
                onContextMenu(n.id, { x: e.clientX, y: e.clientY });
              }}
              data-testid={n.kind === 'now' ? 'checkpoint-now' : 'checkpoint-row'}
              data-name={n.kind === 'checkpoint' ? n.checkpoint.name : undefined}
              data-depth={row.depth}
              data-parent={n.parentId ?? ''}
            >
              <span
                className="cp-row__twisty"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  if (row.hasChildren) onToggle(n.id);
                }}
              >
                {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
              </span>
              {row.depth > MAX_INDENT_LEVELS && <span className="cp-row__depth">{row.depth}</span>}
              <span className={`cp-row__icon cp-row__icon--${n.kind === 'now' ? 'now' : memory ? 'memory' : 'disk'}`} aria-hidden="true">
                {n.kind === 'now' ? '▶' : memory ? '●' : '◆'}
              </span>
              <span className="cp-row__name">{label(row)}</span>
              {n.kind === 'checkpoint' && (
                <span className="cp-row__meta">
                  {typeLabel(n.checkpoint)} · {memoryLabel(n.checkpoint)} · {dateFormat.format(new Date(n.checkpoint.creationTime))}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

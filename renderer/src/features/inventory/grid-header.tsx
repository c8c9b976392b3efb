import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useInventoryStore } from '../../stores/inventory.store';
import { gridColumns } from './grid-columns';

/** The grid's header row; memoised so a scroll frame (which re-renders the grid body) does not re-render it. */
export const GridHeader = memo(function GridHeader({ allSelected, onSelectAll }: { allSelected: boolean; onSelectAll(): void }) {
  const { t } = useTranslation('inventory');
  const sort = useInventoryStore((s) => s.query.sort);
  const toggleSort = useInventoryStore((s) => s.toggleSort);
  return (
    <div role="row" className="vm-grid__head">
      <div role="columnheader" className="vm-grid__cell">
        <input type="checkbox" checked={allSelected} aria-label={t('selectAll')} data-testid="select-all" onChange={onSelectAll} />
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
  );
});

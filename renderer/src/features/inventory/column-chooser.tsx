import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInventoryStore } from '../../stores/inventory.store';
import { chooserList, defaultColumnLayout, moveColumn, toggleColumn } from './grid-columns';

/** Which columns show, and their order (keyboard-reachable; the header also drags). Saved with a view. */
export function ColumnChooser() {
  const { t } = useTranslation('inventory');
  const columns = useInventoryStore((s) => s.columns);
  const setColumns = useInventoryStore((s) => s.setColumns);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const list = chooserList(columns);
  return (
    <div className="column-chooser" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} data-testid="column-chooser">
        {t('columns.button')}
      </button>
      {open && (
        <fieldset className="column-chooser__panel" data-testid="column-chooser-panel">
          <legend>{t('columns.label')}</legend>
          <ul>
            {list.map(({ column, shown }, i) => (
              <li key={column.key}>
                <label>
                  <input type="checkbox" checked={shown} disabled={column.key === 'name'} onChange={() => setColumns(toggleColumn(columns, column.key))} data-testid={`column-toggle-${column.key}`} />
                  {t(column.label)}
                </label>
                <button type="button" className="icon-button" disabled={i === 0} aria-label={t('columns.moveUp', { col: t(column.label) })} onClick={() => setColumns(moveColumn(columns, column.key, -1))}>
                  ↑
                </button>
                <button type="button" className="icon-button" disabled={i === list.length - 1} aria-label={t('columns.moveDown', { col: t(column.label) })} onClick={() => setColumns(moveColumn(columns, column.key, 1))} data-testid={`column-down-${column.key}`}>
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setColumns(defaultColumnLayout())} data-testid="column-reset">
            {t('columns.reset')}
          </button>
        </fieldset>
      )}
    </div>
  );
}

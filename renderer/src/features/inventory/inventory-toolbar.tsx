import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useInventoryStore } from '../../stores/inventory.store';
import { ColumnChooser } from './column-chooser';
import { stateGroups } from './grid-query';
import { userMessage } from '../../ui/user-message';

/** Search, filters, saved views, refresh and "New VM". */
export function InventoryToolbar({ shown, total, onNewVm }: { shown: number; total: number; onNewVm(): void }) {
  const { t, i18n } = useTranslation(['inventory', 'common']);
  const query = useInventoryStore((s) => s.query);
  const setQuery = useInventoryStore((s) => s.setQuery);
  const prefs = useInventoryStore((s) => s.prefs);
  const activeViewId = useInventoryStore((s) => s.activeViewId);
  const applyView = useInventoryStore((s) => s.applyView);
  const saveView = useInventoryStore((s) => s.saveView);
  const deleteView = useInventoryStore((s) => s.deleteView);
  const refresh = useInventoryStore((s) => s.refresh);
  const refreshing = useInventoryStore((s) => s.refreshing);
  // Staleness is per host: the badge names the hosts whose rows come from the cache (e.g. a failed host), never live ones.
  const staleHosts = useInventoryStore(useShallow((s) => s.hostViews.filter((h) => s.hosts[h.id]?.stale).map((h) => h.name)));
  const stale = staleHosts.length > 0;
  const [naming, setNaming] = useState<string | null>(null);
  // main's refusal of the view (the saved-views limit, a bad name) is shown next to the name field.
  const [viewError, setViewError] = useState<string | null>(null);
  const stopNaming = () => (setNaming(null), setViewError(null));
  // Per tags/locale change, not per keystroke: Intl constructors cost more than the filter itself.
  const allTags = useMemo(() => [...new Set(Object.values(prefs.tags).flat())].sort(new Intl.Collator(i18n.language).compare), [prefs.tags, i18n.language]);
  const nf = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  return (
    <div className="inv-toolbar">
      <input
        type="search"
        className="inv-toolbar__search"
        placeholder={t('searchPlaceholder')}
        aria-label={t('search')}
        value={query.search}
        onChange={(e) => setQuery({ search: e.target.value })}
        data-testid="inventory-search"
      />
      <select
        aria-label={t('filterState')}
        value={query.states[0] ?? ''}
        onChange={(e) => setQuery({ states: e.target.value ? [e.target.value] : [] })}
        data-testid="filter-state"
      >
        <option value="">{t('allStates')}</option>
        {stateGroups.map((g) => (
          <option key={g} value={g}>
            {t(`common:stateGroup.${g}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filterTag')}
        value={query.tags[0] ?? ''}
        onChange={(e) => setQuery({ tags: e.target.value ? [e.target.value] : [] })}
        data-testid="filter-tag"
      >
        <option value="">{t('allTags')}</option>
        {allTags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      <select aria-label={t('savedViews')} value={activeViewId ?? ''} onChange={(e) => applyView(e.target.value || null)} data-testid="saved-views">
        <option value="">{t('noView')}</option>
        {prefs.views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {naming === null ? (
        <button type="button" onClick={() => setNaming('')} data-testid="save-view">
          {t('saveView')}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (naming.trim()) saveView(naming.trim()).then(stopNaming, (err: unknown) => setViewError(userMessage(err)));
          }}
        >
          <input
            autoFocus
            value={naming}
            onChange={(e) => setNaming(e.target.value)}
            placeholder={t('viewName')}
            aria-label={t('viewName')}
            aria-invalid={viewError !== null}
            aria-describedby={viewError !== null ? 'view-name-error' : undefined}
            data-testid="view-name"
            maxLength={80}
          />
          <button type="submit">{t('common:common.save')}</button>
          <button type="button" onClick={stopNaming}>
            {t('common:common.cancel')}
          </button>
          {viewError !== null && (
            <span className="error-text" role="alert" id="view-name-error" data-testid="view-name-error">
              {viewError}
            </span>
          )}
        </form>
      )}
      {activeViewId && (
        <button type="button" onClick={() => void deleteView(activeViewId)}>
          {t('deleteView')}
        </button>
      )}
      <ColumnChooser />
      <span className="inv-toolbar__spacer" />
      <span className="muted" data-testid="inventory-count">
        {t('count', { shown: nf.format(shown), total: nf.format(total) })}
      </span>
      {stale && (
        <span className="badge badge--stale" data-testid="inventory-stale" data-hosts={staleHosts.join('\n')} title={t('staleHelp')}>
          {t('stale')} · {staleHosts.join(', ')}
        </span>
      )}
      <button type="button" onClick={() => void refresh()} disabled={refreshing} data-testid="inventory-refresh">
        {refreshing ? t('refreshing') : t('refresh')}
      </button>
      <button type="button" className="primary" onClick={onNewVm} data-testid="new-vm">
        {t('newVm')}
      </button>
    </div>
  );
}

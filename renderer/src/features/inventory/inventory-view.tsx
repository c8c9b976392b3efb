import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInventoryStore } from '../../stores/inventory.store';
import { VmDetailsPanel } from '../vm-details';
import { BulkBar } from './bulk-bar';
import { DeleteDialog } from './delete-dialog';
import { collatorFor, filterRows, sortRows, warmSearchIndex, type QueryContext } from './grid-query';
import { HostsPane } from '../hosts';
import { InventoryToolbar } from './inventory-toolbar';
import { NewVmWizard } from './new-vm-wizard';
import { VmGrid } from './vm-grid';
import './inventory.css';

/** The screen an admin lives in: hosts on the left, one VM grid across hosts, details on the right. */
export function InventoryView() {
  const { t, i18n } = useTranslation(['inventory', 'common']);
  const rows = useInventoryStore((s) => s.rows);
  const hostViews = useInventoryStore((s) => s.hostViews);
  const tags = useInventoryStore((s) => s.prefs.tags);
  const query = useInventoryStore((s) => s.query);
  const focused = useInventoryStore((s) => s.focused);
  const error = useInventoryStore((s) => s.error);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [wizard, setWizard] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => useInventoryStore.getState().start(), []);

  // Host state events replace hostViews often; the grid only cares about id → name, so key the memo on that.
  const hostNamesKey = hostViews.map((h) => `${h.id}\u0000${h.name}`).join('\u0001');
  const hostNames = useMemo(
    () => new Map(hostNamesKey ? hostNamesKey.split('\u0001').map((pair) => pair.split('\u0000') as [string, string]) : []),
    [hostNamesKey],
  );
  const ctx: QueryContext = useMemo(() => ({ hostNames, tags, collator: collatorFor(i18n.language) }), [hostNames, tags, i18n.language]);
  // Sort once per data/sort/locale change; a keystroke in the search box only filters the sorted list.
  const sorted = useMemo(() => sortRows(rows, query.sort, ctx), [rows, query.sort, ctx]);
  const shown = useMemo(
    () => filterRows(sorted, { search: query.search, hostIds: query.hostIds, states: query.states, tags: query.tags }, ctx),
    [sorted, query.search, query.hostIds, query.states, query.tags, ctx],
  );

  // Build the search text of every row in idle slices, so the first keystroke does not pay for 10,000 rows.
  useEffect(() => {
    let cancelled = false;
    let i = 0;
    const slice = () => {
      if (cancelled || i >= rows.length) return;
      warmSearchIndex(rows, ctx, i, i + 1000);
      i += 1000;
      setTimeout(slice, 0);
    };
    const timer = setTimeout(slice, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [rows, ctx]);

  return (
    <section className="view inventory hd-controls" aria-labelledby="view-title-inventory" data-testid="inventory-view">
      <h1 id="view-title-inventory" className="visually-hidden">
        {t('title')}
      </h1>
      <HostsPane />
      <div className="inventory__main">
        <InventoryToolbar shown={shown.length} total={rows.length} onNewVm={() => setWizard(true)} />
        <BulkBar onDelete={setDeleting} onError={setNotice} />
        {(error || notice) && (
          <div className="banner banner--error" role="alert">
            {notice ?? t('common:errors.generic', { message: error })}
            {notice && (
              <button type="button" className="link-button" onClick={() => setNotice(null)}>
                {t('common:common.dismiss')}
              </button>
            )}
          </div>
        )}
        {hostViews.length === 0 && rows.length === 0 ? (
          <div className="empty-state" data-testid="inventory-empty">
            <h2>{t('emptyTitle')}</h2>
            <p className="muted">{t('emptyBody')}</p>
          </div>
        ) : (
          <VmGrid rows={shown} hostNames={hostNames} search={query.search} />
        )}
      </div>
      {focused && <VmDetailsPanel vmKeyValue={focused} onDelete={(k) => setDeleting([k])} />}
      {deleting && <DeleteDialog keys={deleting} onClose={() => setDeleting(null)} />}
      {wizard && <NewVmWizard onClose={() => setWizard(false)} onCreated={() => undefined} />}
    </section>
  );
}

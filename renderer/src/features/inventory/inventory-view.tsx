import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useInventoryStore } from '../../stores/inventory.store';
import { VmDetailsPanel } from '../vm-details';
import { BulkBar } from './bulk-bar';
import { emptyKind } from './empty-kind';
import { InventoryEmpty } from './empty-states';
import { collatorFor, filterRows, sortRows, warmSearchIndex, type QueryContext } from './grid-query';
import { HostsPane } from '../hosts';
import { InventoryToolbar } from './inventory-toolbar';
import { NewVmWizard } from './new-vm-wizard';
import { VmGrid } from './vm-grid';
import { ActionNoticeBanner, VmActionDialogs } from './vm-action-dialogs';
import { useActionFlow } from './vm-action-flow';
import { useConsolesStore } from '../console';
import { useNavigation } from '../../ui/navigation';
import type { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
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
  const wizard = useInventoryStore((s) => s.wizardOpen);
  const setWizard = useInventoryStore((s) => s.setWizardOpen);

  useEffect(() => useInventoryStore.getState().start(), []);
  const onConsole = useMemo(
    () => (row: VmRow) => {
      void useConsolesStore.getState().open(row.hostId, row.id);
      useNavigation.getState().setView('console');
    },
    [],
  );

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

  const hostId = query.hostIds.length === 1 ? query.hostIds[0]! : null;
  // Only when nothing is shown does the host's own count matter (it tells "no VMs here" from "no match").
  const hostRowCount = useMemo(() => (hostId && shown.length === 0 ? rows.filter((r) => r.hostId === hostId).length : 0), [hostId, shown.length, rows]);
  const empty = emptyKind({
    hostCount: hostViews.length,
    rowCount: rows.length,
    shownCount: shown.length,
    filtered: query.search.trim() !== '' || query.states.length > 0 || query.tags.length > 0,
    hostId,
    hostName: hostId ? (hostNames.get(hostId) ?? null) : null,
    hostRowCount,
  });

  return (
    <section className="view inventory hd-controls" aria-labelledby="view-title-inventory" data-testid="inventory-view">
      <h1 id="view-title-inventory" className="visually-hidden">
        {t('title')}
      </h1>
      <HostsPane />
      <div className="inventory__main">
        <InventoryToolbar shown={shown.length} total={rows.length} onNewVm={() => setWizard(true)} />
        <BulkBar />
        <ActionNoticeBanner />
        {error && (
          // Already in the user's language (the store keeps userMessage's text).
          <div className="banner banner--error" role="alert">
            {error}
          </div>
        )}
        {empty ? <InventoryEmpty empty={empty} onNewVm={() => setWizard(true)} /> : <VmGrid rows={shown} hostNames={hostNames} search={query.search} onConsole={onConsole} />}
      </div>
      {focused && <VmDetailsPanel vmKeyValue={focused} onDelete={(k) => useActionFlow.getState().request('delete', [k])} />}
      <VmActionDialogs />
      {wizard && <NewVmWizard onClose={() => setWizard(false)} onCreated={() => undefined} />}
    </section>
  );
}

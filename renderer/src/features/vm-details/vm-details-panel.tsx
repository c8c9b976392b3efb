import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import { readWithReconnect, useInventoryStore } from '../inventory';
import { TaskList } from '../tasks';
import { VmSettingsForm } from './vm-settings-form';
import { VmSummary } from './vm-summary';
import { userMessage } from '../../ui/user-message';
import { VmActionButtons } from '../inventory';

type Tab = 'summary' | 'settings' | 'tasks';

/** The right-hand panel for one VM: summary (like Failover Cluster Manager's), settings, and its tasks. */
export function VmDetailsPanel({ vmKeyValue, onDelete }: { vmKeyValue: string; onDelete(key: string): void }) {
  const { t } = useTranslation(['vmDetails', 'common']);
  const row = useInventoryStore((s) => s.rows.find((r) => `${r.hostId}/${r.id}` === vmKeyValue));
  const hostName = useInventoryStore((s) => s.hostViews.find((h) => h.id === row?.hostId)?.name ?? row?.hostId ?? '');
  const focus = useInventoryStore((s) => s.focus);
  const [tab, setTab] = useState<Tab>('summary');
  const [details, setDetails] = useState<VmDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hostId = row?.hostId;
  const vmId = row?.id;

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (!hostId || !vmId) return;
      readWithReconnect('vms.details', { hostId, vmId }, signal).then(
        (d) => {
          setDetails(d);
          setError(null);
        },
        (err: unknown) => {
          if (!signal?.aborted) setError(userMessage(err));
        },
      );
    },
    [hostId, vmId],
  );
  // Read once per VM. What a state change moves (state, uptime, CPU, memory, heartbeat) is in the row, which main
  // updates from the action's own answer (vm-action.ps1) or the poll: a start costs one round trip, not a re-read.
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal);
    return () => ctl.abort();
  }, [load]);

  if (!row) {
    return (
      <aside className="details-panel" data-testid="vm-details">
        <p className="muted">{t('gone')}</p>
        <button type="button" onClick={() => focus(null)}>
          {t('common:common.close')}
        </button>
      </aside>
    );
  }
  // The settings form judges "must be off" by the state: the row's, which is current.
  const d = details && { ...details, state: row.state, status: row.status, checkpointCount: row.checkpointCount };
  return (
    <aside className="details-panel" aria-label={t('label', { name: row.name })} data-testid="vm-details">
      <header className="details-panel__head">
        <h2 data-testid="details-name">{row.name}</h2>
        <button type="button" className="link-button" onClick={() => focus(null)} aria-label={t('common:common.close')}>
          ×
        </button>
      </header>
      <div className="details-panel__actions">
        {/* The same rule and the same request as the grid's toolbar and menu (confirmation, DC rule). */}
        <VmActionButtons rows={[row]} keys={[vmKeyValue]} testIdPrefix="vm-action" onAction={(a) => {
            if (a !== 'delete') return false;
            onDelete(vmKeyValue); // delete opens the panel's own plan of the VM's files
            return true;
          }}
        />
      </div>
      <div role="tablist" className="tabs">
        {(['summary', 'settings', 'tasks'] as const).map((k) => (
          <button key={k} role="tab" type="button" aria-selected={tab === k} className={tab === k ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
            {t(`tab.${k}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {tab === 'summary' && <VmSummary row={row} d={d} hostName={hostName} />}
      {tab === 'settings' && (d ? <VmSettingsForm details={d} onSaved={() => load()} /> : <p className="muted">{t('loading')}</p>)}
      {tab === 'tasks' && <TaskList vmId={row.id} />}
    </aside>
  );
}

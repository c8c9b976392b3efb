import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInventoryStore } from '../../stores/inventory.store';
import { AddHostDialog } from './add-host-dialog';

/** The left pane: all hosts or one, each with its connection state and VM count. */
export function HostsPane() {
  const { t } = useTranslation();
  const hostViews = useInventoryStore((s) => s.hostViews);
  const hosts = useInventoryStore((s) => s.hosts);
  const query = useInventoryStore((s) => s.query);
  const setQuery = useInventoryStore((s) => s.setQuery);
  const [adding, setAdding] = useState(false);
  const current = query.hostIds[0] ?? null;
  const total = Object.values(hosts).reduce((n, h) => n + h.vms.length, 0);
  return (
    <aside className="hosts-pane" aria-label={t('hosts.paneLabel')} data-testid="hosts-pane">
      <button type="button" className={`hosts-pane__item${current === null ? ' hosts-pane__item--active' : ''}`} onClick={() => setQuery({ hostIds: [] })}>
        <span className="hosts-pane__name">{t('hosts.all')}</span>
        <span className="muted">{total}</span>
      </button>
      {hostViews.map((h) => {
        const inv = hosts[h.id];
        return (
          <button
            key={h.id}
            type="button"
            className={`hosts-pane__item${current === h.id ? ' hosts-pane__item--active' : ''}`}
            onClick={() => setQuery({ hostIds: [h.id] })}
            title={h.status.message ?? ''}
            data-testid="host-item"
          >
            <span className={`dot dot--${h.status.state}`} aria-hidden="true" />
            <span className="hosts-pane__name">{h.name}</span>
            <span className="muted">{inv?.vms.length ?? 0}</span>
            <span className="hosts-pane__state">
              {t(`hostState.${h.status.state}`)}
              {h.status.reason ? ` · ${t(`hostReason.${h.status.reason}`)}` : ''}
              {inv?.error ? ` · ${inv.error.message}` : ''}
            </span>
          </button>
        );
      })}
      <button type="button" className="hosts-pane__add" onClick={() => setAdding(true)} data-testid="add-host">
        {t('hosts.add')}
      </button>
      {adding && <AddHostDialog onClose={() => setAdding(false)} />}
    </aside>
  );
}

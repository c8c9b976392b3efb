import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { useHosts } from '../../query/hosts';
import { useHostMenu, useInventoryStore } from '../inventory';
import { AddHostDialog } from './add-host-dialog';
import { RemoveHostDialog } from './remove-host-dialog';
import { userMessage } from '../../ui/user-message';
import { HostProblem } from './host-problem';
import { HostOverviewButton } from '../host-overview';
import './hosts.css';

type Open = { kind: 'add' } | { kind: 'edit'; host: HostView } | { kind: 'remove'; host: HostView } | null;

/** The left pane: all hosts or one, each with its connection state and VM count, and edit/remove/reconnect. */
export function HostsPane() {
  const { t } = useTranslation(['hosts', 'common']);
  const { hosts: hostViews } = useHosts();
  const hosts = useInventoryStore((s) => s.hosts);
  const query = useInventoryStore((s) => s.query);
  const setQuery = useInventoryStore((s) => s.setQuery);
  const [open, setOpen] = useState<Open>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // Right-click / Shift+F10 on a host: the inventory's host actions, then this pane's own.
  const hostMenu = useHostMenu((h) => [
    { id: 'host-edit', label: t('edit'), testId: 'menu-host-edit', onSelect: () => setOpen({ kind: 'edit', host: h }) },
    { id: 'host-remove', label: t('remove'), testId: 'menu-host-remove', danger: true, onSelect: () => setOpen({ kind: 'remove', host: h }) },
  ]);
  const current = query.hostIds[0] ?? null;
  const total = Object.values(hosts).reduce((n, h) => n + h.vms.length, 0);
  const reconnect = (id: string) => {
    setActionError(null);
    api.invoke('hosts.reconnect', { id }).catch((err: unknown) => setActionError(userMessage(err)));
  };
  return (
    <aside className="hosts-pane" aria-label={t('paneLabel')} data-testid="hosts-pane">
      <button type="button" className={`hosts-pane__item${current === null ? ' hosts-pane__item--active' : ''}`} onClick={() => setQuery({ hostIds: [] })}>
        <span className="hosts-pane__name">{t('all')}</span>
        <span className="muted">{total}</span>
      </button>
      {hostViews.map((h) => {
        const inv = hosts[h.id];
        const notReady = h.status.state !== 'ready';
        return (
          <div key={h.id} className="hosts-pane__entry" data-testid="host-item" data-host-name={h.name} data-host-state={h.status.state}>
            <button
              type="button"
              className={`hosts-pane__item${current === h.id ? ' hosts-pane__item--active' : ''}`}
              onClick={() => setQuery({ hostIds: [h.id] })}
              {...hostMenu.props(h)}
            >
              <span className={`dot dot--${h.status.state}`} aria-hidden="true" />
              <span className="hosts-pane__name">{h.name}</span>
              <span className="muted">{inv?.vms.length ?? 0}</span>
              <span className="hosts-pane__state" data-testid="host-state">
                {t(`common:hostState.${h.status.state}`)}
                {/* The reason is said once, below; a read error of a host that is up is its own fact. */}
                {!notReady && inv?.error ? ` · ${userMessage(inv.error)}` : ''}
              </span>
              {inv?.stale && (inv.vms.length ?? 0) > 0 && (
                <span className="badge badge--host-cached" data-testid="host-cached" title={t('cachedHelp')}>
                  {t('cached')}
                </span>
              )}
              {notReady && (h.status.reason || h.status.message) && (
                <span className="hosts-pane__problem" data-testid="host-message">
                  <HostProblem reason={h.status.reason} message={h.status.message} detail={h.status.detail} />
                </span>
              )}
            </button>
            <div className="hosts-pane__actions">
              <HostOverviewButton hostId={h.id} hostName={h.name} />
              {(h.status.state === 'failed' || h.status.state === 'degraded') && (
                <button type="button" onClick={() => reconnect(h.id)} data-testid="host-reconnect" aria-label={t('reconnectHost', { name: h.name })}>
                  {t('reconnect')}
                </button>
              )}
              <button type="button" onClick={() => setOpen({ kind: 'edit', host: h })} data-testid="host-edit" aria-label={t('editHost', { name: h.name })}>
                {t('edit')}
              </button>
              <button type="button" onClick={() => setOpen({ kind: 'remove', host: h })} data-testid="host-remove" aria-label={t('removeHost', { name: h.name })}>
                {t('remove')}
              </button>
            </div>
          </div>
        );
      })}
      {actionError && (
        <p className="error-text" role="alert">
          {actionError}
        </p>
      )}
      <button type="button" className="hosts-pane__add" onClick={() => setOpen({ kind: 'add' })} data-testid="add-host">
        {t('add')}
      </button>
      {open?.kind === 'add' && <AddHostDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && <AddHostDialog host={open.host} onClose={() => setOpen(null)} />}
      {open?.kind === 'remove' && <RemoveHostDialog host={open.host} onClose={() => setOpen(null)} />}
      {hostMenu.menu}
    </aside>
  );
}

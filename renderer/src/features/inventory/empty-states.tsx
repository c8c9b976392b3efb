import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddHostDialog } from '../hosts';
import { defaultQuery, useInventoryStore } from '../../stores/inventory.store';
import type { EmptyKind } from './empty-kind';

export function InventoryEmpty({ empty, onNewVm }: { empty: EmptyKind; onNewVm(): void }) {
  const { t } = useTranslation(['inventory', 'common']);
  const setQuery = useInventoryStore((s) => s.setQuery);
  const [adding, setAdding] = useState(false);
  if (empty.kind === 'noHosts') {
    return (
      <div className="empty-state" data-testid="inventory-empty" data-empty="no-hosts">
        <h2>{t('emptyTitle')}</h2>
        <p className="muted">{t('emptyBody')}</p>
        <div className="empty-state__actions">
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="empty-add-host">
            {t('empty.addHost')}
          </button>
        </div>
        {adding && <AddHostDialog onClose={() => setAdding(false)} />}
      </div>
    );
  }
  if (empty.kind === 'noMatch') {
    const { search, states, tags } = defaultQuery();
    return (
      <div className="empty-state" data-testid="inventory-empty" data-empty="no-match">
        <h2>{t('empty.noMatchTitle')}</h2>
        <p className="muted">{t('empty.noMatchBody')}</p>
        <div className="empty-state__actions">
          {/* Keeps the host picked in the hosts pane: that is where the user is. */}
          <button type="button" className="primary" onClick={() => setQuery({ search, states, tags })} data-testid="empty-clear-filter">
            {t('empty.clearFilter')}
          </button>
        </div>
      </div>
    );
  }
  const host = empty.kind === 'hostEmpty';
  return (
    <div className="empty-state" data-testid="inventory-empty" data-empty={host ? 'host-empty' : 'no-vms'}>
      <h2>{host ? t('empty.hostTitle', { host: empty.hostName }) : t('empty.noVmsTitle')}</h2>
      <p className="muted">{host ? t('empty.hostBody') : t('empty.noVmsBody')}</p>
      <div className="empty-state__actions">
        <button type="button" className="primary" onClick={onNewVm} data-testid="empty-new-vm">
          {t('newVm')}
        </button>
      </div>
    </div>
  );
}

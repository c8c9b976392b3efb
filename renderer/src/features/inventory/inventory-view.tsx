import { useTranslation } from 'react-i18next';

/** Until the inventory feature lands: the empty state a first run shows, pointing at the lab host. */
export function InventoryView() {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="view-title-inventory" data-testid="inventory-view">
      <h1 id="view-title-inventory">{t('inventory.title')}</h1>
      <div className="empty-state" data-testid="inventory-empty">
        <h2>{t('inventory.emptyTitle')}</h2>
        <p className="muted">{t('inventory.emptyBody')}</p>
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { navItems, type ViewId } from './nav-items';

/** Placeholder for a navigation entry whose feature has not landed yet. */
export function PendingView({ view }: { view: ViewId }) {
  const { t } = useTranslation('shell');
  const item = navItems.find((i) => i.id === view)!;
  return (
    <section className="view" aria-labelledby={`view-title-${view}`}>
      <h1 id={`view-title-${view}`}>{t(item.labelKey)}</h1>
      <p className="muted">{t('pending.body', { view: t(item.labelKey) })}</p>
    </section>
  );
}

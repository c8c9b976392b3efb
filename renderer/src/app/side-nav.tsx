import { useTranslation } from 'react-i18next';
import { navItems } from './nav-items';
import { useNavigation } from '../ui/navigation';

export function SideNav() {
  const { t } = useTranslation('shell');
  const view = useNavigation((s) => s.view);
  const setView = useNavigation((s) => s.setView);
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul>
        {navItems.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === view ? 'side-nav__item side-nav__item--active' : 'side-nav__item'}
              aria-current={item.id === view ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
              onClick={() => setView(item.id)}
            >
              <span className="side-nav__glyph" aria-hidden="true">
                {item.glyph}
              </span>
              {t(item.labelKey)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

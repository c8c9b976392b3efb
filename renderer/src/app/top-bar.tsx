import { useTranslation } from 'react-i18next';
import { supportedLanguages, isLanguage } from '../i18n/language';
import { changeLanguage } from '../i18n/i18n';
import { useShellStore } from './shell.store';

export function TopBar() {
  const { t, i18n } = useTranslation();
  const info = useShellStore((s) => s.info);
  const mode = info ? t(`mode.${info.mode}`) : null;
  return (
    <header className="top-bar">
      <span className="top-bar__name">{t('app.name')}</span>
      {info && mode && (
        <span className={`badge badge--${info.mode}`} data-testid="mode-badge" title={t('mode.tooltip', { version: info.version, mode })}>
          {mode}
        </span>
      )}
      <span className="top-bar__spacer" />
      <select
        className="top-bar__language"
        aria-label={t('settings.language')}
        data-testid="language-switch"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void changeLanguage(e.target.value);
        }}
      >
        {supportedLanguages.map((lng) => (
          <option key={lng} value={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </header>
  );
}

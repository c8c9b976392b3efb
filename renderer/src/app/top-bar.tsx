import { useTranslation } from 'react-i18next';
import { supportedLanguages, isLanguage } from '../i18n/language';
import { changeLanguage } from '../i18n/i18n';
import { useTerminalDock } from '../features/terminal/terminal-dock.store';
import { useNavigation } from '../ui/navigation';
import { useAppInfo } from '../query/app';
import { toggleTerminalDock } from './terminal-dock';

export function TopBar() {
  const { t, i18n } = useTranslation(['shell', 'common', 'settings', 'terminal']);
  const { info } = useAppInfo();
  const mode = info ? t(`mode.${info.mode}`) : null;
  const dockOpen = useTerminalDock((s) => s.open);
  const terminalView = useNavigation((s) => s.view) === 'terminal';
  const terminalShown = dockOpen || terminalView;
  return (
    <header className="top-bar">
      <span className="top-bar__name">{t('app.name')}</span>
      {info && mode && (
        <span className={`badge badge--${info.mode}`} data-testid="mode-badge" title={t('mode.tooltip', { version: info.version, mode })}>
          {mode}
        </span>
      )}
      <span className="top-bar__spacer" />
      <button
        type="button"
        className={`top-bar__button${terminalShown ? ' top-bar__button--on' : ''}`}
        aria-pressed={terminalShown}
        title={t('terminal:shortcut')}
        onClick={toggleTerminalDock}
        data-testid="terminal-toggle"
      >
        ❯_ {t('terminal:title')}
      </button>
      <select
        className="top-bar__language"
        aria-label={t('settings:language')}
        data-testid="language-switch"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void changeLanguage(e.target.value);
        }}
      >
        {supportedLanguages.map((lng) => (
          <option key={lng} value={lng}>
            {t(`common:language.${lng}`)}
          </option>
        ))}
      </select>
    </header>
  );
}

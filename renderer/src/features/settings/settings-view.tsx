import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Themes, type AppSettings } from '../../../../shared/features/app/app-settings.schema';
import { changeLanguage } from '../../i18n/i18n';
import { isLanguage, supportedLanguages } from '../../i18n/language';
import { useAppInfo, useAppSettings, useSaveAppSettings } from '../../query/app';
import { LabReset } from './lab-reset';
import { NumberSettings } from './number-settings';
import './settings.css';
import { userMessage } from '../../ui/user-message';

export function SettingsView() {
  const { t, i18n } = useTranslation(['settings', 'common']);
  const { info } = useAppInfo();
  const { answer, error } = useAppSettings();
  const save = useSaveAppSettings();
  const [copied, setCopied] = useState(false);
  const set = (patch: Partial<AppSettings>) => save.mutate(patch);
  const settings = answer?.settings;
  return (
    <section className="view settings" aria-labelledby="view-title-settings" data-testid="settings-view">
      <h1 id="view-title-settings">{t('title')}</h1>
      {(error || save.error) && (
        <p className="error-text" role="alert" data-testid="settings-error">
          {error ?? (save.error ? userMessage(save.error) : '')}
        </p>
      )}
      <fieldset className="field">
        <legend>{t('language')}</legend>
        {supportedLanguages.map((lng) => (
          <label key={lng} className="field__option">
            <input
              type="radio"
              name="language"
              value={lng}
              checked={i18n.language === lng}
              data-testid={`settings-language-${lng}`}
              onChange={(e) => {
                if (isLanguage(e.target.value)) void changeLanguage(e.target.value);
              }}
            />
            {t(`common:language.${lng}`)}
          </label>
        ))}
        <p className="muted">{t('languageHelp')}</p>
      </fieldset>
      {settings && (
        <>
          <fieldset className="field">
            <legend>{t('theme.title')}</legend>
            {Themes.map((theme) => (
              <label key={theme} className="field__option">
                <input type="radio" name="theme" value={theme} checked={settings.theme === theme} data-testid={`settings-theme-${theme}`} onChange={() => set({ theme })} />
                {t(`theme.${theme}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="field">
            <legend>{t('numbers.title')}</legend>
            <NumberSettings settings={settings} saving={save.isPending} onSave={set} />
            {answer.inEffect.inventoryPollMs !== null && (
              <p className="muted" data-testid="settings-in-effect">
                {t('numbers.inEffect', { seconds: answer.inEffect.inventoryPollMs / 1000 })}
              </p>
            )}
          </fieldset>
          <fieldset className="field">
            <legend>{t('behaviour.title')}</legend>
            <label className="field__option">
              <input type="checkbox" checked={settings.confirmDestructive} data-testid="settings-confirm" onChange={(e) => set({ confirmDestructive: e.target.checked })} />
              {t('behaviour.confirm')}
            </label>
            <label className="field__option">
              <input type="checkbox" checked={settings.restoreConsoleTabs} data-testid="settings-restore-consoles" onChange={(e) => set({ restoreConsoleTabs: e.target.checked })} />
              {t('behaviour.restoreConsoles')}
            </label>
          </fieldset>
        </>
      )}
      {info && (
        <fieldset className="field">
          <legend>{t('data.title')}</legend>
          <div className="settings__row">
            <code data-testid="settings-data-dir">{info.dataDir}</code>
            <button
              type="button"
              data-testid="settings-copy-data-dir"
              onClick={() => void navigator.clipboard?.writeText(info.dataDir).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t('data.copied') : t('data.copy')}
            </button>
          </div>
          <p className="muted">{t('data.help')}</p>
        </fieldset>
      )}
      {answer?.labResetCommand && (
        <fieldset className="field">
          <legend>{t('lab.title')}</legend>
          <LabReset command={answer.labResetCommand} />
        </fieldset>
      )}
    </section>
  );
}

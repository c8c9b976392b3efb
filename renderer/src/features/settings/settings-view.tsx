import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n/i18n';
import { isLanguage, supportedLanguages } from '../../i18n/language';

export function SettingsView() {
  const { t, i18n } = useTranslation(['settings', 'common']);
  return (
    <section className="view" aria-labelledby="view-title-settings" data-testid="settings-view">
      <h1 id="view-title-settings">{t('title')}</h1>
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
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingLimits, type AppSettings } from '../../../../shared/features/app/app-settings.schema';

type NumberKey = keyof typeof settingLimits;
const keys: NumberKey[] = ['refreshSeconds', 'taskHistoryCount', 'taskHistoryDays'];

/** "2 to 600"-style check of one typed value; null when it is a whole number within the setting's bounds. */
export function numberProblem(key: NumberKey, text: string): { min: number; max: number } | null {
  const { min, max } = settingLimits[key];
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? null : { min, max };
}

/** The numeric settings as one small form: each value is refused next to its field until it is in range. */
export function NumberSettings({ settings, saving, onSave }: { settings: AppSettings; saving: boolean; onSave(patch: Partial<AppSettings>): void }) {
  const { t } = useTranslation('settings');
  const fromSettings = () => Object.fromEntries(keys.map((k) => [k, String(settings[k])])) as Record<NumberKey, string>;
  const [text, setText] = useState(fromSettings);
  // Another window (or a save) changed them: show main's values.
  useEffect(() => setText(fromSettings()), [settings.refreshSeconds, settings.taskHistoryCount, settings.taskHistoryDays]);
  const problems = Object.fromEntries(keys.map((k) => [k, numberProblem(k, text[k])])) as Record<NumberKey, { min: number; max: number } | null>;
  const changed = keys.some((k) => text[k].trim() !== String(settings[k]));
  const valid = keys.every((k) => problems[k] === null);
  const save = () => onSave(Object.fromEntries(keys.map((k) => [k, Number(text[k].trim())])) as Partial<AppSettings>);
  return (
    <form
      className="settings__numbers"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && changed && !saving) save();
      }}
    >
      {keys.map((k) => (
        <label key={k} className="settings__field">
          <span>{t(`numbers.${k}`)}</span>
          <input
            type="number"
            inputMode="numeric"
            min={settingLimits[k].min}
            max={settingLimits[k].max}
            value={text[k]}
            aria-invalid={problems[k] !== null}
            data-testid={`settings-${k}`}
            onChange={(e) => setText({ ...text, [k]: e.target.value })}
          />
          <span className="muted">{t(`numbers.${k}Unit`)}</span>
          {problems[k] && (
            <span className="error-text" role="alert" data-testid={`settings-${k}-error`}>
              {t('numbers.range', problems[k])}
            </span>
          )}
        </label>
      ))}
      <button type="submit" className="primary" disabled={!valid || !changed || saving} data-testid="settings-save-numbers">
        {t('save')}
      </button>
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { SettingsProblemKey } from '../../../../shared/features/inventory/vm-settings.validation';

/** The rules a field breaks, next to it (common:validation texts). */
export function Problems({ list }: { list: { key: SettingsProblemKey }[] }) {
  const { t } = useTranslation(['vmDetails', 'common', 'inventory']);
  return (
    <>
      {list.map((p) => (
        <p key={p.key} className="error-text" data-testid="settings-problem">
          {t(`common:validation.${p.key}`)}
        </p>
      ))}
    </>
  );
}

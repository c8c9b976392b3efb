import { useTranslation } from 'react-i18next';
import type { Range } from '../../../shared/features/inventory/host-limits';

/** "1 to 12 on this host", next to a field whose value is outside what the host allows. */
export function RangeError({ range, testId }: { range: Range | null; testId?: string }) {
  const { t, i18n } = useTranslation('common');
  if (!range) return null;
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <span className="error-text" role="alert" data-testid={testId}>
      {t('errors.outOfRange', { min: fmt.format(range.min), max: fmt.format(range.max) })}
    </span>
  );
}

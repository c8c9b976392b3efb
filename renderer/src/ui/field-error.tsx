import { useTranslation } from 'react-i18next';

/** A field's validation message; the schema's message is an i18n key (see useZodForm). */
export function FieldError({ message, testId }: { message: string | undefined; testId?: string }) {
  const { t } = useTranslation(['common', 'hosts']);
  if (!message) return null;
  return (
    <span className="error-text" role="alert" data-testid={testId}>
      {t(message as 'hosts:addressRequired')}
    </span>
  );
}

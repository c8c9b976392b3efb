import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './user-error';

/** An error in the user's language, with the technical detail (code, script, host record) one click away. */
export function ErrorText({ error, hostName, testId = 'error-text' }: { error: unknown; hostName?: (hostId: string) => string | undefined; testId?: string }) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  const { message, detail } = describeError(t, error, hostName);
  return (
    <div className="error-text" data-testid={testId}>
      <span data-testid={`${testId}-message`}>{message}</span>{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`${testId}-details`}>
        {t('errors.details')}
      </button>
      {open && <pre className="error-text__detail">{detail}</pre>}
    </div>
  );
}

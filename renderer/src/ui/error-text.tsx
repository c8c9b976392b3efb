import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './user-error';

/** An error in the user's language, with the technical detail (code, script, host record) one click away. */
/** `transcript`: the error as a record kept it (the ledger), quoted verbatim like a log line. */
export function ErrorText({ error, hostName, testId = 'error-text', transcript = false }: { error: unknown; hostName?: (hostId: string) => string | undefined; testId?: string; transcript?: boolean }) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  const described = describeError(t, error, hostName);
  const { message, detail } = described;
  const verbatim = transcript && !described.verbatim ? message : described.verbatim;
  // A host's own words stay as the host said them (an English Windows answers in English): marked so that
  // translation tools and the locale walk leave them alone, while our frame around them is translated.
  const at = verbatim ? message.indexOf(verbatim) : -1;
  const shown =
    at < 0 ? (
      message
    ) : (
      <>
        {message.slice(0, at)}
        <span translate="no" data-walk-skip="host-words">
          {verbatim}
        </span>
        {message.slice(at + verbatim!.length)}
      </>
    );
  return (
    <div className="error-text" data-testid={testId}>
      <span data-testid={`${testId}-message`}>{shown}</span>{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`${testId}-details`}>
        {t('errors.details')}
      </button>
      {open && <pre className="error-text__detail">{detail}</pre>}
    </div>
  );
}

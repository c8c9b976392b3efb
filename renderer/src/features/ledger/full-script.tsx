import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { userMessage } from '../../ui/user-message';
import './ledger.css';

/**
 * "Show full script": the script a ledger entry ran, as its call (`vm-action.ps1 -Action 'start' ...`) and its
 * text, fetched on demand. The cmdlet lines above it are the human form; this is exactly what ran.
 */
export function FullScript({ entryId }: { entryId: string }) {
  const { t } = useTranslation('ledger');
  const [open, setOpen] = useState(false);
  const [script, setScript] = useState<{ call: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    setOpen(!open);
    if (!open && !script) {
      api.invoke('ledger.script', { entryId }).then(
        (s) => setScript({ call: s.call, text: s.text }),
        (err: unknown) => setError(userMessage(err)),
      );
    }
  };
  return (
    <div className="full-script">
      <button type="button" className="link-button" aria-expanded={open} onClick={toggle} data-testid="show-full-script">
        {open ? t('hideFullScript') : t('showFullScript')}
      </button>
      {open && error && <p className="error-text">{error}</p>}
      {open && !error && !script && <p className="muted">{t('loadingScript')}</p>}
      {open && script && (
        <div data-testid="full-script">
          <pre className="full-script__call">{script.call}</pre>
          <pre className="full-script__text">{script.text}</pre>
        </div>
      )}
    </div>
  );
}

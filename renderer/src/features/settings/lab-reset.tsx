import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessage } from '../../ui/user-message';
import { useApi } from '../../query/api-context';
import { FormDialog } from '../../ui/dialog';

/** Settings → Lab: the command that resets the lab, and a button that runs it after a confirmation. */
export function LabReset({ command }: { command: string }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string[] | null>(null);
  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const { hosts } = await api.invoke('app.resetLab', {});
      setDone(hosts);
      setConfirming(false);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="muted">{t('lab.help')}</p>
      <code className="settings__command" data-testid="settings-lab-command">
        {command}
      </code>
      <div>
        <button type="button" className="danger" onClick={() => (setDone(null), setConfirming(true))} data-testid="settings-reset-lab">
          {t('lab.reset')}
        </button>
      </div>
      {done && (
        <p role="status" data-testid="settings-lab-done">
          {t('lab.done', { hosts: done.join(', ') })}
        </p>
      )}
      {confirming && (
        <FormDialog
          title={t('lab.confirmTitle')}
          testId="settings-reset-lab-dialog"
          testIdPrefix="settings-reset-lab"
          submitLabel={t('lab.reset')}
          danger
          busy={busy}
          error={error}
          onSubmit={() => void reset()}
          onClose={() => setConfirming(false)}
        >
          <p>{t('lab.confirmBody')}</p>
        </FormDialog>
      )}
    </>
  );
}

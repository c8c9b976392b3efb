import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { Dialog, DialogActions } from '../../ui/dialog';
import { userMessage } from '../../ui/user-message';

/** Remove a host from Hyperdesk (its VMs stay on the host); the confirmation names the host. */
export function RemoveHostDialog({ host, onClose }: { host: HostView; onClose(): void }) {
  const { t } = useTranslation('hosts');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.invoke('hosts.remove', { id: host.id });
      onClose();
    } catch (err) {
      setError(userMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('removeTitle')} onClose={onClose} testId="remove-host-dialog">
      <p data-testid="remove-host-body">{t('removeBody', { name: host.name })}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose}>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy} data-testid="remove-host-confirm">
          {t('removeConfirm')}
        </button>
      </DialogActions>
    </Dialog>
  );
}

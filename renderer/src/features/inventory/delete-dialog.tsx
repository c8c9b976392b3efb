import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { useInventoryStore } from '../../stores/inventory.store';
import { Dialog, DialogActions } from '../../ui/dialog';
import { readWithReconnect } from './read-retry';
import { useActionFlow } from './vm-action-flow';
import { isActive } from './vm-action-policy';
import { userMessage } from '../../ui/user-message';

type Plan = ChannelOutput<'vms.deletePlan'>['vms'];

/**
 * Delete VMs, with or without their files; the confirmation names every VM and every file that goes. Remove-VM
 * refuses a running VM, so when some run the dialog says so and offers "Turn off and delete" instead.
 */
export function DeleteDialog({ keys, onClose }: { keys: string[]; onClose(): void }) {
  const { t } = useTranslation('inventory');
  const targets = useInventoryStore((s) => s.targets)(keys);
  const act = useInventoryStore((s) => s.act);
  const rows = useInventoryStore((s) => s.rows);
  const runningIds = new Set(rows.filter((r) => keys.includes(`${r.hostId}/${r.id}`) && isActive(r.state)).map((r) => `${r.hostId}/${r.id}`));
  const running = targets.filter((v) => runningIds.has(`${v.hostId}/${v.vmId}`));
  const [withFiles, setWithFiles] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!withFiles || plan) return;
    const ctl = new AbortController();
    readWithReconnect('vms.deletePlan', { targets }, ctl.signal).then(
      (r) => setPlan(r.vms),
      (err: unknown) => {
        if (!ctl.signal.aborted) setError(userMessage(err));
      },
    );
    return () => ctl.abort();
  }, [withFiles, plan]);

  const confirm = async () => {
    setBusy(true);
    try {
      if (running.length > 0) await useActionFlow.getState().turnOffAndDelete(keys, withFiles);
      else await act('delete', keys, withFiles);
      onClose();
    } catch (err) {
      setError(userMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('delete.title', { count: targets.length })} onClose={onClose} testId="delete-dialog" wide>
      <p>{t('delete.body', { count: targets.length })}</p>
      <ul className="delete-list" data-testid="delete-vms">
        {targets.map((v) => (
          <li key={`${v.hostId}/${v.vmId}`}>
            <strong>{v.vmName}</strong>
            {runningIds.has(`${v.hostId}/${v.vmId}`) && <span className="state state--running delete-list__badge">{t('deleteRunning.badge')}</span>}
          </li>
        ))}
      </ul>
      {running.length > 0 && (
        <p className="banner banner--warn" role="alert" data-testid="delete-running">
          {t('deleteRunning.warning', { names: running.map((v) => v.vmName).join(', ') })}
        </p>
      )}
      <label className="form-grid__check">
        <input type="checkbox" checked={withFiles} onChange={(e) => setWithFiles(e.target.checked)} data-testid="delete-with-files" />
        {t('delete.withFiles')}
      </label>
      {withFiles && !plan && !error && <p className="muted">{t('delete.loadingFiles')}</p>}
      {withFiles && plan && (
        <div data-testid="delete-files">
          <p>{t('delete.filesHeading')}</p>
          <ul className="delete-list delete-list--files">
            {plan.flatMap((v) => v.files.map((f) => <li key={`${v.vmId}:${f}`}><code>{f}</code></li>))}
            {plan.every((v) => v.files.length === 0) && <li className="muted">{t('delete.noFiles')}</li>}
          </ul>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose}>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy || (withFiles && !plan)} data-testid="delete-confirm">
          {running.length > 0 ? t('deleteRunning.confirm') : withFiles ? t('delete.confirmWithFiles') : t('delete.confirm')}
        </button>
      </DialogActions>
    </Dialog>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { api, ApiError } from '../../api/client';
import { FormDialog } from '../../ui/dialog';
import { useCheckpointsStore, type VmSelection } from './checkpoints.store';
import { userMessage } from '../../ui/user-message';

export function defaultCheckpointName(vmName: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${vmName} - ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/**
 * New checkpoint. A domain controller is steered to production (the default, with the reason shown); a
 * standard checkpoint of a DC needs a written reason, and main checks that again on its side.
 */
export function CreateCheckpointDialog({ vm, isDc, roleUnknown = false, onClose }: { vm: VmSelection; isDc: boolean; roleUnknown?: boolean; onClose(): void }) {
  const { t } = useTranslation('checkpoints');
  const [name, setName] = useState(() => defaultCheckpointName(vm.vmName));
  const [kind, setKind] = useState<CheckpointKind>(isDc ? 'production' : 'standard');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsReason = isDc && kind === 'standard';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { taskId } = await api.invoke('checkpoints.create', {
        hostId: vm.hostId,
        vmId: vm.vmId,
        vmName: vm.vmName,
        name: name.trim(),
        kind,
        ...(needsReason && reason.trim() ? { override: { reason: reason.trim() } } : {}),
      });
      useCheckpointsStore.getState().track(taskId);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'CONFLICT' && isDc ? t('create.dcRefused') : userMessage(err));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('create.title', { vm: vm.vmName })}
      testId="cp-create-dialog"
      submitLabel={t('create.submit')}
      submitDisabled={!name.trim()}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <label className="cp-field">
        {t('create.name')}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="cp-create-name" />
      </label>
      {isDc && (
        <p className="cp-note cp-note--warn" data-testid="cp-create-dc-note">
          {roleUnknown ? t('create.unknownSteer') : t('create.dcSteer')}
        </p>
      )}
      <fieldset className="cp-field">
        <legend>{t('create.kind')}</legend>
        {(['production', 'standard'] as const).map((k) => (
          <label key={k} className="cp-option">
            <input type="radio" name="cp-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`cp-create-kind-${k}`} />
            <span>
              <strong>{t(`kind.${k}`)}</strong> — {t(`create.kindHelp.${k}`)}
            </span>
          </label>
        ))}
      </fieldset>
      {needsReason && (
        <label className="cp-field">
          {t('create.overrideReason')}
          <textarea value={reason} maxLength={500} rows={3} onChange={(e) => setReason(e.target.value)} data-testid="cp-create-reason" />
          <span className="muted">{t('create.overrideHelp')}</span>
        </label>
      )}
    </FormDialog>
  );
}

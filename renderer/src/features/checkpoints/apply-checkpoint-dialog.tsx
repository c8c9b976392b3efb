import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplyAcknowledgement, ApplyPreview } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { api } from '../../api/client';
import { FormDialog } from '../../ui/dialog';
import { useCheckpointsStore, type VmSelection } from './checkpoints.store';
import { translateRuntimeKey } from '../../i18n/keys';
import { userMessage } from '../../ui/user-message';

interface Props {
  vm: VmSelection;
  checkpointId: string;
  /** Revert = apply the checkpoint directly above Now (main finds it again from the host). */
  revert: boolean;
  onClose(): void;
}

/**
 * Apply (or revert). Shows what applying does, offers a checkpoint of the current state first, and for a
 * domain controller or a member of a tagged multi-VM group asks the user to read and accept the warning;
 * main refuses the call without those acknowledgements.
 */
export function ApplyCheckpointDialog({ vm, checkpointId, revert, onClose }: Props) {
  const { t } = useTranslation('checkpoints');
  const [preview, setPreview] = useState<ApplyPreview | null>(null);
  const [first, setFirst] = useState(true);
  const [firstName, setFirstName] = useState(() => t('apply.firstNameDefault', { time: new Date().toLocaleString() }));
  const [acks, setAcks] = useState<ApplyAcknowledgement[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    api.invoke('checkpoints.previewApply', { hostId: vm.hostId, vmId: vm.vmId, checkpointId }, { signal: ac.signal }).then(setPreview, (err: Error) => {
      if (!ac.signal.aborted) setError(userMessage(err));
    });
    return () => ac.abort();
  }, [vm.hostId, vm.vmId, checkpointId]);

  const toggleAck = (a: ApplyAcknowledgement, on: boolean) => setAcks((cur) => (on ? [...cur.filter((x) => x !== a), a] : cur.filter((x) => x !== a)));
  const missing = preview ? preview.required.filter((r) => !acks.includes(r)) : [];

  const submit = async () => {
    setBusy(true);
    setError(null);
    const common = { hostId: vm.hostId, vmId: vm.vmId, vmName: vm.vmName, acknowledged: acks, ...(first && firstName.trim() ? { checkpointFirstName: firstName.trim() } : {}) };
    try {
      const { taskId } = revert
        ? await api.invoke('checkpoints.revert', common)
        : await api.invoke('checkpoints.apply', { ...common, checkpointId });
      useCheckpointsStore.getState().track(taskId);
      onClose();
    } catch (err) {
      setError(userMessage(err));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t(revert ? 'apply.revertTitle' : 'apply.title', { name: preview?.checkpointName ?? '…' })}
      testId="cp-apply-dialog"
      submitLabel={t(revert ? 'actions.revert' : 'actions.apply')}
      submitDisabled={!preview || missing.length > 0 || (first && !firstName.trim())}
      busy={busy}
      error={error}
      danger
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {preview && (
        <>
          <p data-testid="cp-apply-effect">{t('apply.effect', { name: preview.checkpointName, state: translateRuntimeKey(t, `checkpoints:vmState.${preview.resultingState}`) })}</p>
          <label className="cp-option">
            <input type="checkbox" checked={first} onChange={(e) => setFirst(e.target.checked)} data-testid="cp-apply-first" />
            <span>{t('apply.checkpointFirst')}</span>
          </label>
          {first && (
            <label className="cp-field">
              {t('apply.firstName')}
              <input value={firstName} maxLength={100} onChange={(e) => setFirstName(e.target.value)} data-testid="cp-apply-first-name" />
            </label>
          )}
          {!first && <p className="cp-note cp-note--warn">{t('apply.discardWarning')}</p>}
          {preview.domainController && (
            <div className="cp-note cp-note--danger" data-testid="cp-apply-dc-warning">
              <h3 data-testid="cp-apply-dc-title">{t(preview.roleSource === 'unknown' ? 'dc.titleUnknown' : 'dc.title')}</h3>
              <p>{t('dc.genId')}</p>
              <p>{t('dc.usn')}</p>
              <p>{t('dc.event2170')}</p>
              <p>{t('dc.advice')}</p>
              <label className="cp-option">
                <input type="checkbox" checked={acks.includes('domain-controller')} onChange={(e) => toggleAck('domain-controller', e.target.checked)} data-testid="cp-apply-ack-dc" />
                <span>{t('dc.ack')}</span>
              </label>
            </div>
          )}
          {preview.multiVmGroups.length > 0 && (
            <div className="cp-note cp-note--warn" data-testid="cp-apply-group-warning">
              {preview.multiVmGroups.map((g) => (
                <p key={g.tag}>{t('apply.groupWarning', { tag: g.tag, others: g.otherVms.join(', ') })}</p>
              ))}
              <label className="cp-option">
                <input type="checkbox" checked={acks.includes('multi-vm-group')} onChange={(e) => toggleAck('multi-vm-group', e.target.checked)} data-testid="cp-apply-ack-group" />
                <span>{t('apply.groupAck')}</span>
              </label>
            </div>
          )}
        </>
      )}
    </FormDialog>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { api } from '../../api/client';
import { FormDialog } from '../../ui/dialog';
import { useCheckpointsStore } from './checkpoints.store';

/** Checkpoint groups: one label over checkpoints of several VMs, applied or deleted together. */
export function CheckpointGroupsPanel() {
  const { t, i18n } = useTranslation('checkpoints');
  const groups = useCheckpointsStore((s) => s.groups);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmApply, setConfirmApply] = useState<string | null>(null);

  const act = async (start: () => Promise<{ taskId: string }>) => {
    setError(null);
    try {
      useCheckpointsStore.getState().track((await start()).taskId);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="cp-panel" data-testid="cp-groups">
      <h3>{t('groups.title')}</h3>
      <button type="button" onClick={() => setCreating(true)} data-testid="cp-group-new">
        {t('groups.new')}
      </button>
      {error && <p className="cp-dialog__error" role="alert">{error}</p>}
      {groups.length === 0 && <p className="muted">{t('groups.empty')}</p>}
      <ul className="cp-groups">
        {groups.map((g) => (
          <li key={g.id} data-testid="cp-group" data-label={g.label}>
            <strong>{g.label}</strong> · {t(`kind.${g.kind}`)} · {new Date(g.createdAt).toLocaleString(i18n.language)}
            <ul>
              {g.members.map((m) => (
                <li key={`${m.hostId}/${m.vmId}`}>
                  {m.vmName}: {m.checkpointId ? m.checkpointName : <span className="cp-bad">{m.error ?? t('groups.pending')}</span>}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => setConfirmApply(g.id)} data-testid="cp-group-apply">
              {t('actions.apply')}
            </button>
            <button type="button" onClick={() => void act(() => api.invoke('checkpoints.groups.remove', { groupId: g.id }))} data-testid="cp-group-delete">
              {t('actions.delete')}
            </button>
          </li>
        ))}
      </ul>
      {creating && <CreateGroupDialog onClose={() => setCreating(false)} />}
      {confirmApply && (
        <ApplyGroupDialog
          groupId={confirmApply}
          onClose={() => setConfirmApply(null)}
          onApply={(acks) => act(() => api.invoke('checkpoints.groups.apply', { groupId: confirmApply, acknowledged: acks }))}
        />
      )}
    </section>
  );
}

function ApplyGroupDialog({ groupId, onClose, onApply }: { groupId: string; onClose(): void; onApply(acks: ('domain-controller')[]): Promise<void> }) {
  const { t } = useTranslation('checkpoints');
  const group = useCheckpointsStore((s) => s.groups.find((g) => g.id === groupId));
  const [ack, setAck] = useState(false);
  if (!group) return null;
  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('groups.applyTitle', { label: group.label })}
      testId="cp-group-apply-dialog"
      submitLabel={t('actions.apply')}
      danger
      onSubmit={() => void onApply(ack ? ['domain-controller'] : []).then(onClose)}
      onClose={onClose}
    >
      <p>{t('groups.applyBody', { count: group.members.filter((m) => m.checkpointId).length })}</p>
      <label className="cp-option">
        <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="cp-group-ack-dc" />
        <span>{t('groups.dcAck')}</span>
      </label>
    </FormDialog>
  );
}

function CreateGroupDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('checkpoints');
  const hostId = useCheckpointsStore((s) => s.hostId);
  const vms = useCheckpointsStore((s) => s.vms);
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<CheckpointKind>('production');
  const [picked, setPicked] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!hostId) return;
    setBusy(true);
    setError(null);
    try {
      const members = vms.filter((v) => picked.includes(v.id)).map((v) => ({ hostId, vmId: v.id, vmName: v.name }));
      const { taskId } = await api.invoke('checkpoints.groups.create', {
        label: label.trim(),
        kind,
        members,
        ...(kind === 'standard' && reason.trim() ? { override: { reason: reason.trim() } } : {}),
      });
      useCheckpointsStore.getState().track(taskId);
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('groups.newTitle')}
      testId="cp-group-dialog"
      submitLabel={t('create.submit')}
      submitDisabled={!label.trim() || picked.length === 0}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <label className="cp-field">
        {t('groups.label')}
        <input value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} data-testid="cp-group-label" />
      </label>
      <fieldset className="cp-field">
        <legend>{t('create.kind')}</legend>
        {(['production', 'standard'] as const).map((k) => (
          <label key={k} className="cp-option">
            <input type="radio" name="cp-group-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`cp-group-kind-${k}`} />
            <span>{t(`kind.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="cp-field cp-vm-list">
        <legend>{t('groups.members')}</legend>
        {vms.map((v) => (
          <label key={v.id} className="cp-option">
            <input
              type="checkbox"
              checked={picked.includes(v.id)}
              onChange={(e) => setPicked((cur) => (e.target.checked ? [...cur, v.id] : cur.filter((x) => x !== v.id)))}
              data-testid="cp-group-member"
              data-name={v.name}
            />
            <span>{v.name}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'standard' && (
        <label className="cp-field">
          {t('groups.overrideReason')}
          <textarea value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
    </FormDialog>
  );
}

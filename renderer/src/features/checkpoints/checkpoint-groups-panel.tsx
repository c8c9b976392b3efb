import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointGroup, CheckpointKind, CheckpointVm } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { api } from '../../api/client';
import { userMessage } from '../../ui/user-message';
import { useHosts } from '../../query/hosts';
import { FormDialog } from '../../ui/dialog';
import { HostSelect } from '../../ui/host-select';
import { useCheckpointGroups } from './checkpoint-groups.query';
import { useCheckpointsStore } from './checkpoints.store';

type Member = CheckpointGroup['members'][number];
const memberKey = (m: { hostId: string; vmId: string }) => `${m.hostId}/${m.vmId.toLowerCase()}`;
/** A member whose checkpoint was not taken and that has an error: the part a retry or roll back is for. */
const failedMembers = (g: CheckpointGroup): Member[] => g.members.filter((m) => !m.checkpointId && m.error);

/**
 * Checkpoint groups: one label over checkpoints of several VMs, on one host or several, applied or deleted
 * together. A partly taken group lists which VMs are done and which failed, and offers "Retry failed" or
 * "Roll back" (delete the checkpoints that were made).
 */
export function CheckpointGroupsPanel() {
  const { t, i18n } = useTranslation('checkpoints');
  const { groups, error: readError } = useCheckpointGroups();
  const { hosts } = useHosts();
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmApply, setConfirmApply] = useState<string | null>(null);
  const [confirmRollback, setConfirmRollback] = useState<string | null>(null);

  const act = async (start: () => Promise<{ taskId: string }>) => {
    setError(null);
    try {
      useCheckpointsStore.getState().track((await start()).taskId);
    } catch (err) {
      setError(userMessage(err));
    }
  };
  const byId = (id: string | null) => groups.find((g) => g.id === id);

  return (
    <section className="cp-panel" data-testid="cp-groups">
      <h3>{t('groups.title')}</h3>
      <button type="button" onClick={() => setCreating(true)} data-testid="cp-group-new">
        {t('groups.new')}
      </button>
      {(error ?? readError) && <p className="cp-dialog__error" role="alert">{error ?? readError}</p>}
      {groups.length === 0 && <p className="muted">{t('groups.empty')}</p>}
      <ul className="cp-groups">
        {groups.map((g) => {
          const failed = failedMembers(g);
          return (
            <li key={g.id} data-testid="cp-group" data-label={g.label} data-failed={failed.length}>
              <strong>{g.label}</strong> · {t(`kind.${g.kind}`)} · {new Date(g.createdAt).toLocaleString(i18n.language)}
              <ul>
                {g.members.map((m) => (
                  <li key={memberKey(m)} data-testid="cp-group-member-result" data-status={m.checkpointId ? 'done' : m.error ? 'failed' : 'pending'}>
                    {m.vmName} ({hostName(m.hostId)}): {m.checkpointId ? m.checkpointName : <span className="cp-bad">{m.error ?? t('groups.pending')}</span>}
                  </li>
                ))}
              </ul>
              {failed.length > 0 && (
                <p className="cp-note cp-note--warn" data-testid="cp-group-partial">
                  {t('groups.partial', { count: failed.length })}
                </p>
              )}
              {failed.length > 0 && (
                <button type="button" onClick={() => void act(() => api.invoke('checkpoints.groups.retry', { groupId: g.id }))} data-testid="cp-group-retry">
                  {t('groups.retry')}
                </button>
              )}
              {failed.length > 0 && (
                <button type="button" onClick={() => setConfirmRollback(g.id)} data-testid="cp-group-rollback">
                  {t('groups.rollback')}
                </button>
              )}
              <button type="button" onClick={() => setConfirmApply(g.id)} data-testid="cp-group-apply">
                {t('actions.apply')}
              </button>
              <button type="button" onClick={() => void act(() => api.invoke('checkpoints.groups.remove', { groupId: g.id }))} data-testid="cp-group-delete">
                {t('actions.delete')}
              </button>
            </li>
          );
        })}
      </ul>
      {creating && <CreateGroupDialog onClose={() => setCreating(false)} />}
      {byId(confirmApply) && (
        <ApplyGroupDialog
          group={byId(confirmApply)!}
          onClose={() => setConfirmApply(null)}
          onApply={(acks) => act(() => api.invoke('checkpoints.groups.apply', { groupId: confirmApply!, acknowledged: acks }))}
        />
      )}
      {byId(confirmRollback) && (
        <RollbackGroupDialog
          group={byId(confirmRollback)!}
          onClose={() => setConfirmRollback(null)}
          onRollback={() => act(() => api.invoke('checkpoints.groups.rollback', { groupId: confirmRollback! }))}
        />
      )}
    </section>
  );
}

function ApplyGroupDialog({ group, onClose, onApply }: { group: CheckpointGroup; onClose(): void; onApply(acks: 'domain-controller'[]): Promise<void> }) {
  const { t } = useTranslation('checkpoints');
  const [ack, setAck] = useState(false);
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

function RollbackGroupDialog({ group, onClose, onRollback }: { group: CheckpointGroup; onClose(): void; onRollback(): Promise<void> }) {
  const { t } = useTranslation('checkpoints');
  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('groups.rollbackTitle', { label: group.label })}
      testId="cp-group-rollback-dialog"
      submitLabel={t('groups.rollback')}
      danger
      onSubmit={() => void onRollback().then(onClose)}
      onClose={onClose}
    >
      <p>{t('groups.rollbackBody', { count: group.members.filter((m) => m.checkpointId).length })}</p>
    </FormDialog>
  );
}

type Picked = Map<string, { hostId: string; vmId: string; vmName: string }>;

/** Members may come from several hosts: pick a host, tick its VMs, switch host, tick more. */
function CreateGroupDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('checkpoints');
  const { hosts } = useHosts();
  const [hostId, setHostId] = useState(() => useCheckpointsStore.getState().hostId ?? '');
  const [vms, setVms] = useState<CheckpointVm[]>([]);
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<CheckpointKind>('production');
  const [picked, setPicked] = useState<Picked>(new Map());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!hostId) return;
    let live = true;
    setVms([]);
    api.invoke('checkpoints.vms', { hostId }).then(
      (list) => live && setVms(list),
      (err: unknown) => live && setError(userMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [hostId]);

  const toggle = (v: CheckpointVm, on: boolean) =>
    setPicked((cur) => {
      const next = new Map(cur);
      const key = memberKey({ hostId, vmId: v.id });
      if (on) next.set(key, { hostId, vmId: v.id, vmName: v.name });
      else next.delete(key);
      return next;
    });

  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { taskId } = await api.invoke('checkpoints.groups.create', {
        label: label.trim(),
        kind,
        members: [...picked.values()],
        ...(kind === 'standard' && reason.trim() ? { override: { reason: reason.trim() } } : {}),
      });
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
      title={t('groups.newTitle')}
      testId="cp-group-dialog"
      submitLabel={t('create.submit')}
      submitDisabled={!label.trim() || picked.size === 0}
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
      <HostSelect label={t('host')} hosts={hosts} value={hostId} onChange={setHostId} testId="cp-group-host" />
      <fieldset className="cp-field cp-vm-list">
        <legend>{t('groups.members')}</legend>
        {vms.map((v) => (
          <label key={v.id} className="cp-option">
            <input
              type="checkbox"
              checked={picked.has(memberKey({ hostId, vmId: v.id }))}
              onChange={(e) => toggle(v, e.target.checked)}
              data-testid="cp-group-member"
              data-name={v.name}
            />
            <span>{v.name}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted" data-testid="cp-group-picked">
        {t('groups.picked', { count: picked.size })}
        {picked.size > 0 ? `: ${[...picked.values()].map((m) => `${m.vmName} (${hostName(m.hostId)})`).join(', ')}` : ''}
      </p>
      {kind === 'standard' && (
        <label className="cp-field">
          {t('groups.overrideReason')}
          <textarea value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
    </FormDialog>
  );
}

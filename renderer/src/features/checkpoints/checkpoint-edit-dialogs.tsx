import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointInfo } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { api } from '../../api/client';
import { FormDialog } from '../../ui/dialog';
import { useCheckpointsStore, type VmSelection } from './checkpoints.store';
import { userMessage } from '../../ui/user-message';

interface Props {
  vm: VmSelection;
  checkpoint: CheckpointInfo;
  onClose(): void;
}

/** Runs one action, follows its task, closes on start; shows main's error in place otherwise. */
function useAction(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (start: () => Promise<{ taskId: string }>) => {
    setBusy(true);
    setError(null);
    try {
      useCheckpointsStore.getState().track((await start()).taskId);
      onClose();
    } catch (err) {
      setError(userMessage(err));
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function RenameCheckpointDialog({ vm, checkpoint, onClose }: Props) {
  const { t } = useTranslation('checkpoints');
  const [name, setName] = useState(checkpoint.name);
  const a = useAction(onClose);
  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('rename.title', { name: checkpoint.name })}
      testId="cp-rename-dialog"
      submitLabel={t('actions.rename')}
      submitDisabled={!name.trim() || name.trim() === checkpoint.name}
      busy={a.busy}
      error={a.error}
      onSubmit={() => void a.run(() => api.invoke('checkpoints.rename', { hostId: vm.hostId, vmId: vm.vmId, vmName: vm.vmName, checkpointId: checkpoint.id, newName: name.trim() }))}
      onClose={onClose}
    >
      <label className="cp-field">
        {t('rename.newName')}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="cp-rename-name" />
      </label>
    </FormDialog>
  );
}

export function RemoveCheckpointDialog({ vm, checkpoint, subtreeCount, subtree: initialSubtree = false, onClose }: Props & { subtreeCount: number; subtree?: boolean }) {
  const { t } = useTranslation('checkpoints');
  const [subtree, setSubtree] = useState(initialSubtree && subtreeCount > 1);
  const a = useAction(onClose);
  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('remove.title', { name: checkpoint.name })}
      testId="cp-remove-dialog"
      submitLabel={t('actions.delete')}
      busy={a.busy}
      error={a.error}
      danger
      onSubmit={() => void a.run(() => api.invoke('checkpoints.remove', { hostId: vm.hostId, vmId: vm.vmId, vmName: vm.vmName, checkpointId: checkpoint.id, includeChildren: subtree }))}
      onClose={onClose}
    >
      <label className="cp-option">
        <input type="radio" name="cp-remove" checked={!subtree} onChange={() => setSubtree(false)} data-testid="cp-remove-one" />
        <span>{t('remove.one')}</span>
      </label>
      <label className="cp-option">
        <input type="radio" name="cp-remove" checked={subtree} disabled={subtreeCount <= 1} onChange={() => setSubtree(true)} data-testid="cp-remove-subtree" />
        <span>{t('remove.subtree', { count: subtreeCount })}</span>
      </label>
      <p className="muted">{t('remove.mergeNote')}</p>
    </FormDialog>
  );
}

export function ExportCheckpointDialog({ vm, checkpoint, onClose }: Props) {
  const { t } = useTranslation('checkpoints');
  const [path, setPath] = useState('');
  const a = useAction(onClose);
  return (
    <FormDialog
      testIdPrefix="cp-dialog"
      title={t('export.title', { name: checkpoint.name })}
      testId="cp-export-dialog"
      submitLabel={t('actions.export')}
      submitDisabled={!path.trim()}
      busy={a.busy}
      error={a.error}
      onSubmit={() => void a.run(() => api.invoke('checkpoints.export', { hostId: vm.hostId, vmId: vm.vmId, vmName: vm.vmName, checkpointId: checkpoint.id, path: path.trim() }))}
      onClose={onClose}
    >
      <label className="cp-field">
        {t('export.path')}
        <input value={path} maxLength={260} placeholder="D:\Exports" onChange={(e) => setPath(e.target.value)} data-testid="cp-export-path" />
        <span className="muted">{t('export.help')}</span>
      </label>
    </FormDialog>
  );
}

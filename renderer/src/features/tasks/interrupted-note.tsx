import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskLeftover, TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useApi } from '../../query/api-context';
import { useHosts } from '../../query/hosts';
import { Dialog, DialogActions } from '../../ui/dialog';
import { userMessage } from '../../ui/user-message';

/**
 * Under a task the last shutdown cut short (status 'interrupted', found in main's task journal): what it
 * set out to create, so the user can look for a half-made VM or disk on that host. A VM whose Id the task
 * had learned can be removed from here (with the disk the task was creating, never a disk it only attached).
 */
export function InterruptedNote({ task }: { task: TaskRecord }) {
  const { t } = useTranslation('common');
  const { hosts } = useHosts();
  const [removing, setRemoving] = useState<TaskLeftover | null>(null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const creates = task.creates ?? [];
  const madeDisk = creates.some((c) => c.kind === 'disk');
  return (
    <div className="error-text" role="note" data-testid="task-interrupted">
      <p>{t('taskInterrupted.note')}</p>
      {creates.length === 0 ? (
        <p>{t('taskInterrupted.nothing')}</p>
      ) : (
        <ul className="task__items" data-testid="task-leftovers">
          {creates.map((c, i) => (
            <li key={i} data-leftover-kind={c.kind} data-vm-id={c.vmId}>
              {c.kind === 'vm'
                ? t('taskInterrupted.vm', { name: c.name ?? c.vmId ?? '?', host: hostName(c.hostId) })
                : t(c.kind === 'disk' ? 'taskInterrupted.disk' : 'taskInterrupted.file', { path: c.path ?? '?', host: hostName(c.hostId) })}{' '}
              {c.kind === 'vm' && c.vmId && (
                <button type="button" className="link-button" onClick={() => setRemoving(c)} data-testid="task-remove-leftover">
                  {t('taskInterrupted.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && <RemoveLeftoverDialog leftover={removing} host={hostName(removing.hostId)} deleteFiles={madeDisk} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function RemoveLeftoverDialog({ leftover, host, deleteFiles, onClose }: { leftover: TaskLeftover; host: string; deleteFiles: boolean; onClose(): void }) {
  const { t } = useTranslation('common');
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const name = leftover.name ?? leftover.vmId ?? '?';
  const remove = async () => {
    try {
      // By Id (never by name): the delete goes through the inventory's own task, confirmed and ledgered like any other.
      await api.invoke('inventory.action', { action: 'delete', targets: [{ hostId: leftover.hostId, vmId: leftover.vmId!, vmName: name }], deleteFiles });
      onClose();
    } catch (err) {
      setError(userMessage(err));
    }
  };
  return (
    <Dialog title={t('taskInterrupted.removeTitle', { name })} onClose={onClose} testId="task-remove-leftover-dialog">
      <p>{t(deleteFiles ? 'taskInterrupted.removeBodyWithDisk' : 'taskInterrupted.removeBody', { name, host })}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose}>
        <button type="button" className="danger" onClick={() => void remove()} data-testid="task-remove-leftover-confirm">
          {t('taskInterrupted.removeConfirm', { name })}
        </button>
      </DialogActions>
    </Dialog>
  );
}

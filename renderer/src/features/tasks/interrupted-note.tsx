import { useTranslation } from 'react-i18next';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useHosts } from '../../query/hosts';

/**
 * Under a task the last shutdown cut short (status 'interrupted', found in main's task journal): what it
 * set out to create, so the user can look for a half-made VM or disk on that host.
 */
export function InterruptedNote({ task }: { task: TaskRecord }) {
  const { t } = useTranslation('common');
  const { hosts } = useHosts();
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const creates = task.creates ?? [];
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
                : t(c.kind === 'disk' ? 'taskInterrupted.disk' : 'taskInterrupted.file', { path: c.path ?? '?', host: hostName(c.hostId) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useTasksStore } from '../../stores/tasks.store';
import { formatDateTime, formatMs, useInventoryStore } from '../inventory';
import { useHosts } from '../../query/hosts';
import { ErrorText } from '../../ui/error-text';
import { PowerShellView } from './powershell-view';
import { translateRuntimeKey } from '../../i18n/keys';
import { InterruptedNote } from './interrupted-note';

const running = (s: TaskRecord['status']) => s === 'queued' || s === 'running';

/** Host names by id, for "HV-LAB02 says: ..." (an unknown id stays as it is). */
function useHostName(): (hostId: string) => string | undefined {
  const { hosts } = useHosts();
  return (hostId) => hosts.find((h) => h.id === hostId)?.name;
}

/** A bulk item's target ('hostId/vmId') by the VM's name, as the grid knows it; the Id only when no host lists it. */
function useVmName(): (target: string) => string {
  const rows = useInventoryStore((s) => s.rows);
  return (target) => {
    const [hostId, vmId] = target.split('/');
    return rows.find((r) => r.hostId === hostId && r.id.toLowerCase() === (vmId ?? '').toLowerCase())?.name ?? vmId ?? target;
  };
}

function TaskRow({ task }: { task: TaskRecord }) {
  const { t, i18n } = useTranslation(['tasks', 'common']);
  const cancel = useTasksStore((s) => s.cancel);
  const focused = useTasksStore((s) => s.focusTaskId === task.id);
  const [open, setOpen] = useState(focused);
  const ref = useRef<HTMLLIElement>(null);
  const hostName = useHostName();
  const vmName = useVmName();
  useEffect(() => {
    // A toast's link opened this task: show it with its PowerShell.
    if (!focused) return;
    setOpen(true);
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  const hostIds = [...new Set([...(task.hostId ? [task.hostId] : []), ...task.items.map((i) => i.target.split('/')[0]!)])];
  const failedItems = task.items.filter((i) => i.status !== 'succeeded');
  return (
    <li ref={ref} className={`task task--${task.status}${focused ? ' task--focused' : ''}`} data-testid="task-row" data-task-id={task.id} data-task-status={task.status} data-task-kind={task.kind}>
      <div className="task__line">
        <span className={`task__status task__status--${task.status}`}>{t(`common:taskStatus.${task.status}`)}</span>
        <span className="task__title">{translateRuntimeKey(t, task.titleKey, { ...task.titleValues, defaultValue: task.kind })}</span>
        {running(task.status) && task.percent !== undefined && (
          <progress max={100} value={task.percent} aria-label={t('progress')}>
            {task.percent}
          </progress>
        )}
        {task.statusText && running(task.status) && <span className="muted">{task.statusText}</span>}
        <span className="muted">{formatDateTime(task.startedAt, i18n.language)}</span>
        <span className="muted">{formatMs(task.durationMs, i18n.language)}</span>
        {task.items.length > 1 && (
          <span className="muted">{t('itemsSummary', { ok: task.items.length - failedItems.length, total: task.items.length })}</span>
        )}
        {running(task.status) && task.cancellable && (
          <button type="button" onClick={() => void cancel(task.id)} data-testid="task-cancel">
            {t('common:common.cancel')}
          </button>
        )}
        <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="task-view-ps">
          {t('viewPs')}
        </button>
      </div>
      {task.error && <ErrorText error={task.error} hostName={hostName} testId="task-error" />}
      {task.status === 'interrupted' && <InterruptedNote task={task} />}
      {failedItems.length > 0 && task.items.length > 1 && (
        <ul className="task__items">
          {failedItems.map((i) => (
            <li key={i.target}>
              <strong>{vmName(i.target)}</strong>: {t(`common:taskStatus.${i.status}`)} {i.error && <ErrorText error={i.error} hostName={hostName} testId="task-item-error" />}
            </li>
          ))}
        </ul>
      )}
      {open && <PowerShellView ledgerIds={task.ledgerIds} hostIds={hostIds} />}
    </li>
  );
}

/** Tasks, newest first; with vmId only those that touched that VM (bulk tasks included). */
export function TaskList({ vmId, filter = '' }: { vmId?: string; filter?: string }) {
  const { t } = useTranslation(['tasks', 'common']);
  const tasks = useTasksStore((s) => s.tasks);
  const f = filter.trim().toLocaleLowerCase();
  const shown = tasks.filter(
    (task) =>
      (!vmId || task.vmId === vmId || task.items.some((i) => i.target.endsWith(`/${vmId}`))) &&
      (!f || (task.vmName ?? '').toLocaleLowerCase().includes(f) || translateRuntimeKey(t, task.titleKey, task.titleValues).toLocaleLowerCase().includes(f)),
  );
  if (shown.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <ul className="task-list" data-testid="task-list">
      {shown.slice(0, 200).map((task) => (
        <TaskRow key={task.id} task={task} />
      ))}
    </ul>
  );
}

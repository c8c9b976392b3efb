import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useTasksStore } from '../../stores/tasks.store';
import { formatDateTime, formatMs } from '../inventory';
import { PowerShellView } from './powershell-view';
import { translateRuntimeKey } from '../../i18n/keys';

const running = (s: TaskRecord['status']) => s === 'queued' || s === 'running';

function TaskRow({ task }: { task: TaskRecord }) {
  const { t, i18n } = useTranslation(['tasks', 'common']);
  const cancel = useTasksStore((s) => s.cancel);
  const [open, setOpen] = useState(false);
  const hostIds = [...new Set([...(task.hostId ? [task.hostId] : []), ...task.items.map((i) => i.target.split('/')[0]!)])];
  const failedItems = task.items.filter((i) => i.status !== 'succeeded');
  return (
    <li className={`task task--${task.status}`} data-testid="task-row" data-task-status={task.status} data-task-kind={task.kind}>
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
      {task.error && (
        <p className="error-text" data-testid="task-error">
          {task.error.message}
        </p>
      )}
      {failedItems.length > 0 && task.items.length > 1 && (
        <ul className="task__items">
          {failedItems.map((i) => (
            <li key={i.target}>
              <code>{i.target}</code>: {t(`common:taskStatus.${i.status}`)} {i.error?.message ?? ''}
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

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useTasksStore } from '../../stores/tasks.store';
import { TaskList } from './task-list';
import './tasks.css';
import { translateRuntimeKey } from '../../i18n/keys';

/**
 * Browser mode: a web notification for a long task that ended while the tab was hidden. The desktop app
 * notifies from main (electron/main/desktop/task-notifications.ts) and its window reads this API as denied.
 */
function notifyDone(title: string, body: string): void {
  if (typeof Notification === 'undefined') return;
  const show = () => new Notification(title, { body });
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
}

/** The bottom task panel: every mutating action, with progress, result, duration and its PowerShell. */
export function TaskPanel() {
  const { t } = useTranslation(['tasks', 'common']);
  const tasks = useTasksStore((s) => s.tasks);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const active = tasks.filter((x) => x.status === 'running' || x.status === 'queued').length;

  useEffect(
    () =>
      useTasksStore.getState().start((task: TaskRecord) => {
        notifyDone(t('notifyTitle', { status: t(`common:taskStatus.${task.status}`) }), translateRuntimeKey(t, task.titleKey, task.titleValues));
      }),
    // The subscription lives as long as the shell; the translator is read when a notification fires.
    [],
  );

  return (
    <section className={`task-panel${open ? ' task-panel--open' : ''}`} aria-label={t('title')} data-testid="task-panel">
      <header className="task-panel__head">
        <button type="button" className="task-panel__toggle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="task-panel-toggle">
          {t('title')} {active > 0 ? t('activeCount', { count: active }) : ''}
        </button>
        {open && (
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('filter')} aria-label={t('filter')} data-testid="task-filter" />
        )}
      </header>
      {open && (
        <div className="task-panel__body">
          <TaskList filter={filter} />
        </div>
      )}
    </section>
  );
}

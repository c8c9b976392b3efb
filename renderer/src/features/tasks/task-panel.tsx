import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { useTasksStore } from '../../stores/tasks.store';
import { TaskList } from './task-list';
import './tasks.css';
import { translateRuntimeKey } from '../../i18n/keys';
import { ToastViewport, useToasts } from '../../ui/toast';
import { describeError } from '../../ui/user-error';
import { useHosts } from '../../query/hosts';

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

/**
 * The bottom task panel: every mutating action, with progress, result, duration and its PowerShell. A failed
 * task is never silent: it toasts with its reason and a link that opens it here, and the collapsed bar counts
 * the failures not seen yet (opening the panel clears the count).
 */
export function TaskPanel() {
  const { t } = useTranslation(['tasks', 'common']);
  const tasks = useTasksStore((s) => s.tasks);
  const open = useTasksStore((s) => s.panelOpen);
  const unseen = useTasksStore((s) => s.unseenFailures);
  const { hosts } = useHosts();
  const [filter, setFilter] = useState('');
  const active = tasks.filter((x) => x.status === 'running' || x.status === 'queued').length;
  // Read when a task ends, so the subscription (made once) sees the current language and host names.
  const latest = { t, hosts };
  const [ref] = useState(() => ({ current: latest }));
  ref.current = latest;

  useEffect(
    () =>
      useTasksStore.getState().start({
        notify: (task: TaskRecord) => {
          const { t } = ref.current;
          notifyDone(t('notifyTitle', { status: t(`common:taskStatus.${task.status}`) }), translateRuntimeKey(t, task.titleKey, task.titleValues));
        },
        failed: (task: TaskRecord) => {
          const { t, hosts } = ref.current;
          const title = translateRuntimeKey(t, task.titleKey, { ...task.titleValues, defaultValue: task.kind });
          const failedItems = task.items.filter((i) => i.status !== 'succeeded');
          const reason = task.error ?? failedItems[0]?.error;
          const body = reason
            ? describeError(t, reason, (id) => hosts.find((h) => h.id === id)?.name).message
            : task.items.length > 1
              ? t('itemsSummary', { ok: task.items.length - failedItems.length, total: task.items.length })
              : undefined;
          useToasts.getState().push({
            id: `task-${task.id}`,
            kind: 'error',
            title: t('failedToast', { title, status: t(`common:taskStatus.${task.status}`) }),
            ...(body ? { body } : {}),
            action: { label: t('openTask'), run: () => useTasksStore.getState().openPanel(task.id) },
          });
        },
      }),
    // The subscription lives as long as the shell; translator and hosts are read through ref when a task ends.
    [ref],
  );

  const toggle = () => (open ? useTasksStore.getState().closePanel() : useTasksStore.getState().openPanel());
  return (
    <section className={`task-panel${open ? ' task-panel--open' : ''}`} aria-label={t('title')} data-testid="task-panel">
      <header className="task-panel__head">
        <button type="button" className="task-panel__toggle" onClick={toggle} aria-expanded={open} data-testid="task-panel-toggle">
          {t('title')} {active > 0 ? t('activeCount', { count: active }) : ''}
        </button>
        {!open && unseen > 0 && (
          <button type="button" className="task-panel__failures" onClick={toggle} data-testid="task-unseen-failures">
            {t('unseenFailures', { count: unseen })}
          </button>
        )}
        {open && (
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('filter')} aria-label={t('filter')} data-testid="task-filter" />
        )}
      </header>
      {open && (
        <div className="task-panel__body">
          <TaskList filter={filter} />
        </div>
      )}
      <ToastViewport />
    </section>
  );
}

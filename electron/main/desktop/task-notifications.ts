import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { NoticeMessage } from './desktop-notifier';

/**
 * The rule for desktop task notifications: a task that ends (succeeded, failed or partly failed) while no
 * Hyperdesk window has the focus gives one notification, titled with the task's title and saying how it
 * ended. A focused window shows the outcome in the task panel already, and a cancelled task was cancelled
 * by the admin, so neither notifies. Clicking the notification brings the window forward.
 * No Electron here: the desktop layer passes the bus subscription, the focus check and the notifier.
 */
export interface TaskNotificationDeps {
  /** Every `tasks.updated` record, in order. Returns the unsubscribe. */
  onTaskUpdated(listener: (task: TaskRecord) => void): () => void;
  isAppFocused(): boolean;
  /** The notification's text in the UI language (resolved when the task ends, so a language change applies). */
  describe(task: TaskRecord): Promise<{ title: string; body: string }>;
  notify(message: NoticeMessage): void;
  focusApp(): void;
  log: { warn(message: string, err?: unknown): void };
}

const notifies = (status: TaskRecord['status']) => status === 'succeeded' || status === 'failed' || status === 'partial';

export function notifyFinishedTasks(deps: TaskNotificationDeps): () => void {
  return deps.onTaskUpdated((task) => {
    if (!notifies(task.status) || deps.isAppFocused()) return;
    deps.describe(task).then(
      (text) => deps.notify({ ...text, onClick: deps.focusApp }),
      (err: unknown) => deps.log.warn(`task notification for ${task.id} not shown`, err),
    );
  });
}

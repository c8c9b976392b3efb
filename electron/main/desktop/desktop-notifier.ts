import { BrowserWindow, Notification } from 'electron';
import { createLogger } from '../app/logger';
import type { EventBus } from '../platform/ipc/event-bus';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { notifyFinishedTasks } from './task-notifications';
import { taskNoticeText, windowLanguage } from './task-notice-text';

/** One OS notification; `onClick` runs when the admin clicks it (the caller brings the window forward). */
export interface NoticeMessage {
  title: string;
  body: string;
  onClick(): void;
}

interface Notifier {
  notify(message: NoticeMessage): void;
}

const log = createLogger('notify');

/** OS notifications through Electron's main-process Notification (the renderer's web Notification is denied in the window). */
function createDesktopNotifier(): Notifier {
  // A Notification that is no longer referenced can be garbage-collected while on screen, and its click
  // handler goes with it: hold each one until it is clicked or closed.
  const shown = new Set<Notification>();
  return {
    notify({ title, body, onClick }) {
      if (!Notification.isSupported()) {
        log.info(`notifications unsupported; would show: ${title}`);
        return;
      }
      const n = new Notification({ title, body, silent: false });
      shown.add(n);
      n.on('click', () => {
        shown.delete(n);
        onClick();
      });
      n.on('close', () => shown.delete(n));
      n.show();
    },
  };
}

/**
 * Desktop task notifications (rule in task-notifications.ts): from the bus's `tasks.updated`, focus read
 * from Electron, text in the window's language. Returns the unsubscribe.
 */
export function startTaskNotifications(bus: EventBus, focusApp: () => void): () => void {
  const notifier = createDesktopNotifier();
  return notifyFinishedTasks({
    // Broadcast events only (`to` is set for one client's own events; tasks are never sent that way).
    onTaskUpdated: (listener) => bus.subscribe((name, payload, to) => name === 'tasks.updated' && to === undefined && listener(payload as TaskRecord)),
    isAppFocused: () => BrowserWindow.getFocusedWindow() !== null,
    describe: async (task) => taskNoticeText(task, await windowLanguage(BrowserWindow.getAllWindows()[0]?.webContents)),
    notify: (message) => notifier.notify(message),
    focusApp,
    log,
  });
}

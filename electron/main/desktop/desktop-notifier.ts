import { Notification } from 'electron';
import { createLogger } from '../app/logger';

/** OS notifications for long tasks that finish while the window is in the background. */
export interface Notifier {
  notify(message: { title: string; body: string }): void;
}

const log = createLogger('notify');

export function createDesktopNotifier(): Notifier {
  return {
    notify({ title, body }) {
      if (!Notification.isSupported()) {
        log.info(`notifications unsupported; would show: ${title}`);
        return;
      }
      new Notification({ title, body, silent: false }).show();
    },
  };
}

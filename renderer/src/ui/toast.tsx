import { create } from 'zustand';
import { useTranslation } from 'react-i18next';
import './toast.css';

/**
 * Toasts: short notices in a corner that the user can act on or dismiss. A failure is never silent: the task
 * panel toasts every failed task with its reason and a link to it. Errors stay until dismissed (or acted on);
 * other notices leave after a few seconds.
 */
export interface Toast {
  id: string;
  kind: 'error' | 'info';
  title: string;
  body?: string;
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'> & { id?: string }): string;
  dismiss(id: string): void;
}

let seq = 0;
/** More than this and the oldest go: a burst of failures must not cover the app. */
const MAX_TOASTS = 4;
const INFO_MS = 6_000;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(toast) {
    const id = toast.id ?? `toast-${++seq}`;
    set({ toasts: [...get().toasts.filter((t) => t.id !== id), { ...toast, id }].slice(-MAX_TOASTS) });
    if (toast.kind === 'info') window.setTimeout(() => get().dismiss(id), INFO_MS);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

/** Where toasts show; mounted once (by the task panel, which lives as long as the shell). */
export function ToastViewport() {
  const { t } = useTranslation('common');
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toast-viewport" role="region" aria-label={t('toast.region')}>
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-toast-kind={toast.kind}>
          <div className="toast__text">
            <strong className="toast__title">{toast.title}</strong>
            {toast.body && <span className="toast__body">{toast.body}</span>}
          </div>
          <div className="toast__actions">
            {toast.action && (
              <button
                type="button"
                className="link-button"
                data-testid="toast-action"
                onClick={() => {
                  toast.action!.run();
                  dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast__close" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)} data-testid="toast-dismiss">
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

import { Dialog, DialogActions } from './dialog';
import './overlays.css';

export interface Shortcut {
  keys: string[];
  what: string;
}

/** The `?` overlay: every keyboard shortcut, keys on the left (each in a <kbd>), what it does on the right. */
export function ShortcutHelp({ title, shortcuts, onClose }: { title: string; shortcuts: readonly Shortcut[]; onClose(): void }) {
  return (
    <Dialog title={title} onClose={onClose} testId="shortcut-help">
      <dl className="shortcut-help__list">
        {shortcuts.map((s) => (
          <div key={s.what} style={{ display: 'contents' }}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' / '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <DialogActions onCancel={onClose}>{null}</DialogActions>
    </Dialog>
  );
}

/** True when a key press belongs to what the user is typing in (a field), not to a global shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm, .console-screen');
}

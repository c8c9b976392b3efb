import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminalDock } from '../features/terminal/terminal-dock.store';
import { TerminalView } from '../features/terminal/terminal-view';
import { useNavigation } from '../ui/navigation';

/** Ctrl+` shows or hides the terminal from anywhere (also while a terminal has the focus). */
export function isDockShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'metaKey' | 'code' | 'key'>): boolean {
  return e.ctrlKey && !e.altKey && !e.metaKey && (e.code === 'Backquote' || e.key === '`');
}

/** Leaves the maximised "Terminal" view for the view the user came from. */
function backFromTerminalView(): void {
  const shell = useNavigation.getState();
  shell.setView(shell.previousView === 'terminal' ? 'inventory' : shell.previousView);
}

/** Shows or hides the dock; from the maximised "Terminal" view, hides it and goes back. */
export function toggleTerminalDock(): void {
  if (useNavigation.getState().view === 'terminal') {
    useTerminalDock.getState().hide();
    backFromTerminalView();
  } else useTerminalDock.getState().toggle();
}

/** From the maximised view to the dock under the previous view. */
function restoreTerminalDock(): void {
  useTerminalDock.getState().show();
  backFromTerminalView();
}

export function useDockShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.type !== 'keydown' || !isDockShortcut(e)) return;
      // Capture phase, before xterm's textarea: the key must not also reach the shell.
      e.preventDefault();
      e.stopPropagation();
      toggleTerminalDock();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/**
 * The terminal docked under the current view (or filling the content area: the "Terminal" navigation entry).
 * Hidden, it unmounts its xterm elements only: the tabs' terminals and shells live on in the terminal store
 * and in main, and come back with their screens when it is shown again.
 */
export function TerminalDock({ maximised }: { maximised: boolean }) {
  const { t } = useTranslation(['shell', 'terminal']);
  const { open, height } = useTerminalDock();
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);
  if (!open && !maximised) return null;

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = { startY: e.clientY, startHeight: height };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // Dragging up makes the dock taller.
    useTerminalDock.getState().setHeight(drag.current.startHeight + (drag.current.startY - e.clientY));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      useTerminalDock.getState().setHeight(height + (e.key === 'ArrowUp' ? 24 : -24));
    }
  };

  return (
    <section
      className={`terminal-dock${maximised ? ' terminal-dock--maximised' : ''}`}
      style={maximised ? undefined : { height }}
      aria-label={t('terminal:dock')}
      data-testid="terminal-dock"
    >
      {!maximised && (
        <div
          className="terminal-dock__grip"
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('terminal:resize')}
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
          data-testid="terminal-dock-grip"
        />
      )}
      <header className="terminal-dock__head">
        <strong>{t('terminal:title')}</strong>
        <span className="terminal-dock__spacer" />
        {maximised ? (
          <button type="button" onClick={restoreTerminalDock} data-testid="terminal-dock-restore">
            {t('terminal:restore')}
          </button>
        ) : (
          <button type="button" onClick={() => useNavigation.getState().setView('terminal')} data-testid="terminal-dock-maximise">
            {t('terminal:maximise')}
          </button>
        )}
        <button type="button" onClick={toggleTerminalDock} aria-label={t('terminal:hide')} title={t('terminal:shortcut')} data-testid="terminal-dock-hide">
          ×
        </button>
      </header>
      <div className="terminal-dock__body">
        <TerminalView />
      </div>
    </section>
  );
}

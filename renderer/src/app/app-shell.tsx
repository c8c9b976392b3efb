import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskPanel } from '../features/tasks/task-panel';
import { useTerminalStore } from '../features/terminal/terminal.store';
import { SideNav } from './side-nav';
import { TerminalDock, useDockShortcut } from './terminal-dock';
import { TopBar } from './top-bar';
import { useShellStore } from './shell.store';
import { useNavigation } from '../ui/navigation';
import { StateProblemsBanner } from './state-problems-banner';
import { useAppInfo } from '../query/app';
import { useTheme } from './theme';
import { renderView } from './views';
import { GlobalCommands } from '../features/inventory';

export function AppShell() {
  const { t } = useTranslation(['shell', 'common']);
  const view = useNavigation((s) => s.view);
  const connection = useShellStore((s) => s.connection);
  const infoError = useAppInfo().error;
  useEffect(() => useShellStore.getState().start(), []);
  // Terminals re-attach after a reload even before their view is shown (main keeps them for a grace period).
  useEffect(() => useTerminalStore.getState().start(), []);
  useDockShortcut();
  useTheme();
  return (
    <div className="shell">
      <TopBar />
      {connection !== 'open' && (
        <div className="banner banner--warn" role="status" data-testid="connection-banner">
          {t(connection === 'connecting' ? 'connection.connecting' : connection === 'unauthorized' ? 'connection.unauthorized' : 'connection.reconnecting')}
        </div>
      )}
      {infoError && connection === 'open' && (
        <div className="banner banner--error" role="alert">
          {infoError /* already the user's sentence (userMessage) */}
        </div>
      )}
      {connection === 'open' && <StateProblemsBanner />}
      <div className="shell__body">
        <SideNav />
        <div className="shell__column">
          {/* The "Terminal" entry is the docked terminal, maximised over the content area. */}
          {view !== 'terminal' && (
            <main className="shell__main" data-testid="main-area">
              <Suspense fallback={<div className="view-loading" aria-busy="true" data-testid="view-loading" />}>{renderView(view)}</Suspense>
            </main>
          )}
          <TerminalDock maximised={view === 'terminal'} />
        </div>
      </div>
      <TaskPanel />
      <GlobalCommands />
    </div>
  );
}

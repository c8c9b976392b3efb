import { lazy, type ReactElement } from 'react';
import { InventoryView } from '../features/inventory/inventory-view';
import type { ViewId } from './nav-items';
import { PendingView } from './pending-view';

// The inventory is the first screen and ships in the main bundle; the other views load when first opened
// (the shell wraps the view in a Suspense boundary), which keeps the first paint of a cold start small.
const CheckpointsView = lazy(() => import('../features/checkpoints/checkpoints-view').then((m) => ({ default: m.CheckpointsView })));
const ConsoleView = lazy(() => import('../features/console/console-view').then((m) => ({ default: m.ConsoleView })));
const LedgerView = lazy(() => import('../features/ledger/ledger-view').then((m) => ({ default: m.LedgerView })));
const P2vView = lazy(() => import('../features/p2v/p2v-view').then((m) => ({ default: m.P2vView })));
const HostOverviewView = lazy(() => import('../features/host-overview/host-overview-view').then((m) => ({ default: m.HostOverviewView })));
const SettingsView = lazy(() => import('../features/settings/settings-view').then((m) => ({ default: m.SettingsView })));

/** Which component renders each navigation entry. Features replace their PendingView here when they land. */
export function renderView(view: ViewId): ReactElement {
  switch (view) {
    case 'inventory':
      return <InventoryView />;
    case 'checkpoints':
      return <CheckpointsView />;
    case 'console':
      return <ConsoleView />;
    case 'p2v':
      return <P2vView />;
    case 'settings':
      return <SettingsView />;
    case 'ledger':
      return <LedgerView />;
    case 'host-overview':
      return <HostOverviewView />;
    default:
      return <PendingView view={view} />;
  }
}

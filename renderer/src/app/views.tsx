import type { ReactElement } from 'react';
import { CheckpointsView } from '../features/checkpoints/checkpoints-view';
import { ConsoleView } from '../features/console/console-view';
import { InventoryView } from '../features/inventory/inventory-view';
import { LedgerView } from '../features/ledger/ledger-view';
import { P2vView } from '../features/p2v/p2v-view';
import { SettingsView } from '../features/settings/settings-view';
import type { ViewId } from './nav-items';
import { PendingView } from './pending-view';

/** Which component renders each navigation entry. Features replace their PendingView here when they land. */
export function renderView(view: ViewId): ReactElement {
  switch (view) {
    case 'inventory':
      return <InventoryView />;
    case 'checkpoints':
      return <CheckpointsView />;
    case 'consoles':
      return <ConsoleView />;
    case 'p2v':
      return <P2vView />;
    case 'settings':
      return <SettingsView />;
    case 'ledger':
      return <LedgerView />;
    default:
      return <PendingView view={view} />;
  }
}

import { create } from 'zustand';
import { api } from '../api/client';
import type { ConnectionStatus } from '../api/transport';
import type { ViewId } from './nav-items';

interface ShellState {
  view: ViewId;
  /** The view before the current one (where leaving the maximised terminal goes back to). */
  previousView: ViewId;
  connection: ConnectionStatus;
  setView(view: ViewId): void;
  /** Follows the connection and opens the event stream; call once at start. Returns the unsubscribe. (app.info is a query: query/app.ts.) */
  start(): () => void;
}

export const useShellStore = create<ShellState>((set, get) => ({
  view: 'inventory',
  previousView: 'inventory',
  connection: 'connecting',
  setView: (view) => {
    if (view !== get().view) set({ view, previousView: get().view });
  },
  start() {
    const offStatus = api.onStatus((connection) => set({ connection }));
    // Subscribing at boot also tells the desktop main process the renderer listens (its event queue flushes).
    const offReady = api.on('app.ready', () => undefined);
    return () => {
      offStatus();
      offReady();
    };
  },
}));

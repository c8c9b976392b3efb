import { create } from 'zustand';
import { api } from '../api/client';
import type { ConnectionStatus } from '../api/transport';

interface ShellState {
  connection: ConnectionStatus;
  /** Follows the connection and opens the event stream; call once at start. Returns the unsubscribe. (app.info is a query: query/app.ts; the current view: ui/navigation.ts.) */
  start(): () => void;
}

export const useShellStore = create<ShellState>((set) => ({
  connection: 'connecting',
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

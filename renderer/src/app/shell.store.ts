import { create } from 'zustand';
import type { AppInfo } from '../../../shared/features/app/app.contract';
import { api } from '../api/client';
import type { ApiError } from '../api/api-error';
import type { ConnectionStatus } from '../api/transport';
import { onReconnect } from '../query/invalidation';
import type { ViewId } from './nav-items';

interface ShellState {
  view: ViewId;
  /** The view before the current one (where leaving the maximised terminal goes back to). */
  previousView: ViewId;
  info: AppInfo | null;
  infoError: string | null;
  connection: ConnectionStatus;
  setView(view: ViewId): void;
  /** Loads app.info, follows the connection and opens the event stream; call once at start. Returns the unsubscribe. */
  start(): () => void;
}

export const useShellStore = create<ShellState>((set, get) => ({
  view: 'inventory',
  previousView: 'inventory',
  info: null,
  infoError: null,
  connection: 'connecting',
  setView: (view) => {
    if (view !== get().view) set({ view, previousView: get().view });
  },
  start() {
    const load = () =>
      api.invoke('app.info', {}).then(
        (info) => set({ info, infoError: null }),
        (err: ApiError) => set({ infoError: err.message }),
      );
    const offStatus = api.onStatus((connection) => set({ connection }));
    // After a reconnect the gateway may be a new process (new version): refresh what we show.
    const offReconnect = onReconnect(() => void load());
    // Subscribing at boot also tells the desktop main process the renderer listens (its event queue flushes).
    const offReady = api.on('app.ready', () => undefined);
    void load();
    return () => {
      offStatus();
      offReconnect();
      offReady();
    };
  },
}));

import { create } from 'zustand';

/** The app's views (app/nav-items.ts lists them in order with their labels; app/views.tsx renders each). */
export type ViewId = 'inventory' | 'checkpoints' | 'console' | 'terminal' | 'p2v' | 'ledger' | 'settings' | 'host-overview';

interface NavigationState {
  view: ViewId;
  /** The view before the current one (where leaving the maximised terminal goes back to). */
  previousView: ViewId;
  setView(view: ViewId): void;
}

/**
 * Which view the shell shows: part of the renderer platform, so a feature can open another view (the
 * inventory's "Checkpoints…" entry) without importing the app shell.
 */
export const useNavigation = create<NavigationState>((set, get) => ({
  view: 'inventory',
  previousView: 'inventory',
  setView: (view) => {
    if (view !== get().view) set({ view, previousView: get().view });
  },
}));

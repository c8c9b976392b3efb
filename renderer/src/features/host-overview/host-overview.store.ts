import { create } from 'zustand';
import { useNavigation } from '../../ui/navigation';

interface HostOverviewState {
  /** The host the page shows; null = the first host in the list. */
  hostId: string | null;
  setHost(hostId: string): void;
}

export const useHostOverviewStore = create<HostOverviewState>((set) => ({
  hostId: null,
  setHost: (hostId) => set({ hostId }),
}));

/** Opens the overview page on one host (the hosts pane's "Overview" button, the palette). */
export function openHostOverview(hostId: string): void {
  useHostOverviewStore.getState().setHost(hostId);
  useNavigation.getState().setView('host-overview');
}

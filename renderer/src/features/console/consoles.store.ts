import { create } from 'zustand';
import { consoleLive, type ConsoleOpenResult, type ConsoleStatus, type ConsoleVisibility } from '../../../../shared/features/console/console.contract';
import { api } from '../../api/client';
import { live as liveStreams, type LeaseHandle } from '../../api/live';
import { userMessage } from '../../ui/user-message';

export interface ConsoleTab extends ConsoleOpenResult {
  hostId: string;
  status: Omit<ConsoleStatus, 'streamId'>;
  /** What the last typing could not send (shown as a note). */
  notSent: string[];
  error: string | null;
}

interface ConsolesState {
  tabs: ConsoleTab[];
  activeId: string | null;
  opening: boolean;
  openError: string | null;
  /** Opens (or focuses) the console of a VM. Inventory calls this too. */
  open(hostId: string, vmId: string): Promise<void>;
  close(streamId: string): Promise<void>;
  setActive(streamId: string): void;
  patch(streamId: string, p: Partial<ConsoleTab>): void;
  /** Tells main where each stream should poll (as its lease's mode; changed ones go out at once). */
  applyVisibility(next: Record<string, ConsoleVisibility>): void;
}

/**
 * Each tab holds its stream's lease (platform/live) for as long as it is open, carrying where it should poll
 * (visible / background / hidden) as the lease's mode; a tab that vanishes without closing stops when it lapses.
 */
const leases = new Map<string, LeaseHandle<ConsoleVisibility>>();

function holdStream(streamId: string): void {
  leases.get(streamId)?.release();
  leases.set(streamId, liveStreams.holdLease<ConsoleVisibility>(consoleLive, streamId, { mode: 'visible' })); // main starts a stream visible
}

function dropStream(streamId: string): void {
  leases.get(streamId)?.release();
  leases.delete(streamId);
}

export const useConsolesStore = create<ConsolesState>((set, get) => ({
  tabs: [],
  activeId: null,
  opening: false,
  openError: null,
  async open(hostId, vmId) {
    const existing = get().tabs.find((t) => t.hostId === hostId && t.vmId.toLowerCase() === vmId.toLowerCase());
    if (existing) {
      set({ activeId: existing.streamId });
      return;
    }
    set({ opening: true, openError: null });
    followConsoleStatus();
    try {
      const r = await api.invoke('console.open', { hostId, vmId });
      const tab: ConsoleTab = { ...r, hostId, status: { state: r.state, polling: true, fps: 0, latencyMs: 0 }, notSent: [], error: null };
      holdStream(r.streamId);
      set((s) => ({ tabs: [...s.tabs, tab], activeId: r.streamId, opening: false }));
    } catch (err) {
      set({ opening: false, openError: userMessage(err) });
    }
  },
  async close(streamId) {
    set((s) => {
      const tabs = s.tabs.filter((t) => t.streamId !== streamId);
      return { tabs, activeId: s.activeId === streamId ? (tabs[tabs.length - 1]?.streamId ?? null) : s.activeId };
    });
    dropStream(streamId); // console.release: main closes the stream (and would when the lease lapsed anyway)
  },
  setActive: (streamId) => set({ activeId: streamId }),
  applyVisibility(next) {
    for (const [id, v] of Object.entries(next)) leases.get(id)?.setMode(v);
  },
  patch: (streamId, p) => set((s) => ({ tabs: s.tabs.map((t) => (t.streamId === streamId ? { ...t, ...p } : t)) })),
}));

/**
 * A stream belongs to the connection that opened it; after the gateway socket reconnects (new client id)
 * each tab opens its console again and takes the new stream id. The old streams stop when their lease lapses.
 */
async function reopenAll(): Promise<void> {
  for (const tab of useConsolesStore.getState().tabs) {
    try {
      const r = await api.invoke('console.open', { hostId: tab.hostId, vmId: tab.vmId });
      dropStream(tab.streamId); // the old stream went with the old connection
      holdStream(r.streamId);
      useConsolesStore.setState((s) => ({
        tabs: s.tabs.map((t) => (t.streamId === tab.streamId ? { ...t, ...r, error: null } : t)),
        activeId: s.activeId === tab.streamId ? r.streamId : s.activeId,
      }));
    } catch (err) {
      useConsolesStore.getState().patch(tab.streamId, { error: userMessage(err) });
    }
  }
}

let following = false;

/**
 * Status deltas update the tabs (state, fps, latency, problem) and a reconnect reopens them. Started with the
 * first console and kept for the page's life, so tabs recover even while another view is shown.
 */
export function followConsoleStatus(): void {
  if (following) return;
  following = true;
  api.on('console.status', (s) => {
    const { streamId, ...status } = s;
    useConsolesStore.getState().patch(streamId, { status, state: status.state });
  });
  let dropped = false;
  api.onStatus((c) => {
    if (c === 'reconnecting') dropped = true;
    if (c === 'open' && dropped) {
      dropped = false;
      void reopenAll();
    }
  });
}

/** Which consoles were open in this browser tab (sessionStorage: it survives a reload, not a new window). */
const OPEN_TABS_KEY = 'hyperdesk.consoles.open';

interface SavedTabs {
  tabs: { hostId: string; vmId: string }[];
  active: { hostId: string; vmId: string } | null;
}

function readSaved(): SavedTabs | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(OPEN_TABS_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<SavedTabs>) : null;
    if (!v || !Array.isArray(v.tabs)) return null;
    const ok = (t: unknown): t is { hostId: string; vmId: string } =>
      !!t && typeof (t as { hostId?: unknown }).hostId === 'string' && typeof (t as { vmId?: unknown }).vmId === 'string';
    return { tabs: v.tabs.filter(ok).slice(0, 16), active: ok(v.active) ? v.active : null };
  } catch {
    return null; // unreadable: start with no tabs
  }
}

let restoring = false;
let restored = false;

/** Keeps the open tabs (host and VM, not the streams: those belong to the page) for the next load. */
function saveTabs(state: Pick<ConsolesState, 'tabs' | 'activeId'>): void {
  if (restoring) return; // the tabs are being reopened: what is saved is still the truth
  const active = state.tabs.find((t) => t.streamId === state.activeId);
  const saved: SavedTabs = { tabs: state.tabs.map((t) => ({ hostId: t.hostId, vmId: t.vmId })), active: active ? { hostId: active.hostId, vmId: active.vmId } : null };
  try {
    globalThis.sessionStorage?.setItem(OPEN_TABS_KEY, JSON.stringify(saved));
  } catch {
    // Storage refused: tabs last for this page only.
  }
}

useConsolesStore.subscribe((s, before) => {
  if (s.tabs !== before.tabs || s.activeId !== before.activeId) saveTabs(s);
});

/**
 * Reopens the consoles that were open before a reload, in their order, with the same one active. Once per page;
 * a VM that is gone meanwhile is left out (its error shows as the open error).
 */
export async function restoreConsoleTabs(): Promise<void> {
  if (restored) return;
  restored = true;
  const saved = readSaved();
  if (!saved || saved.tabs.length === 0) return;
  restoring = true;
  try {
    for (const t of saved.tabs) await useConsolesStore.getState().open(t.hostId, t.vmId);
  } finally {
    restoring = false;
  }
  const { tabs } = useConsolesStore.getState();
  const active = saved.active && tabs.find((t) => t.hostId === saved.active!.hostId && t.vmId.toLowerCase() === saved.active!.vmId.toLowerCase());
  if (active) useConsolesStore.getState().setActive(active.streamId);
  saveTabs(useConsolesStore.getState());
}

/** Where a stream's polling should be: only the active tab of a visible, focused window polls at full rate. */
export function visibilityFor(active: boolean, documentHidden: boolean, windowFocused: boolean): ConsoleVisibility {
  if (!active || documentHidden) return 'hidden';
  return windowFocused ? 'visible' : 'background';
}

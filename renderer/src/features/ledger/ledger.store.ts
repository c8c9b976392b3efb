import { create } from 'zustand';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import type { LedgerEntry, LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';
import { api } from '../../api/client';
import { errorMessage } from '../../api/api-error';

interface LedgerState {
  entries: LedgerEntry[];
  hosts: HostView[];
  hostId: string;
  outcome: LedgerOutcome | '';
  text: string;
  selected: ReadonlySet<string>;
  loading: boolean;
  error: string | null;
  /** Loads hosts and entries and follows ledger.appended / hosts.changed; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  setFilter(patch: Partial<Pick<LedgerState, 'hostId' | 'outcome' | 'text'>>): void;
  toggle(id: string): void;
  clearSelection(): void;
}

/** A cache of main's script ledger ("signal, then pull": appended events trigger a re-fetch). */
export const useLedgerStore = create<LedgerState>((set, get) => ({
  entries: [],
  hosts: [],
  hostId: '',
  outcome: '',
  text: '',
  selected: new Set(),
  loading: false,
  error: null,
  start() {
    let timer: number | null = null;
    const later = () => {
      if (timer === null) timer = window.setTimeout(() => ((timer = null), void get().refresh()), 150);
    };
    const loadHosts = () =>
      api.invoke('hosts.list', {}).then(
        (r) => set({ hosts: r.hosts }),
        (err: unknown) => set({ error: errorMessage(err) }),
      );
    const offAppended = api.on('ledger.appended', later);
    const offHosts = api.on('hosts.changed', () => void loadHosts());
    void loadHosts();
    void get().refresh();
    return () => {
      offAppended();
      offHosts();
      if (timer !== null) window.clearTimeout(timer);
    };
  },
  async refresh() {
    const { hostId, outcome } = get();
    set({ loading: true });
    try {
      const r = await api.invoke('ledger.list', { limit: 1000, ...(hostId ? { hostId } : {}), ...(outcome ? { outcome } : {}) });
      set({ entries: r.entries, loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  setFilter(patch) {
    const refetch = patch.hostId !== undefined || patch.outcome !== undefined;
    set(patch);
    if (refetch) void get().refresh();
  },
  toggle(id) {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },
  clearSelection: () => set({ selected: new Set() }),
}));

/** Entries that match the free-text filter (command, script, error). */
export function visibleEntries(entries: LedgerEntry[], text: string): LedgerEntry[] {
  const q = text.trim().toLowerCase();
  if (!q) return entries;
  return entries.filter((e) => `${e.command}\n${e.script}\n${e.error?.message ?? ''}`.toLowerCase().includes(q));
}

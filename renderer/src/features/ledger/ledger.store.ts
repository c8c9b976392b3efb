import { create } from 'zustand';
import type { LedgerEntry, LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';

interface LedgerState {
  hostId: string;
  outcome: LedgerOutcome | '';
  text: string;
  selected: ReadonlySet<string>;
  setFilter(patch: Partial<Pick<LedgerState, 'hostId' | 'outcome' | 'text'>>): void;
  toggle(id: string): void;
  clearSelection(): void;
}

/**
 * The ledger view's client state: filters and selection. The entries themselves are a query
 * (ledger.queries.ts), re-read when main appends one and after a reconnect.
 */
export const useLedgerStore = create<LedgerState>((set, get) => ({
  hostId: '',
  outcome: '',
  text: '',
  selected: new Set(),
  setFilter: (patch) => set(patch),
  toggle(id) {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },
  clearSelection: () => set({ selected: new Set() }),
}));

/** Entries that match the free-text filter (command, the script call with its parameters, script, error). */
export function visibleEntries(entries: LedgerEntry[], text: string): LedgerEntry[] {
  const q = text.trim().toLowerCase();
  if (!q) return entries;
  return entries.filter((e) => `${e.command}\n${e.scriptCall ?? ''}\n${e.script}\n${e.error?.message ?? ''}`.toLowerCase().includes(q)); // raw-error-ok: searched, never shown
}

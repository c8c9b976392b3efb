import { create } from 'zustand';
import type { HostView } from '../../../shared/features/hosts/hosts.contract';
import { inventoryLive, type VmAction, type VmTarget } from '../../../shared/features/inventory/inventory.contract';
import { ColumnLayout, defaultColumnLayout, emptyPrefs, type InventoryPrefs, type SavedView, type SortKey, type ViewQuery } from '../../../shared/features/inventory/inventory-prefs.schema';
import { rowKey, type HostInventory, type VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { vmKey } from '../../../shared/platform/vm-ref';
import { api } from '../api/client';
import { ApiError } from '../api/api-error';
import { userMessage } from '../ui/user-message';
import { live as liveStreams, type LeaseHandle } from '../api/live';
import { reuseRows, sameArray } from './reuse-rows';
import { hostsQuery } from '../query/hosts';
import { onReconnect } from '../query/invalidation';
import { queryClient } from '../query/query-client';

/** How long the inventory stays subscribed after its view unmounts (see start()). */
export const KEEP_LIVE_MS = 60_000;

/** Where the columns last set (outside a saved view) are kept, so a reload shows the same grid. */
const COLUMNS_KEY = 'hyperdesk.inventory.columns';

function readColumns(): ColumnLayout {
  try {
    const text = globalThis.localStorage?.getItem(COLUMNS_KEY);
    const parsed = text ? ColumnLayout.safeParse(JSON.parse(text)) : null;
    return parsed?.success ? parsed.data : defaultColumnLayout();
  } catch {
    return defaultColumnLayout(); // storage refused (private mode) or a hand-edited value: the defaults
  }
}

function keepColumns(layout: ColumnLayout): void {
  try {
    globalThis.localStorage?.setItem(COLUMNS_KEY, JSON.stringify(layout));
  } catch {
    // Storage refused: the layout lasts for this page only.
  }
}

export const defaultQuery = (): ViewQuery => ({ search: '', hostIds: [], states: [], tags: [], sort: { key: 'name', dir: 'asc' } });

interface InventoryState {
  hostViews: HostView[];
  hosts: Record<string, HostInventory>;
  /** All rows across hosts (host list order); replaced on every change so memoised views recompute. */
  rows: VmRow[];
  /** The first paint came from the cache and no refresh has succeeded yet. */
  stale: boolean;
  refreshing: boolean;
  error: string | null;
  prefs: InventoryPrefs;
  query: ViewQuery;
  /** The grid's columns (order, hidden, widths); saved with a view. */
  columns: ColumnLayout;
  activeViewId: string | null;
  selection: ReadonlySet<string>;
  /** The VM whose details are open (vmKey). */
  focused: string | null;
  /** The New VM wizard is open (the toolbar, an empty state or the command palette opens it). */
  wizardOpen: boolean;
  setWizardOpen(open: boolean): void;
  start(): () => void;
  refresh(): Promise<void>;
  setQuery(patch: Partial<ViewQuery>): void;
  setColumns(layout: ColumnLayout): void;
  toggleSort(key: SortKey): void;
  setSelection(keys: Iterable<string>): void;
  toggleSelected(key: string): void;
  focus(key: string | null): void;
  /** `checkpoint`: for the Checkpoint action of a domain controller, a production checkpoint or the override reason. */
  act(action: VmAction, keys: readonly string[], deleteFiles?: boolean, checkpoint?: { reason?: string; production?: boolean }): Promise<string>;
  targets(keys: readonly string[]): VmTarget[];
  setTags(keys: readonly string[], add: string[], remove: string[]): Promise<void>;
  saveView(name: string): Promise<void>;
  applyView(id: string | null): void;
  deleteView(id: string): Promise<void>;
}

function flatten(hostViews: HostView[], hosts: Record<string, HostInventory>): VmRow[] {
  const order = hostViews.map((h) => h.id);
  for (const id of Object.keys(hosts)) if (!order.includes(id)) order.push(id);
  return order.flatMap((id) => hosts[id]?.vms ?? []);
}

/**
 * Reads hosts one call each (in parallel) and hands back all of them together, to be applied (and the grid
 * re-sorted) once. Per host because the renderer receives and parses a WebSocket message in one main-thread task:
 * 10,000 VMs in one answer (~4 MB of JSON) is a ~100 ms task that freezes typing and scrolling whenever it lands;
 * 625 VMs per answer are tasks of a few ms.
 */
async function perHost(channel: 'inventory.snapshot' | 'inventory.refresh', hostIds: readonly string[]): Promise<HostInventory[]> {
  const answers = await Promise.all(hostIds.map((id) => api.invoke(channel, { hostIds: [id] })));
  return answers.flatMap((a) => a.hosts);
}

export const useInventoryStore = create<InventoryState>((set, get) => {
  const applyHosts = (list: HostInventory[]) => {
    const before = get();
    const hosts = { ...before.hosts };
    for (const h of list) {
      const vms = reuseRows(before.hosts[h.hostId]?.vms, h.vms);
      hosts[h.hostId] = vms === h.vms ? h : { ...h, vms };
    }
    const flat = flatten(before.hostViews, hosts);
    // Unchanged rows keep the array: the grid does not re-sort, re-filter or re-index on a poll that changed nothing.
    const rows = sameArray(flat, before.rows) ? before.rows : flat;
    let selection = before.selection;
    if (rows !== before.rows && selection.size > 0) {
      // Selection keeps only VMs that still exist (deleted ones drop out).
      const rowKeys = new Set(rows.map(rowKey));
      const kept = [...selection].filter((k) => rowKeys.has(k));
      if (kept.length !== selection.size) selection = new Set(kept);
    }
    set({ hosts, rows, selection, stale: Object.values(hosts).some((h) => h.stale) });
  };
  const loadHosts = async () => {
    // The one host-list read, shared with useHosts(); staleTime 0 re-reads now, joining a read already under way.
    const hostViews = await queryClient.fetchQuery({ ...hostsQuery(api), staleTime: 0 });
    const keep = new Set(hostViews.map((h) => h.id));
    const hosts = Object.fromEntries(Object.entries(get().hosts).filter(([id]) => keep.has(id)));
    const flat = flatten(hostViews, hosts);
    set({ hostViews, hosts, rows: sameArray(flat, get().rows) ? get().rows : flat });
  };
  const loadPrefs = async () => set({ prefs: await api.invoke('inventory.prefs', {}) });

  /** Subscribes to main's inventory events and loads everything; returns the unsubscribe. */
  const connect = (): (() => void) => {
    const offs: (() => void)[] = [];
    const pending = new Set<string>();
    let pullTimer: ReturnType<typeof setTimeout> | null = null;
    // Main polls the hosts for changes made elsewhere while some client holds this lease (held while the page is visible).
    let lease: LeaseHandle<never> | null = null;
    let closed = false;
    offs.push(
      api.on('inventory.changed', ({ hostId }) => {
        // Coalesce: a poll of 16 hosts signals 16 changes; pull them together and re-sort the grid once.
        pending.add(hostId);
        if (pullTimer) return;
        pullTimer = setTimeout(() => {
          pullTimer = null;
          const hostIds = [...pending];
          pending.clear();
          perHost('inventory.snapshot', hostIds).then(
            (hosts) => applyHosts(hosts),
            (err: unknown) => console.warn('inventory pull failed', err),
          );
        }, 150);
      }),
      api.on('hosts.changed', () => void loadHosts().then(() => get().refresh())),
      api.on('host.state', ({ hostId, status }) => {
        const views = get().hostViews;
        const at = views.findIndex((h) => h.id === hostId);
        if (at === -1 || JSON.stringify(views[at]!.status) === JSON.stringify(status)) return;
        set({ hostViews: views.map((h, i) => (i === at ? { ...h, status } : h)) });
      }),
      api.on('inventory.prefsChanged', () => void loadPrefs()),
    );
    const load = async () => {
      try {
        await loadHosts();
        // Cache first: paint what main has (stale) at once, then read the hosts.
        applyHosts(await perHost('inventory.snapshot', get().hostViews.map((h) => h.id)));
        set({ error: null });
        void loadPrefs();
        await get().refresh();
      } catch (err) {
        set({ error: userMessage(err) });
      }
      // Not after a disconnect that came while the first load was still out: nothing would release it.
      if (!closed) lease ??= liveStreams.holdLease(inventoryLive, 'all', { whileVisible: true });
    };
    // Load now (calls wait while the socket connects), and again after the gateway comes back: the query
    // bridge's reconnect, the same moment every cached read is invalidated.
    void load();
    offs.push(onReconnect(() => void load()));
    return () => {
      for (const off of offs) off();
      closed = true;
      lease?.release();
      lease = null;
    };
  };
  // The view mounts and unmounts as the user moves between screens; each connect re-reads all hosts (for
  // 10,000 VMs, ~12 MB of answers to parse while the user is already typing or scrolling). So an unmount keeps
  // the subscription (events keep the rows current) for a while, and coming back within it reads nothing.
  let live: (() => void) | null = null;
  let users = 0;
  let lingering: ReturnType<typeof setTimeout> | null = null;

  return {
    hostViews: [],
    hosts: {},
    rows: [],
    stale: true,
    refreshing: false,
    error: null,
    prefs: emptyPrefs(),
    query: defaultQuery(),
    columns: readColumns(),
    activeViewId: null,
    selection: new Set(),
    focused: null,
    wizardOpen: false,
    setWizardOpen: (wizardOpen) => set({ wizardOpen }),

    start() {
      users++;
      if (lingering) clearTimeout(lingering);
      lingering = null;
      live ??= connect();
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        if (--users > 0) return;
        lingering = setTimeout(() => {
          lingering = null;
          live?.();
          live = null;
        }, KEEP_LIVE_MS);
      };
    },

    async refresh() {
      set({ refreshing: true });
      try {
        applyHosts(await perHost('inventory.refresh', get().hostViews.map((h) => h.id)));
        set({ error: null });
      } catch (err) {
        set({ error: userMessage(err) });
      } finally {
        set({ refreshing: false });
      }
    },

    setQuery: (patch) => set({ query: { ...get().query, ...patch }, activeViewId: null }),
    setColumns(columns) {
      keepColumns(columns);
      set({ columns, activeViewId: null });
    },
    toggleSort(key) {
      const { sort } = get().query;
      set({ query: { ...get().query, sort: { key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' } } });
    },
    setSelection: (keys) => set({ selection: new Set(keys) }),
    toggleSelected(key) {
      const next = new Set(get().selection);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      set({ selection: next });
    },
    focus: (key) => set({ focused: key }),

    targets(keys) {
      const byKey = new Map(get().rows.map((r) => [rowKey(r), r]));
      return keys.flatMap((k) => {
        const r = byKey.get(k);
        return r ? [{ hostId: r.hostId, vmId: r.id, vmName: r.name }] : [];
      });
    },

    async act(action, keys, deleteFiles = false, checkpoint) {
      const targets = get().targets(keys);
      if (targets.length === 0) throw new ApiError({ code: 'VALIDATION', message: 'No VM selected' });
      const { taskId } = await api.invoke('inventory.action', {
        action,
        targets,
        deleteFiles,
        ...(checkpoint?.reason ? { overrideReason: checkpoint.reason } : {}),
        checkpointKind: checkpoint?.production ? 'production' : 'default',
      });
      return taskId;
    },

    async setTags(keys, add, remove) {
      set({ prefs: await api.invoke('inventory.setTags', { vmKeys: get().targets(keys).map((v) => vmKey(v.vmId)), add, remove }) });
    },
    async saveView(name) {
      const id = `v${Date.now().toString(36)}`;
      const prefs = await api.invoke('inventory.saveView', { id, name, query: get().query, columns: get().columns });
      set({ prefs, activeViewId: id });
    },
    applyView(id) {
      const view: SavedView | undefined = get().prefs.views.find((v) => v.id === id);
      if (view) keepColumns(view.columns);
      set({
        query: view ? structuredClone(view.query) : defaultQuery(),
        // Leaving a view keeps the columns on screen: only a view's own layout replaces them.
        columns: view ? structuredClone(view.columns) : get().columns,
        activeViewId: view ? view.id : null,
      });
    },
    async deleteView(id) {
      const prefs = await api.invoke('inventory.deleteView', { id });
      set({ prefs, activeViewId: get().activeViewId === id ? null : get().activeViewId });
    },
  };
});

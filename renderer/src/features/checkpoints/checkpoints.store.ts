import { create } from 'zustand';
import type { ChainHealth, CheckpointTreeData } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { buildCheckpointTree, type CheckpointTree } from '../../../../shared/features/checkpoints/checkpoint-tree';
import type { CheckpointVm } from '../../../../shared/features/checkpoints/checkpoints.contract';
import type { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import { api } from '../../api/client';
import { useNavigation } from '../../ui/navigation';
import { userMessage } from '../../ui/user-message';
import { hostsQuery } from '../../query/hosts';
import { onReconnect } from '../../query/invalidation';
import { queryClient } from '../../query/query-client';

export interface VmSelection {
  hostId: string;
  vmId: string;
  vmName: string;
}

interface CheckpointsState {
  hostId: string | null;
  vms: CheckpointVm[];
  vm: VmSelection | null;
  data: CheckpointTreeData | null;
  tree: CheckpointTree | null;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  collapsed: Set<string>;
  health: ChainHealth | null;
  /** The last task this view started, followed through tasks.updated for its status line. */
  lastTask: TaskRecord | null;
  lastTaskId: string | null;
  /** Picks the first host (or the open VM's) and loads its VMs. */
  loadHosts(): Promise<void>;
  pickHost(hostId: string): Promise<void>;
  open(vm: VmSelection): Promise<void>;
  refresh(): Promise<void>;
  select(id: string | null): void;
  toggle(id: string): void;
  loadHealth(): Promise<void>;
  track(taskId: string): void;
  /** Subscribes to main's signals; returns the unsubscribe. */
  start(): () => void;
}

/** A cache of main's view of one VM's checkpoints: hydrate, then re-fetch whenever main signals a change. */
export const useCheckpointsStore = create<CheckpointsState>((set, get) => ({
  hostId: null,
  vms: [],
  vm: null,
  data: null,
  tree: null,
  loading: false,
  error: null,
  selectedId: null,
  collapsed: new Set(),
  health: null,
  lastTask: null,
  lastTaskId: null,

  async loadHosts() {
    try {
      // The shared host list (useHosts() in the view shows the same cached answer).
      const hosts = await queryClient.fetchQuery(hostsQuery(api));
      const current = get().hostId ?? get().vm?.hostId ?? hosts[0]?.id ?? null;
      if (current && current !== get().hostId) await get().pickHost(current);
    } catch (err) {
      set({ error: userMessage(err) });
    }
  },

  async pickHost(hostId) {
    set({ hostId, vms: [] });
    try {
      const vms = await api.invoke('checkpoints.vms', { hostId });
      if (get().hostId === hostId) set({ vms, error: null });
    } catch (err) {
      set({ error: userMessage(err) });
    }
  },

  async open(vm) {
    const sameVm = get().vm?.vmId === vm.vmId && get().vm?.hostId === vm.hostId;
    set({ vm, hostId: vm.hostId, health: null, ...(sameVm ? {} : { data: null, tree: null, selectedId: null, collapsed: new Set<string>() }) });
    if (get().vms.length === 0 || !sameVm) void get().pickHost(vm.hostId);
    await get().refresh();
  },

  async refresh() {
    const vm = get().vm;
    if (!vm) return;
    set({ loading: true, error: null });
    try {
      const data = await api.invoke('checkpoints.tree', { hostId: vm.hostId, vmId: vm.vmId });
      if (get().vm?.vmId !== vm.vmId) return;
      const tree = buildCheckpointTree(data.checkpoints, data.vm.parentCheckpointId);
      const selectedId = get().selectedId && tree.byId.has(get().selectedId!) ? get().selectedId : null;
      set({ data, tree, selectedId, loading: false });
    } catch (err) {
      set({ loading: false, error: userMessage(err) });
    }
  },

  select: (selectedId) => set({ selectedId }),

  toggle(id) {
    const collapsed = new Set(get().collapsed);
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    set({ collapsed });
  },

  async loadHealth() {
    const vm = get().vm;
    if (!vm) return;
    try {
      set({ health: await api.invoke('checkpoints.chainHealth', { hostId: vm.hostId, vmId: vm.vmId }) });
    } catch (err) {
      set({ error: userMessage(err) });
    }
  },

  track: (taskId) => set({ lastTaskId: taskId, lastTask: null }),

  start() {
    const offChanged = api.on('checkpoints.changed', (p) => {
      const vm = get().vm;
      if (vm && vm.hostId === p.hostId && vm.vmId.toLowerCase() === p.vmId.toLowerCase()) {
        void get().refresh();
        if (get().health) void get().loadHealth();
      }
      if (get().hostId === p.hostId) void get().pickHost(p.hostId);
    });
    const offTasks = api.on('tasks.updated', (r) => {
      if (r.id === get().lastTaskId) set({ lastTask: r });
    });
    // A host still connecting (first start seeds the lab) answers later: re-read when it becomes ready.
    const offHost = api.on('host.state', (p) => {
      if (p.status.state === 'ready' && (get().hostId ?? p.hostId) === p.hostId && get().vms.length === 0) void get().loadHosts();
    });
    // Checkpoint groups are a query (checkpoint-groups.query.ts), re-read on checkpoints.groupsChanged.
    const hydrate = () => void get().loadHosts();
    hydrate();
    // After a reconnect main may have restarted: hydrate again, and re-read the open VM's tree.
    const offReconnect = onReconnect(() => {
      void get().refresh();
      hydrate();
    });
    return () => {
      offChanged();
      offTasks();
      offHost();
      offReconnect();
    };
  },
}));

/** Opens a VM's checkpoints in the Checkpoints view: the inventory's "Checkpoints…" entry calls this. */
export function openCheckpointsFor(vm: VmSelection): void {
  useNavigation.getState().setView('checkpoints');
  void useCheckpointsStore.getState().open(vm);
}

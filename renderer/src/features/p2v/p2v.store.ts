import { create } from 'zustand';
import type { ChecklistItem, P2vJob, P2vLeftBehind, P2vPlanInput, P2vSource, P2vVmAction } from '../../../../shared/features/p2v/p2v.contract';
import { api, ApiError } from '../../api/client';
import { userMessage } from '../../ui/user-message';

interface P2vState {
  jobs: P2vJob[];
  currentId: string | null;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  select(id: string | null): void;
  /** `password` (remote sources) is passed straight through to main, never kept here. */
  create(source: P2vSource, password?: string): Promise<void>;
  preflight(targetFolder: string): Promise<void>;
  /** Starts copying the Disk2vhd at `path` (on the machine running Hyperdesk) to the source; resolves to the refusal, if any. */
  copyDisk2vhd(path: string): Promise<string | null>;
  plan(plan: P2vPlanInput): Promise<void>;
  start(): Promise<void>;
  cancel(): Promise<void>;
  vmAction(action: P2vVmAction): Promise<void>;
  /** Removes a job (not a running one); resolves to what could not be cleaned up, or the refusal. */
  remove(id: string, deleteImage: boolean): Promise<{ leftBehind: P2vLeftBehind[] } | { error: string }>;
  tick(item: ChecklistItem, done: boolean): Promise<void>;
  /** Subscribes to main's "changed" signals; returns the unsubscribe. */
  subscribe(): () => void;
}

/** A cache of main's P2V jobs: hydrate, then re-fetch the job main signals as changed. */
export const useP2vStore = create<P2vState>((set, get) => {
  const replace = (job: P2vJob) =>
    set((s) => ({ jobs: s.jobs.some((j) => j.id === job.id) ? s.jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...s.jobs] }));
  const act = async (fn: () => Promise<P2vJob | void>) => {
    set({ busy: true, error: null });
    try {
      const job = await fn();
      if (job) replace(job);
    } catch (err) {
      set({ error: userMessage(err) });
    } finally {
      set({ busy: false });
    }
  };
  const id = () => {
    const current = get().currentId;
    if (!current) throw new Error('No P2V job selected');
    return current;
  };
  return {
    jobs: [],
    currentId: null,
    busy: false,
    error: null,
    async load() {
      try {
        const jobs = await api.invoke('p2v.list', {});
        set({ jobs, currentId: get().currentId ?? jobs[0]?.id ?? null });
      } catch (err) {
        set({ error: userMessage(err) });
      }
    },
    select: (currentId) => set({ currentId, error: null }),
    create: (source, password) =>
      act(async () => {
        const job = await api.invoke('p2v.create', { source, ...(password ? { password } : {}) });
        set({ currentId: job.id });
        return job;
      }),
    preflight: (targetFolder) => act(() => api.invoke('p2v.preflight', { id: id(), targetFolder })),
    async copyDisk2vhd(path) {
      try {
        replace(await api.invoke('p2v.copyDisk2vhd', { id: id(), path }));
        return null;
      } catch (err) {
        return userMessage(err);
      }
    },
    plan: (plan) => act(() => api.invoke('p2v.plan', { id: id(), plan })),
    start: () => act(() => api.invoke('p2v.start', { id: id() })),
    cancel: () => act(() => api.invoke('p2v.cancel', { id: id() })),
    vmAction: (action) => act(() => api.invoke('p2v.vmAction', { id: id(), action })),
    tick: (item, done) => act(() => api.invoke('p2v.checklist', { id: id(), item, done })),
    async remove(jobId, deleteImage) {
      try {
        const res = await api.invoke('p2v.remove', { id: jobId, deleteImage });
        set((s) => ({ jobs: s.jobs.filter((j) => j.id !== jobId), currentId: s.currentId === jobId ? null : s.currentId }));
        return { leftBehind: res.leftBehind };
      } catch (err) {
        return { error: userMessage(err) };
      }
    },
    subscribe() {
      return api.on('p2v.changed', ({ id: changed }) => {
        api.invoke('p2v.get', { id: changed }).then(replace, (err: unknown) => {
          // A removed job: drop it from the cache.
          if (err instanceof ApiError && err.code === 'NOT_FOUND') set((s) => ({ jobs: s.jobs.filter((j) => j.id !== changed) }));
          else set({ error: userMessage(err) });
        });
      });
    },
  };
});

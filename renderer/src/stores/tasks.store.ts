import { create } from 'zustand';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';

/** A task that ran this long is worth a desktop notification when it ends while the window is hidden. */
export const longTaskMs = 10_000;

interface TasksState {
  tasks: TaskRecord[];
  error: string | null;
  start(notify: (task: TaskRecord) => void): () => void;
  cancel(id: string): Promise<boolean>;
  /** Resolves when the task ends (from the events), with its final record. */
  waitFor(id: string): Promise<TaskRecord>;
}

const finished = (s: TaskRecord['status']) => s === 'succeeded' || s === 'failed' || s === 'cancelled' || s === 'partial';
const waiters = new Map<string, ((t: TaskRecord) => void)[]>();

export const useTasksStore = create<TasksState>((set, get) => ({
  tasks: [],
  error: null,
  start(notify) {
    const off = api.on('tasks.updated', (rec) => {
      const tasks = get().tasks;
      const i = tasks.findIndex((t) => t.id === rec.id);
      const next = i >= 0 ? tasks.map((t, j) => (j === i ? rec : t)) : [rec, ...tasks];
      set({ tasks: next.slice(0, 500) });
      if (finished(rec.status)) {
        for (const w of waiters.get(rec.id) ?? []) w(rec);
        waiters.delete(rec.id);
        if ((rec.durationMs ?? 0) >= longTaskMs && document.visibilityState !== 'visible') notify(rec);
      }
    });
    api.invoke('tasks.list', { limit: 200 }).then(
      (list) => {
        // Events that arrived meanwhile are newer than the list: keep them.
        const known = new Map(get().tasks.map((t) => [t.id, t]));
        const merged = [...get().tasks, ...list.filter((t) => !known.has(t.id))];
        merged.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
        set({ tasks: merged, error: null });
      },
      (err: unknown) => set({ error: errorMessage(err) }),
    );
    return off;
  },
  async cancel(id) {
    return (await api.invoke('tasks.cancel', { id })).cancelled;
  },
  waitFor(id) {
    const done = get().tasks.find((t) => t.id === id && finished(t.status));
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
  },
}));

import { create } from 'zustand';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { api } from '../api/client';
import { userMessage } from '../ui/user-message';
import { markAnnounced, wasAnnounced } from './announced-tasks';

/** A task that ran this long is worth a desktop notification when it ends while the window is hidden. */
export const longTaskMs = 10_000;

/** What the panel does when a task ends: notify (long task, hidden window), and toast a failure. */
export interface TaskEndHandlers {
  notify(task: TaskRecord): void;
  failed(task: TaskRecord): void;
}

interface TasksState {
  tasks: TaskRecord[];
  error: string | null;
  /** The bottom panel is open (failures there are seen as they happen). */
  panelOpen: boolean;
  /** The task a toast's link opened: the panel scrolls to it and opens its details. */
  focusTaskId: string | null;
  /** Failed tasks since the panel was last open: the collapsed task bar shows the count. */
  unseenFailures: number;
  start(handlers: TaskEndHandlers): () => void;
  cancel(id: string): Promise<boolean>;
  /** Resolves when the task ends (from the events), with its final record. */
  waitFor(id: string): Promise<TaskRecord>;
  /** Opens the panel (failures count as seen), focused on one task when given. */
  openPanel(taskId?: string): void;
  closePanel(): void;
}

const finished = (s: TaskRecord['status']) => s === 'succeeded' || s === 'failed' || s === 'cancelled' || s === 'partial' || s === 'interrupted';
/** A failure the user must hear about: the task failed whole or in part, or a crash cut it short. */
export const isFailure = (s: TaskRecord['status']) => s === 'failed' || s === 'partial' || s === 'interrupted';
const waiters = new Map<string, ((t: TaskRecord) => void)[]>();

export const useTasksStore = create<TasksState>((set, get) => ({
  tasks: [],
  error: null,
  panelOpen: false,
  focusTaskId: null,
  unseenFailures: 0,
  start(handlers) {
    const announceFailure = (rec: TaskRecord) => {
      if (rec.status === 'interrupted') {
        if (wasAnnounced(rec.id)) return;
        markAnnounced(rec.id);
      }
      if (!get().panelOpen) set({ unseenFailures: get().unseenFailures + 1 });
      handlers.failed(rec);
    };
    const off = api.on('tasks.updated', (rec) => {
      const tasks = get().tasks;
      const i = tasks.findIndex((t) => t.id === rec.id);
      const before = i >= 0 ? tasks[i] : undefined;
      const next = i >= 0 ? tasks.map((t, j) => (j === i ? rec : t)) : [rec, ...tasks];
      set({ tasks: next.slice(0, 500) });
      if (finished(rec.status)) {
        for (const w of waiters.get(rec.id) ?? []) w(rec);
        waiters.delete(rec.id);
        if ((rec.durationMs ?? 0) >= longTaskMs && document.visibilityState !== 'visible') handlers.notify(rec);
        // Once per task: an event repeating the final record must not toast or count twice.
        if (isFailure(rec.status) && !(before && isFailure(before.status))) announceFailure(rec);
      }
    });
    api.invoke('tasks.list', { limit: 200 }).then(
      (list) => {
        // Events that arrived meanwhile are newer than the list: keep them.
        const known = new Map(get().tasks.map((t) => [t.id, t]));
        const merged = [...get().tasks, ...list.filter((t) => !known.has(t.id))];
        merged.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
        set({ tasks: merged, error: null });
        // A task a crash cut short is found here, not in an event: heard about like a failure, once per client.
        for (const t of list) if (t.status === 'interrupted' && !known.has(t.id)) announceFailure(t);
      },
      (err: unknown) => set({ error: userMessage(err) }),
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
  openPanel(taskId) {
    set({ panelOpen: true, unseenFailures: 0, focusTaskId: taskId ?? null });
  },
  closePanel() {
    set({ panelOpen: false, focusTaskId: null });
  },
}));

import type { TaskLeftover, TaskRecord } from '../../../../shared/features/tasks/tasks.contract';

/**
 * The task queue every mutating feature goes through. Interface first (features code against it);
 * the implementation with persistence and events lives beside it (tasks.service.ts). A task's work
 * gets an AbortSignal, a progress reporter and a hook to attach the ledger ids of the scripts it runs.
 */
export interface TaskSpec {
  kind: string;
  titleKey: string;
  titleValues?: Record<string, string | number>;
  hostId?: string;
  vmId?: string;
  vmName?: string;
  cancellable: boolean;
  /** What the work is about to create (VM name, disk paths): journaled before it starts, reported if it is cut short. */
  creates?: TaskLeftover[];
}

export interface TaskContext {
  readonly signal: AbortSignal;
  progress(percent: number | undefined, statusText?: string): void;
  /** Record that a ledger entry belongs to this task (session calls made with this context attach automatically when supported). */
  addLedgerId(id: string): void;
  /** The work learned more about what it made (e.g. the new VM's Id): journaled at once; resolves when on disk. */
  created(leftover: TaskLeftover): Promise<void>;
  /** For bulk tasks: the per-target outcome. */
  item(target: string, status: TaskRecord['status'], error?: TaskRecord['error']): void;
}

export interface TaskHandle {
  readonly id: string;
  /** Settles when the task ends, never rejects: inspect record.status. */
  readonly done: Promise<TaskRecord>;
}

export interface TaskService {
  start(spec: TaskSpec, work: (ctx: TaskContext) => Promise<void>): TaskHandle;
  cancel(id: string): boolean;
  list(filter?: { vmId?: string; hostId?: string; limit?: number }): TaskRecord[];
}

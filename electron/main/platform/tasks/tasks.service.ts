import type { TaskRecord, TaskStatus } from '../../../../shared/features/tasks/tasks.contract';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import { isoNow, systemClock, type Clock } from '../time/clock';
import type { TaskHistory } from './task-history';
import { mergeLeftover, type TaskJournal } from './task-journal';
import type { TaskContext, TaskHandle, TaskService, TaskSpec } from './tasks.port';

export interface TaskServiceDeps {
  history: TaskHistory;
  /** Where a task is recorded before its work starts, so a crash leaves it findable (interrupted at the next start). */
  journal?: TaskJournal;
  /** Pushes a changed record to the UI (tasks.updated). */
  emit(record: TaskRecord): void;
  log: Logger;
  /** Timestamps of the records and the progress throttle's wait. */
  clock?: Clock;
  newId?: () => string;
  /** How many tasks run at once (the rest wait, status 'queued'). Hosts also limit themselves. */
  concurrency?: number;
  /** Minimum gap between two progress events of one task (the final state is always sent). */
  progressIntervalMs?: number;
}

interface Live {
  record: TaskRecord;
  controller: AbortController;
  work: (ctx: TaskContext) => Promise<void>;
  resolve: (r: TaskRecord) => void;
  lastEmit: number;
  /** A Clock timer handle while a throttled progress event waits. */
  pendingEmit: unknown;
}

/** Queue, progress, cancel and persisted history for every mutating action (see task-service.ts). */
export class TaskServiceImpl implements TaskService {
  private readonly live = new Map<string, Live>();
  private readonly waiting: Live[] = [];
  private running = 0;
  private seq = 0;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly concurrency: number;
  private readonly progressIntervalMs: number;

  constructor(private readonly deps: TaskServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.newId = deps.newId ?? (() => `t${this.clock.now().toString(36)}-${(++this.seq).toString(36)}`);
    this.concurrency = deps.concurrency ?? 8;
    this.progressIntervalMs = deps.progressIntervalMs ?? 150;
  }

  start(spec: TaskSpec, work: (ctx: TaskContext) => Promise<void>): TaskHandle {
    const record: TaskRecord = {
      id: this.newId(),
      titleKey: spec.titleKey,
      titleValues: spec.titleValues ?? {},
      kind: spec.kind,
      hostId: spec.hostId,
      vmId: spec.vmId,
      vmName: spec.vmName,
      status: 'queued',
      cancellable: spec.cancellable,
      startedAt: isoNow(this.clock),
      ledgerIds: [],
      ...(spec.creates ? { creates: structuredClone(spec.creates) } : {}),
      items: [],
    };
    let resolve!: (r: TaskRecord) => void;
    const done = new Promise<TaskRecord>((r) => (resolve = r));
    const entry: Live = { record, controller: new AbortController(), work, resolve, lastEmit: 0, pendingEmit: null };
    this.live.set(record.id, entry);
    this.waiting.push(entry);
    this.emitNow(entry);
    this.pump();
    return { id: record.id, done };
  }

  cancel(id: string): boolean {
    const entry = this.live.get(id);
    if (!entry || !entry.record.cancellable) return false;
    if (entry.record.status === 'queued') {
      const i = this.waiting.indexOf(entry);
      if (i >= 0) this.waiting.splice(i, 1);
      entry.controller.abort();
      this.finish(entry, 'cancelled');
      return true;
    }
    entry.controller.abort();
    return true;
  }

  list(filter: { vmId?: string; hostId?: string; limit?: number } = {}): TaskRecord[] {
    const all = [...this.deps.history.all(), ...[...this.live.values()].map((l) => l.record)];
    const matches = all.filter(
      (r) =>
        (filter.hostId === undefined || r.hostId === filter.hostId || r.items.some((i) => i.target.startsWith(`${filter.hostId}/`))) &&
        (filter.vmId === undefined || r.vmId === filter.vmId || r.items.some((i) => i.target.endsWith(`/${filter.vmId}`))),
    );
    matches.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return matches.slice(0, filter.limit ?? 200).map((r) => structuredClone(r));
  }

  /** Cancels what runs and waits for the history to reach the disk. */
  async dispose(): Promise<void> {
    for (const entry of [...this.live.values()]) entry.controller.abort();
    await this.deps.history.flush();
    await this.deps.journal?.flush();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running++;
      void this.run(entry).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(entry: Live): Promise<void> {
    const { record, controller } = entry;
    record.status = 'running';
    this.emitNow(entry);
    // On disk before the work touches anything: after a kill -9 the next start finds it and what it was making.
    // (Without a journal the work starts in this same turn, as before.)
    if (this.deps.journal) await this.deps.journal.begin(record);
    const ctx: TaskContext = {
      signal: controller.signal,
      progress: (percent, statusText) => {
        if (percent !== undefined) record.percent = Math.max(0, Math.min(100, percent));
        if (statusText !== undefined) record.statusText = statusText;
        this.emitThrottled(entry);
      },
      created: (leftover) => {
        record.creates = mergeLeftover(record.creates ?? [], leftover);
        this.emitThrottled(entry);
        return this.deps.journal?.created(record.id, leftover) ?? Promise.resolve();
      },
      addLedgerId: (id) => {
        if (!record.ledgerIds.includes(id)) record.ledgerIds.push(id);
      },
      item: (target, status, error) => {
        const existing = record.items.find((i) => i.target === target);
        if (existing) {
          existing.status = status;
          existing.error = error;
        } else record.items.push({ target, status, error });
        this.emitThrottled(entry);
      },
    };
    try {
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled before it started'); // while journaling
      await entry.work(ctx);
      if (controller.signal.aborted) this.finish(entry, 'cancelled');
      else this.finish(entry, outcomeOfItems(record.items));
    } catch (err) {
      if (controller.signal.aborted) this.finish(entry, 'cancelled');
      else this.finish(entry, 'failed', toShape(err, this.deps.log, record.kind));
    }
  }

  private finish(entry: Live, status: TaskStatus, error?: IpcErrorShape): void {
    const { record } = entry;
    const end = this.clock.now();
    record.status = status;
    record.error = error;
    record.endedAt = new Date(end).toISOString();
    record.durationMs = Math.max(0, end - Date.parse(record.startedAt));
    if (status === 'succeeded') record.percent = 100;
    if (entry.pendingEmit !== null) this.clock.clearTimeout(entry.pendingEmit);
    entry.pendingEmit = null;
    this.live.delete(record.id);
    this.emitNow(entry);
    // The finished record first, then the journal's end: a crash between the two is resolved by recover().
    const journal = this.deps.journal;
    void this.deps.history.add(structuredClone(record)).then(() => journal?.end(record.id));
    entry.resolve(structuredClone(record));
  }

  private emitNow(entry: Live): void {
    entry.lastEmit = this.clock.now();
    this.deps.emit(structuredClone(entry.record));
  }

  private emitThrottled(entry: Live): void {
    if (entry.pendingEmit !== null) return;
    const wait = entry.lastEmit + this.progressIntervalMs - this.clock.now();
    if (wait <= 0) {
      this.emitNow(entry);
      return;
    }
    entry.pendingEmit = this.clock.setTimeout(() => {
      entry.pendingEmit = null;
      if (this.live.has(entry.record.id)) this.emitNow(entry);
    }, wait);
  }
}

/** A task with per-target items succeeds only if all did; some failed → partial; all failed → failed. */
function outcomeOfItems(items: TaskRecord['items']): TaskStatus {
  if (items.length === 0) return 'succeeded';
  const failed = items.filter((i) => i.status === 'failed' || i.status === 'cancelled').length;
  if (failed === 0) return 'succeeded';
  return failed === items.length ? 'failed' : 'partial';
}

function toShape(err: unknown, log: Logger, kind: string): IpcErrorShape {
  if (err instanceof AppError) return err.toShape();
  log.error(`task ${kind}: unexpected failure`, err);
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

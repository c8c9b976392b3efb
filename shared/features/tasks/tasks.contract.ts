import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { IpcErrorShape } from '../../ipc/errors';

/** 'interrupted': the app stopped (crash, kill, power) while the task ran; found in the journal at the next start. */
export const TaskStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'partial', 'interrupted']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * Something a task is about to create on a host, journaled before its work starts, so that a task cut short
 * can say what may be left behind (a VM found by name on its host, or by Id once the task knew it; a disk file).
 */
export const TaskLeftover = z.object({
  kind: z.enum(['vm', 'disk', 'file']),
  hostId: z.string(),
  /** The VM's name (kind 'vm'). */
  name: z.string().optional(),
  /** The VM's Id, once the creating cmdlet returned it. */
  vmId: z.string().optional(),
  /** The file's path on the host (kind 'disk' or 'file'). */
  path: z.string().optional(),
});
export type TaskLeftover = z.infer<typeof TaskLeftover>;

/** One user-visible unit of work (a VM action, a checkpoint apply, an export, a P2V step...). */
export const TaskRecord = z.object({
  id: z.string(),
  /** i18n key of the title, with its values (so the task log translates after the fact). */
  /** An i18n key with its namespace ('inventory:taskTitle.start'); the renderer translates it with titleValues. */
  titleKey: z.string(),
  titleValues: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  kind: z.string(),
  hostId: z.string().optional(),
  vmId: z.string().optional(),
  vmName: z.string().optional(),
  status: TaskStatus,
  percent: z.number().min(0).max(100).optional(),
  statusText: z.string().optional(),
  cancellable: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  durationMs: z.number().optional(),
  /** Ledger entry ids of every PowerShell script the task ran: the "View PowerShell" of the task. */
  ledgerIds: z.array(z.string()).default([]),
  error: IpcErrorShape.optional(),
  /** What the task set out to create (see TaskLeftover); shown when the task was interrupted. */
  creates: z.array(TaskLeftover).optional(),
  /** For bulk tasks: one line per target. */
  items: z
    .array(z.object({ target: z.string(), status: TaskStatus, error: IpcErrorShape.optional() }))
    .default([]),
});
export type TaskRecord = z.infer<typeof TaskRecord>;

export const tasksChannels = {
  'tasks.list': channel(
    z.object({ vmId: z.string().optional(), hostId: z.string().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    z.array(TaskRecord),
  ),
  'tasks.cancel': channel(z.object({ id: z.string() }), z.object({ cancelled: z.boolean() })),
};

export const tasksEvents = {
  /** A task was created or changed (status, progress): small delta, pushed whole. */
  'tasks.updated': event(TaskRecord),
};

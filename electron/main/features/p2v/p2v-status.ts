import { ChecklistItem, type JobStatus, type P2vJob } from '../../../../shared/features/p2v/p2v.contract';

/** Every item of the operator's checklist is ticked. */
export const checklistDone = (checklist: Record<string, boolean>): boolean => ChecklistItem.options.every((k) => checklist[k] === true);

/** Statuses that record an event (the pipeline running, a refusal, a failure, a cancel), kept as written. */
const EVENT_STATUSES = new Set<JobStatus>(['running', 'blocked', 'failed', 'cancelled']);

/**
 * The job's status as its steps say it, applied on every write: a job never shows "running" while it waits for
 * the operator, and "completed" follows the checklist both ways (unticking an item reopens it). Once the VM
 * exists the job is the operator's turn (first boot, checklist): "waiting"; before, it is being set up: "draft".
 */
export function settleJob(job: P2vJob): P2vJob {
  const done = job.vm !== undefined && checklistDone(job.checklist);
  const completed = done ? [...new Set([...job.completed, 'checklist' as const])] : job.completed.filter((s) => s !== 'checklist');
  let status: JobStatus;
  if (EVENT_STATUSES.has(job.status)) status = job.status;
  else if (done) status = 'completed';
  else if (job.vm) status = 'waiting';
  else status = 'draft';
  return { ...job, status, completed };
}

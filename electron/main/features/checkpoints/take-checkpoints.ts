import { judgeCreate } from '../../../../shared/features/checkpoints/checkpoint-safety';
import type { RoleDecision } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import type { CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import type { ParamsOfAction, ResultOfAction } from './checkpoints.scripts';

export interface TakeTarget {
  hostId: string;
  vmId: string;
  vmName?: string;
}

export interface TakeOptions {
  /**
   * 'default' keeps each VM's own CheckpointType (the inventory's quick Checkpoint action). It may be a standard
   * checkpoint, so the domain-controller rule judges it as one.
   */
  kind: CheckpointKind | 'default';
  /** One name for every VM; by default "<VM name> - (<UTC time>)", like Hyper-V Manager's. */
  name?: string;
  overrideReason?: string;
  /** How the task is listed, when the caller's own wording fits better (the inventory's "Checkpoint 3 VMs"). */
  task?: { kind: string; titleKey: string; titleValues: Record<string, string | number>; cancellable?: boolean };
  /** Told of each VM's outcome inside the task (a checkpoint group records its members); `done` runs last. */
  report?: TakeReport;
}

export interface TakeReport {
  taken(t: TakeTarget, result: ResultOfAction<'create'>): void;
  failed(t: TakeTarget, err: unknown): void;
  done(): Promise<void>;
}

export interface TakeDeps {
  role(ref: TakeTarget, signal?: AbortSignal): Promise<RoleDecision & { vmName?: string }>;
  runIn(ctx: TaskContext, hostId: string, params: ParamsOfAction<'create'>): Promise<ResultOfAction<'create'>>;
  tasks: TaskService;
  emitChanged(ref: { hostId: string; vmId: string }): void;
  now(): Date;
}

const target = (t: TakeTarget) => `${t.hostId}/${t.vmId}`;
const UNKNOWN_ROLE_REFUSAL =
  'This VM is not running and has never reported its role, so it is treated as a possible domain controller: a standard checkpoint is refused. Take a production checkpoint, or override with a reason.';
const scriptKind = { standard: 'Standard', production: 'Production', default: 'Default' } as const;

/**
 * Takes a checkpoint of each VM. Safety first, for every VM, before anything runs: a standard checkpoint of a
 * domain controller is refused (CONFLICT) unless an override reason is given, and a bulk request with one
 * such VM is refused whole rather than half-taken. Then one task: a single VM's failure is the task's error;
 * several VMs run in parallel with an item each.
 */
export async function takeCheckpoints(d: TakeDeps, targets: readonly TakeTarget[], opts: TakeOptions, signal?: AbortSignal): Promise<{ taskId: string }> {
  if (targets.length === 0) throw new AppError('VALIDATION', 'No VM to checkpoint');
  const judgedKind: CheckpointKind = opts.kind === 'production' ? 'production' : 'standard';
  const roles = await Promise.all(targets.map((t) => d.role(t, signal)));
  const verdicts = roles.map((r) => judgeCreate(r.isDomainController, judgedKind, opts.overrideReason));
  const refused = targets.filter((_, i) => !verdicts[i]!.allowed);
  if (refused.length > 0) {
    const firstAt = verdicts.findIndex((v) => !v.allowed);
    const first = verdicts[firstAt]!;
    // An 'unknown' role is refused as a possible DC: say why, rather than calling it a DC.
    const message = roles[firstAt]!.source === 'unknown' ? UNKNOWN_ROLE_REFUSAL : first.allowed ? '' : first.message;
    throw targets.length === 1
      ? new AppError('CONFLICT', message, { hostId: refused[0]!.hostId, detail: { rule: 'dc-standard-checkpoint' } })
      : new AppError('CONFLICT', `Domain controllers refuse a standard checkpoint without an override: ${refused.map((t) => t.vmName ?? t.vmId).join(', ')}`, {
          detail: { rule: 'dc-standard-checkpoint', vms: refused.map(target) },
        });
  }
  const overridden = verdicts.some((v) => v.allowed && v.overridden);
  const named = targets.map((t, i) => ({ ...t, vmName: t.vmName ?? roles[i]!.vmName ?? t.vmId }));
  const stamp = d.now().toISOString().slice(0, 19).replace('T', ' ');
  const paramsOf = (t: (typeof named)[number], i: number): ParamsOfAction<'create'> => ({
    VMId: t.vmId,
    SnapshotName: opts.name ?? `${t.vmName} - (${stamp} UTC)`,
    Kind: scriptKind[opts.kind],
    // Only a VM whose rule was overridden carries the reason: the ledger then shows why.
    ...(verdicts[i]!.allowed && verdicts[i]!.overridden ? { OverrideReason: opts.overrideReason } : {}),
  });
  const single = named.length === 1 ? named[0] : undefined;
  const reason: Record<string, string> = overridden ? { reason: opts.overrideReason! } : {};
  const spec = opts.task ?? (single && { kind: 'checkpoint.create', titleKey: 'checkpoints:task.create', titleValues: { name: paramsOf(single, 0).SnapshotName, vm: single.vmName, ...reason } });
  // Only the caller knows how a bulk checkpoint reads in its own list ("Checkpoint 3 VMs").
  if (!spec) throw new AppError('INTERNAL', 'A checkpoint of several VMs needs its task title');
  const handle = d.tasks.start(
    {
      kind: spec.kind,
      titleKey: spec.titleKey,
      titleValues: spec.titleValues,
      hostId: single?.hostId ?? (new Set(named.map((t) => t.hostId)).size === 1 ? named[0]!.hostId : undefined),
      vmId: single?.vmId,
      vmName: single?.vmName,
      cancellable: opts.task?.cancellable ?? false,
    },
    async (ctx) => {
      if (overridden) ctx.progress(undefined, `Safety override: ${opts.overrideReason}`);
      const report = opts.report;
      try {
        if (single) {
          try {
            const result = await d.runIn(ctx, single.hostId, paramsOf(single, 0));
            report?.taken(single, result);
          } catch (err) {
            report?.failed(single, err);
            throw err;
          } finally {
            // Whatever happened, the host is the truth: the UI re-reads the tree.
            d.emitChanged(single);
          }
          return;
        }
        await Promise.all(
          named.map(async (t, i) => {
            if (ctx.signal.aborted) return ctx.item(target(t), 'cancelled');
            ctx.item(target(t), 'running');
            try {
              const result = await d.runIn(ctx, t.hostId, paramsOf(t, i));
              report?.taken(t, result);
              ctx.item(target(t), 'succeeded');
            } catch (err) {
              report?.failed(t, err);
              ctx.item(target(t), ctx.signal.aborted ? 'cancelled' : 'failed', errorShape(err, t.hostId));
            } finally {
              d.emitChanged(t);
            }
          }),
        );
      } finally {
        await report?.done();
      }
    },
  );
  return { taskId: handle.id };
}

function errorShape(err: unknown, hostId: string): IpcErrorShape {
  if (err instanceof AppError) return { ...err.toShape(), hostId };
  return { code: 'PS_ERROR', message: err instanceof Error ? err.message : String(err), hostId };
}

import { randomUUID } from 'node:crypto';
import { missingAcknowledgements } from '../../../../shared/features/checkpoints/checkpoint-safety';
import type { ApplyAcknowledgement, CheckpointGroup, CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { AppError } from '../../../../shared/ipc/errors';
import { vmKey } from '../../../../shared/platform/vm-ref';
import type { DocumentStore } from '../../platform/documents/document-store';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import type { GroupsFile } from './checkpoint-documents';
import type { CheckpointsService, VmRef } from './checkpoints.service';
import type { TakeReport, TakeTarget } from './take-checkpoints';

type Member = CheckpointGroup['members'][number];

/** Where a VM runs now, from what main already knows (the inventory's cache): no host call. */
export type LocateVm = (vmId: string) => { hostId: string } | undefined;

export interface CheckpointGroupsDeps {
  service: Pick<CheckpointsService, 'role' | 'take' | 'runIn'>;
  tasks: TaskService;
  store: DocumentStore<GroupsFile>;
  /** A member is found by its VM Id at use time: a VM live-migrated since the group was taken is on another host. */
  locate?: LocateVm;
  emitChanged(ref: { hostId: string; vmId: string }): void;
  emitGroupsChanged(): void;
  now(): Date;
  newId?: () => string;
}

const target = (m: { hostId: string; vmId: string }) => `${m.hostId}/${m.vmId}`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const scriptKind = (kind: CheckpointKind) => (kind === 'production' ? 'production' : 'standard');

/**
 * Checkpoint groups: one label over checkpoints of several VMs, on one host or several (a multi-tier app
 * before an update), applied or deleted together with a result per VM. Taking them goes through the
 * checkpoints' one door (`take`), so the domain-controller rule holds. A partly taken group can be
 * completed ("Retry failed") or undone ("Roll back": the checkpoints that were made are deleted).
 * The group list lives in <dataDir>/checkpoint-groups.json.
 */
export class CheckpointGroupsService {
  private readonly newId: () => string;

  constructor(private readonly d: CheckpointGroupsDeps) {
    this.newId = d.newId ?? randomUUID;
  }

  async list(): Promise<CheckpointGroup[]> {
    return (await this.d.store.read()).groups;
  }

  async create(label: string, kind: CheckpointKind, members: (VmRef & { vmName: string })[], overrideReason?: string, signal?: AbortSignal) {
    const group: CheckpointGroup = {
      id: this.newId(),
      label,
      kind,
      createdAt: this.d.now().toISOString(),
      members: members.map((m) => ({ hostId: m.hostId, vmId: vmKey(m.vmId), vmName: m.vmName, checkpointId: null, checkpointName: null })),
    };
    // take() judges every member before anything runs (a refusal throws, nothing is saved); the group is saved
    // before the task starts, so a failure part way leaves a group that can be retried or rolled back.
    const { taskId } = await this.takeFor(group, group.members, 'checkpoints:task.groupCreate', overrideReason, signal, async () => {
      await this.save(group);
    });
    return { taskId, groupId: group.id };
  }

  /** Takes the checkpoints the members still lack (their first attempt failed), under the same label and kind. */
  async retry(groupId: string, overrideReason?: string, signal?: AbortSignal) {
    const group = await this.get(groupId);
    const missing = group.members.filter((m) => !m.checkpointId);
    if (missing.length === 0) throw new AppError('CONFLICT', `Every VM of the group "${group.label}" already has its checkpoint.`);
    return this.takeFor(group, missing, 'checkpoints:task.groupRetry', overrideReason, signal);
  }

  async apply(groupId: string, acknowledged: readonly ApplyAcknowledgement[], signal?: AbortSignal) {
    const group = await this.get(groupId);
    const members = group.members.filter((m) => m.checkpointId).map((m) => this.located(m));
    const roles = await Promise.all(members.map((m) => this.d.service.role(m, signal)));
    if (roles.some((r) => r.isDomainController) && missingAcknowledgements(['domain-controller'], acknowledged).length > 0) {
      throw new AppError('CONFLICT', 'The group holds a domain controller (or a VM whose role is unknown): acknowledge the VM-GenerationID / USN rollback warning first.', {
        detail: { rule: 'acknowledgement-required', missing: ['domain-controller'] },
      });
    }
    return this.forEachMember(group, 'checkpoint.group.apply', 'checkpoints:task.groupApply', async (ctx, m) => {
      await this.d.service.runIn(ctx, m.hostId, 'restore', { VMId: m.vmId, CheckpointId: m.checkpointId! });
    });
  }

  /** Deletes the group's checkpoints; the group is forgotten once none is left. */
  remove(groupId: string) {
    return this.removeCheckpoints(groupId, 'checkpoint.group.remove', 'checkpoints:task.groupRemove');
  }

  /** Undoes a partly taken group: the checkpoints that were made are deleted, the group is forgotten. */
  rollback(groupId: string) {
    return this.removeCheckpoints(groupId, 'checkpoint.group.rollback', 'checkpoints:task.groupRollback');
  }

  private async takeFor(group: CheckpointGroup, members: Member[], titleKey: string, overrideReason: string | undefined, signal: AbortSignal | undefined, before?: () => Promise<void>) {
    const targets: TakeTarget[] = members.map((m) => ({ ...this.located(m), vmName: m.vmName }));
    const byVm = new Map(members.map((m) => [m.vmId, m]));
    const report: TakeReport = {
      taken: (t, r) => Object.assign(byVm.get(vmKey(t.vmId))!, { hostId: t.hostId, checkpointId: r.checkpointId, checkpointName: r.checkpointName, error: undefined }),
      failed: (t, err) => Object.assign(byVm.get(vmKey(t.vmId))!, { hostId: t.hostId, error: message(err) }),
      done: () => this.save(group),
    };
    // Judged (and refused) inside take before the task starts; `before` runs only once the request passed.
    const started = await this.d.service.take(
      targets,
      {
        kind: scriptKind(group.kind),
        name: group.label,
        overrideReason,
        report,
        task: { kind: 'checkpoint.group.create', titleKey, titleValues: { label: group.label, count: targets.length }, cancellable: false },
      },
      signal,
    );
    await before?.();
    return started;
  }

  private async removeCheckpoints(groupId: string, kind: string, titleKey: string) {
    const group = await this.get(groupId);
    return this.forEachMember(group, kind, titleKey, async (ctx, m) => {
      await this.d.service.runIn(ctx, m.hostId, 'remove', { VMId: m.vmId, CheckpointId: m.checkpointId! });
    }, async (failedKeys) => {
      // Keep the group only for members whose checkpoint is still there, so it can be retried.
      const rest = group.members.filter((m) => m.checkpointId && failedKeys.has(m.vmId));
      await this.d.store.update((f) => ({
        ...f,
        groups: rest.length ? f.groups.map((g) => (g.id === group.id ? { ...g, members: rest } : g)) : f.groups.filter((g) => g.id !== group.id),
      }));
      this.d.emitGroupsChanged();
    });
  }

  /** The member on the host it runs on now (the inventory's cache), else where its checkpoint was taken. */
  private located(m: Member): Member {
    const now = this.d.locate?.(m.vmId);
    return now && now.hostId !== m.hostId ? { ...m, hostId: now.hostId } : m;
  }

  private forEachMember(
    group: CheckpointGroup,
    kind: string,
    titleKey: string,
    step: (ctx: TaskContext, m: Member) => Promise<void>,
    after?: (failedVmIds: Set<string>) => Promise<void>,
  ) {
    const members = group.members.filter((m) => m.checkpointId).map((m) => this.located(m));
    const handle = this.d.tasks.start({ kind, titleKey, titleValues: { label: group.label, count: members.length }, cancellable: false }, async (ctx) => {
      const failed = new Set<string>();
      await Promise.all(
        members.map(async (m) => {
          ctx.item(target(m), 'running');
          try {
            await step(ctx, m);
            ctx.item(target(m), 'succeeded');
          } catch (err) {
            failed.add(m.vmId);
            ctx.item(target(m), 'failed', { code: err instanceof AppError ? err.code : 'PS_ERROR', message: message(err), hostId: m.hostId });
          } finally {
            this.d.emitChanged(m);
          }
        }),
      );
      await after?.(failed);
    });
    return { taskId: handle.id };
  }

  private async get(groupId: string): Promise<CheckpointGroup> {
    const g = (await this.d.store.read()).groups.find((x) => x.id === groupId);
    if (!g) throw new AppError('NOT_FOUND', `No checkpoint group ${groupId}`);
    return g;
  }

  private async save(group: CheckpointGroup): Promise<void> {
    await this.d.store.update((f) => ({ ...f, groups: [...f.groups.filter((g) => g.id !== group.id), structuredClone(group)] }));
    this.d.emitGroupsChanged();
  }
}

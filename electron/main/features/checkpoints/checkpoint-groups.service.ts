import { randomUUID } from 'node:crypto';
import { judgeCreate, missingAcknowledgements } from '../../../../shared/features/checkpoints/checkpoint-safety';
import type { ApplyAcknowledgement, CheckpointGroup, CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { DocumentStore } from '../../platform/documents/document-store';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import type { GroupsFile } from './checkpoint-documents';
import type { ParamsOfAction } from './checkpoints.scripts';
import type { CheckpointsService, VmRef } from './checkpoints.service';

export interface CheckpointGroupsDeps {
  service: CheckpointsService;
  tasks: TaskService;
  store: DocumentStore<GroupsFile>;
  emitChanged(ref: { hostId: string; vmId: string }): void;
  emitGroupsChanged(): void;
  now(): Date;
  newId?: () => string;
}

const target = (m: { hostId: string; vmId: string }) => `${m.hostId}/${m.vmId}`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Checkpoint groups: one label over checkpoints of several VMs (a multi-tier app before an update),
 * applied or deleted together with a result per VM. The group list lives in <dataDir>/checkpoint-groups.json.
 * Members run in parallel: each host limits its own concurrency, and a group taken "at once" should be
 * as close in time across VMs as the hosts allow.
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
    // Safety first, for every member, before anything runs: a group is refused whole rather than half-taken.
    const roles = await Promise.all(members.map((m) => this.d.service.role(m, signal)));
    const refused = members.filter((_, i) => !judgeCreate(roles[i]!.isDomainController, kind, overrideReason).allowed);
    if (refused.length > 0) {
      throw new AppError('CONFLICT', `Domain controllers in the group refuse a standard checkpoint without an override: ${refused.map((m) => m.vmName).join(', ')}`, {
        detail: { rule: 'dc-standard-checkpoint', vms: refused.map(target) },
      });
    }
    const group: CheckpointGroup = {
      id: this.newId(),
      label,
      kind,
      createdAt: this.d.now().toISOString(),
      members: members.map((m) => ({ hostId: m.hostId, vmId: m.vmId, vmName: m.vmName, checkpointId: null, checkpointName: null })),
    };
    await this.save(group);
    const handle = this.d.tasks.start(
      { kind: 'checkpoint.group.create', titleKey: 'checkpoints:task.groupCreate', titleValues: { label, count: members.length }, cancellable: false },
      async (ctx) => {
        await Promise.all(
          group.members.map(async (m, i) => {
            ctx.item(target(m), 'running');
            try {
              const args: ParamsOfAction<'create'> = { VMId: m.vmId, SnapshotName: label, Kind: kind === 'production' ? 'Production' : 'Standard' };
              if (roles[i]!.isDomainController && kind === 'standard') args.OverrideReason = overrideReason;
              const r = await this.d.service.runIn(ctx, m.hostId, 'create', args);
              m.checkpointId = r.checkpointId;
              m.checkpointName = r.checkpointName;
              ctx.item(target(m), 'succeeded');
            } catch (err) {
              m.error = message(err);
              ctx.item(target(m), 'failed', { code: err instanceof AppError ? err.code : 'PS_ERROR', message: message(err) });
            } finally {
              this.d.emitChanged(m);
            }
          }),
        );
        await this.save(group);
      },
    );
    return { taskId: handle.id, groupId: group.id };
  }

  async apply(groupId: string, acknowledged: readonly ApplyAcknowledgement[], signal?: AbortSignal) {
    const group = await this.get(groupId);
    const members = group.members.filter((m) => m.checkpointId);
    const roles = await Promise.all(members.map((m) => this.d.service.role(m, signal)));
    if (roles.some((r) => r.isDomainController) && missingAcknowledgements(['domain-controller'], acknowledged).length > 0) {
      throw new AppError('CONFLICT', 'The group holds a domain controller: acknowledge the VM-GenerationID / USN rollback warning first.', {
        detail: { rule: 'acknowledgement-required', missing: ['domain-controller'] },
      });
    }
    return this.forEachMember(group, 'checkpoint.group.apply', 'checkpoints:task.groupApply', async (ctx, m) => {
      await this.d.service.runIn(ctx, m.hostId, 'restore', { VMId: m.vmId, CheckpointId: m.checkpointId! });
    });
  }

  async remove(groupId: string) {
    const group = await this.get(groupId);
    return this.forEachMember(group, 'checkpoint.group.remove', 'checkpoints:task.groupRemove', async (ctx, m) => {
      await this.d.service.runIn(ctx, m.hostId, 'remove', { VMId: m.vmId, CheckpointId: m.checkpointId! });
    }, async (failedKeys) => {
      // Keep the group only for members whose checkpoint is still there, so it can be retried.
      const rest = group.members.filter((m) => m.checkpointId && failedKeys.has(target(m)));
      await this.d.store.update((f) => ({
        ...f,
        groups: rest.length ? f.groups.map((g) => (g.id === group.id ? { ...g, members: rest } : g)) : f.groups.filter((g) => g.id !== group.id),
      }));
      this.d.emitGroupsChanged();
    });
  }

  private forEachMember(
    group: CheckpointGroup,
    kind: string,
    titleKey: string,
    step: (ctx: TaskContext, m: CheckpointGroup['members'][number]) => Promise<void>,
    after?: (failed: Set<string>) => Promise<void>,
  ) {
    const members = group.members.filter((m) => m.checkpointId);
    const handle = this.d.tasks.start({ kind, titleKey, titleValues: { label: group.label, count: members.length }, cancellable: false }, async (ctx) => {
      const failed = new Set<string>();
      await Promise.all(
        members.map(async (m) => {
          ctx.item(target(m), 'running');
          try {
            await step(ctx, m);
            ctx.item(target(m), 'succeeded');
          } catch (err) {
            failed.add(target(m));
            ctx.item(target(m), 'failed', { code: err instanceof AppError ? err.code : 'PS_ERROR', message: message(err) });
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

import { analyseChainHealth } from '../../../../shared/features/checkpoints/chain-health';
import {
  decideRole,
  missingAcknowledgements,
  requiredAcknowledgements,
  roleToRemember,
  stateAfterApply,
} from '../../../../shared/features/checkpoints/checkpoint-safety';
import type { ChainHealth, CheckpointTreeData, GuestRole, LastSeenRole, RoleDecision } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { buildCheckpointTree, checkpointAboveNow } from '../../../../shared/features/checkpoints/checkpoint-tree';
import type { ApplyAcknowledgement, ApplyPreview, CheckpointKind } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { AppError } from '../../../../shared/ipc/errors';
import { runInTask } from '../../platform/scripts/in-task';
import type { DisplayNames } from '../../platform/scripts/display';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import { vmKey } from '../../../../shared/platform/vm-ref';
import type { DocumentStore } from '../../platform/documents/document-store';
import type { RolesFile } from './checkpoint-documents';
import { checkpointScripts, type CheckpointActionKey, type ParamsOfAction, type ResultOfAction } from './checkpoints.scripts';
import { takeCheckpoints, type TakeOptions, type TakeTarget } from './take-checkpoints';

export interface VmRef {
  hostId: string;
  vmId: string;
  vmName?: string;
}

/** Tagged multi-VM groups (inventory tags) the VM shares with other VMs. */
export interface TagGroupLookup {
  groupsOf(hostId: string, vmId: string): Promise<{ tag: string; otherVms: string[] }[]>;
}

/** A report is rewritten when the role changed or the stored one is older than this: no write per tree read. */
const SEEN_REFRESH_MS = 15 * 60_000;

function sameReport(before: LastSeenRole | undefined, fresh: LastSeenRole, now: Date): boolean {
  if (!before || before.productType !== fresh.productType || before.isDomainController !== fresh.isDomainController) return false;
  return now.getTime() - Date.parse(before.seenAt) < SEEN_REFRESH_MS;
}

export interface CheckpointsServiceDeps {
  hosts: HostScripts;
  tasks: TaskService;
  roles: DocumentStore<RolesFile>;
  tagGroups: TagGroupLookup;
  emitChanged(ref: { hostId: string; vmId: string }): void;
  now(): Date;
}

/**
 * Checkpoint reads and single-VM actions. Every action is a task; every task re-signals the VM's tree
 * when it ends (success or not) so the UI re-reads it from the host instead of predicting it. Safety
 * rules (domain controllers, multi-VM groups) are enforced here, not only in the UI.
 */
export class CheckpointsService {
  constructor(private readonly d: CheckpointsServiceDeps) {}

  async vms(hostId: string, signal?: AbortSignal) {
    return (await this.d.hosts.on(hostId).run(checkpointScripts.vms, {}, { signal })).value;
  }

  async tree(ref: VmRef, signal?: AbortSignal): Promise<CheckpointTreeData> {
    const { value } = await this.d.hosts.on(ref.hostId).run(checkpointScripts.tree, { VMId: ref.vmId }, { signal });
    const role = await this.judgeRole(ref, value.guest.productType, value.vm.state);
    return { ...value, hostId: ref.hostId, role, fetchedAt: this.d.now().toISOString() };
  }

  /**
   * The role decision: the user's setting when there is one, else the guest's KVP data (one light round trip),
   * else the role it last reported; a VM that is not running and never reported is treated as a possible DC.
   */
  async role(ref: VmRef, signal?: AbortSignal): Promise<RoleDecision & { vmName?: string }> {
    const userRole = await this.userRole(ref);
    if (userRole !== 'auto') return decideRole(userRole, null);
    const { value } = await this.d.hosts.on(ref.hostId).run(checkpointScripts.guestRole, { VMId: ref.vmId }, { signal });
    return { ...(await this.judgeRole(ref, value.productType, value.vmState)), vmName: value.vmName };
  }

  /** Decides with what the guest reports now, and remembers that report by VM Id for when it reports nothing. */
  private async judgeRole(ref: VmRef, productType: number | null, vmState: string): Promise<RoleDecision> {
    const key = vmKey(ref.vmId);
    const f = await this.d.roles.read();
    const before = f.seen[key];
    const fresh = roleToRemember(productType, this.d.now());
    if (fresh && !sameReport(before, fresh, this.d.now())) {
      await this.d.roles.update((doc) => ({ ...doc, seen: { ...doc.seen, [key]: fresh } }));
    }
    return decideRole(f.roles[key] ?? 'auto', productType, { vmState, lastSeen: fresh ?? before ?? null });
  }

  async setRole(ref: VmRef, role: GuestRole): Promise<GuestRole> {
    const key = vmKey(ref.vmId);
    await this.d.roles.update((f) => {
      const roles = { ...f.roles };
      if (role === 'auto') delete roles[key];
      else roles[key] = role;
      return { ...f, roles };
    });
    this.d.emitChanged(ref);
    return role;
  }

  /** One VM's checkpoint, named by the user: the checkpoints tab's "New checkpoint". */
  create(ref: VmRef, name: string, kind: CheckpointKind, overrideReason?: string, signal?: AbortSignal): Promise<{ taskId: string }> {
    return this.take([{ ...ref, vmName: ref.vmName }], { kind, name, overrideReason }, signal);
  }

  /**
   * The one door that creates checkpoints (this tab, the inventory's Checkpoint action, alone or in bulk): the
   * domain-controller rule is judged for every VM before anything runs (take-checkpoints.ts).
   */
  take(targets: TakeTarget[], opts: TakeOptions, signal?: AbortSignal): Promise<{ taskId: string }> {
    return takeCheckpoints(
      { role: (ref, s) => this.role(ref, s), runIn: (ctx, hostId, params) => this.runIn(ctx, hostId, 'create', params), tasks: this.d.tasks, emitChanged: this.d.emitChanged, now: this.d.now },
      targets,
      opts,
      signal,
    );
  }

  async previewApply(ref: VmRef, checkpointId: string, signal?: AbortSignal): Promise<ApplyPreview & { vmName: string }> {
    const data = await this.tree(ref, signal);
    const cp = data.checkpoints.find((c) => c.id.toLowerCase() === checkpointId.toLowerCase());
    if (!cp) throw new AppError('NOT_FOUND', `VM ${data.vm.name} has no checkpoint ${checkpointId}`, { hostId: ref.hostId });
    const groups = await this.d.tagGroups.groupsOf(ref.hostId, ref.vmId);
    return {
      vmName: data.vm.name,
      checkpointName: cp.name,
      resultingState: stateAfterApply(cp.state),
      discardsCurrentState: true,
      domainController: data.role.isDomainController,
      roleSource: data.role.source,
      multiVmGroups: groups,
      required: requiredAcknowledgements(data.role.isDomainController, groups.length),
    };
  }

  async apply(
    ref: VmRef,
    checkpointId: string,
    opts: { checkpointFirstName?: string; acknowledged: readonly ApplyAcknowledgement[]; revert?: boolean },
    signal?: AbortSignal,
  ): Promise<{ taskId: string }> {
    const preview = await this.previewApply(ref, checkpointId, signal);
    const missing = missingAcknowledgements(preview.required, opts.acknowledged);
    if (missing.length > 0) {
      throw new AppError('CONFLICT', `Apply needs these warnings acknowledged first: ${missing.join(', ')}`, {
        hostId: ref.hostId,
        detail: { rule: 'acknowledgement-required', missing },
      });
    }
    const vmName = preview.vmName;
    // A revert is the same restore, but the user asked for "Revert": the task and its ledger entries say so.
    const [kind, titleKey] = opts.revert ? ['checkpoint.revert', 'checkpoints:task.revert'] : ['checkpoint.apply', 'checkpoints:task.apply'];
    return this.vmTask({ ...ref, vmName }, kind, titleKey, { name: preview.checkpointName, vm: vmName }, async (ctx) => {
      if (opts.checkpointFirstName) {
        ctx.progress(10, 'checkpoint-first');
        // A domain controller's safety checkpoint is a production one too: never a memory image of a DC.
        const kind = preview.domainController ? 'Production' : 'Default';
        await this.runIn(ctx, ref.hostId, 'create', { VMId: ref.vmId, SnapshotName: opts.checkpointFirstName, Kind: kind });
      }
      ctx.progress(50, 'apply');
      await this.runIn(ctx, ref.hostId, 'restore', { VMId: ref.vmId, CheckpointId: checkpointId }, { vms: { [ref.vmId]: vmName }, checkpoints: { [checkpointId]: preview.checkpointName } });
    });
  }

  /** Apply the checkpoint directly above "Now", as read from the host just now. */
  async revert(ref: VmRef, opts: { checkpointFirstName?: string; acknowledged: readonly ApplyAcknowledgement[] }, signal?: AbortSignal) {
    const data = await this.tree(ref, signal);
    const above = checkpointAboveNow(buildCheckpointTree(data.checkpoints, data.vm.parentCheckpointId));
    if (!above) throw new AppError('CONFLICT', `VM ${data.vm.name} does not run from a checkpoint: nothing to revert to.`, { hostId: ref.hostId });
    return this.apply(ref, above.id, { ...opts, revert: true }, signal);
  }

  async remove(ref: VmRef, checkpointId: string, includeChildren: boolean, name?: string): Promise<{ taskId: string }> {
    const args: ParamsOfAction<'remove'> = { VMId: ref.vmId, CheckpointId: checkpointId };
    if (includeChildren) args.IncludeAllChildSnapshots = true;
    const titleKey = includeChildren ? 'checkpoints:task.removeSubtree' : 'checkpoints:task.remove';
    const named = await this.names(ref, checkpointId, name);
    return this.vmTask(named.ref, 'checkpoint.remove', titleKey, { name: named.checkpoint, vm: named.vm }, async (ctx) => {
      await this.runIn(ctx, ref.hostId, 'remove', args, named.display);
    });
  }

  async rename(ref: VmRef, checkpointId: string, newName: string): Promise<{ taskId: string }> {
    const named = await this.names(ref, checkpointId);
    return this.vmTask(named.ref, 'checkpoint.rename', 'checkpoints:task.rename', { name: newName, vm: named.vm }, async (ctx) => {
      await this.runIn(ctx, ref.hostId, 'rename', { VMId: ref.vmId, CheckpointId: checkpointId, NewName: newName }, named.display);
    });
  }

  async export(ref: VmRef, checkpointId: string, path: string): Promise<{ taskId: string }> {
    const named = await this.names(ref, checkpointId);
    return this.vmTask(named.ref, 'checkpoint.export', 'checkpoints:task.export', { path, vm: named.vm }, async (ctx) => {
      await this.runIn(ctx, ref.hostId, 'export', { VMId: ref.vmId, CheckpointId: checkpointId, Path: path }, named.display);
    }, true);
  }

  /**
   * Names for a task's title and its View PowerShell: task titles name the VM and the checkpoint, never their Ids.
   * What the caller did not say is read from the host's tree (one read); an unreadable tree leaves a neutral word.
   */
  private async names(ref: VmRef, checkpointId: string, checkpointName?: string) {
    let vm = ref.vmName;
    let checkpoint = checkpointName;
    if (!vm || !checkpoint) {
      const tree = await this.d.hosts.on(ref.hostId).run(checkpointScripts.tree, { VMId: ref.vmId }).then((r) => r.value, () => undefined);
      vm ??= tree?.vm.name;
      checkpoint ??= tree?.checkpoints.find((c) => c.id.toLowerCase() === checkpointId.toLowerCase())?.name;
    }
    const display: DisplayNames = { ...(vm ? { vms: { [ref.vmId]: vm } } : {}), ...(checkpoint ? { checkpoints: { [checkpointId]: checkpoint } } : {}) };
    return { ref: { ...ref, ...(vm ? { vmName: vm } : {}) }, vm: vm ?? '?', checkpoint: checkpoint ?? '?', display };
  }

  async chainHealth(ref: VmRef, signal?: AbortSignal): Promise<ChainHealth> {
    const { value } = await this.d.hosts.on(ref.hostId).run(checkpointScripts.chainHealth, { VMId: ref.vmId }, { signal });
    return analyseChainHealth(value, ref, this.d.now());
  }

  /** The guided clean-up's action: Hyper-V merges the chain itself when a fresh checkpoint is deleted. */
  cleanupMerge(ref: VmRef): Promise<{ taskId: string }> {
    const name = `Hyperdesk merge ${this.d.now().toISOString()}`;
    return this.vmTask(ref, 'checkpoint.cleanup', 'checkpoints:task.cleanup', { vm: ref.vmName ?? ref.vmId }, async (ctx) => {
      await this.runIn(ctx, ref.hostId, 'mergeByCheckpoint', { VMId: ref.vmId, SnapshotName: name });
    });
  }

  /** Runs an action script inside a task: cancellation, progress and the ledger entry follow the task. */
  runIn<K extends CheckpointActionKey>(ctx: TaskContext, hostId: string, key: K, params: ParamsOfAction<K>, names?: DisplayNames): Promise<ResultOfAction<K>> {
    const def = checkpointScripts[key] as unknown as Parameters<typeof runInTask<ParamsOfAction<K>, ResultOfAction<K>>>[2];
    return runInTask(ctx, this.d.hosts.on(hostId), def, params, names ? { names } : {});
  }

  private vmTask(
    ref: VmRef,
    kind: string,
    titleKey: string,
    titleValues: Record<string, string>,
    work: (ctx: TaskContext) => Promise<void>,
    cancellable = false,
  ): Promise<{ taskId: string }> {
    const handle = this.d.tasks.start(
      { kind, titleKey, titleValues, hostId: ref.hostId, vmId: ref.vmId, vmName: ref.vmName, cancellable },
      async (ctx) => {
        try {
          await work(ctx);
        } finally {
          // Whatever happened, the host is the truth: the UI re-reads the tree.
          this.d.emitChanged(ref);
        }
      },
    );
    return Promise.resolve({ taskId: handle.id });
  }

  private async userRole(ref: VmRef): Promise<GuestRole> {
    const f = await this.d.roles.read();
    return f.roles[vmKey(ref.vmId)] ?? 'auto';
  }
}

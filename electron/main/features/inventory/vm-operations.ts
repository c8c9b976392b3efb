import type { VmAction, VmTarget } from '../../../../shared/features/inventory/inventory.contract';
import type { HostOptions, VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import type { NewVmSpec, VmSettingsChange } from '../../../../shared/features/inventory/vm-settings.schema';
import { validateNewVm, validateSettings } from '../../../../shared/features/inventory/vm-settings.validation';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import { runInTask } from '../../platform/scripts/in-task';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import type { CheckpointsPort } from '../checkpoints';
import type { InventoryService } from './inventory.service';
import { inventoryScripts, type PowerAction } from './inventory.scripts';
import type { HostError } from './script-results';
import { newVmArgs, settingsArgs } from './settings-args';

/** VMs sent to the host in one call; between chunks a cancel takes effect. */
const CHUNK = 32;
const perVmTimeoutMs = 30_000;

const hostRefused = (e: HostError, hostId: string): IpcErrorShape => ({
  code: 'PS_ERROR',
  message: e.message,
  hostId,
  detail: { fqid: e.fqid, category: e.category },
  user: { key: 'common:errors.hostSays', values: { message: e.message } },
});

const toShape = (err: unknown, hostId: string): IpcErrorShape =>
  err instanceof AppError ? { ...err.toShape(), hostId } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), hostId };

export interface VmOperationsDeps {
  hosts: HostScripts;
  tasks: TaskService;
  inventory: InventoryService;
  /** Checkpoints are the checkpoints feature's: its `take` applies the domain-controller rule. */
  checkpoints: CheckpointsPort;
}

/**
 * Every change to VMs, each one a task: power actions (one or many VMs: one task with an item per VM),
 * settings, creation and deletion; the Checkpoint action is handed to the checkpoints feature. Reads
 * (details, host options, delete plan) are direct.
 */
export class VmOperations {
  constructor(private readonly d: VmOperationsDeps) {}

  /** One action on one or many VMs across hosts; hosts run in parallel, each in chunks. */
  async act(
    action: VmAction,
    targets: VmTarget[],
    deleteFiles: boolean,
    overrideReason?: string,
    signal?: AbortSignal,
    checkpointKind: 'default' | 'production' = 'default',
  ): Promise<{ taskId: string }> {
    const single = targets.length === 1 ? targets[0] : undefined;
    const titleKey = single ? `inventory:taskTitle.${action}${action === 'delete' && deleteFiles ? 'WithFiles' : ''}` : `inventory:taskTitle.bulk.${action}`;
    const titleValues: Record<string, string | number> = single ? { name: single.vmName } : { count: targets.length };
    if (action === 'checkpoint') {
      // The VM's own checkpoint type, judged by the DC rule; refused (CONFLICT) before any task when it applies.
      return this.d.checkpoints.take(targets, { kind: checkpointKind, overrideReason, task: { kind: 'vm.checkpoint', titleKey, titleValues, cancellable: true } }, signal);
    }
    const handle = this.d.tasks.start(
      {
        kind: action === 'delete' ? 'vm.delete' : `vm.${action}`,
        titleKey,
        titleValues,
        hostId: single?.hostId ?? (new Set(targets.map((t) => t.hostId)).size === 1 ? targets[0]!.hostId : undefined),
        vmId: single?.vmId,
        vmName: single?.vmName,
        cancellable: true,
      },
      (ctx) => this.runAction(ctx, action, targets, deleteFiles),
    );
    return { taskId: handle.id };
  }

  updateSettings(hostId: string, vmId: string, vmName: string, change: VmSettingsChange): { taskId: string } {
    const row = this.d.inventory.row(hostId, vmId);
    if (row) {
      const problems = validateSettings(change, { state: row.state, generation: row.generation, memory: { dynamic: row.dynamicMemory, startup: row.memoryStartup } });
      if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.key).join(', '), { hostId, detail: problems });
    }
    const handle = this.d.tasks.start(
      { kind: 'vm.settings', titleKey: 'inventory:taskTitle.settings', titleValues: { name: vmName }, hostId, vmId, vmName, cancellable: false },
      async (ctx) => {
        await runInTask(ctx, this.d.hosts.on(hostId), inventoryScripts.setVmSettings, settingsArgs(vmId, change), { names: { vms: { [vmId]: vmName } } });
        await this.d.inventory.refreshHost(hostId);
      },
    );
    return { taskId: handle.id };
  }

  create(hostId: string, spec: NewVmSpec): { taskId: string } {
    const problems = validateNewVm(spec);
    if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.key).join(', '), { hostId, detail: problems });
    const handle = this.d.tasks.start(
      {
        kind: 'vm.create',
        titleKey: 'inventory:taskTitle.create',
        titleValues: { name: spec.name },
        hostId,
        vmName: spec.name,
        cancellable: false,
        // Journaled before the script runs: a crash mid-create leaves a task that names the VM and its new disk.
        creates: [{ kind: 'vm', hostId, name: spec.name }, ...(spec.disk.kind === 'new' ? [{ kind: 'disk' as const, hostId, path: spec.disk.path }] : [])],
      },
      async (ctx) => {
        const made = await runInTask(ctx, this.d.hosts.on(hostId), inventoryScripts.newVm, newVmArgs(spec));
        await ctx.created({ kind: 'vm', hostId, name: spec.name, vmId: made.id });
        ctx.item(`${hostId}/${made.id}`, 'succeeded');
        await this.d.inventory.refreshHost(hostId);
      },
    );
    return { taskId: handle.id };
  }

  async details(hostId: string, vmId: string, signal: AbortSignal): Promise<VmDetails> {
    const name = this.d.inventory.row(hostId, vmId)?.name;
    const { value } = await this.d.hosts.on(hostId).run(inventoryScripts.getVmDetails, { VmId: vmId }, { signal, ...(name ? { names: { vms: { [vmId]: name } } } : {}) });
    return { ...value, hostId };
  }

  async hostOptions(hostId: string, signal: AbortSignal): Promise<HostOptions> {
    const { value } = await this.d.hosts.on(hostId).run(inventoryScripts.getHostOptions, {}, { signal });
    return { ...value, hostId };
  }

  async deletePlan(targets: VmTarget[], signal: AbortSignal) {
    const parts = await Promise.all(
      [...groupByHost(targets)].map(async ([hostId, list]) => {
        const { value } = await this.d.hosts.on(hostId).run(inventoryScripts.getVmFiles, { VmId: list.map((t) => t.vmId) }, { signal, names: vmNames(list) });
        return value.vms.map((v) => ({ hostId, vmId: v.id, name: v.name, path: v.path, files: v.files }));
      }),
    );
    return { vms: parts.flat() };
  }

  private async runAction(ctx: TaskContext, action: Exclude<VmAction, 'checkpoint'>, targets: VmTarget[], deleteFiles: boolean): Promise<void> {
    const total = targets.length;
    let done = 0;
    const single = total === 1;
    let singleError: IpcErrorShape | undefined;
    const fail = (t: VmTarget, status: 'failed' | 'cancelled', error: IpcErrorShape) => {
      ctx.item(key(t), status, error);
      if (single) singleError = error;
    };
    await Promise.all(
      [...groupByHost(targets)].map(async ([hostId, list]) => {
        // A power action answers with each VM's row: main updates the grid from it. Only a delete, or a call
        // that failed whole, leaves the host to be re-read.
        let reread = action === 'delete';
        try {
          for (let i = 0; i < list.length; i += CHUNK) {
            const chunk = list.slice(i, i + CHUNK);
            if (ctx.signal.aborted) {
              for (const t of chunk) ctx.item(key(t), 'cancelled');
              continue;
            }
            let results: { id: string; ok: boolean; error: HostError | null }[];
            try {
              results = await this.runChunk(ctx, hostId, action, chunk, deleteFiles, (p) => ctx.progress(((done + (p / 100) * chunk.length) / total) * 100));
            } catch (err) {
              reread = true;
              const shape = toShape(err, hostId);
              for (const t of chunk) fail(t, ctx.signal.aborted ? 'cancelled' : 'failed', shape);
              done += chunk.length;
              continue;
            }
            for (const t of chunk) {
              const r = results.find((x) => x.id.toLowerCase() === t.vmId.toLowerCase());
              if (r?.ok) ctx.item(key(t), 'succeeded');
              else fail(t, 'failed', r?.error ? hostRefused(r.error, hostId) : { code: 'INTERNAL', message: 'No result for this VM', hostId });
            }
            done += chunk.length;
            ctx.progress((done / total) * 100);
          }
        } finally {
          // Show what is left after a delete or a failed call without waiting for the next poll.
          if (reread) await this.d.inventory.refreshHost(hostId);
        }
      }),
    );
    // A single VM's refusal is the task's error, so the panel shows the host's message plainly.
    const err: IpcErrorShape | undefined = singleError;
    if (err && !ctx.signal.aborted) throw new AppError(err.code, err.message, { hostId: err.hostId, detail: err.detail, ...(err.user ? { user: err.user } : {}) });
  }

  private async runChunk(
    ctx: TaskContext,
    hostId: string,
    action: Exclude<VmAction, 'checkpoint'>,
    chunk: VmTarget[],
    deleteFiles: boolean,
    progress: (percent: number) => void,
  ): Promise<{ id: string; ok: boolean; error: HostError | null }[]> {
    const runner = this.d.hosts.on(hostId);
    const VmId = chunk.map((t) => t.vmId);
    const opts = {
      timeoutMs: 60_000 + perVmTimeoutMs * chunk.length,
      progress: false,
      onProgress: (p: { percent: number }) => progress(Math.max(0, p.percent)),
      // View PowerShell names the VMs (Start-VM -Name 'DC1'), not their Ids.
      names: vmNames(chunk),
    };
    if (action === 'delete') return (await runInTask(ctx, runner, inventoryScripts.removeVm, { VmId, DeleteFiles: deleteFiles }, opts)).results;
    const { results } = await runInTask(ctx, runner, inventoryScripts.vmAction, { Action: action as PowerAction, VmId }, opts);
    this.d.inventory.applyRows(hostId, results.flatMap((r) => (r.row ? [r.row] : [])));
    return results;
  }
}

const key = (t: VmTarget) => `${t.hostId}/${t.vmId}`;
const vmNames = (targets: readonly VmTarget[]) => ({ vms: Object.fromEntries(targets.map((t) => [t.vmId, t.vmName])) });

function groupByHost(targets: readonly VmTarget[]): Map<string, VmTarget[]> {
  const m = new Map<string, VmTarget[]>();
  for (const t of targets) {
    const list = m.get(t.hostId) ?? [];
    list.push(t);
    m.set(t.hostId, list);
  }
  return m;
}

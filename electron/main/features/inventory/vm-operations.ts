import type { VmAction, VmTarget } from '../../../../shared/features/inventory/inventory.contract';
import type { HostOptions, VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import type { NewVmSpec, VmSettingsChange } from '../../../../shared/features/inventory/vm-settings.schema';
import { validateNewVm, validateSettings } from '../../../../shared/features/inventory/vm-settings.validation';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { TaskContext, TaskService } from '../../platform/tasks/task-service';
import type { InventoryService } from './inventory.service';
import type { ScriptRunOptions, SessionsPort } from './inventory-ports';
import {
  ActionResult, DetailsResult, HostOptionsResult, NewVmResult, RemoveResult, SettingsResult, VmFilesResult, type HostError,
} from './script-results';
import { newVmArgs, settingsArgs } from './settings-args';

/** VMs sent to the host in one call; between chunks a cancel takes effect. */
const CHUNK = 32;
const perVmTimeoutMs = 30_000;

const hostRefused = (e: HostError, hostId: string): IpcErrorShape => ({
  code: 'PS_ERROR',
  message: e.message,
  hostId,
  detail: { fqid: e.fqid, category: e.category },
});

const toShape = (err: unknown, hostId: string): IpcErrorShape =>
  err instanceof AppError ? { ...err.toShape(), hostId } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), hostId };

/**
 * Every change to VMs, each one a task: power actions and checkpoints (one or many VMs: one task with an
 * item per VM), settings, creation and deletion. Reads (details, host options, delete plan) are direct.
 */
export class VmOperations {
  constructor(
    private readonly sessions: SessionsPort,
    private readonly tasks: TaskService,
    private readonly inventory: InventoryService,
  ) {}

  /** One action on one or many VMs across hosts; hosts run in parallel, each in chunks. */
  act(action: VmAction, targets: VmTarget[], deleteFiles: boolean): { taskId: string } {
    const single = targets.length === 1 ? targets[0] : undefined;
    const kind = action === 'delete' ? 'vm.delete' : `vm.${action}`;
    const titleKey = single ? `taskTitle.${action}${action === 'delete' && deleteFiles ? 'WithFiles' : ''}` : `taskTitle.bulk.${action}`;
    const handle = this.tasks.start(
      {
        kind,
        titleKey,
        titleValues: single ? { name: single.vmName } : { count: targets.length },
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
    const row = this.inventory.row(hostId, vmId);
    if (row) {
      const problems = validateSettings(change, { state: row.state, generation: row.generation, memory: { dynamic: row.dynamicMemory, startup: row.memoryStartup } });
      if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.key).join(', '), { hostId, detail: problems });
    }
    const handle = this.tasks.start(
      { kind: 'vm.settings', titleKey: 'taskTitle.settings', titleValues: { name: vmName }, hostId, vmId, vmName, cancellable: false },
      async (ctx) => {
        await this.sessions.run(hostId, 'inventory/set-vm-settings', settingsArgs(vmId, change), this.opOptions(ctx, SettingsResult, 120_000));
        await this.inventory.refreshHost(hostId);
      },
    );
    return { taskId: handle.id };
  }

  create(hostId: string, spec: NewVmSpec): { taskId: string } {
    const problems = validateNewVm(spec);
    if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.key).join(', '), { hostId, detail: problems });
    const handle = this.tasks.start(
      { kind: 'vm.create', titleKey: 'taskTitle.create', titleValues: { name: spec.name }, hostId, vmName: spec.name, cancellable: false },
      async (ctx) => {
        const made = await this.sessions.run(hostId, 'inventory/new-vm', newVmArgs(spec), this.opOptions(ctx, NewVmResult, 300_000));
        ctx.item(`${hostId}/${made.id}`, 'succeeded');
        await this.inventory.refreshHost(hostId);
      },
    );
    return { taskId: handle.id };
  }

  async details(hostId: string, vmId: string, signal: AbortSignal): Promise<VmDetails> {
    const d = await this.sessions.run(hostId, 'inventory/get-vm-details', { VmId: vmId }, { schema: DetailsResult, lane: 'read', signal, timeoutMs: 60_000 });
    return { ...d, hostId };
  }

  async hostOptions(hostId: string, signal: AbortSignal): Promise<HostOptions> {
    const o = await this.sessions.run(hostId, 'inventory/get-host-options', {}, { schema: HostOptionsResult, lane: 'read', signal, timeoutMs: 60_000 });
    return { ...o, hostId };
  }

  async deletePlan(targets: VmTarget[], signal: AbortSignal) {
    const byHost = groupByHost(targets);
    const parts = await Promise.all(
      [...byHost].map(async ([hostId, list]) => {
        const r = await this.sessions.run(hostId, 'inventory/get-vm-files', { VmId: list.map((t) => t.vmId) }, { schema: VmFilesResult, lane: 'read', signal, timeoutMs: 60_000 });
        return r.vms.map((v) => ({ hostId, vmId: v.id, name: v.name, path: v.path, files: v.files }));
      }),
    );
    return { vms: parts.flat() };
  }

  private async runAction(ctx: TaskContext, action: VmAction, targets: VmTarget[], deleteFiles: boolean): Promise<void> {
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
        try {
          for (let i = 0; i < list.length; i += CHUNK) {
            const chunk = list.slice(i, i + CHUNK);
            if (ctx.signal.aborted) {
              for (const t of chunk) ctx.item(key(t), 'cancelled');
              continue;
            }
            const ids = chunk.map((t) => t.vmId);
            const onProgress = (p: { percent: number }) => ctx.progress(((done + (p.percent / 100) * chunk.length) / total) * 100);
            const opts = { ...this.opOptions(ctx, undefined, 60_000 + perVmTimeoutMs * chunk.length), onProgress };
            let results: { id: string; ok: boolean; error: HostError | null }[];
            try {
              results =
                action === 'delete'
                  ? (await this.sessions.run(hostId, 'inventory/remove-vm', { VmId: ids, DeleteFiles: deleteFiles }, { ...opts, schema: RemoveResult })).results
                  : (await this.sessions.run(hostId, 'inventory/vm-action', { Action: action, VmId: ids }, { ...opts, schema: ActionResult })).results;
            } catch (err) {
              const shape = toShape(err, hostId);
              for (const t of chunk) fail(t, ctx.signal.aborted ? 'cancelled' : 'failed', shape);
              done += chunk.length;
              continue;
            }
            for (const t of chunk) {
              const r = results.find((x) => x.id === t.vmId);
              if (r?.ok) ctx.item(key(t), 'succeeded');
              else fail(t, 'failed', r?.error ? hostRefused(r.error, hostId) : { code: 'INTERNAL', message: 'No result for this VM', hostId });
            }
            done += chunk.length;
            ctx.progress((done / total) * 100);
          }
        } finally {
          // Show the new states (or what is left after a failure) without waiting for the next poll.
          await this.inventory.refreshHost(hostId);
        }
      }),
    );
    // A single VM's refusal is the task's error, so the panel shows the host's message plainly.
    const err: IpcErrorShape | undefined = singleError;
    if (err && !ctx.signal.aborted) throw new AppError(err.code, err.message, { hostId: err.hostId, detail: err.detail });
  }

  private opOptions<T>(ctx: TaskContext, schema: ScriptRunOptions<T>['schema'] | undefined, timeoutMs: number): ScriptRunOptions<T> {
    return {
      schema: schema as ScriptRunOptions<T>['schema'],
      lane: 'op',
      signal: ctx.signal,
      timeoutMs,
      onProgress: (p) => ctx.progress(p.percent, p.status),
      onLedgerId: (id) => ctx.addLedgerId(id),
    };
  }
}

const key = (t: VmTarget) => `${t.hostId}/${t.vmId}`;

function groupByHost(targets: readonly VmTarget[]): Map<string, VmTarget[]> {
  const m = new Map<string, VmTarget[]>();
  for (const t of targets) {
    const list = m.get(t.hostId) ?? [];
    list.push(t);
    m.set(t.hostId, list);
  }
  return m;
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointsModule } from '../../../electron/main/features/checkpoints/checkpoints.feature';
import { createInventoryFeature } from '../../../electron/main/features/inventory/inventory.feature';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { CallContext, Handler } from '../../../electron/main/platform/ipc/handlers';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import type { VmSettingsChange } from '../../../shared/features/inventory/vm-settings.schema';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

// The settings editor's device edits through the inventory's main side (real FeatureModule, task service, session
// layer) against a lab host: each edit is a task, persists, and reads back through get-vm-details.ps1.
let h: Harness;
let feature: Awaited<ReturnType<typeof createInventoryFeature>>;
const hostIds: string[] = [];
const records: TaskRecord[] = [];
const changed: string[] = [];
const scriptCalls: { hostId: string; script: string }[] = [];
const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

async function call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const handler = feature.handlers[name] as Handler<K> | undefined;
  if (!handler) throw new Error(`no handler ${name}`);
  return handler(input, ctx);
}

async function finished(taskId: string): Promise<TaskRecord> {
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    const r = records.filter((x) => x.id === taskId).at(-1);
    if (r?.endedAt) return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`task ${taskId} did not finish`);
}

async function rows(): Promise<VmRow[]> {
  return (await call('inventory.refresh', {})).hosts.flatMap((x) => x.vms);
}
const named = async (name: string) => {
  const r = (await rows()).find((v) => v.name === name);
  if (!r) throw new Error(`no VM ${name}`);
  return r;
};

beforeAll(async () => {
  h = await createHarness();
  for (const f of ['inventory', 'checkpoints']) symlinkSync(join(repoRoot, 'electron', 'main', 'features', f), join(h.dir, 'resources', 'electron', 'main', 'features', f));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  for (const s of seeded) {
    const id = (await h.registry.add({ name: s.name, transport: 'lab', labStateDir: s.stateDir })).id;
    hostIds.push(id);
    stateDirs.set(id, s.stateDir);
  }
  for (const id of hostIds) await h.waitFor(id, 'ready', 90_000);
  const tasks = new TaskServiceImpl({ history: new TaskHistory(join(h.dir, 'data', 'tasks.jsonl'), nodeStateFiles, console), emit: (rec) => records.push(rec), log: console, progressIntervalMs: 0 });
  // As compose.ts wires them: one HostScripts (counting the round trips), the checkpoints feature behind its port.
  const hosts = createHostScripts(
    {
      runDetailed: (hostId, script, args, opts) => {
        scriptCalls.push({ hostId, script });
        return h.registry.runDetailed(hostId, script, args, opts);
      },
      list: () => h.registry.list(),
    },
    () => () => undefined,
  );
  const checkpoints = createCheckpointsModule({ dataDir: join(h.dir, 'data'), hosts, tasks, bus: new EventBus(), files: nodeStateFiles, log: console });
  feature = await createInventoryFeature({
    dataDir: join(h.dir, 'data'),
    hosts,
    tasks,
    files: nodeStateFiles,
    clock: systemClock,
    checkpoints: checkpoints.port,
    log: console,
    emitChanged: (id) => changed.push(id),
    emitPrefsChanged: () => undefined,
  });
}, 240_000);
afterAll(async () => {
  await feature?.dispose?.();
  await h?.dispose();
});

const GB = 1024 ** 3;
const stateDirs = new Map<string, string>();

/** Makes one cmdlet fail on a lab host as the host would ('faults' in its state), or clears it (null). */
function plantFault(hostId: string, cmdlet: string, message: string | null) {
  const body = message === null ? `$s['host'].Remove('faults')` : `$s['host']['faults'] = @{ '${cmdlet}' = '${message.replace(/'/g, "''")}' }`;
  const script = `$env:PSModulePath = '${join(repoRoot, 'assets', 'lab', 'modules')}' + [IO.Path]::PathSeparator + $env:PSModulePath; $env:HYPERDESK_LAB_STATE = '${stateDirs.get(hostId)}'; Import-Module Hyper-V -WarningAction SilentlyContinue; & (Get-Module Hyper-V) { Update-LabState { param($s) ${body} } }`;
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function settings(vm: VmRow, change: VmSettingsChange): Promise<TaskRecord> {
  return finished((await call('vms.updateSettings', { hostId: vm.hostId, vmId: vm.id, vmName: vm.name, change })).taskId);
}

describe('settings editor devices against a lab host', () => {
  it('adds a disk, inserts an ISO, sets VLAN, MAC, spoofing and bandwidth, adds an adapter; each reads back', async () => {
    const vm = await named('測試伺服器');
    expect(vm.state).toBe('Off');
    const before = await call('vms.details', { hostId: vm.hostId, vmId: vm.id });
    const folder = join(h.dir, 'lab', 'extra');
    mkdirSync(folder, { recursive: true });
    const iso = join(folder, 'install [x].iso');
    writeFileSync(iso, 'iso');
    const disk = join(folder, 'data disk.vhdx');
    const nic = before.networkAdapters[0]!;

    const t1 = await settings(vm, {
      addDisks: [{ kind: 'new', path: disk, sizeBytes: 8 * GB }],
      addDvdDrive: before.dvdDrives.length === 0 ? { path: iso } : undefined,
      dvdDrives: before.dvdDrives.length ? [{ controllerNumber: before.dvdDrives[0]!.controllerNumber, controllerLocation: before.dvdDrives[0]!.controllerLocation, path: iso }] : undefined,
      networkAdapters: [{ id: nic.id, vlanId: 42, mac: '00-15-5D-AA-BB-CC', macSpoofing: true, maximumBandwidth: 100_000_000 }],
      addAdapters: [{ switchName: null }],
    });
    expect(t1.error?.message ?? '').toBe('');
    expect(t1.status).toBe('succeeded');
    const d1 = await call('vms.details', { hostId: vm.hostId, vmId: vm.id });
    const added = d1.hardDrives.find((x) => x.path === disk);
    expect(added).toMatchObject({ vhdFormat: 'VHDX', vhdType: 'Dynamic', size: 8 * GB });
    expect(existsSync(disk)).toBe(true);
    expect(d1.dvdDrives.map((x) => x.path)).toContain(iso);
    expect(d1.networkAdapters.find((x) => x.id === nic.id)).toMatchObject({ vlanId: 42, macAddress: '00155DAABBCC', dynamicMac: false, macSpoofing: true, maximumBandwidth: 100_000_000 });
    expect(d1.networkAdapters).toHaveLength(before.networkAdapters.length + 1);

    // Expand the new disk, eject the ISO, untag the VLAN, back to a dynamic MAC, remove the added adapter.
    const newNic = d1.networkAdapters.find((x) => !before.networkAdapters.some((b) => b.id === x.id))!;
    const dvd = d1.dvdDrives.find((x) => x.path === iso)!;
    const t2 = await settings(vm, {
      resizeDisks: [{ controllerType: added!.controllerType as 'SCSI', controllerNumber: added!.controllerNumber, controllerLocation: added!.controllerLocation, sizeBytes: 16 * GB }],
      dvdDrives: [{ controllerNumber: dvd.controllerNumber, controllerLocation: dvd.controllerLocation, path: null }],
      networkAdapters: [{ id: nic.id, vlanId: 0, mac: null }],
      removeAdapters: [newNic.id],
    });
    expect(t2.error?.message ?? '').toBe('');
    const d2 = await call('vms.details', { hostId: vm.hostId, vmId: vm.id });
    expect(d2.hardDrives.find((x) => x.path === disk)?.size).toBe(16 * GB);
    expect(d2.dvdDrives.find((x) => x.controllerLocation === dvd.controllerLocation && x.controllerNumber === dvd.controllerNumber)?.path).toBeNull();
    expect(d2.networkAdapters.find((x) => x.id === nic.id)).toMatchObject({ vlanId: 0, dynamicMac: true });
    expect(d2.networkAdapters.map((x) => x.id)).not.toContain(newNic.id);

    // Detach keeps the file unless deleting it was chosen.
    const t3 = await settings(vm, { removeDisks: [{ controllerType: added!.controllerType as 'SCSI', controllerNumber: added!.controllerNumber, controllerLocation: added!.controllerLocation, deleteFile: true }] });
    expect(t3.error?.message ?? '').toBe('');
    const d3 = await call('vms.details', { hostId: vm.hostId, vmId: vm.id });
    expect(d3.hardDrives.map((x) => x.path)).not.toContain(disk);
    expect(existsSync(disk)).toBe(false);
  }, 180_000);

  it('a new disk that cannot be attached is not left behind, and the host says why', async () => {
    const vm = await named('測試伺服器');
    const disk = join(h.dir, 'lab', 'extra', 'orphan.vhdx');
    // The host refuses the attach after New-VHD made the file (a fault planted in the lab host's state).
    plantFault(vm.hostId, 'Add-VMHardDiskDrive', 'The disk cannot be attached: access denied.');
    try {
      const t = await settings(vm, { addDisks: [{ kind: 'new', path: disk, sizeBytes: 2 * GB }] });
      expect(t.status).toBe('failed');
      expect(t.error?.message).toMatch(/access denied/);
    } finally {
      plantFault(vm.hostId, 'Add-VMHardDiskDrive', null);
    }
    expect(existsSync(disk)).toBe(false);
    // Nothing half-made: a retry with the same path works.
    const again = await settings(vm, { addDisks: [{ kind: 'new', path: disk, sizeBytes: 2 * GB }] });
    expect(again.error?.message ?? '').toBe('');
    expect((await call('vms.details', { hostId: vm.hostId, vmId: vm.id })).hardDrives.map((x) => x.path)).toContain(disk);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import type { VmSettingsChange } from '../../../shared/features/inventory/vm-settings.schema';
import { repoRoot } from '../sessions/session-harness';
import { call, finished, h, named, stateDirs, useInventoryLab } from './inventory-lab-fixture';

// The settings editor's device edits against a lab host: each edit is a task, persists, and reads back through
// get-vm-details.ps1.
useInventoryLab();


const GB = 1024 ** 3;

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

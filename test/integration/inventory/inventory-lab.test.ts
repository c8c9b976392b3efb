import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { call, changed, feature, finished, h, hostIds, named, rows, scriptCalls, useInventoryLab } from './inventory-lab-fixture';

// The inventory against two lab hosts: one round trip per host, lifecycle actions, bulk across hosts, settings,
// create and delete with files.
useInventoryLab();
const target = (r: VmRow) => ({ hostId: r.hostId, vmId: r.id, vmName: r.name });

describe('inventory against lab hosts', () => {
  it('reads every host in one round trip each, with every grid field, and caches it', async () => {
    scriptCalls.length = 0;
    const { hosts } = await call('inventory.refresh', {});
    expect(scriptCalls.map((c) => c.script)).toEqual(['inventory/get-inventory', 'inventory/get-inventory']);
    expect(new Set(scriptCalls.map((c) => c.hostId)).size).toBe(2);
    // A read that runs every few seconds stays out of the ledger when it succeeds.
    expect(h.ledger.list({ limit: 5000 }).some((e) => e.script === 'inventory/get-inventory')).toBe(false);
    expect(hosts.map((x) => x.stale)).toEqual([false, false]);
    const all = hosts.flatMap((x) => x.vms);
    const dc1 = all.find((v) => v.name === 'DC1')!;
    expect(dc1).toMatchObject({ state: 'Running', generation: 2 });
    expect(dc1.checkpointCount).toBeGreaterThan(0);
    expect(dc1.heartbeat).toMatch(/^Ok/);
    // The IP addresses column, from the same round trip: what the running guest reports (KVP), none when off.
    expect(dc1.ipAddresses).toEqual(['10.0.0.10', 'fe80::10']);
    expect(all.filter((v) => v.state === 'Off').every((v) => v.ipAddresses.length === 0)).toBe(true);
    expect(all.map((v) => v.name)).toContain('測試伺服器');
    await feature.inventory.dispose(); // flushes the cache file
    expect(existsSync(join(h.dir, 'data', 'inventory-cache.json'))).toBe(true);
  });

  it('starts a VM, records the PowerShell in the task, and the next read shows the new state', async () => {
    const vm = await named('LEGACY-APP');
    expect(vm.state).toBe('Off');
    scriptCalls.length = 0;
    changed.length = 0;
    const rec = await finished((await call('inventory.action', { action: 'start', targets: [target(vm)], deleteFiles: false })).taskId);
    expect(rec.status).toBe('succeeded');
    // One round trip: the action answers with the VM's row, main holds it and signals the host, and the
    // snapshot the grid and the details panel then pull is answered without another call.
    expect(scriptCalls.map((c) => c.script)).toEqual(['inventory/vm-action']);
    expect(changed).toEqual([vm.hostId]);
    const shown = (await call('inventory.snapshot', { hostIds: [vm.hostId] })).hosts[0]!.vms.find((v) => v.id === vm.id);
    expect(shown).toMatchObject({ state: 'Running' });
    expect(shown!.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(scriptCalls).toHaveLength(1);
    expect(rec.ledgerIds.length).toBe(1);
    const entry = h.ledger.list({ limit: 5000 }).find((e) => e.id === rec.ledgerIds[0]);
    expect(entry?.script).toBe('inventory/vm-action');
    // View PowerShell: the cmdlet by the VM's name, and the script by its name; no path of this machine.
    expect(entry?.command).toBe("Start-VM -Name 'LEGACY-APP'");
    expect(entry?.scriptCall).toBe(`vm-action.ps1 -Action 'start' -VmId @('${vm.id}')`);
    expect(JSON.stringify(entry)).not.toContain(h.dir);
    expect((await named('LEGACY-APP')).state).toBe('Running');
    // Starting it again: the host refuses, and its own message is the task's error.
    const again = await finished((await call('inventory.action', { action: 'start', targets: [target(vm)], deleteFiles: false })).taskId);
    expect(again.status).toBe('failed');
    expect(again.error?.code).toBe('PS_ERROR');
    expect(again.error?.message.length).toBeGreaterThan(5);
  });

  it('checkpoint from the grid: a domain controller is refused without a reason, taken with one (through the checkpoints feature)', async () => {
    const dc1 = await named('DC1');
    const before = dc1.checkpointCount;
    scriptCalls.length = 0;
    await expect(call('inventory.action', { action: 'checkpoint', targets: [target(dc1)], deleteFiles: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(scriptCalls.map((c) => c.script)).toEqual(['checkpoints/get-guest-role']);
    const rec = await finished((await call('inventory.action', { action: 'checkpoint', targets: [target(dc1)], deleteFiles: false, overrideReason: 'lab test before a schema change' })).taskId);
    expect(rec.status).toBe('succeeded');
    const entry = h.ledger.list({ limit: 5000 }).find((e) => e.id === rec.ledgerIds.at(-1));
    expect(entry?.script).toBe('checkpoints/new-checkpoint');
    expect(entry?.scriptCall).toContain('lab test before a schema change'); // the reason travels as data, as recorded
    expect((await named('DC1')).checkpointCount).toBe(before + 1);
  });

  it('bulk-saves VMs on both hosts in one task with one item per VM, then resumes them', async () => {
    const all = await rows();
    const picks = ['FS1', 'WEB1', 'LNX1'].map((n) => all.find((v) => v.name === n)!);
    expect(new Set(picks.map((p) => p.hostId)).size).toBe(2);
    const saved = await finished((await call('inventory.action', { action: 'save', targets: picks.map(target), deleteFiles: false })).taskId);
    expect(saved.status).toBe('succeeded');
    expect(saved.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(saved.ledgerIds).toHaveLength(2);
    const after = await rows();
    for (const p of picks) expect(after.find((v) => v.id === p.id)?.state).toBe('Saved');
    const started = await finished((await call('inventory.action', { action: 'start', targets: picks.map(target), deleteFiles: false })).taskId);
    expect(started.status).toBe('succeeded');
  });

  it('creates a VM with a new disk, edits its memory and notes, reads the details back, then deletes it with its files', async () => {
    const hostId = hostIds[0]!;
    const options = await call('vms.hostOptions', { hostId });
    expect(options.switches.length).toBeGreaterThan(0);
    const name = `it-新機器-${Date.now().toString(36)}`;
    const diskPath = join(options.virtualHardDiskPath, `${name}.vhdx`);
    const created = await finished(
      (await call('vms.create', { hostId, spec: { name, generation: 2, memoryStartup: 1024 ** 3, dynamicMemory: false, processorCount: 2, switchName: options.switches[0]!.name, disk: { kind: 'new', path: diskPath, sizeBytes: 2 * 1024 ** 3 }, isoPath: null, location: null } })).taskId,
    );
    expect(created.error?.message ?? '').toBe('');
    expect(existsSync(diskPath)).toBe(true);
    const vm = await named(name);

    // The host's rules are checked before sending...
    await expect(Promise.resolve().then(() => call('vms.updateSettings', { hostId, vmId: vm.id, vmName: name, change: { memory: { dynamic: true, startup: 2 * 1024 ** 3, minimum: 4 * 1024 ** 3, maximum: 8 * 1024 ** 3 } } }))).rejects.toThrow(/memoryMinAboveStartup/);
    // ...and a valid change is applied by the host.
    const set = await finished(
      (await call('vms.updateSettings', { hostId, vmId: vm.id, vmName: name, change: { memory: { dynamic: true, startup: 2 * 1024 ** 3, minimum: 512 * 1024 ** 2, maximum: 8 * 1024 ** 3, buffer: 25 }, processor: { count: 4 }, notes: 'note "$(whoami)" `x' } })).taskId,
    );
    expect(set.error?.message ?? '').toBe('');
    const d = await call('vms.details', { hostId, vmId: vm.id });
    expect(d.memory).toMatchObject({ dynamic: true, startup: 2 * 1024 ** 3, minimum: 512 * 1024 ** 2, maximum: 8 * 1024 ** 3, buffer: 25 });
    expect(d.processor.count).toBe(4);
    expect(d.notes).toBe('note "$(whoami)" `x');
    expect(d.hardDrives.map((x) => x.path)).toContain(diskPath);

    const plan = await call('vms.deletePlan', { targets: [target(vm)] });
    expect(plan.vms[0]?.files).toContain(diskPath);
    const del = await finished((await call('inventory.action', { action: 'delete', targets: [target(vm)], deleteFiles: true })).taskId);
    expect(del.status).toBe('succeeded');
    expect(existsSync(diskPath)).toBe(false);
    expect((await rows()).some((v) => v.id === vm.id)).toBe(false);
  });

  it('details carry the guest data from KVP for a running VM', async () => {
    const dc1 = await named('DC1');
    const d = await call('vms.details', { hostId: dc1.hostId, vmId: dc1.id });
    expect(d.state).toBe('Running');
    expect(d.guest.computerName ?? '').toMatch(/DC1/i);
    expect(d.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

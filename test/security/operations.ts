import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { checkpointScripts } from '../../electron/main/features/checkpoints/checkpoints.scripts';
import { sendConsoleKeysScript, sendConsoleMouseScript, startConsoleVmScript } from '../../electron/main/features/console/console.scripts';
import { inventoryScripts, type PowerAction } from '../../electron/main/features/inventory/inventory.scripts';
import { removeIsolatedSwitchScript } from '../../electron/main/features/p2v/p2v-isolated-switch';
import { createVmScript, vmActionScript } from '../../electron/main/features/p2v/p2v.scripts';
import type { HostFacts, VmFacts, WildcardLab } from './wildcards-lab';

/*
 * Every operation the app has that changes a Hyper-V host, as a row the wildcard test runs for each hostile name.
 * A row makes its target (a VM with the hostile name, in the state the operation needs), runs the operation the
 * way the feature does (its shipped script through HostScripts, with the parameters main sends), and says how the
 * target shows that it did act. The test snapshots every other VM and switch around `run` and requires them
 * unchanged. A new capability that changes a host adds its row here.
 */

export interface Target {
  id: string;
  name: string;
  /** A checkpoint of the target the operation works on (made in setup). */
  checkpointId?: string;
  /** A file the operation must leave alone (the user's P2V image). */
  keepFile?: string;
  /** A switch the operation works on (its own change is not collateral). */
  switchId?: string;
  /** A checkpoint group the operation works on. */
  groupId?: string;
}

/** The whole host around `run`, for an operation whose target is not a VM (a switch). */
export interface HostAround {
  before: HostFacts;
  after: HostFacts;
  target: Target;
}

export interface WildcardOperation {
  name: string;
  /** Makes the target with this hostile name. An operation that creates the VM returns it without an id. */
  setup(lab: WildcardLab, name: string): Promise<Target>;
  /** Runs the operation on the target; returns the target as it is afterwards (a create fills in the id). */
  run(lab: WildcardLab, target: Target, before: VmFacts | undefined): Promise<Target>;
  /** Proof the operation reached its target (after is undefined when the VM is gone). */
  acted(before: VmFacts | undefined, after: VmFacts | undefined, host: HostAround): boolean;
}

/** A checkpoint name that is itself a pattern: by name it would match 'before1' on every decoy. */
export const HOSTILE_CHECKPOINT = 'before[1]';

const vmOff = (lab: WildcardLab, name: string) => lab.makeVm(name);
const vmRunning = (lab: WildcardLab, name: string) => lab.makeVm(name, { running: true, guest: true });
const cps = (f: VmFacts | undefined) => f?.checkpoints ?? [];
const isIn = (f: VmFacts | undefined, states: string[]) => !!f && states.includes(f.state);

function power(action: PowerAction, setup: (lab: WildcardLab, name: string) => Promise<Target>, states: string[]): WildcardOperation {
  return {
    name: `inventory ${action}`,
    setup,
    run: async (lab, t) => {
      await lab.run(inventoryScripts.vmAction, { Action: action, VmId: [t.id] });
      return t;
    },
    acted: (_b, a) => isIn(a, states),
  };
}

async function withCheckpoint(lab: WildcardLab, name: string, extra?: string): Promise<Target> {
  const vm = await vmOff(lab, name);
  const checkpointId = await lab.checkpoint(vm.id, HOSTILE_CHECKPOINT);
  if (extra) await lab.checkpoint(vm.id, extra);
  return { ...vm, checkpointId };
}

function p2vAction(action: 'start' | 'rollback' | 'production' | 'remove-checkpoint', acted: WildcardOperation['acted']): WildcardOperation {
  return {
    name: `p2v ${action}`,
    setup: async (lab, name) => {
      const made = await p2vCreate(lab, name);
      if (action === 'rollback') await lab.run(vmActionScript, { VmId: made.id, Action: 'start', CheckpointId: made.checkpointId, CheckpointName: HOSTILE_CHECKPOINT });
      return made;
    },
    run: async (lab, t) => {
      await lab.run(vmActionScript, { VmId: t.id, Action: action, CheckpointId: t.checkpointId, CheckpointName: HOSTILE_CHECKPOINT, SwitchName: 'External' });
      return t;
    },
    acted,
  };
}

/** P2V create-vm as the pipeline calls it, from an image the test put on the host (the user's data). */
async function p2vCreate(lab: WildcardLab, name: string, image?: string): Promise<Target> {
  const keepFile = image ?? join(lab.vhdDir, `image-${randomUUID()}.vhdx`);
  if (!image) await lab.newImage(keepFile);
  const vm = await lab.run(createVmScript, {
    Name: name,
    Generation: 2,
    VhdPath: keepFile,
    MemoryStartupBytes: 1024 ** 3,
    ProcessorCount: 2,
    IsolatedSwitchName: 'Hyperdesk P2V isolated',
    JobId: randomUUID(),
    CheckpointName: HOSTILE_CHECKPOINT,
  });
  return { id: vm.vmId, name, checkpointId: vm.checkpointId, keepFile };
}

function newVmParams(lab: WildcardLab, name: string, isoPath?: string) {
  return {
    Name: name,
    Generation: 2 as const,
    MemoryStartupBytes: 1024 ** 3,
    ProcessorCount: 2,
    SwitchName: 'Internal',
    DiskKind: 'new' as const,
    DiskPath: join(lab.vhdDir, `new-${randomUUID()}.vhdx`),
    DiskSizeBytes: 2 * 1024 ** 3,
    ...(isoPath ? { IsoPath: isoPath } : {}),
  };
}

/** The switch P2V names for a job's first boots; a hostile VM name makes it a pattern (decoys: wildcards.test.ts). */
export const isolatedSwitchName = (vmName: string) => `${vmName} isolated`;

/** A settings change as main sends it (set-vm-settings.ps1 with the device groups), on an off VM. */
function settings(name: string, change: (lab: WildcardLab, t: Target, before: VmFacts) => Record<string, unknown>, acted: WildcardOperation['acted'], setup: WildcardOperation['setup'] = vmOff): WildcardOperation {
  return {
    name: `inventory settings: ${name}`,
    setup,
    run: async (lab, t, before) => {
      await lab.run(inventoryScripts.setVmSettings, { VmId: t.id, ...change(lab, t, before!) });
      return t;
    },
    acted,
  };
}

/** The VM's first disk as the editor addresses it: controller type, number and location. */
function firstDiskPlace(f: VmFacts) {
  const [type, num, loc] = f.diskPlaces[0]!.split('|')[0]!.split('/');
  return { controllerType: type!, controllerNumber: Number(num), controllerLocation: Number(loc) };
}
/** An off VM with a DVD drive (empty, or holding the ISO); the ISO, a file the test wrote on the host, must stay. */
function withDvd(loaded: boolean): WildcardOperation['setup'] {
  return async (lab, name) => {
    const vm = await vmOff(lab, name);
    const iso = join(lab.vhdDir, `media-${randomUUID()}.iso`);
    writeFileSync(iso, ''); // the lab host's folders are on this machine
    await lab.run(inventoryScripts.setVmSettings, { VmId: vm.id, AddDvdDrivePath: loaded ? iso : '' });
    return { ...vm, keepFile: iso };
  };
}
function firstDvdPlace(f: VmFacts) {
  const [num, loc] = f.dvds[0]!.split('|')[0]!.split('/');
  return { controllerNumber: Number(num), controllerLocation: Number(loc) };
}
const diskSize = (f: VmFacts | undefined) => Number(f?.diskPlaces[0]?.split('|')[2]);
const firstAdapter = (f: VmFacts) => f.adapters[0]!.split('|')[0]!;

/** A group of one VM (the target), taken as a production group labelled with a pattern, and waited for. */
async function takeGroup(lab: WildcardLab, t: Target): Promise<{ groupId: string; status: string }> {
  const { taskId, groupId } = await lab.groups.create(HOSTILE_CHECKPOINT, 'production', [{ hostId: lab.hostId, vmId: t.id, vmName: t.name }]);
  return { groupId, status: (await lab.finished(taskId)).status };
}

export const operations: WildcardOperation[] = [
  power('start', vmOff, ['Running', 'Starting']),
  power('shutdown', vmRunning, ['Off', 'Stopping']),
  power('turnoff', vmRunning, ['Off']),
  power('save', vmRunning, ['Saved', 'Saving']),
  power('suspend', vmRunning, ['Paused']),
  power(
    'resume',
    async (lab, name) => {
      const vm = await vmRunning(lab, name);
      await lab.pause(vm.id);
      return vm;
    },
    ['Running'],
  ),
  { ...power('restart', vmRunning, ['Running', 'Starting']), name: 'inventory restart (reset)' },
  {
    name: 'inventory settings',
    setup: vmOff,
    run: async (lab, t, before) => {
      const adapter = before!.adapters[0]!.split('|')[0]!;
      await lab.run(inventoryScripts.setVmSettings, {
        VmId: t.id,
        ProcessorCount: 3,
        MemoryStartupBytes: 2 * 1024 ** 3,
        Notes: 'changed by the wildcard test',
        CheckpointType: 'Standard',
        NetworkAdapters: [{ id: adapter, switchName: 'External' }],
      });
      return t;
    },
    acted: (_b, a) => a?.processors === 3 && a.notes === 'changed by the wildcard test' && a.adapters[0]!.endsWith('|External'),
  },
  {
    name: 'inventory delete with files',
    setup: vmOff,
    run: async (lab, t) => {
      await lab.run(inventoryScripts.removeVm, { VmId: [t.id], DeleteFiles: true });
      return t;
    },
    acted: (b, a) => !!b && a === undefined,
  },
  {
    name: 'inventory new VM',
    setup: async (_lab, name) => ({ id: '', name }),
    run: async (lab, t) => ({ ...t, id: (await lab.run(inventoryScripts.newVm, newVmParams(lab, t.name))).id }),
    acted: (b, a) => b === undefined && !!a && a.disks.length === 1 && a.disks[0]!.endsWith('|True'),
  },
  {
    // #13: a failed create leaves neither the VM nor the VHDX it made, and the same name then works.
    name: 'inventory new VM failure clean-up, then retry',
    setup: async (_lab, name) => ({ id: '', name }),
    run: async (lab, t) => {
      const failing = newVmParams(lab, t.name, join(lab.vhdDir, `missing-${randomUUID()}.iso`));
      const before = await lab.facts();
      await expect(lab.run(inventoryScripts.newVm, failing)).rejects.toThrow(/cannot find the file/);
      const after = await lab.facts();
      expect(after.vms.map((v) => v.id)).toEqual(before.vms.map((v) => v.id));
      expect(await lab.exists(failing.DiskPath)).toBe(false);
      const { IsoPath: _iso, ...same } = failing;
      const retry = await lab.run(inventoryScripts.newVm, same);
      return { ...t, id: retry.id };
    },
    acted: (b, a) => b === undefined && !!a && a.disks.length === 1,
  },
  {
    name: 'checkpoint create',
    setup: vmOff,
    run: async (lab, t) => {
      await lab.run(checkpointScripts.create, { VMId: t.id, SnapshotName: HOSTILE_CHECKPOINT, Kind: 'Standard' });
      return t;
    },
    acted: (b, a) => cps(a).length === cps(b).length + 1,
  },
  {
    name: 'checkpoint apply',
    setup: (lab, name) => withCheckpoint(lab, name, 'later'),
    run: async (lab, t) => {
      await lab.run(checkpointScripts.restore, { VMId: t.id, CheckpointId: t.checkpointId! });
      return t;
    },
    acted: (b, a) => !!a && a.parent !== b?.parent,
  },
  {
    name: 'checkpoint rename',
    setup: (lab, name) => withCheckpoint(lab, name),
    run: async (lab, t) => {
      await lab.run(checkpointScripts.rename, { VMId: t.id, CheckpointId: t.checkpointId!, NewName: 'after[2]*' });
      return t;
    },
    acted: (_b, a) => cps(a).some((c) => c.split('|')[1] === 'after[2]*'),
  },
  {
    name: 'checkpoint delete',
    setup: (lab, name) => withCheckpoint(lab, name),
    run: async (lab, t) => {
      await lab.run(checkpointScripts.remove, { VMId: t.id, CheckpointId: t.checkpointId! });
      return t;
    },
    acted: (b, a) => cps(a).length === cps(b).length - 1,
  },
  {
    name: 'checkpoint export',
    setup: (lab, name) => withCheckpoint(lab, name),
    run: async (lab, t) => {
      const path = join(lab.vhdDir, `export-${randomUUID()}`);
      await lab.run(checkpointScripts.export, { VMId: t.id, CheckpointId: t.checkpointId!, Path: path });
      expect(await lab.exists(path)).toBe(true);
      return t;
    },
    acted: (b, a) => !!a && cps(a).length === cps(b).length,
  },
  {
    name: 'checkpoint merge (take and delete)',
    setup: vmOff,
    run: async (lab, t) => {
      await lab.run(checkpointScripts.mergeByCheckpoint, { VMId: t.id, SnapshotName: HOSTILE_CHECKPOINT, WaitSeconds: 5 });
      return t;
    },
    acted: (b, a) => !!a && cps(a).length === cps(b).length,
  },
  {
    name: 'console start',
    setup: vmOff,
    run: async (lab, t) => {
      await lab.run(startConsoleVmScript, { VmId: t.id });
      return t;
    },
    acted: (_b, a) => isIn(a, ['Running', 'Starting']),
  },
  {
    name: 'console keys',
    setup: vmRunning,
    run: async (lab, t) => {
      await lab.run(sendConsoleKeysScript, { VmId: t.id, OpsJson: JSON.stringify([{ op: 'text', s: 'dir' }, { op: 'key', vk: 13, mods: [] }]) });
      return t;
    },
    acted: (_b, a) => isIn(a, ['Running']),
  },
  {
    name: 'console mouse',
    setup: vmRunning,
    run: async (lab, t) => {
      await lab.run(sendConsoleMouseScript, { VmId: t.id, X: 10, Y: 10, Action: 'click' as const, Button: 1 });
      return t;
    },
    acted: (_b, a) => isIn(a, ['Running']),
  },
  {
    name: 'p2v create-vm',
    setup: async (_lab, name) => ({ id: '', name }),
    run: (lab, t) => p2vCreate(lab, t.name),
    acted: (b, a) => b === undefined && !!a && a.checkpoints.length === 1 && a.notes.startsWith('Hyperdesk P2V job'),
  },
  {
    // The half-made VM of a failed create is removed as the object it is; the image stays; a retry works.
    name: 'p2v create-vm failure clean-up, then retry',
    setup: async (_lab, name) => ({ id: '', name }),
    run: async (lab, t) => {
      const image = join(lab.vhdDir, `image-${randomUUID()}.vhdx`);
      await lab.newImage(image);
      const before = await lab.facts();
      await lab.plantFault('Checkpoint-VM', 'The operation failed (planted by the wildcard test).');
      try {
        await expect(p2vCreate(lab, t.name, image)).rejects.toThrow(/planted by the wildcard test/);
      } finally {
        await lab.clearFaults();
      }
      const after = await lab.facts();
      expect(after.vms.map((v) => v.id)).toEqual(before.vms.map((v) => v.id));
      expect(await lab.exists(image)).toBe(true);
      return p2vCreate(lab, t.name, image);
    },
    acted: (b, a) => b === undefined && !!a && a.checkpoints.length === 1,
  },
  p2vAction('start', (_b, a) => isIn(a, ['Running', 'Starting'])),
  p2vAction('rollback', (b, a) => isIn(a, ['Off']) && a!.parent === b?.parent),
  p2vAction('production', (_b, a) => !!a && a.adapters.every((x) => x.endsWith('|External'))),
  p2vAction('remove-checkpoint', (b, a) => cps(a).length === cps(b).length - 1),
  {
    // The end of a P2V: the isolated switch, named after the VM, goes by its Id beside private switches its name matches.
    name: 'p2v remove isolated switch',
    setup: async (lab, name) => ({ id: '', name, switchId: await lab.makeSwitch(isolatedSwitchName(name)) }),
    run: async (lab, t) => {
      const res = await lab.run(removeIsolatedSwitchScript, { SwitchName: isolatedSwitchName(t.name) });
      expect(res).toEqual({ found: 1, removed: 1, usedBy: [] });
      return t;
    },
    acted: (_b, _a, h) => h.before.switches.some((s) => s.startsWith(`${h.target.switchId}|`)) && !h.after.switches.some((s) => s.startsWith(`${h.target.switchId}|`)),
  },
  {
    name: 'checkpoint group create',
    setup: vmOff,
    run: async (lab, t) => {
      const { groupId, status } = await takeGroup(lab, t);
      expect(status).toBe('succeeded');
      return { ...t, groupId };
    },
    acted: (b, a) => cps(a).length === cps(b).length + 1 && cps(a).some((c) => c.split('|')[1] === HOSTILE_CHECKPOINT),
  },
  {
    // A member that failed (checkpoints Disabled) is taken again once the cause is fixed.
    name: 'checkpoint group retry failed',
    setup: async (lab, name) => {
      const vm = await vmOff(lab, name);
      await lab.run(inventoryScripts.setVmSettings, { VmId: vm.id, CheckpointType: 'Disabled' });
      const { groupId, status } = await takeGroup(lab, vm);
      expect(status).not.toBe('succeeded');
      await lab.run(inventoryScripts.setVmSettings, { VmId: vm.id, CheckpointType: 'Production' });
      return { ...vm, groupId };
    },
    run: async (lab, t) => {
      expect((await lab.finished((await lab.groups.retry(t.groupId!)).taskId)).status).toBe('succeeded');
      return t;
    },
    acted: (b, a) => cps(a).length === cps(b).length + 1,
  },
  {
    name: 'checkpoint group roll back',
    setup: async (lab, name) => {
      const vm = await vmOff(lab, name);
      const { groupId, status } = await takeGroup(lab, vm);
      expect(status).toBe('succeeded');
      return { ...vm, groupId };
    },
    run: async (lab, t) => {
      expect((await lab.finished((await lab.groups.rollback(t.groupId!)).taskId)).status).toBe('succeeded');
      return t;
    },
    acted: (b, a) => cps(a).length === cps(b).length - 1,
  },
  settings(
    'adapter VLAN, static MAC, spoofing, bandwidth limit',
    (_lab, _t, b) => ({ NetworkAdapters: [{ id: firstAdapter(b), vlanId: 42, mac: '00155D0A0B0C', macSpoofing: true, maximumBandwidth: 100_000_000 }] }),
    (_b, a) => !!a && /\|00155D0A0B0C\|On\|Access\/42\|100000000\//.test(a.nics[0]!),
  ),
  settings('add adapter', () => ({ AddNetworkAdapters: [{ switchName: 'Internal' }] }), (b, a) => !!a && a.adapters.length === b!.adapters.length + 1),
  settings('remove adapter', (_lab, _t, b) => ({ RemoveNetworkAdapters: [firstAdapter(b)] }), (b, a) => !!a && a.adapters.length === b!.adapters.length - 1),
  settings('add new disk', (lab) => ({ AddHardDrives: [{ kind: 'new', path: join(lab.vhdDir, `add-${randomUUID()}.vhdx`), sizeBytes: 1024 ** 3 }] }), (b, a) => !!a && a.disks.length === b!.disks.length + 1),
  settings('expand disk', (_lab, _t, b) => ({ ResizeHardDrives: [{ ...firstDiskPlace(b), sizeBytes: 3 * 1024 ** 3 }] }), (_b, a) => diskSize(a) === 3 * 1024 ** 3),
  settings('remove disk and its file', (_lab, _t, b) => ({ RemoveHardDrives: [{ ...firstDiskPlace(b), deleteFile: true }] }), (b, a) => !!a && a.disks.length === b!.disks.length - 1),
  settings('add DVD drive', () => ({ AddDvdDrivePath: '' }), (b, a) => !!a && a.dvds.length === b!.dvds.length + 1),
  settings('insert an ISO', (_lab, t, b) => ({ DvdDrives: [{ ...firstDvdPlace(b), path: t.keepFile! }] }), (_b, a) => !!a && a.dvds[0]!.endsWith('.iso'), withDvd(false)),
  settings('eject the ISO', (_lab, _t, b) => ({ DvdDrives: [{ ...firstDvdPlace(b), path: null }] }), (_b, a) => !!a && a.dvds[0]!.endsWith('|'), withDvd(true)),
  settings('secure boot off', () => ({ SecureBoot: false }), (_b, a) => !!a && a.firmware.startsWith('Off|')),
  settings('virtual TPM on', () => ({ Tpm: true }), (_b, a) => !!a && a.firmware.split('|')[2] === 'True'),
  settings('boot from the network first', () => ({ BootOrder: ['NetworkAdapter'] }), (_b, a) => !!a && a.firmware.split('|')[3]!.startsWith('Network')),
];

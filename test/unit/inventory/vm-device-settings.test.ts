import { describe, expect, it } from 'vitest';
import { settingsArgs } from '../../../electron/main/features/inventory/settings-args';
import { inventoryScripts } from '../../../electron/main/features/inventory/inventory.scripts';
import { inventoryDisplay } from '../../../electron/main/features/inventory/inventory.display';
import { VmSettingsChange } from '../../../shared/features/inventory/vm-settings.schema';
import { macProblem, validateSettings, type ValidatedVm } from '../../../shared/features/inventory/vm-settings.validation';
import { changeFrom, draftFrom } from '../../../renderer/src/features/vm-details/settings-draft';
import type { VmDetails } from '../../../shared/features/inventory/vm-details.schema';

const GB = 1024 ** 3;
const vm = (over: Partial<ValidatedVm> = {}): ValidatedVm => ({
  state: 'Running',
  generation: 2,
  memory: { dynamic: false, startup: 2 * GB },
  hardDrives: [
    { controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, path: 'D:\\VMs\\os.vhdx', size: 40 * GB, vhdFormat: 'VHDX' },
    { controllerType: 'IDE', controllerNumber: 0, controllerLocation: 1, path: 'D:\\VMs\\old.vhd', size: 100 * GB, vhdFormat: 'VHD' },
    { controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 2, path: 'D:\\VMs\\os_1234.avhdx', size: 40 * GB, vhdFormat: 'VHDX' },
  ],
  ...over,
});
const keys = (change: VmSettingsChange, v: ValidatedVm = vm()) => validateSettings(VmSettingsChange.parse(change), v).map((p) => `${p.field}:${p.key}`);

describe('device settings: validation against Hyper-V limits', () => {
  it('takes a static MAC only as 12 hex digits of a unicast address that is not all zeros', () => {
    expect(macProblem('00-15-5D-01-02-03')).toBeNull();
    expect(macProblem('00155d010203')).toBeNull();
    expect(macProblem('00:15:5D:01:02:03')).toBeNull();
    expect(macProblem('00155D01020')).toBe('macFormat');
    expect(macProblem('00155D01020G')).toBe('macFormat');
    expect(macProblem('000000000000')).toBe('macZero');
    expect(macProblem('01-00-5E-00-00-01')).toBe('macMulticast');
  });

  it('refuses a MAC change while the VM runs, and a bad MAC next to its adapter', () => {
    expect(keys({ networkAdapters: [{ id: 'n1', mac: '00155D010203' }] })).toEqual(['adapter.n1.mac:needsOffMac']);
    expect(keys({ networkAdapters: [{ id: 'n1', mac: null }] }, vm({ state: 'Off' }))).toEqual([]);
    expect(keys({ networkAdapters: [{ id: 'n1', mac: '01005E000001' }] }, vm({ state: 'Off' }))).toEqual(['adapter.n1.mac:macMulticast']);
  });

  it('keeps a VLAN ID within 1-4094 (0 untags) and a reservation below the limit', () => {
    expect(VmSettingsChange.safeParse({ networkAdapters: [{ id: 'n1', vlanId: 4095 }] }).success).toBe(false);
    expect(VmSettingsChange.safeParse({ networkAdapters: [{ id: 'n1', vlanId: 4094 }] }).success).toBe(true);
    expect(VmSettingsChange.safeParse({ networkAdapters: [{ id: 'n1', vlanId: -1 }] }).success).toBe(false);
    expect(keys({ networkAdapters: [{ id: 'n1', vlanId: 0 }] })).toEqual([]);
    expect(keys({ networkAdapters: [{ id: 'n1', maximumBandwidth: 100_000_000, minimumBandwidthAbsolute: 200_000_000 }] })).toEqual(['adapter.n1.bandwidth:bandwidthMinAboveMax']);
    expect(keys({ networkAdapters: [{ id: 'n1', maximumBandwidth: 0, minimumBandwidthAbsolute: 200_000_000 }] })).toEqual([]);
  });

  it('expands a disk only to a larger size, online only on SCSI, a VHD to 2040 GB', () => {
    expect(keys({ resizeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 60 * GB }] })).toEqual([]);
    expect(keys({ resizeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 40 * GB }] })).toEqual(['disk.SCSI/0/0:resizeNotLarger']);
    expect(keys({ resizeDisks: [{ controllerType: 'IDE', controllerNumber: 0, controllerLocation: 1, sizeBytes: 3000 * GB }] })).toEqual(['disk.IDE/0/1:resizeIdeRunning', 'disk.IDE/0/1:vhdTooLarge']);
    expect(VmSettingsChange.safeParse({ resizeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 65 * 1024 * GB }] }).success).toBe(false);
  });

  it('removes an IDE disk only while off, and never deletes a checkpoint differencing disk', () => {
    expect(keys({ removeDisks: [{ controllerType: 'IDE', controllerNumber: 0, controllerLocation: 1, deleteFile: false }] })).toEqual(['disk.IDE/0/1:needsOffIdeDisk']);
    expect(keys({ removeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, deleteFile: true }] })).toEqual([]);
    expect(keys({ removeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 2, deleteFile: true }] })).toEqual(['disk.SCSI/0/2:deleteCheckpointDisk']);
  });

  it('adds disks and adapters to a running generation 1 VM only after it is off; checks disk paths and ISO names', () => {
    const gen1 = vm({ generation: 1 });
    expect(keys({ addAdapters: [{ switchName: null }] }, gen1)).toEqual(['adapters:needsOffAdapterGen1']);
    expect(keys({ addAdapters: [{ switchName: null }] })).toEqual([]);
    expect(keys({ addDisks: [{ kind: 'existing', path: 'D:\\x.vhdx' }] }, gen1)).toEqual(['disks.add:needsOffIdeDisk']);
    expect(keys({ addDisks: [{ kind: 'new', path: 'D:\\x.vhd', sizeBytes: 10 * GB }] })).toEqual(['disks.add.0:gen2NeedsVhdx']);
    expect(keys({ addDisks: [{ kind: 'new', path: 'D:\\x.img', sizeBytes: 10 * GB }] })).toEqual(['disks.add.0:diskExtension']);
    expect(keys({ addDvdDrive: { path: 'D:\\setup.exe' } })).toEqual(['dvd:isoExtension']);
    expect(keys({ addDvdDrive: { path: null } })).toEqual([]);
  });
});

describe('device settings: script parameters and View PowerShell', () => {
  const change = VmSettingsChange.parse({
    networkAdapters: [{ id: 'Microsoft:A\\B', vlanId: 42, mac: null, macSpoofing: true, maximumBandwidth: 100_000_000 }],
    addAdapters: [{ switchName: 'Ext [1]' }],
    removeAdapters: ['Microsoft:A\\C'],
    addDvdDrive: { path: null },
    addDisks: [{ kind: 'new', path: "D:\\VMs\\it's.vhdx", sizeBytes: 8 * GB }],
    resizeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 60 * GB }],
    removeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 1, deleteFile: true }],
  });
  const args = settingsArgs('vm-1', change);

  it('passes only the fields a change names (absent is unchanged, null is a value) and binds to the script definition', () => {
    expect(args.NetworkAdapters).toEqual([{ id: 'Microsoft:A\\B', vlanId: 42, mac: null, macSpoofing: true, maximumBandwidth: 100_000_000 }]);
    expect(args.NetworkAdapters?.[0]).not.toHaveProperty('switchName');
    expect(args.AddNetworkAdapters).toEqual([{ switchName: 'Ext [1]' }]);
    expect(args.RemoveNetworkAdapters).toEqual(['Microsoft:A\\C']);
    expect(args.AddDvdDrivePath).toBe('');
    expect(args.AddHardDrives).toEqual([{ kind: 'new', path: "D:\\VMs\\it's.vhdx", sizeBytes: 8 * GB }]);
    expect(args.ResizeHardDrives).toEqual([{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 60 * GB }]);
    expect(args.RemoveHardDrives).toEqual([{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 1, deleteFile: true }]);
    expect(inventoryScripts.setVmSettings.params.safeParse(args).success).toBe(true);
  });

  it('shows the cmdlets an admin would type, by VM name, every value quoted', () => {
    const lines = inventoryDisplay.setVmSettings(args, { vms: { 'vm-1': 'FS1' } });
    expect(lines).toContain("Get-VMNetworkAdapter -VMName 'FS1' | Where-Object Id -eq 'Microsoft:A\\B' | Set-VMNetworkAdapterVlan -Access -VlanId 42");
    expect(lines).toContain("Get-VMNetworkAdapter -VMName 'FS1' | Where-Object Id -eq 'Microsoft:A\\B' | Set-VMNetworkAdapter -DynamicMacAddress:$true -MacAddressSpoofing 'On' -MaximumBandwidth 100000000");
    expect(lines).toContain("Add-VMNetworkAdapter -VMName 'FS1' -SwitchName 'Ext [1]'");
    expect(lines).toContain("New-VHD -Path 'D:\\VMs\\it''s.vhdx' -SizeBytes 8589934592 -Dynamic");
    expect(lines.some((l) => l.includes('Resize-VHD -SizeBytes 64424509440'))).toBe(true);
    expect(lines).toContain('Remove-Item -LiteralPath $disk.Path');
    expect(lines.join('\n')).not.toMatch(/\.ps1|vm-1/);
  });
});

describe('device settings: the editor sends only what changed', () => {
  const d: VmDetails = {
    hostId: 'h1', id: 'v1', name: 'FS1', state: 'Off', status: '', generation: 2, version: '9.0', uptimeSeconds: 0, cpuUsage: 0, heartbeat: null,
    integrationServicesVersion: null, creationTime: null, configurationLocation: '', snapshotFileLocation: '', path: '', replicationState: 'Disabled',
    checkpointCount: 0, checkpointType: 'Production', automaticStartAction: 'StartIfRunning', automaticStartDelay: 0, automaticStopAction: 'Save', notes: '',
    guest: { computerName: null, osName: null, osVersion: null }, processor: { count: 2, reserve: 0, maximum: 100, relativeWeight: 100 },
    memory: { dynamic: false, startup: 2 * GB, minimum: GB / 2, maximum: 1024 * GB, buffer: 20, priority: 5000, assigned: 0, demand: 0 },
    hardDrives: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, path: 'D:\\os.vhdx', vhdType: 'Dynamic', vhdFormat: 'VHDX', fileSize: GB, size: 40 * GB }],
    dvdDrives: [],
    networkAdapters: [{ id: 'n1', name: 'Network Adapter', switchName: 'External', macAddress: '00155D000001', dynamicMac: true, macSpoofing: false, isLegacy: false, vlanId: 0, maximumBandwidth: null, minimumBandwidthAbsolute: null, ipAddresses: [] }],
    bootOrder: [], firmware: null, tpmEnabled: null,
  };

  it('turns VLAN, static MAC, bandwidth, a new disk, an expansion and a new DVD drive into one change', () => {
    const base = draftFrom(d);
    expect(changeFrom(d, base)).toEqual({});
    const draft = {
      ...base,
      nics: { n1: { ...base.nics.n1!, vlanEnabled: true, vlanId: 42, staticMac: true, mac: '00-15-5D-00-00-01', maxMbps: 100 } },
      addDisks: [{ kind: 'new' as const, path: 'D:\\data.vhdx', sizeGb: 8 }],
      resizeGb: { 'SCSI/0/0': 60 },
      addDvd: { path: 'D:\\setup.iso' },
    };
    expect(changeFrom(d, draft)).toEqual({
      // The MAC typed with dashes is the same address: only turning it static changes it.
      networkAdapters: [{ id: 'n1', vlanId: 42, mac: '00-15-5D-00-00-01', maximumBandwidth: 100_000_000 }],
      addDvdDrive: { path: 'D:\\setup.iso' },
      addDisks: [{ kind: 'new', path: 'D:\\data.vhdx', sizeBytes: 8 * GB }],
      resizeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, sizeBytes: 60 * GB }],
    });
  });

  it('a removed adapter sends only its removal; a removed disk is not also resized', () => {
    const base = draftFrom(d);
    const draft = { ...base, adapters: { n1: null }, removeAdapters: ['n1'], resizeGb: { 'SCSI/0/0': 60 }, removeDisks: { 'SCSI/0/0': { deleteFile: false } } };
    expect(changeFrom(d, draft)).toEqual({ removeAdapters: ['n1'], removeDisks: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 0, deleteFile: false }] });
  });
});

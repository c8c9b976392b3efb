import { describe, expect, it } from 'vitest';
import { validateNewVm, validateSettings } from '../../../shared/features/inventory/vm-settings.validation';
import { VmSettingsChange } from '../../../shared/features/inventory/vm-settings.schema';
import { changeFrom, draftFrom } from '../../../renderer/src/features/vm-details/settings-draft';
import { settingsArgs } from '../../../electron/main/features/inventory/settings-args';
import type { VmDetails } from '../../../shared/features/inventory/vm-details.schema';

const MB = 1024 * 1024;
const off = { state: 'Off', generation: 2, memory: { dynamic: false, startup: 1024 * MB } };
const running = { ...off, state: 'Running' };
const keys = (p: { key: string }[]) => p.map((x) => x.key);

describe('settings validation', () => {
  it('requires minimum ≤ startup ≤ maximum for dynamic memory', () => {
    expect(keys(validateSettings({ memory: { dynamic: true, startup: 2048 * MB, minimum: 4096 * MB, maximum: 8192 * MB } }, off))).toEqual(['memoryMinAboveStartup']);
    expect(keys(validateSettings({ memory: { dynamic: true, startup: 2048 * MB, minimum: 512 * MB, maximum: 1024 * MB } }, off))).toEqual(['memoryStartupAboveMax']);
    expect(keys(validateSettings({ memory: { dynamic: true, startup: 2048 * MB } }, off))).toEqual(['memoryLimitsRequired']);
    expect(validateSettings({ memory: { dynamic: true, startup: 2048 * MB, minimum: 512 * MB, maximum: 4096 * MB } }, off)).toEqual([]);
  });

  it('refuses changes that need the VM off while it runs', () => {
    expect(keys(validateSettings({ processor: { count: 4 } }, running))).toEqual(['needsOffProcessor']);
    expect(keys(validateSettings({ memory: { dynamic: true, startup: 1024 * MB, minimum: 512 * MB, maximum: 2048 * MB } }, running))).toEqual(['needsOffDynamic']);
    expect(keys(validateSettings({ memory: { dynamic: false, startup: 2048 * MB } }, running))).toEqual(['needsOffStaticMemory']);
    expect(keys(validateSettings({ tpm: true }, running))).toEqual(['needsOffFirmware']);
    expect(validateSettings({ notes: 'ok while running', checkpointType: 'Standard' }, running)).toEqual([]);
    expect(validateSettings({ processor: { count: 4 } }, off)).toEqual([]);
  });

  it('keeps Secure Boot and TPM to generation 2', () => {
    expect(keys(validateSettings({ secureBoot: { enabled: true } }, { ...off, generation: 1 }))).toEqual(['gen2Only']);
  });

  it('checks the new-VM spec', () => {
    const base = { name: 'ok', generation: 2 as const, memoryStartup: 1024 * MB, dynamicMemory: false, processorCount: 2, switchName: null, isoPath: null, location: null };
    expect(validateNewVm({ ...base, disk: { kind: 'new', path: 'C:\\d\\ok.vhdx', sizeBytes: 1024 * MB } })).toEqual([]);
    expect(keys(validateNewVm({ ...base, name: 'a/b', disk: { kind: 'none' } }))).toEqual(['nameChars']);
    expect(keys(validateNewVm({ ...base, disk: { kind: 'existing', path: 'C:\\d\\old.vhd' } }))).toEqual(['gen2NeedsVhdx']);
    expect(keys(validateNewVm({ ...base, disk: { kind: 'none' }, isoPath: 'setup.img' }))).toEqual(['isoExtension']);
  });
});

const details: VmDetails = {
  hostId: 'h1', id: 'v1', name: 'DC1', state: 'Off', status: '', generation: 2, version: '9.0', uptimeSeconds: 0, cpuUsage: 0, heartbeat: null,
  integrationServicesVersion: null, creationTime: null, configurationLocation: '', snapshotFileLocation: '', path: '', replicationState: 'Disabled',
  checkpointCount: 0, checkpointType: 'Production', automaticStartAction: 'StartIfRunning', automaticStartDelay: 0, automaticStopAction: 'Save', notes: '',
  guest: { computerName: null, osName: null, osVersion: null }, processor: { count: 2, reserve: 0, maximum: 100, relativeWeight: 100 },
  memory: { dynamic: false, startup: 2048 * MB, minimum: 512 * MB, maximum: 1048576 * MB, buffer: 20, priority: 5000, assigned: 0, demand: 0 },
  hardDrives: [], dvdDrives: [{ controllerType: 'SCSI', controllerNumber: 0, controllerLocation: 1, path: null }],
  networkAdapters: [{ id: 'n1', name: 'Network Adapter', switchName: 'External', macAddress: '00155D000001', dynamicMac: true, macSpoofing: false, isLegacy: false, vlanId: 0, maximumBandwidth: null, minimumBandwidthAbsolute: null, ipAddresses: [] }],
  bootOrder: [{ kind: 'VHD', description: '' }, { kind: 'NetworkAdapter', description: '' }], firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' }, tpmEnabled: false,
};

describe('settings editor change', () => {
  it('sends only what changed, with memory in bytes', () => {
    const draft = { ...draftFrom(details), startupMb: 4096, notes: 'hi', adapters: { n1: null } };
    const change = changeFrom(details, draft);
    expect(VmSettingsChange.parse(change)).toEqual({
      memory: { dynamic: false, startup: 4096 * MB, priority: 5000 },
      notes: 'hi',
      networkAdapters: [{ id: 'n1', switchName: null }],
    });
    expect(changeFrom(details, draftFrom(details))).toEqual({});
  });

  it('maps a change to the script parameters, leaving out what is not changed', () => {
    const args = settingsArgs('v1', { memory: { dynamic: true, startup: 2048 * MB, minimum: 512 * MB, maximum: 4096 * MB, buffer: 20 }, tpm: true, dvdDrives: [{ controllerNumber: 0, controllerLocation: 1, path: null }] });
    expect(args).toEqual({
      VmId: 'v1', DynamicMemory: true, MemoryStartupBytes: 2048 * MB, MemoryMinimumBytes: 512 * MB, MemoryMaximumBytes: 4096 * MB, MemoryBuffer: 20, Tpm: true,
      DvdDrives: [{ controllerNumber: 0, controllerLocation: 1, path: null }],
    });
    expect(settingsArgs('v1', { notes: '' })).toEqual({ VmId: 'v1', Notes: '' });
  });
});

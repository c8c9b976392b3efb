import type { NewVmSpec, VmSettingsChange } from '../../../../shared/features/inventory/vm-settings.schema';
import type { NewVmParams, SettingsParams } from './inventory.scripts';

/** Maps a settings change to set-vm-settings.ps1's parameters: only what the change names is passed. */
export function settingsArgs(vmId: string, change: VmSettingsChange): SettingsParams {
  const a: SettingsParams = { VmId: vmId };
  if (change.processor) a.ProcessorCount = change.processor.count;
  if (change.memory) {
    a.DynamicMemory = change.memory.dynamic;
    a.MemoryStartupBytes = change.memory.startup;
    if (change.memory.dynamic) {
      if (change.memory.minimum !== undefined) a.MemoryMinimumBytes = change.memory.minimum;
      if (change.memory.maximum !== undefined) a.MemoryMaximumBytes = change.memory.maximum;
      if (change.memory.buffer !== undefined) a.MemoryBuffer = change.memory.buffer;
    }
    if (change.memory.priority !== undefined) a.MemoryPriority = change.memory.priority;
  }
  if (change.notes !== undefined) a.Notes = change.notes;
  if (change.checkpointType) a.CheckpointType = change.checkpointType;
  if (change.automaticStartAction) a.AutomaticStartAction = change.automaticStartAction;
  if (change.automaticStartDelay !== undefined) a.AutomaticStartDelay = change.automaticStartDelay;
  if (change.automaticStopAction) a.AutomaticStopAction = change.automaticStopAction;
  // Only the fields the change names: an absent field is "unchanged", a null one is a value (disconnect, dynamic MAC).
  if (change.networkAdapters?.length) a.NetworkAdapters = change.networkAdapters.map((n) => Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as typeof n);
  if (change.removeAdapters?.length) a.RemoveNetworkAdapters = [...change.removeAdapters];
  if (change.addAdapters?.length) a.AddNetworkAdapters = change.addAdapters.map((n) => ({ switchName: n.switchName }));
  if (change.dvdDrives?.length) a.DvdDrives = change.dvdDrives.map((d) => ({ ...d }));
  if (change.addDvdDrive) a.AddDvdDrivePath = change.addDvdDrive.path ?? '';
  if (change.removeDisks?.length) a.RemoveHardDrives = change.removeDisks.map((d) => ({ ...d }));
  if (change.resizeDisks?.length) a.ResizeHardDrives = change.resizeDisks.map((d) => ({ ...d }));
  if (change.addDisks?.length) a.AddHardDrives = change.addDisks.map((d) => (d.kind === 'new' ? { kind: d.kind, path: d.path, sizeBytes: d.sizeBytes } : { kind: d.kind, path: d.path }));
  if (change.bootOrder?.length) a.BootOrder = change.bootOrder;
  if (change.secureBoot) {
    a.SecureBoot = change.secureBoot.enabled;
    if (change.secureBoot.template) a.SecureBootTemplate = change.secureBoot.template;
  }
  if (change.tpm !== undefined) a.Tpm = change.tpm;
  return a;
}

export function newVmArgs(spec: NewVmSpec): NewVmParams {
  const a: NewVmParams = {
    Name: spec.name,
    Generation: spec.generation,
    MemoryStartupBytes: spec.memoryStartup,
    DynamicMemory: spec.dynamicMemory,
    ProcessorCount: spec.processorCount,
    DiskKind: spec.disk.kind,
  };
  if (spec.switchName) a.SwitchName = spec.switchName;
  if (spec.disk.kind !== 'none') a.DiskPath = spec.disk.path;
  if (spec.disk.kind === 'new') a.DiskSizeBytes = spec.disk.sizeBytes;
  if (spec.isoPath) a.IsoPath = spec.isoPath;
  if (spec.location) a.Path = spec.location;
  return a;
}

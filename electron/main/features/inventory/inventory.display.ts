import { psComment, quotePsString, formatPsArguments } from '../../platform/ledger/ps-command';
import { byVmName, getVm, onVm, type DisplayNames } from '../../platform/scripts/display';

/**
 * What View PowerShell shows for each inventory script: the cmdlets an admin would type on the host, the VM by
 * name (by Id where the name holds a wildcard). The scripts themselves address VMs by Id; these lines are the
 * human form of the same change.
 */

/** As vm-action.ps1 calls them (the switches it passes). */
const powerCmdlet: Record<string, [string, string[]]> = {
  start: ['Start-VM', []],
  shutdown: ['Stop-VM', ['Force']],
  turnoff: ['Stop-VM', ['TurnOff', 'Force']],
  save: ['Save-VM', []],
  suspend: ['Suspend-VM', []],
  resume: ['Resume-VM', []],
  restart: ['Restart-VM', ['Force']],
};

/** Only the parameters that are set, so a line names what changes and nothing else. */
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const inventoryDisplay = {
  getInventory: () => ['Get-VM'],
  getVmDetails: (p: { VmId: string }, n: DisplayNames) => [`${getVm(p.VmId, n)} | Format-List *`, byVmName('Get-VMHardDiskDrive', p.VmId, n), byVmName('Get-VMNetworkAdapter', p.VmId, n)],
  getHostOptions: () => ['Get-VMHost', 'Get-VMSwitch'],
  getVmFiles: (p: { VmId: string[] }, n: DisplayNames) => p.VmId.map((id) => byVmName('Get-VMHardDiskDrive', id, n)),
  vmAction: (p: { Action: string; VmId: string[] }, n: DisplayNames) => {
    const [cmdlet, switches] = powerCmdlet[p.Action] ?? ['Start-VM', []];
    return p.VmId.map((id) => onVm(cmdlet, id, n, {}, switches));
  },
  removeVm: (p: { VmId: string[]; DeleteFiles: boolean }, n: DisplayNames) =>
    p.VmId.flatMap((id) =>
      p.DeleteFiles
        ? [`$vm = ${getVm(id, n)}`, '$disks = ($vm | Get-VMHardDiskDrive).Path', 'Remove-VM -VM $vm -Force', 'Remove-Item -LiteralPath $disks -Force']
        : [onVm('Remove-VM', id, n, {}, ['Force'])],
    ),
  setVmSettings: (p: SettingsDisplayParams, n: DisplayNames) => settingsLines(p, n),
  newVm: (p: NewVmDisplayParams) => newVmLines(p),
};

interface DiskPlaceParams {
  controllerType: string;
  controllerNumber: number;
  controllerLocation: number;
}

interface SettingsDisplayParams {
  VmId: string;
  ProcessorCount?: number;
  DynamicMemory?: boolean;
  MemoryStartupBytes?: number;
  MemoryMinimumBytes?: number;
  MemoryMaximumBytes?: number;
  MemoryBuffer?: number;
  MemoryPriority?: number;
  Notes?: string;
  CheckpointType?: string;
  AutomaticStartAction?: string;
  AutomaticStartDelay?: number;
  AutomaticStopAction?: string;
  NetworkAdapters?: { id: string; switchName?: string | null; vlanId?: number; mac?: string | null; macSpoofing?: boolean; maximumBandwidth?: number; minimumBandwidthAbsolute?: number }[];
  AddNetworkAdapters?: { switchName: string | null }[];
  RemoveNetworkAdapters?: string[];
  DvdDrives?: { controllerNumber: number; controllerLocation: number; path: string | null }[];
  AddDvdDrivePath?: string;
  AddHardDrives?: { kind: string; path: string; sizeBytes?: number }[];
  ResizeHardDrives?: (DiskPlaceParams & { sizeBytes: number })[];
  RemoveHardDrives?: (DiskPlaceParams & { deleteFile: boolean })[];
  BootOrder?: string[];
  SecureBoot?: boolean;
  SecureBootTemplate?: string;
  Tpm?: boolean;
}

function settingsLines(p: SettingsDisplayParams, n: DisplayNames): string[] {
  const lines: string[] = [];
  const vm = (cmdlet: string, rest: Record<string, unknown>) => byVmName(cmdlet, p.VmId, n, rest);
  if (p.ProcessorCount !== undefined) lines.push(vm('Set-VMProcessor', { Count: p.ProcessorCount }));
  const memory = defined({
    DynamicMemoryEnabled: p.DynamicMemory,
    StartupBytes: p.MemoryStartupBytes,
    MinimumBytes: p.MemoryMinimumBytes,
    MaximumBytes: p.MemoryMaximumBytes,
    Buffer: p.MemoryBuffer,
    Priority: p.MemoryPriority,
  });
  if (Object.keys(memory).length > 0) lines.push(vm('Set-VMMemory', memory));
  const vmProps = defined({
    Notes: p.Notes,
    CheckpointType: p.CheckpointType,
    AutomaticStartAction: p.AutomaticStartAction,
    AutomaticStartDelay: p.AutomaticStartDelay,
    AutomaticStopAction: p.AutomaticStopAction,
  });
  if (Object.keys(vmProps).length > 0) lines.push(onVm('Set-VM', p.VmId, n, vmProps));
  for (const a of p.NetworkAdapters ?? []) {
    const pick = `${byVmName('Get-VMNetworkAdapter', p.VmId, n)} | Where-Object Id -eq ${quotePsString(a.id)}`;
    if (a.switchName !== undefined) lines.push(a.switchName ? `${pick} | Connect-VMNetworkAdapter -SwitchName ${quotePsString(a.switchName)}` : `${pick} | Disconnect-VMNetworkAdapter`);
    if (a.vlanId !== undefined) lines.push(a.vlanId > 0 ? `${pick} | Set-VMNetworkAdapterVlan -Access -VlanId ${a.vlanId}` : `${pick} | Set-VMNetworkAdapterVlan -Untagged`);
    const policy = defined({
      StaticMacAddress: a.mac ? a.mac : undefined,
      DynamicMacAddress: a.mac === null ? true : undefined,
      MacAddressSpoofing: a.macSpoofing === undefined ? undefined : a.macSpoofing ? 'On' : 'Off',
      MaximumBandwidth: a.maximumBandwidth,
      MinimumBandwidthAbsolute: a.minimumBandwidthAbsolute,
    });
    if (Object.keys(policy).length > 0) lines.push(`${pick} | Set-VMNetworkAdapter ${formatPsArguments(policy)}`);
  }
  for (const id of p.RemoveNetworkAdapters ?? []) lines.push(`${byVmName('Get-VMNetworkAdapter', p.VmId, n)} | Where-Object Id -eq ${quotePsString(id)} | Remove-VMNetworkAdapter`);
  for (const a of p.AddNetworkAdapters ?? []) lines.push(vm('Add-VMNetworkAdapter', defined({ SwitchName: a.switchName ?? undefined })));
  for (const d of p.DvdDrives ?? []) {
    lines.push(vm('Set-VMDvdDrive', { ControllerNumber: d.controllerNumber, ControllerLocation: d.controllerLocation, Path: d.path }));
  }
  if (p.AddDvdDrivePath !== undefined) lines.push(vm('Add-VMDvdDrive', defined({ Path: p.AddDvdDrivePath || undefined })));
  const place = (d: DiskPlaceParams) => ({ ControllerType: d.controllerType, ControllerNumber: d.controllerNumber, ControllerLocation: d.controllerLocation });
  for (const d of p.RemoveHardDrives ?? []) {
    if (d.deleteFile) lines.push(`$disk = ${byVmName('Get-VMHardDiskDrive', p.VmId, n, place(d))}`, 'Remove-VMHardDiskDrive -VMHardDiskDrive $disk', 'Remove-Item -LiteralPath $disk.Path');
    else lines.push(`${byVmName('Get-VMHardDiskDrive', p.VmId, n, place(d))} | Remove-VMHardDiskDrive`);
  }
  for (const d of p.ResizeHardDrives ?? []) lines.push(`(${byVmName('Get-VMHardDiskDrive', p.VmId, n, place(d))}).Path | Resize-VHD -SizeBytes ${d.sizeBytes}`);
  for (const d of p.AddHardDrives ?? []) {
    if (d.kind === 'new') lines.push(`New-VHD ${formatPsArguments({ Path: d.path, SizeBytes: d.sizeBytes })} -Dynamic`);
    lines.push(vm('Add-VMHardDiskDrive', { Path: d.path }));
  }
  const firmware = defined({ EnableSecureBoot: p.SecureBoot === undefined ? undefined : p.SecureBoot ? 'On' : 'Off', SecureBootTemplate: p.SecureBootTemplate });
  if (Object.keys(firmware).length > 0) lines.push(vm('Set-VMFirmware', firmware));
  if (p.BootOrder?.length) lines.push(`# boot order: ${psComment(p.BootOrder.join(', '))} (Set-VMFirmware -BootOrder takes the devices themselves; see the full script)`);
  if (p.Tpm !== undefined) lines.push(vm(p.Tpm ? 'Enable-VMTPM' : 'Disable-VMTPM', {}));
  return lines;
}

interface NewVmDisplayParams {
  Name: string;
  Generation: number;
  MemoryStartupBytes: number;
  DynamicMemory?: boolean;
  ProcessorCount: number;
  SwitchName?: string;
  DiskKind?: string;
  DiskPath?: string;
  DiskSizeBytes?: number;
  IsoPath?: string;
  Path?: string;
}

function newVmLines(p: NewVmDisplayParams): string[] {
  const disk =
    p.DiskKind === 'existing' ? { VHDPath: p.DiskPath } : p.DiskKind === 'new' ? { NewVHDPath: p.DiskPath, NewVHDSizeBytes: p.DiskSizeBytes } : { NoVHD: true };
  const args = formatPsArguments(defined({ Name: p.Name, Generation: p.Generation, MemoryStartupBytes: p.MemoryStartupBytes, SwitchName: p.SwitchName, Path: p.Path, ...disk }));
  // The new VM is held in $vm, so the following lines act on it even if its name holds a wildcard.
  const lines = [`$vm = New-VM ${args}`, `Set-VMProcessor -VM $vm -Count ${p.ProcessorCount}`];
  if (p.DynamicMemory) lines.push('Set-VMMemory -VM $vm -DynamicMemoryEnabled $true');
  if (p.IsoPath) lines.push(`Add-VMDvdDrive -VM $vm -Path ${quotePsString(p.IsoPath)}`);
  return lines;
}

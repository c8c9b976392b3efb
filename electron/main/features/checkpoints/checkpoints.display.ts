import { psComment, quotePsString } from '../../platform/ledger/ps-command';
import { byVmName, onCheckpoint, onVm, safeName, vmName, type DisplayNames } from '../../platform/scripts/display';

/**
 * What View PowerShell shows for each checkpoint script: the cmdlets an admin would type, naming the VM and the
 * checkpoint (`Remove-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade'`), or picking the checkpoint by Id
 * where a name is unknown or holds a wildcard. The scripts address both by Id.
 */

type Vm = { VMId: string };
type VmCp = Vm & { CheckpointId: string };

/** Checkpoint-VM has no type parameter: the VM's CheckpointType decides, so the script switches it for one checkpoint. */
const kindType: Record<string, string | undefined> = { Standard: 'Standard', Production: 'ProductionOnly', Default: undefined };

export const checkpointsDisplay = {
  vms: () => ['Get-VM'],
  tree: (p: Vm, n: DisplayNames) => [byVmName('Get-VMSnapshot', p.VMId, n)],
  chainHealth: (p: Vm, n: DisplayNames) => [`${byVmName('Get-VMHardDiskDrive', p.VMId, n)} | ForEach-Object { Get-VHD -Path $_.Path }`],
  guestRole: (p: Vm, n: DisplayNames) => [
    `$vm = Get-CimInstance -Namespace 'root\\virtualization\\v2' -ClassName 'Msvm_ComputerSystem' -Filter ${quotePsString(`Name='${p.VMId}'`)}`,
    "Get-CimAssociatedInstance -InputObject $vm -ResultClassName 'Msvm_KvpExchangeComponent' | Select-Object -ExpandProperty GuestIntrinsicExchangeItems",
    ...(vmName(n, p.VMId) ? [`# the guest's ProductType (2 = domain controller) of ${psComment(vmName(n, p.VMId)!)}`] : []),
  ],
  create: (p: Vm & { SnapshotName: string; Kind: string }, n: DisplayNames) => {
    const type = kindType[p.Kind];
    return [...(type ? [onVm('Set-VM', p.VMId, n, { CheckpointType: type })] : []), onVm('Checkpoint-VM', p.VMId, n, { SnapshotName: p.SnapshotName })];
  },
  restore: (p: VmCp, n: DisplayNames) => [onCheckpoint('Restore-VMSnapshot', p.VMId, p.CheckpointId, n, { Confirm: false })],
  remove: (p: VmCp & { IncludeAllChildSnapshots?: boolean }, n: DisplayNames) => [
    onCheckpoint('Remove-VMSnapshot', p.VMId, p.CheckpointId, n, {}, p.IncludeAllChildSnapshots ? ['IncludeAllChildSnapshots'] : []),
  ],
  rename: (p: VmCp & { NewName: string }, n: DisplayNames) => [onCheckpoint('Rename-VMSnapshot', p.VMId, p.CheckpointId, n, { NewName: p.NewName })],
  export: (p: VmCp & { Path: string }, n: DisplayNames) => [onCheckpoint('Export-VMSnapshot', p.VMId, p.CheckpointId, n, { Path: p.Path })],
  mergeByCheckpoint: (p: Vm & { SnapshotName: string }, n: DisplayNames) => {
    const vm = safeName(vmName(n, p.VMId));
    const cp = safeName(p.SnapshotName);
    return [
      vm && cp
        ? `Remove-VMSnapshot -VMName ${quotePsString(vm)} -Name ${quotePsString(cp)}`
        : `${byVmName('Get-VMSnapshot', p.VMId, n)} | Where-Object Name -eq ${quotePsString(p.SnapshotName)} | Remove-VMSnapshot`,
    ];
  },
};

/** The names a checkpoint call's display needs, from what the caller knows. */
export function checkpointNames(vm: { vmId: string; vmName?: string }, checkpoint?: { id: string; name?: string }): DisplayNames {
  return {
    ...(vm.vmName ? { vms: { [vm.vmId]: vm.vmName } } : {}),
    ...(checkpoint?.name ? { checkpoints: { [checkpoint.id]: checkpoint.name } } : {}),
  };
}

<#
  Applies a checkpoint. The checkpoint is looked up by Id and must belong to the VM (an Id of another
  VM's checkpoint is refused here, before Hyper-V is asked). Returns where the VM now stands.
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$CheckpointId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]$VMId)
$snapshot = Get-VMSnapshot -Id ([guid]$CheckpointId)
if ($snapshot.VMId -ne $vm.Id) {
    throw ("Checkpoint '{0}' belongs to VM '{1}', not to '{2}'." -f $snapshot.Name, $snapshot.VMName, $vm.Name)
}
Restore-VMSnapshot -VMSnapshot $snapshot -Confirm:$false
$after = Get-VM -Id $vm.Id
$parent = $null
if ($null -ne $after.ParentSnapshotId) { $parent = ([guid]$after.ParentSnapshotId).ToString() }

[ordered]@{
    vmName             = [string]$after.Name
    state              = [string]$after.State
    parentCheckpointId = $parent
    appliedName        = [string]$snapshot.Name
} | ConvertTo-Json -Depth 3 -Compress

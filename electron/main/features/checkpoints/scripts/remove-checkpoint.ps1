<#
  Deletes one checkpoint (its children re-parent to its parent and Hyper-V merges its AVHDX) or, with
  IncludeAllChildSnapshots, the checkpoint and its whole subtree.
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$CheckpointId,
    [switch]$IncludeAllChildSnapshots
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]$VMId)
$snapshot = Get-VMSnapshot -Id ([guid]$CheckpointId)
if ($snapshot.VMId -ne $vm.Id) {
    throw ("Checkpoint '{0}' belongs to VM '{1}', not to '{2}'." -f $snapshot.Name, $snapshot.VMName, $vm.Name)
}
$before = @(Get-VMSnapshot -VM $vm).Count
Remove-VMSnapshot -VMSnapshot $snapshot -IncludeAllChildSnapshots:$IncludeAllChildSnapshots -Confirm:$false
$after = @(Get-VMSnapshot -VM $vm).Count

[ordered]@{
    vmName       = [string]$vm.Name
    removedName  = [string]$snapshot.Name
    removedCount = $before - $after
    remaining    = $after
} | ConvertTo-Json -Depth 3 -Compress

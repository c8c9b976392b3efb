param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$CheckpointId,
    [Parameter(Mandatory = $true)][string]$NewName
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]$VMId)
$snapshot = Get-VMSnapshot -Id ([guid]$CheckpointId)
if ($snapshot.VMId -ne $vm.Id) {
    throw ("Checkpoint '{0}' belongs to VM '{1}', not to '{2}'." -f $snapshot.Name, $snapshot.VMName, $vm.Name)
}
$oldName = [string]$snapshot.Name
Rename-VMSnapshot -VMSnapshot $snapshot -NewName $NewName
$renamed = Get-VMSnapshot -Id $snapshot.Id

[ordered]@{ vmName = [string]$vm.Name; oldName = $oldName; newName = [string]$renamed.Name } | ConvertTo-Json -Depth 3 -Compress

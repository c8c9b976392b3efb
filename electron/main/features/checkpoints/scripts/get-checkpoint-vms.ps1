<#
  The VM picker of the checkpoint view: each VM on the host with its checkpoint count. One Get-VMSnapshot for
  all VMs (not one per VM: each call is a WMI round trip on a real host), counted by VMId.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vms = @(Get-VM)
$counts = @{}
if ($vms.Count -gt 0) {
    foreach ($snapshot in @(Get-VMSnapshot -VM $vms)) {
        $key = ([guid]$snapshot.VMId).ToString()
        if ($counts.ContainsKey($key)) { $counts[$key] = $counts[$key] + 1 }
        else { $counts[$key] = 1 }
    }
}
$list = New-Object System.Collections.ArrayList
foreach ($vm in $vms) {
    $id = ([guid]$vm.Id).ToString()
    $count = 0
    if ($counts.ContainsKey($id)) { $count = $counts[$id] }
    [void]$list.Add([ordered]@{
        id              = $id
        name            = [string]$vm.Name
        state           = [string]$vm.State
        checkpointCount = [int]$count
    })
}
ConvertTo-Json -InputObject $list.ToArray() -Depth 3 -Compress

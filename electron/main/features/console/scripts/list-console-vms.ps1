<#
  The VMs of this host for the console picker: id, name, state (as Get-VM names it).
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vms = New-Object System.Collections.ArrayList
foreach ($vm in @(Get-VM)) {
    [void]$vms.Add(@{ vmId = [string]$vm.Id; name = [string]$vm.Name; state = [string]$vm.State })
}
return (ConvertTo-Json -InputObject @{ vms = $vms.ToArray() } -Compress -Depth 4)

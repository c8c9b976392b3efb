# The end of a P2V: removes the isolated private switch made for first boots, but only when no virtual machine
# is connected to it any more (this job's VM included: it should be on the production network by now). The
# switch is found by exact name and type Private (-Name treats [ ] * ? as wildcards), its users by the switch's
# Id, and it is removed as the object found, never by name.
param(
    [Parameter(Mandatory = $true)][string]$SwitchName
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$found = @(Get-VMSwitch | Where-Object { ($_.Name -eq $SwitchName) -and ([string]$_.SwitchType -eq 'Private') })
$usedBy = New-Object System.Collections.Generic.List[string]
$removed = 0
foreach ($switch in $found) {
    $id = [string]$switch.Id
    $users = @(Get-VMNetworkAdapter -All | Where-Object { (-not $_.IsManagementOs) -and ($null -ne $_.SwitchId) -and ([string]$_.SwitchId -eq $id) })
    if ($users.Count -gt 0) {
        foreach ($u in $users) { if (-not $usedBy.Contains([string]$u.VMName)) { $usedBy.Add([string]$u.VMName) } }
        continue
    }
    Remove-VMSwitch -VMSwitch $switch -Force
    $removed++
}
ConvertTo-Json -Compress -InputObject ([ordered]@{ found = $found.Count; removed = $removed; usedBy = $usedBy.ToArray() })

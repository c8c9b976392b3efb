# Guest services: Stop-LabGuestService makes a service in a VM fail (a crash, counted by its SCM); the recovery
# chain (SCM restarts, then the cluster's VM monitoring) is scheduled in the world and settled with the lab clock.
$script:LabControls.AddRange([string[]]@('Stop-LabGuestService', 'Start-LabGuestService', 'Get-LabGuestService'))

function Resolve-LabGuestVMId([string]$VMName) {
    foreach ($h in (Get-LabWorldHosts)) {
        foreach ($v in (Get-LabHostState $h.name)['vms']) { if ([string]::Equals([string]$v['name'], $VMName, [StringComparison]::OrdinalIgnoreCase)) { return [string]$v['id'] } }
    }
    throw [Management.Automation.ItemNotFoundException]::new("No lab VM named '$VMName' in this lab datacenter.")
}

function Stop-LabGuestService {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$VMName, [Parameter(Mandatory = $true)][string]$Name)
    $id = Resolve-LabGuestVMId $VMName
    Update-LabWorld { param($tx) Invoke-LabGuestServiceFailure $tx $id $Name (Get-LabClockMs $tx.Datacenter['clock']) }
}

function Start-LabGuestService {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$VMName, [Parameter(Mandatory = $true)][string]$Name)
    $id = Resolve-LabGuestVMId $VMName
    Update-LabWorld {
        param($tx)
        $loc = Find-LabTxVM $tx $id
        $svc = Get-LabGuestServiceRec $loc.Vm $Name
        $svc['state'] = 'Running'; $svc['next'] = $null
        Clear-LabDue $tx ("cluster-guest:$id/$Name")
    }
}

function Get-LabGuestService {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$VMName, [string]$Name)
    Sync-LabWorld
    $id = Resolve-LabGuestVMId $VMName
    foreach ($h in (Get-LabWorldHosts)) {
        foreach ($v in (Get-LabHostState $h.name)['vms']) {
            if ([string]$v['id'] -ne $id) { continue }
            $svcs = $null; if ($v.Contains('guestServices')) { $svcs = $v['guestServices'] }
            $names = @(); if ($null -ne $svcs) { $names = @($svcs.Keys) }
            if ($Name) { $names = @($Name) }
            foreach ($n in $names) {
                $s = $null; if ($null -ne $svcs -and $svcs.Contains($n)) { $s = $svcs[$n] }
                $state = 'Running'; $fail = 0; if ($null -ne $s) { $state = [string]$s['state']; $fail = [int]$s['failures'] }
                [pscustomobject]@{ PSTypeName = 'Hyperdesk.Lab.GuestService'; VMName = [string]$v['name']; ComputerName = $h.name; Name = $n; Status = $state; Failures = $fail }
            }
        }
    }
}

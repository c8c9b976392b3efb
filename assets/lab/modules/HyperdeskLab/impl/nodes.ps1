# Node power: Stop-LabNode powers a host off (host.power = 'Off'; it answers nothing) and, in the same world
# transaction, its clustered VMs fail over by preferred owner (core/world/cluster.ps1); Start-LabNode powers it on.
$script:LabControls.AddRange([string[]]@('Stop-LabNode', 'Start-LabNode', 'Get-LabClusterEvent'))

function Stop-LabNode {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Name)
    if (-not $PSCmdlet.ShouldProcess($Name, 'Power off')) { return }
    Update-LabWorld {
        param($tx)
        $st = Get-LabTxHost $tx $Name
        if ([string]$st['host']['power'] -eq 'Off') { return }
        $st['host']['power'] = 'Off'
        Invoke-LabClusterNodeDown $tx $Name 'power' (Get-LabClockMs $tx.Datacenter['clock'])
    }
}

function Start-LabNode {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Name)
    Update-LabWorld {
        param($tx)
        $st = Get-LabTxHost $tx $Name
        $st['host']['power'] = 'On'
        Invoke-LabClusterNodeUp $tx $Name (Get-LabClockMs $tx.Datacenter['clock'])
    }
}

# The cluster's events (site.json, newest last), as an admin reads them on a node with
# Get-WinEvent -LogName 'Microsoft-Windows-FailoverClustering/Operational' (and the System log).
function Get-LabClusterEvent {
    [CmdletBinding()]
    param([int]$Id = 0, [string]$Site)
    Sync-LabWorld
    $s = Get-LabSite $Site
    if (-not $s.Contains('cluster')) { return }
    foreach ($e in @($s['cluster']['events'])) {
        if ($null -eq $e -or ($Id -ne 0 -and [int]$e['id'] -ne $Id)) { continue }
        [pscustomobject]@{ PSTypeName = 'Hyperdesk.Lab.ClusterEvent'; TimeCreated = ConvertFrom-LabMs ([long]$e['timeMs']); Id = [int]$e['id']; LevelDisplayName = [string]$e['level']
            ProviderName = 'Microsoft-Windows-FailoverClustering'; Message = [string]$e['message'] }
    }
}

<#
  Every VM on the host with the fields the inventory grid shows, batched into ONE round trip
  (VM, memory, network adapters and disks), so a refresh costs one call per host.
  Enums are converted to their names with [string]; dates are ISO 8601 in the invariant culture.
#>
param(
    [string[]]$Name
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$inv = [cultureinfo]::InvariantCulture
if ($Name) { $vms = @(Get-VM -Name $Name) } else { $vms = @(Get-VM) }

$rows = foreach ($vm in $vms) {
    $adapters = @(foreach ($a in $vm.NetworkAdapters) {
        [ordered]@{
            name        = [string]$a.Name
            switchName  = [string]$a.SwitchName
            macAddress  = [string]$a.MacAddress
            ipAddresses = @($a.IPAddresses | ForEach-Object { [string]$_ })
        }
    })
    $disks = @(foreach ($d in $vm.HardDrives) {
        [ordered]@{
            path               = [string]$d.Path
            controllerType     = [string]$d.ControllerType
            controllerNumber   = [int]$d.ControllerNumber
            controllerLocation = [int]$d.ControllerLocation
        }
    })
    $heartbeat = $null
    if ($null -ne $vm.Heartbeat) { $heartbeat = [string]$vm.Heartbeat }
    [ordered]@{
        id                   = [string]$vm.Id
        name                 = [string]$vm.Name
        state                = [string]$vm.State
        status               = [string]$vm.Status
        cpuUsage             = [int]$vm.CPUUsage
        processorCount       = [long]$vm.ProcessorCount
        memoryAssigned       = [long]$vm.MemoryAssigned
        memoryDemand         = [long]$vm.MemoryDemand
        memoryStartup        = [long]$vm.MemoryStartup
        dynamicMemoryEnabled = [bool]$vm.DynamicMemoryEnabled
        uptimeSeconds        = [long]$vm.Uptime.TotalSeconds
        generation           = [int]$vm.Generation
        version              = [string]$vm.Version
        heartbeat            = $heartbeat
        replicationState     = [string]$vm.ReplicationState
        checkpointType       = [string]$vm.CheckpointType
        parentSnapshotName   = [string]$vm.ParentSnapshotName
        isClustered          = [bool]$vm.IsClustered
        path                 = [string]$vm.Path
        notes                = [string]$vm.Notes
        creationTime         = $vm.CreationTime.ToUniversalTime().ToString('o', $inv)
        networkAdapters      = $adapters
        hardDrives           = $disks
    }
}

# The host's own name as Hyper-V reports it (matters for the lab, where it differs from the machine's).
$computerName = [Environment]::MachineName
if ($vms.Count -gt 0) { $computerName = [string]$vms[0].ComputerName }

[ordered]@{
    computerName = $computerName
    collectedAt  = [DateTime]::UtcNow.ToString('o', $inv)
    vms          = @($rows)
} | ConvertTo-Json -Depth 6 -Compress

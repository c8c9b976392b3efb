<#
  Every grid column for every VM on this host, in one round trip: Get-VM once, Get-VMSnapshot once for all
  VMs (checkpoint counts), Get-VMNetworkAdapter once for all VMs (IP addresses the guest reports through KVP;
  empty for a VM that is off). Enums as member names; Uptime as whole seconds.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vms = @(Get-VM)
$checkpointCounts = @{}
if ($vms.Count -gt 0) {
    foreach ($snapshot in @(Get-VMSnapshot -VM $vms)) {
        $key = [string]$snapshot.VMId
        if ($checkpointCounts.ContainsKey($key)) { $checkpointCounts[$key] = $checkpointCounts[$key] + 1 }
        else { $checkpointCounts[$key] = 1 }
    }
}
$ipAddresses = @{}
if ($vms.Count -gt 0) {
    foreach ($adapter in @(Get-VMNetworkAdapter -VM $vms)) {
        $key = [string]$adapter.VMId
        if (-not $ipAddresses.ContainsKey($key)) { $ipAddresses[$key] = New-Object System.Collections.Generic.List[string] }
        foreach ($ip in @($adapter.IPAddresses)) { if ($ip) { $ipAddresses[$key].Add([string]$ip) } }
    }
}

$rows = New-Object System.Collections.Generic.List[object]
foreach ($vm in $vms) {
    $id = [string]$vm.Id
    $heartbeat = $null
    if ($null -ne $vm.Heartbeat) { $heartbeat = [string]$vm.Heartbeat }
    $count = 0
    if ($checkpointCounts.ContainsKey($id)) { $count = $checkpointCounts[$id] }
    $ips = @()
    if ($ipAddresses.ContainsKey($id)) { $ips = $ipAddresses[$id].ToArray() }
    $uptime = 0
    if ($null -ne $vm.Uptime) { $uptime = [long][math]::Floor($vm.Uptime.TotalSeconds) }
    $rows.Add([ordered]@{
            id               = $id
            name             = [string]$vm.Name
            state            = [string]$vm.State
            status           = [string]$vm.Status
            cpuUsage         = [int]$vm.CPUUsage
            memoryAssigned   = [long]$vm.MemoryAssigned
            memoryDemand     = [long]$vm.MemoryDemand
            memoryStartup    = [long]$vm.MemoryStartup
            dynamicMemory    = [bool]$vm.DynamicMemoryEnabled
            processorCount   = [long]$vm.ProcessorCount
            uptimeSeconds    = $uptime
            heartbeat        = $heartbeat
            generation       = [int]$vm.Generation
            version          = [string]$vm.Version
            checkpointCount  = [int]$count
            replicationState = [string]$vm.ReplicationState
            notes            = [string]$vm.Notes
            ipAddresses      = [string[]]$ips
        })
}

ConvertTo-Json -InputObject @{ vms = $rows.ToArray() } -Depth 4 -Compress

<#
  One power action on one or more VMs of this host (a bulk action sends all of a host's VMs in one call).
  Each VM succeeds or fails on its own: the result lists, per VM id, the outcome, the VM's grid row as it is
  after the action (the same fields as get-inventory.ps1, so main updates the grid and the details panel
  from this one call instead of re-reading), and the host's own error (message, FullyQualifiedErrorId,
  category) when it refused. Checkpoints are not an action here: they go through
  checkpoints/new-checkpoint.ps1, behind the domain-controller rule.
#>
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('start', 'shutdown', 'turnoff', 'save', 'suspend', 'resume', 'restart')]
    [string]$Action,
    [Parameter(Mandatory = $true)]
    [string[]]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-RowOf($vm) {
    $heartbeat = $null
    if ($null -ne $vm.Heartbeat) { $heartbeat = [string]$vm.Heartbeat }
    $uptime = 0
    if ($null -ne $vm.Uptime) { $uptime = [long][math]::Floor($vm.Uptime.TotalSeconds) }
    return [ordered]@{
        id               = [string]$vm.Id
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
        checkpointCount  = [int]@(Get-VMSnapshot -VM $vm).Count
        replicationState = [string]$vm.ReplicationState
        notes            = [string]$vm.Notes
        ipAddresses      = [string[]]@(@(Get-VMNetworkAdapter -VM $vm) | ForEach-Object { @($_.IPAddresses) } | Where-Object { $_ })
    }
}

$results = New-Object System.Collections.Generic.List[object]
$index = 0
foreach ($id in $VmId) {
    $index++
    Write-Progress -Activity $Action -Status $id -PercentComplete ([int](100 * ($index - 1) / $VmId.Count))
    $entry = [ordered]@{ id = $id; ok = $false; row = $null; error = $null }
    try {
        $vm = Get-VM -Id ([guid]$id)
        switch ($Action) {
            'start' { Start-VM -VM $vm }
            # -Force: no interactive question on a host without a console; the guest still shuts down cleanly.
            'shutdown' { Stop-VM -VM $vm -Force }
            'turnoff' { Stop-VM -VM $vm -TurnOff -Force }
            'save' { Save-VM -VM $vm }
            'suspend' { Suspend-VM -VM $vm }
            'resume' { Resume-VM -VM $vm }
            'restart' { Restart-VM -VM $vm -Force }
        }
        $entry.ok = $true
    } catch {
        $entry.error = [ordered]@{
            message  = $_.Exception.Message
            fqid     = [string]$_.FullyQualifiedErrorId
            category = [string]$_.CategoryInfo.Category
        }
    }
    # The row after the attempt (also after a refusal: the grid shows what the VM is now). A VM that is gone has none.
    try { $entry.row = Get-RowOf (Get-VM -Id ([guid]$id)) } catch { $entry.row = $null }
    $results.Add($entry)
}
Write-Progress -Activity $Action -Completed

ConvertTo-Json -InputObject @{ results = $results.ToArray() } -Depth 5 -Compress

<#
  One sample of the live figures a host overview graphs, in one round trip: the hypervisor's total run time over
  all logical processors (the host's CPU as Hyper-V sees it, guests included), the host's physical memory in use,
  and each VM's CPUUsage, MemoryAssigned and MemoryDemand. CIM, not Get-Counter: counter paths are localized.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$os = Get-CimInstance -ClassName Win32_OperatingSystem
# A host whose hypervisor counters are missing (a broken performance registry) still graphs memory and VMs.
$cpu = $null
$lp = @(Get-CimInstance -ClassName Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor -Filter "Name = '_Total'" -ErrorAction SilentlyContinue)
if ($lp.Count -gt 0 -and $null -ne $lp[0].PercentTotalRunTime) { $cpu = [double]$lp[0].PercentTotalRunTime }

$vms = New-Object System.Collections.Generic.List[object]
foreach ($vm in @(Get-VM)) {
    $vms.Add([ordered]@{
            id             = $vm.Id.ToString()
            name           = [string]$vm.Name
            state          = [string]$vm.State
            cpuUsage       = [int]$vm.CPUUsage
            memoryAssigned = [long]$vm.MemoryAssigned
            memoryDemand   = [long]$vm.MemoryDemand
        })
}

ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{
        cpuPercent = $cpu
        memory     = [ordered]@{ totalBytes = [long]$os.TotalVisibleMemorySize * 1024; freeBytes = [long]$os.FreePhysicalMemory * 1024 }
        vms        = $vms.ToArray()
    })

# What the P2V wizard needs from the target Hyper-V host: default folders, capacity and the virtual switches.
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$h = Get-VMHost
$switches = @(Get-VMSwitch | ForEach-Object { [ordered]@{ name = [string]$_.Name; switchType = [string]$_.SwitchType } })
[ordered]@{
    name = [string]$h.Name
    virtualHardDiskPath = [string]$h.VirtualHardDiskPath
    virtualMachinePath = [string]$h.VirtualMachinePath
    logicalProcessorCount = [int]$h.LogicalProcessorCount
    memoryCapacity = [double]$h.MemoryCapacity
    switches = @($switches)
} | ConvertTo-Json -Depth 4 -Compress

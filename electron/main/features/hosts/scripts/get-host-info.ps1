<#
  Host facts for the connection check: PowerShell version, whether the Hyper-V module is present, and the
  Get-VMHost basics. One round trip, JSON out.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$module = Get-Module -ListAvailable -Name 'Hyper-V' | Sort-Object -Property Version -Descending | Select-Object -First 1
$info = [ordered]@{
    computerName          = [Environment]::MachineName
    psVersion             = $PSVersionTable.PSVersion.ToString()
    psEdition             = [string]$PSVersionTable.PSEdition
    hypervModule          = $null -ne $module
    hypervModuleVersion   = $null
    logicalProcessorCount = $null
    memoryCapacity        = $null
    virtualMachinePath    = $null
}
if ($null -ne $module) {
    $info.hypervModuleVersion = $module.Version.ToString()
    $vmHost = Get-VMHost
    $info.computerName = [string]$vmHost.Name
    $info.logicalProcessorCount = [int]$vmHost.LogicalProcessorCount
    $info.memoryCapacity = [long]$vmHost.MemoryCapacity
    $info.virtualMachinePath = [string]$vmHost.VirtualMachinePath
}
$info | ConvertTo-Json -Depth 3 -Compress

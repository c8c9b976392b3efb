<#
  What the new-VM wizard offers on this host: its switches, default folders, processors, memory and the
  Secure Boot templates it knows.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vmHost = Get-VMHost
$switches = New-Object System.Collections.Generic.List[object]
foreach ($switch in @(Get-VMSwitch)) { $switches.Add([ordered]@{ name = [string]$switch.Name; switchType = [string]$switch.SwitchType }) }
$templates = New-Object System.Collections.Generic.List[string]
foreach ($template in @($vmHost.SecureBootTemplates)) {
    if ($null -eq $template) { continue }
    $nameProperty = $template.PSObject.Properties['Name']
    if ($null -ne $nameProperty) { $templates.Add([string]$nameProperty.Value) } else { $templates.Add([string]$template) }
}
if ($templates.Count -eq 0) {
    # Hosts that do not list templates still accept the built-in ones.
    foreach ($t in @('MicrosoftWindows', 'MicrosoftUEFICertificateAuthority', 'OpenSourceShieldedVM')) { $templates.Add($t) }
}

ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{
        switches              = $switches.ToArray()
        virtualMachinePath    = [string]$vmHost.VirtualMachinePath
        virtualHardDiskPath   = [string]$vmHost.VirtualHardDiskPath
        logicalProcessorCount = [int]$vmHost.LogicalProcessorCount
        memoryCapacity        = [long]$vmHost.MemoryCapacity
        secureBootTemplates   = $templates.ToArray()
    })

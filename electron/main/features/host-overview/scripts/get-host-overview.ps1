<#
  A host at a glance, in one round trip: processors, memory in use and free, the volumes that hold the VM
  folders (VirtualMachinePath, VirtualHardDiskPath), the OS version and the VMs counted by state.
  Get-VMHost has no version property: the Hyper-V role is the OS's, so the version is Win32_OperatingSystem's.
  CIM, not Get-Counter or Get-Volume: class and property names are never localized, and both bind on 5.1 and 7.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vmHost = Get-VMHost
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$sockets = @(Get-CimInstance -ClassName Win32_Processor)
$volumes = @(Get-CimInstance -ClassName Win32_Volume -Filter 'DriveType = 3')

# A folder with its separators as '/' and a trailing one, lower case, so 'C:\VMs' starts with 'c:/'.
function ConvertTo-Prefix([string]$Path) {
    $p = $Path.Replace('\', '/').ToLowerInvariant()
    if (-not $p.EndsWith('/')) { $p += '/' }
    return $p
}

# The volume holding a folder: the longest mount point it starts with (so C:\ClusterStorage\Volume1 wins over C:\).
function Find-Volume([string]$Path) {
    $best = $null
    $bestLength = -1
    if ([string]::IsNullOrEmpty($Path)) { return $null }
    $folder = ConvertTo-Prefix $Path
    foreach ($v in $volumes) {
        if ([string]::IsNullOrEmpty([string]$v.Name)) { continue }
        $mount = ConvertTo-Prefix ([string]$v.Name)
        if ($folder.StartsWith($mount, [StringComparison]::Ordinal) -and $mount.Length -gt $bestLength) { $best = $v; $bestLength = $mount.Length }
    }
    return $best
}

$storage = New-Object System.Collections.Generic.List[object]
foreach ($entry in @(@('vms', [string]$vmHost.VirtualMachinePath), @('disks', [string]$vmHost.VirtualHardDiskPath))) {
    $v = Find-Volume $entry[1]
    $item = [ordered]@{ role = $entry[0]; path = $entry[1]; volume = $null; label = $null; sizeBytes = $null; freeBytes = $null }
    if ($null -ne $v) {
        $item.volume = [string]$v.Name
        if ($null -ne $v.Label) { $item.label = [string]$v.Label }
        if ($null -ne $v.Capacity) { $item.sizeBytes = [long]$v.Capacity }
        if ($null -ne $v.FreeSpace) { $item.freeBytes = [long]$v.FreeSpace }
    }
    $storage.Add($item)
}

$cores = 0
$model = $null
foreach ($s in $sockets) {
    $cores += [int]$s.NumberOfCores
    if ($null -eq $model -and $null -ne $s.Name) { $model = ([string]$s.Name).Trim() }
}

$counts = [ordered]@{}
$total = 0
foreach ($vm in @(Get-VM)) {
    $state = [string]$vm.State
    if ($counts.Contains($state)) { $counts[$state] += 1 } else { $counts[$state] = 1 }
    $total++
}
$byState = New-Object System.Collections.Generic.List[object]
foreach ($k in $counts.Keys) { $byState.Add([ordered]@{ state = $k; count = [int]$counts[$k] }) }

ConvertTo-Json -Compress -Depth 5 -InputObject ([ordered]@{
        name       = [string]$vmHost.Name
        fqdn       = [string]$vmHost.FullyQualifiedDomainName
        os         = [ordered]@{ caption = [string]$os.Caption; version = [string]$os.Version; buildNumber = [string]$os.BuildNumber }
        processors = [ordered]@{ logical = [int]$vmHost.LogicalProcessorCount; sockets = $sockets.Count; cores = $cores; model = $model }
        memory     = [ordered]@{ totalBytes = [long]$os.TotalVisibleMemorySize * 1024; freeBytes = [long]$os.FreePhysicalMemory * 1024; capacityBytes = [long]$vmHost.MemoryCapacity }
        storage    = $storage.ToArray()
        vms        = [ordered]@{ total = $total; byState = $byState.ToArray() }
    })

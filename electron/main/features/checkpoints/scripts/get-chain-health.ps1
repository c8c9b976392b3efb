<#
  What chain health needs, read-only: the differencing chain behind each of the VM's disks, every disk
  file a checkpoint or the VM references, and the AVHDX files in those disks' folders whose chain leads to
  one of this VM's base disks (only those: a shared folder holds other VMs' files too).
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-DiskChain([string]$Path) {
    $links = New-Object System.Collections.ArrayList
    $next = $Path
    while ($next -and $links.Count -lt 512) {
        if (-not (Test-Path -LiteralPath $next)) {
            [void]$links.Add([ordered]@{ path = $next; exists = $false; vhdType = $null; fileSize = $null; parentPath = $null })
            break
        }
        $vhd = Get-VHD -Path $next
        $parent = $null
        if ($vhd.ParentPath) { $parent = [string]$vhd.ParentPath }
        [void]$links.Add([ordered]@{ path = [string]$vhd.Path; exists = $true; vhdType = [string]$vhd.VhdType; fileSize = [double]$vhd.FileSize; parentPath = $parent })
        $next = $parent
    }
    return , $links.ToArray()
}

$vm = Get-VM -Id ([guid]$VMId)
$snapshots = @(Get-VMSnapshot -VM $vm)

$owned = New-Object System.Collections.ArrayList
$roots = @{}
$folders = @{}
$disks = New-Object System.Collections.ArrayList
foreach ($d in @(Get-VMHardDiskDrive -VM $vm)) {
    $chain = @()
    if ($d.Path) {
        [void]$owned.Add([string]$d.Path)
        $chain = Get-DiskChain $d.Path
        foreach ($l in $chain) {
            $dir = Split-Path -Path $l.path -Parent
            if ($dir) { $folders[$dir.ToLowerInvariant()] = $dir }
        }
        $base = $chain[$chain.Count - 1]
        if ($base.exists) { $roots[$base.path.ToLowerInvariant()] = $true }
    }
    [void]$disks.Add([ordered]@{
        controllerType     = [string]$d.ControllerType
        controllerNumber   = [int]$d.ControllerNumber
        controllerLocation = [int]$d.ControllerLocation
        path               = $d.Path
        chain              = $chain
    })
}
foreach ($s in $snapshots) {
    foreach ($d in @($s.HardDrives)) { if ($null -ne $d -and $d.Path) { [void]$owned.Add([string]$d.Path) } }
}

$candidates = New-Object System.Collections.ArrayList
foreach ($dir in $folders.Values) {
    if (-not (Test-Path -LiteralPath $dir)) { continue }
    foreach ($f in @(Get-ChildItem -LiteralPath $dir -Filter '*.avhdx' -File)) {
        try {
            $vhd = Get-VHD -Path $f.FullName
            $parent = $null
            if ($vhd.ParentPath) { $parent = [string]$vhd.ParentPath }
            $walk = Get-DiskChain $f.FullName
            $root = $walk[$walk.Count - 1]
            if ($root.exists -and $roots.ContainsKey($root.path.ToLowerInvariant())) {
                [void]$candidates.Add([ordered]@{ path = $f.FullName; fileSize = [double]$f.Length; parentPath = $parent; chainRoot = $root.path })
            }
        }
        catch { Write-Warning ("Could not read '{0}': {1}" -f $f.FullName, $_.Exception.Message) }
    }
}

[ordered]@{
    vmName          = [string]$vm.Name
    vmState         = [string]$vm.State
    checkpointCount = $snapshots.Count
    disks           = $disks.ToArray()
    ownedPaths      = $owned.ToArray()
    candidates      = $candidates.ToArray()
} | ConvertTo-Json -Depth 8 -Compress

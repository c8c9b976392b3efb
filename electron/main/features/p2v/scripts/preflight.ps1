# P2V preflight on the source machine: OS, firmware and partition style, every volume with its role, BitLocker,
# a VHD-booted OS, free space where the capture lands, and where Disk2vhd is. Read-only: changes nothing.
param(
    [string]$TargetPath = '',
    [string]$Disk2vhdPath = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-Prop($obj, [string]$name) {
    if ($null -ne $obj -and $obj.PSObject.Properties[$name]) { return $obj.$name }
    return $null
}
# Storage enums arrive as names or numbers depending on the formatting layer: normalise to names.
function Get-PartitionStyleName($v) {
    switch ([string]$v) { '1' { 'MBR' } '2' { 'GPT' } '3' { 'RAW' } 'MBR' { 'MBR' } 'GPT' { 'GPT' } 'RAW' { 'RAW' } default { 'Unknown' } }
}
function Test-FileBackedBus($v) { return ([string]$v -eq '15') -or ([string]$v -eq 'File Backed Virtual') }

$os = Get-CimInstance -ClassName Win32_OperatingSystem
$cs = Get-CimInstance -ClassName Win32_ComputerSystem

$firmware = 'Unknown'
if ($env:firmware_type -eq 'UEFI') { $firmware = 'UEFI' } elseif ($env:firmware_type -eq 'Legacy') { $firmware = 'BIOS' }
$secureBoot = $null
if ($firmware -eq 'UEFI' -and (Get-Command -Name Confirm-SecureBootUEFI -ErrorAction SilentlyContinue)) {
    try { $secureBoot = [bool](Confirm-SecureBootUEFI) } catch [System.UnauthorizedAccessException] { $secureBoot = $null }
}

$disks = @(Get-Disk)
$volumes = @(Get-Volume)
$bitLockerAvailable = [bool](Get-Command -Name Get-BitLockerVolume -ErrorAction SilentlyContinue)
$bitLocker = @()
if ($bitLockerAvailable) { $bitLocker = @(Get-BitLockerVolume) }

$gptEfi = '{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}'
$gptMsr = '{e3c9e316-0b5c-4db8-817d-f92df00215ae}'
$gptRecovery = '{de94bba4-06d1-4d40-a16a-bfd50179d6ac}'

$diskOut = @()
$partOut = @()
foreach ($d in $disks) {
    $style = Get-PartitionStyleName $d.PartitionStyle
    $diskOut += [ordered]@{
        number = [int]$d.Number; friendlyName = [string]$d.FriendlyName; partitionStyle = $style
        size = [double]$d.Size; isBoot = [bool]$d.IsBoot; isSystem = [bool]$d.IsSystem; fileBacked = (Test-FileBackedBus $d.BusType)
    }
    foreach ($p in @(Get-Partition -DiskNumber $d.Number -ErrorAction SilentlyContinue)) {
        $letter = $null
        if ([string]$p.DriveLetter -match '^[A-Za-z]$') { $letter = ([string]$p.DriveLetter).ToUpperInvariant() }
        $gpt = [string](Get-Prop $p 'GptType')
        $mbr = Get-Prop $p 'MbrType'
        $role = 'data'
        if ($gpt -eq $gptEfi -or ([string]$mbr -eq '239')) { $role = 'efi' }
        elseif ($gpt -eq $gptMsr) { $role = 'msr' }
        elseif ($gpt -eq $gptRecovery -or [string]$mbr -eq '39') { $role = 'recovery' }
        elseif ([bool]$p.IsBoot) { $role = 'boot' }
        elseif ([bool]$p.IsSystem) { $role = 'system' }
        $vol = $null
        foreach ($v in $volumes) { if (@($p.AccessPaths) -contains [string]$v.Path) { $vol = $v } }
        $bl = $null
        foreach ($b in $bitLocker) {
            $mp = ([string]$b.MountPoint).TrimEnd('\')
            if (($letter -and $mp -eq "$($letter):") -or ($null -ne $vol -and $mp -eq ([string]$vol.Path).TrimEnd('\'))) {
                $bl = [ordered]@{ volumeStatus = [string]$b.VolumeStatus; protectionStatus = [string]$b.ProtectionStatus; encryptionPercentage = [double]$b.EncryptionPercentage }
            }
        }
        $entry = [ordered]@{
            diskNumber = [int]$p.DiskNumber; partitionNumber = [int]$p.PartitionNumber; driveLetter = $letter; role = $role
            offset = [double]$p.Offset; size = [double]$p.Size; isBoot = [bool]$p.IsBoot; isSystem = [bool]$p.IsSystem
            fileSystem = $null; label = $null; usedBytes = $null; volumePath = $null; bitLocker = $bl
        }
        if ($null -ne $vol) {
            $entry.fileSystem = [string]$vol.FileSystem; $entry.label = [string]$vol.FileSystemLabel
            $entry.usedBytes = [double]([double]$vol.Size - [double]$vol.SizeRemaining); $entry.volumePath = [string]$vol.Path
        }
        $partOut += $entry
    }
}

# Free space where Disk2vhd will write: a local folder (nearest existing ancestor); a UNC share cannot be measured here.
$target = [ordered]@{ path = $TargetPath; freeBytes = $null; kind = 'none' }
if ($TargetPath) {
    if ($TargetPath.StartsWith('\\')) { $target.kind = 'share' }
    else {
        $target.kind = 'local'
        $probe = $TargetPath
        while ($probe -and -not (Test-Path -LiteralPath $probe)) { $probe = Split-Path -Parent $probe }
        if ($probe) { $target.freeBytes = [double](Get-Volume -FilePath $probe).SizeRemaining }
    }
}

# Disk2vhd: the given path, then PATH, then the folder Hyperdesk copies it to.
$d2v = [ordered]@{ present = $false; path = $null; version = $null }
$candidates = @()
if ($Disk2vhdPath) { $candidates += $Disk2vhdPath }
$onPath = Get-Command -Name 'disk2vhd64.exe' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if ($null -ne $onPath) { $candidates += $onPath.Source }
if ($env:ProgramData) { $candidates += (Join-Path (Join-Path $env:ProgramData 'Hyperdesk') 'disk2vhd64.exe') }
foreach ($c in $candidates) {
    if (Test-Path -LiteralPath $c -PathType Leaf) {
        $d2v.present = $true; $d2v.path = [string](Resolve-Path -LiteralPath $c).Path
        $fv = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($d2v.path)
        if ($fv.FileMajorPart -gt 0) { $d2v.version = ('{0}.{1:d2}' -f $fv.FileMajorPart, $fv.FileMinorPart) }
        break
    }
}

[ordered]@{
    computerName = [string]$cs.Name
    os = [ordered]@{ caption = [string]$os.Caption; version = [string]$os.Version; buildNumber = [string]$os.BuildNumber; productType = [int]$os.ProductType; architecture = [string]$os.OSArchitecture }
    memoryBytes = [double]$cs.TotalPhysicalMemory
    logicalProcessors = [int]$cs.NumberOfLogicalProcessors
    firmware = $firmware
    secureBoot = $secureBoot
    disks = @($diskOut)
    partitions = @($partOut)
    bitLockerAvailable = $bitLockerAvailable
    target = $target
    disk2vhd = $d2v
} | ConvertTo-Json -Depth 6 -Compress

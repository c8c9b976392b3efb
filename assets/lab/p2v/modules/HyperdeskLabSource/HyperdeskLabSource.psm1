# The lab's simulated physical source machine. Its state (disks, partitions, volumes, firmware, BitLocker,
# OS) lives in $env:HYPERDESK_LAB_SOURCE/source.json, seeded from assets/lab/p2v/scenarios/<name>.json by
# assets/lab/p2v/bin/new-source.ps1. Objects carry the real CIM class names in PSTypeNames and the real
# property names; CIM instances cannot be built on Linux (no libmi), so they are PSCustomObjects.
# Storage declarations are generated from the reference (generated/Storage.Commands.ps1); BitLocker,
# SecureBoot and CimCmdlets are not in the reference, so their param blocks below are hand-written from the
# documented syntax (subset: the parameter sets the app uses; others throw "not simulated").
Set-StrictMode -Version Latest

. (Join-Path $PSScriptRoot 'generated/Storage.Commands.ps1')

function Get-LabSourceState {
    $dir = $env:HYPERDESK_LAB_SOURCE
    if (-not $dir) { throw [System.InvalidOperationException]::new('HYPERDESK_LAB_SOURCE is not set: not a lab source') }
    $file = Join-Path $dir 'source.json'
    if (-not (Test-Path -LiteralPath $file)) { throw [System.IO.FileNotFoundException]::new("lab source state not found: $file") }
    return (Get-Content -LiteralPath $file -Raw -Encoding UTF8 | ConvertFrom-Json)
}

function New-LabObject([string]$typeName, [System.Collections.IDictionary]$props) {
    $o = New-Object -TypeName psobject -Property $props
    $o.PSTypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance')
    $o.PSTypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#$typeName")
    return $o
}

function Get-LabVolumePath($disk, $part) {
    return ('\\?\Volume{{{0:x8}-0000-4000-8000-{1:x12}}}\' -f [int]$disk.Number, [int]$part.PartitionNumber)
}

function ConvertTo-LabDisk($disk) {
    $props = [ordered]@{
        Number = [uint32]$disk.Number; FriendlyName = [string]$disk.FriendlyName; SerialNumber = [string]$disk.SerialNumber
        UniqueId = ('LAB-DISK-{0}' -f $disk.Number); Path = ('\\?\lab#disk&{0}' -f $disk.Number)
        PartitionStyle = [string]$disk.PartitionStyle; BusType = [string]$disk.BusType
        Size = [uint64]$disk.Size; AllocatedSize = [uint64]$disk.Size; IsBoot = [bool]$disk.IsBoot; IsSystem = [bool]$disk.IsSystem
        BootFromDisk = [bool]$disk.IsBoot; IsOffline = $false; IsReadOnly = $false; NumberOfPartitions = [uint32]@($disk.partitions).Count
        OperationalStatus = 'Online'; HealthStatus = 'Healthy'; LogicalSectorSize = [uint32]512; PhysicalSectorSize = [uint32]4096
    }
    return New-LabObject 'ROOT/Microsoft/Windows/Storage/MSFT_Disk' $props
}

function ConvertTo-LabPartition($disk, $part) {
    $letter = [char]0
    if ($part.DriveLetter) { $letter = [char]([string]$part.DriveLetter) }
    $paths = @()
    if ($letter -ne [char]0) { $paths += ('{0}:\' -f $letter) }
    if ($null -ne $part.volume) { $paths += (Get-LabVolumePath $disk $part) }
    $mbrType = $null; $gptType = $null
    if ([string]$disk.PartitionStyle -eq 'MBR') { $mbrType = [uint16]$part.MbrType } else { $gptType = [string]$part.GptType }
    $props = [ordered]@{
        DiskNumber = [uint32]$disk.Number; PartitionNumber = [uint32]$part.PartitionNumber; DriveLetter = $letter
        Offset = [uint64]$part.Offset; Size = [uint64]$part.Size; MbrType = $mbrType; GptType = $gptType
        IsActive = [bool]$part.IsActive; IsBoot = [bool]$part.IsBoot; IsSystem = [bool]$part.IsSystem; IsHidden = [bool]$part.IsHidden
        IsOffline = $false; IsReadOnly = $false; AccessPaths = [string[]]$paths; DiskId = ('\\?\lab#disk&{0}' -f $disk.Number)
        UniqueId = ('LAB-PART-{0}-{1}' -f $disk.Number, $part.PartitionNumber)
    }
    return New-LabObject 'ROOT/Microsoft/Windows/Storage/MSFT_Partition' $props
}

function ConvertTo-LabVolume($disk, $part) {
    $v = $part.volume
    $letter = $null
    if ($part.DriveLetter) { $letter = [char]([string]$part.DriveLetter) }
    $path = Get-LabVolumePath $disk $part
    $props = [ordered]@{
        DriveLetter = $letter; Path = $path; UniqueId = $path; ObjectId = $path
        FileSystem = [string]$v.FileSystem; FileSystemLabel = [string]$v.FileSystemLabel; FileSystemType = [string]$v.FileSystem
        Size = [uint64]$part.Size; SizeRemaining = [uint64]([uint64]$part.Size - [uint64]$v.UsedBytes)
        DriveType = 'Fixed'; HealthStatus = 'Healthy'; OperationalStatus = 'OK'
    }
    return New-LabObject 'ROOT/Microsoft/Windows/Storage/MSFT_Volume' $props
}

function Get-LabPartitions($state) {
    foreach ($d in @($state.disks)) { foreach ($p in @($d.partitions)) { [pscustomobject]@{ Disk = $d; Part = $p } } }
}

function Invoke-LabSourceStorage([string]$Cmdlet, [string]$SetName, [System.Collections.IDictionary]$Bound) {
    $state = Get-LabSourceState
    switch ($Cmdlet) {
        'Get-Disk' {
            if ($SetName -ne 'ByNumber') { throw [System.NotSupportedException]::new("Get-Disk parameter set '$SetName' is not simulated in the lab") }
            $found = $false
            foreach ($d in @($state.disks)) {
                if ($Bound.ContainsKey('Number') -and @($Bound['Number']) -notcontains [uint32]$d.Number) { continue }
                $found = $true
                ConvertTo-LabDisk $d
            }
            if ($Bound.ContainsKey('Number') -and -not $found) { Write-LabNotFound 'MSFT_Disk' ("Number = {0}" -f ($Bound['Number'] -join ',')) }
        }
        'Get-Partition' {
            if ($SetName -notin @('ByNumber', 'ByDriveLetter', 'ByUniqueId')) { throw [System.NotSupportedException]::new("Get-Partition parameter set '$SetName' is not simulated in the lab") }
            $found = $false
            foreach ($x in Get-LabPartitions $state) {
                if ($Bound.ContainsKey('DiskNumber') -and @($Bound['DiskNumber']) -notcontains [uint32]$x.Disk.Number) { continue }
                if ($Bound.ContainsKey('PartitionNumber') -and @($Bound['PartitionNumber']) -notcontains [uint32]$x.Part.PartitionNumber) { continue }
                if ($Bound.ContainsKey('DriveLetter')) {
                    $want = @($Bound['DriveLetter'] | ForEach-Object { ([string]$_).ToUpperInvariant() })
                    if (-not $x.Part.DriveLetter -or $want -notcontains ([string]$x.Part.DriveLetter).ToUpperInvariant()) { continue }
                }
                $found = $true
                ConvertTo-LabPartition $x.Disk $x.Part
            }
            if (-not $found -and ($Bound.ContainsKey('DiskNumber') -or $Bound.ContainsKey('DriveLetter'))) { Write-LabNotFound 'MSFT_Partition' 'the given filter' }
        }
        'Get-Volume' {
            if ($SetName -eq 'ByFilePath') {
                # Where a capture lands: the scenario's target volume (the lab source has one "target" volume).
                $t = $state.targetVolume
                $props = [ordered]@{
                    DriveLetter = [char]([string]$t.DriveLetter); Path = '\\?\Volume{7a26e7a5-0000-4000-8000-00000000ffff}\'
                    UniqueId = '\\?\Volume{7a26e7a5-0000-4000-8000-00000000ffff}\'; ObjectId = 'lab-target'
                    FileSystem = 'NTFS'; FileSystemLabel = [string]$t.FileSystemLabel; FileSystemType = 'NTFS'
                    Size = [uint64]$t.Size; SizeRemaining = [uint64]$t.FreeBytes; DriveType = 'Fixed'; HealthStatus = 'Healthy'; OperationalStatus = 'OK'
                }
                return (New-LabObject 'ROOT/Microsoft/Windows/Storage/MSFT_Volume' $props)
            }
            if ($SetName -notin @('ByDriveLetter', 'ByPaths', 'ById', 'ByUniqueId')) { throw [System.NotSupportedException]::new("Get-Volume parameter set '$SetName' is not simulated in the lab") }
            foreach ($x in Get-LabPartitions $state) {
                if ($null -eq $x.Part.volume) { continue }
                $vol = ConvertTo-LabVolume $x.Disk $x.Part
                if ($Bound.ContainsKey('DriveLetter')) {
                    $want = @($Bound['DriveLetter'] | ForEach-Object { ([string]$_).ToUpperInvariant() })
                    if ($null -eq $vol.DriveLetter -or $want -notcontains ([string]$vol.DriveLetter).ToUpperInvariant()) { continue }
                }
                if ($Bound.ContainsKey('Path') -and @($Bound['Path']) -notcontains $vol.Path) { continue }
                if ($Bound.ContainsKey('ObjectId') -and @($Bound['ObjectId']) -notcontains $vol.ObjectId) { continue }
                if ($Bound.ContainsKey('UniqueId') -and @($Bound['UniqueId']) -notcontains $vol.UniqueId) { continue }
                $vol
            }
        }
    }
}

function Write-LabNotFound([string]$class, [string]$what) {
    # Storage cmdlets report a missing object as a non-terminating ObjectNotFound error, as CDXML does.
    $ex = [System.Management.Automation.ItemNotFoundException]::new("No $class objects found with property $what.")
    Write-Error -Exception $ex -Category ObjectNotFound -ErrorId "CmdletizationQuery_NotFound,$class" -TargetObject $what
}

function Get-BitLockerVolume {
    # Hand-written from the documented syntax: Get-BitLockerVolume [[-MountPoint] <String[]>]
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$MountPoint)
    process {
        $state = Get-LabSourceState
        foreach ($x in Get-LabPartitions $state) {
            $v = $x.Part.volume
            if ($null -eq $v) { continue }
            $mp = Get-LabVolumePath $x.Disk $x.Part
            if ($x.Part.DriveLetter) { $mp = ('{0}:' -f ([string]$x.Part.DriveLetter).ToUpperInvariant()) }
            if ($MountPoint -and @($MountPoint | ForEach-Object { $_.TrimEnd('\').ToUpperInvariant() }) -notcontains $mp.TrimEnd('\').ToUpperInvariant()) { continue }
            $bl = $null
            if ($v.PSObject.Properties['BitLocker']) { $bl = $v.BitLocker }
            $status = 'FullyDecrypted'; $prot = 'Off'; $pct = 0
            if ($null -ne $bl) { $status = [string]$bl.VolumeStatus; $prot = [string]$bl.ProtectionStatus; $pct = [single]$bl.EncryptionPercentage }
            $vt = 'Data'
            if ($x.Part.IsBoot) { $vt = 'OperatingSystem' }
            $o = [pscustomobject][ordered]@{
                ComputerName = [string]$state.computerName; MountPoint = $mp; VolumeType = $vt; VolumeStatus = $status
                ProtectionStatus = $prot; EncryptionPercentage = $pct; LockStatus = 'Unlocked'; CapacityGB = [single]([uint64]$x.Part.Size / 1GB)
                EncryptionMethod = 'None'; KeyProtector = @()
            }
            $o.PSTypeNames.Insert(0, 'Microsoft.BitLocker.Structures.BitLockerVolume')
            $o
        }
    }
}

function Confirm-SecureBootUEFI {
    # Hand-written: Confirm-SecureBootUEFI (no parameters). On BIOS firmware the real cmdlet throws
    # "Cmdlet not supported on this platform" (PlatformNotSupportedException).
    [CmdletBinding()]
    param()
    $state = Get-LabSourceState
    if ([string]$state.firmware -ne 'UEFI') {
        throw [System.PlatformNotSupportedException]::new('Cmdlet not supported on this platform: 0xC0000002')
    }
    return [bool]$state.secureBoot
}

function Get-CimInstance {
    # Hand-written subset of CimCmdlets' ClassNameComputerSet: Get-CimInstance [-ClassName] <String> [-Namespace <String>] [-Filter <String>] [-Property <String[]>]
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)][Alias('Class')][string]$ClassName,
        [Parameter()][string]$Namespace = 'root/cimv2',
        [Parameter()][string]$Filter,
        [Parameter()][Alias('SelectProperties')][string[]]$Property,
        [Parameter()][Alias('OT')][uint32]$OperationTimeoutSec
    )
    $state = Get-LabSourceState
    if (($Namespace -replace '\\', '/') -ne 'root/cimv2') { throw [System.NotSupportedException]::new("namespace $Namespace is not simulated on the lab source") }
    if ($Filter) { throw [System.NotSupportedException]::new('-Filter is not simulated on the lab source') }
    switch ($ClassName) {
        'Win32_OperatingSystem' {
            $os = $state.os
            $o = [pscustomobject][ordered]@{
                Caption = [string]$os.Caption; Version = [string]$os.Version; BuildNumber = [string]$os.BuildNumber
                OSArchitecture = [string]$os.OSArchitecture; ProductType = [uint32]$os.ProductType; CSName = [string]$state.computerName
                TotalVisibleMemorySize = [uint64]([uint64]$state.computerSystem.TotalPhysicalMemory / 1KB); SystemDrive = 'C:'
            }
            $o.PSTypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem'); return $o
        }
        'Win32_ComputerSystem' {
            $cs = $state.computerSystem
            $o = [pscustomobject][ordered]@{
                Name = [string]$state.computerName; Manufacturer = [string]$cs.Manufacturer; Model = [string]$cs.Model
                TotalPhysicalMemory = [uint64]$cs.TotalPhysicalMemory; NumberOfLogicalProcessors = [uint32]$cs.NumberOfLogicalProcessors
                NumberOfProcessors = [uint32]$cs.NumberOfProcessors; Domain = [string]$cs.Domain; PartOfDomain = [bool]$cs.PartOfDomain
            }
            $o.PSTypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystem'); return $o
        }
        default { throw [System.NotSupportedException]::new("class $ClassName is not simulated on the lab source") }
    }
}

function Invoke-CimMethod {
    # Hand-written subset: Invoke-CimMethod [-ClassName] <String> [[-Arguments] <IDictionary>] [-MethodName] <String> [-Namespace <String>]
    # Only Win32_Process.Create: starts the command line detached (setsid), as WMI starts it outside the
    # caller's session, so it outlives the remoting session that asked for it.
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)][Alias('Class')][string]$ClassName,
        [Parameter(Position = 1)][System.Collections.IDictionary]$Arguments,
        [Parameter(Mandatory = $true, Position = 2)][Alias('Name')][string]$MethodName,
        [Parameter()][string]$Namespace = 'root/cimv2'
    )
    if ($ClassName -ne 'Win32_Process' -or $MethodName -ne 'Create') { throw [System.NotSupportedException]::new("$ClassName.$MethodName is not simulated on the lab source") }
    $null = Get-LabSourceState
    $argv = @(Split-LabCommandLine ([string]$Arguments['CommandLine']))
    $exe = Get-Command -Name $argv[0] -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $exe) { return [pscustomobject]@{ ReturnValue = [uint32]9; ProcessId = $null } }  # 9 = Path Not Found
    $psi = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
    $psi.ArgumentList.Add($exe.Source)
    for ($i = 1; $i -lt $argv.Count; $i++) { $psi.ArgumentList.Add($argv[$i]) }
    if ($Arguments.Contains('CurrentDirectory') -and $Arguments['CurrentDirectory']) { $psi.WorkingDirectory = [string]$Arguments['CurrentDirectory'] }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $false; $psi.RedirectStandardError = $false
    $proc = [System.Diagnostics.Process]::Start($psi)
    $proc.StandardInput.Close()
    return [pscustomobject]@{ ReturnValue = [uint32]0; ProcessId = [uint32]$proc.Id }
}

function Split-LabCommandLine([string]$line) {
    # Windows argv rules, the subset real callers produce: whitespace separates, double quotes group.
    $out = New-Object System.Collections.Generic.List[string]
    $cur = New-Object System.Text.StringBuilder
    $inQ = $false; $has = $false
    foreach ($ch in $line.ToCharArray()) {
        if ($ch -eq '"') { $inQ = -not $inQ; $has = $true; continue }
        if (-not $inQ -and [char]::IsWhiteSpace($ch)) {
            if ($has) { $out.Add($cur.ToString()); [void]$cur.Clear(); $has = $false }
            continue
        }
        [void]$cur.Append($ch); $has = $true
    }
    if ($has) { $out.Add($cur.ToString()) }
    return $out.ToArray()
}

Export-ModuleMember -Function 'Get-Disk', 'Get-Partition', 'Get-Volume', 'Get-BitLockerVolume', 'Get-CimInstance', 'Invoke-CimMethod', 'Confirm-SecureBootUEFI'

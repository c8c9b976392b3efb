# Virtual hard disks: every VHD is a file on disk. With qemu-img, fixed and dynamic disks are real
# VHD/VHDX images; differencing disks (qemu cannot create VHDX children) and everything without qemu-img
# are small placeholder files that do not pretend to be images. state.vhds records what Hyper-V would
# read from the file headers (format, type, virtual size, parent).
Set-StrictMode -Version Latest

$script:LabQemuImg = $null
function Get-LabQemuImg {
    if ($null -eq $script:LabQemuImg) {
        $cmd = Get-Command -Name 'qemu-img' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($null -ne $cmd) { $script:LabQemuImg = $cmd.Source } else { $script:LabQemuImg = '' }
    }
    return $script:LabQemuImg
}

function Get-LabVhdFormat([string]$Path) {
    $ext = [IO.Path]::GetExtension($Path).ToLowerInvariant()
    if ($ext -in @('.vhdx', '.avhdx')) { return 'VHDX' }
    if ($ext -in @('.vhd', '.avhd')) { return 'VHD' }
    return $null
}

function Get-LabVhdKey([string]$Path) { return [IO.Path]::GetFullPath($Path).ToLowerInvariant() }

function Get-LabVhdRecord($State, [string]$Path) {
    if ($null -eq $State['vhds']) { return $null }
    return $State['vhds'][(Get-LabVhdKey $Path)]
}

function Write-LabPlaceholder([string]$Path, [string]$What) {
    $dir = Split-Path -Parent $Path
    if (-not [IO.Directory]::Exists($dir)) { $null = [IO.Directory]::CreateDirectory($dir) }
    [IO.File]::WriteAllText($Path, "HYPERDESK LAB PLACEHOLDER - not a virtual disk image.`n$What`n")
}

# Creates the file and registers it; returns the record. $Type: Fixed, Dynamic or Differencing.
function New-LabVhdFile($State, [string]$Path, [uint64]$Size, [string]$Type, [string]$ParentPath, [switch]$NoFile) {
    $format = Get-LabVhdFormat $Path
    if ($null -eq $format) { throw [ArgumentException]::new("The file '$Path' does not have a virtual hard disk extension (.vhd, .vhdx).") }
    if ($Type -eq 'Differencing') {
        $parent = Get-LabVhdRecord $State $ParentPath
        if ($null -ne $parent) { $Size = [uint64]$parent['size'] }
    }
    if (-not $NoFile) {
        $dir = Split-Path -Parent $Path
        if (-not [IO.Directory]::Exists($dir)) { $null = [IO.Directory]::CreateDirectory($dir) }
        $qemu = Get-LabQemuImg
        if ($Type -ne 'Differencing' -and $qemu -ne '') {
            $fmt = 'vhdx'
            $sub = 'dynamic'
            if ($format -eq 'VHD') { $fmt = 'vpc' }
            if ($Type -eq 'Fixed') { $sub = 'fixed' }
            $out = & $qemu create -q -f $fmt -o "subformat=$sub" $Path ([string]$Size) 2>&1
            if ($LASTEXITCODE -ne 0) { throw [IO.IOException]::new("qemu-img could not create '$Path': $out") }
        } else {
            Write-LabPlaceholder $Path ("format=$format type=$Type size=$Size parent=$ParentPath")
        }
    }
    if ($null -eq $State['vhds']) { $State['vhds'] = New-LabDict }
    $blk = [uint32]33554432
    if ($format -eq 'VHD') { $blk = [uint32]2097152 }
    if ($Type -eq 'Fixed') { $blk = [uint32]0 }
    $rec = @{
        path = [IO.Path]::GetFullPath($Path); format = $format; type = $Type; size = [uint64]$Size; parent = $ParentPath
        diskIdentifier = [Guid]::NewGuid().ToString().ToUpperInvariant(); blockSize = $blk; minimumSize = [uint64]([Math]::Floor($Size * 0.3 / 1048576) * 1048576)
    }
    $State['vhds'][(Get-LabVhdKey $Path)] = $rec
    return $rec
}

function Remove-LabVhdFile($State, [string]$Path) {
    if ([IO.File]::Exists($Path)) { [IO.File]::Delete($Path) }
    if ($null -ne $State['vhds']) { $State['vhds'].Remove((Get-LabVhdKey $Path)) }
}

function Test-LabVhdAttached($State, [string]$Path, [switch]$RunningOnly) {
    $key = Get-LabVhdKey $Path
    $now = Get-LabNowMs
    foreach ($vm in $State['vms']) {
        foreach ($d in $vm['hardDrives']) {
            if ([string]::IsNullOrEmpty([string]$d['path'])) { continue }
            if ((Get-LabVhdKey ([string]$d['path'])) -ne $key) { continue }
            if (-not $RunningOnly -or (Test-LabVMActive (Get-LabVMState $vm $now))) { return $vm }
        }
    }
    return $null
}

function New-LabVhdObject($State, [string]$Path) {
    $full = [IO.Path]::GetFullPath($Path)
    $rec = Get-LabVhdRecord $State $full
    $o = [Microsoft.Vhd.PowerShell.VirtualHardDisk]::new()
    $o.ComputerName = [string]$State['host']['name']
    $o.Path = $full
    $o.FileSize = [uint64]([IO.FileInfo]::new($full)).Length
    if ($null -ne $rec) {
        $o.VhdFormat = [string]$rec['format']
        $o.VhdType = [string]$rec['type']
        $o.Size = [uint64]$rec['size']
        $o.ParentPath = [string]$rec['parent']
        if ([string]::IsNullOrEmpty($o.ParentPath)) { $o.ParentPath = $null }
        $o.DiskIdentifier = [string]$rec['diskIdentifier']
        $o.BlockSize = [uint32]$rec['blockSize']
        if ($rec['type'] -ne 'Differencing') { $o.MinimumSize = [uint64]$rec['minimumSize'] }
    } else {
        $o.VhdFormat = 'Unknown'
        $o.VhdType = 'Unknown'
    }
    $o.LogicalSectorSize = 512
    if ($o.VhdFormat -eq 'VHDX') { $o.PhysicalSectorSize = 4096 } else { $o.PhysicalSectorSize = 512 }
    $o.Alignment = 1
    $o.FragmentationPercentage = 0
    $o.Attached = $null -ne (Test-LabVhdAttached $State $full -RunningOnly)
    $o.AddressAbstractionType = 'None'
    return $o
}

function Assert-LabVhdExists($Inv, [string]$Path) {
    if (-not [IO.File]::Exists($Path)) {
        Stop-LabCmdlet $Inv "Getting the mounted storage instance for the path '$Path' failed.`nThe system cannot find the file specified." 'ObjectNotFound' ObjectNotFound $Path
    }
}

Register-LabImpl 'New-VHD' {
    param($Inv, $B)
    $set = $Inv.Cmdlet.ParameterSetName
    if ($set -like '*WithSource') { Stop-LabCmdlet $Inv 'New-VHD -SourceDisk (from a physical disk) is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $type = 'Dynamic'
    if ($set -like 'Fixed*') { $type = 'Fixed' }
    if ($set -eq 'Differencing') { $type = 'Differencing' }
    $s0 = Get-LabState
    foreach ($p in @($B['Path'])) {
        $path = Resolve-LabPath $s0 ([string]$p) (Get-Location).Path
        if ($null -eq (Get-LabVhdFormat $path)) { Stop-LabCmdlet $Inv "Failed to create the virtual hard disk.`nThe file '$path' does not have a valid virtual hard disk extension (.vhd or .vhdx)." 'InvalidParameter' InvalidArgument $path }
        if ([IO.File]::Exists($path)) { Stop-LabCmdlet $Inv "Failed to create the virtual hard disk.`nThe file exists: '$path'." 'InvalidParameter' ResourceExists $path }
        $parent = $null
        $size = [uint64]0
        if ($type -eq 'Differencing') {
            $parent = Resolve-LabPath $s0 ([string]$B['ParentPath']) (Get-Location).Path
            Assert-LabVhdExists $Inv $parent
        } else {
            $size = [uint64]$B['SizeBytes']
            if ($size -lt 3145728 -or ($size % 512) -ne 0) { Stop-LabCmdlet $Inv "Failed to create the virtual hard disk.`nThe size $size is not valid: it must be at least 3 MB and a multiple of 512 bytes." 'InvalidParameter' InvalidArgument $size }
        }
        if (-not $Inv.Cmdlet.ShouldProcess($path, 'New-VHD')) { continue }
        Update-LabState { param($s) New-LabVhdFile $s $path $size $type $parent | Out-Null }
        New-LabVhdObject (Get-LabState) $path
    }
}

Register-LabImpl 'Get-VHD' {
    param($Inv, $B)
    $s = Get-LabState
    if ($B.ContainsKey('DiskNumber')) { Stop-LabCmdlet $Inv 'Get-VHD -DiskNumber (mounted disks) is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $paths = @()
    if ($B.ContainsKey('VMId')) {
        foreach ($id in @($B['VMId'])) {
            $vm = Find-LabVMRecord $s ([string]$id)
            if ($null -eq $vm) { Write-LabError $Inv "Hyper-V was unable to find a virtual machine with ID `"$id`"." 'InvalidParameter' ObjectNotFound $id; continue }
            foreach ($d in $vm['hardDrives']) { if (-not [string]::IsNullOrEmpty([string]$d['path'])) { $paths += [string]$d['path'] } }
        }
    } else { $paths = @($B['Path'] | ForEach-Object { Resolve-LabPath $s ([string]$_) (Get-Location).Path }) }
    foreach ($p in $paths) {
        if (-not [IO.File]::Exists($p)) {
            Write-LabError $Inv "Getting the mounted storage instance for the path '$p' failed.`nThe system cannot find the file specified." 'ObjectNotFound' ObjectNotFound $p
            continue
        }
        New-LabVhdObject $s $p
    }
}

Register-LabImpl 'Test-VHD' {
    param($Inv, $B)
    $s = Get-LabState
    foreach ($p in @($B['Path'])) {
        $path = Resolve-LabPath $s ([string]$p) (Get-Location).Path
        $ok = [IO.File]::Exists($path) -and $null -ne (Get-LabVhdRecord $s $path)
        $cur = Get-LabVhdRecord $s $path
        while ($ok -and $null -ne $cur -and -not [string]::IsNullOrEmpty([string]$cur['parent'])) {
            $ok = [IO.File]::Exists([string]$cur['parent'])
            $cur = Get-LabVhdRecord $s ([string]$cur['parent'])
        }
        if (-not $ok) { Write-LabError $Inv "The file or one of its parents is missing or is not a virtual hard disk: '$path'." 'InvalidParameter' InvalidData $path }
        $ok
    }
}

Register-LabImpl 'Resize-VHD' {
    param($Inv, $B)
    $s0 = Get-LabState
    foreach ($p in @($B['Path'])) {
        $path = Resolve-LabPath $s0 ([string]$p) (Get-Location).Path
        Assert-LabVhdExists $Inv $path
        if (-not $Inv.Cmdlet.ShouldProcess($path, 'Resize-VHD')) { continue }
        Update-LabState {
            param($s)
            $rec = Get-LabVhdRecord $s $path
            if ($null -eq $rec) { Stop-LabCmdlet $Inv "The file '$path' is not a virtual hard disk the lab knows." 'InvalidParameter' InvalidData $path }
            if ($rec['type'] -eq 'Differencing') { Stop-LabCmdlet $Inv "Failed to resize the virtual disk.`nDifferencing disks cannot be resized: '$path'." 'InvalidParameter' InvalidOperation $path }
            $size = [uint64]$rec['minimumSize']
            if ($B.ContainsKey('SizeBytes')) { $size = [uint64]$B['SizeBytes'] }
            $vm = Test-LabVhdAttached $s $path -RunningOnly
            # Online resize needs a VHDX on the SCSI controller: an IDE disk of a running VM cannot change size.
            $onIde = $false
            if ($null -ne $vm) { foreach ($d in $vm['hardDrives']) { if ([string]$d['controllerType'] -eq 'IDE' -and -not [string]::IsNullOrEmpty([string]$d['path']) -and (Get-LabVhdKey ([string]$d['path'])) -eq (Get-LabVhdKey $path)) { $onIde = $true } } }
            if ($onIde) {
                Stop-LabCmdlet $Inv "Failed to resize the virtual disk.`nThe disk is attached to the IDE controller of the running virtual machine '$($vm['name'])': only disks on a SCSI controller can be resized while the virtual machine runs." 'InvalidState' InvalidOperation $path
            }
            if ($null -ne $vm -and ($rec['format'] -ne 'VHDX' -or $size -lt [uint64]$rec['size'])) {
                Stop-LabCmdlet $Inv "Failed to resize the virtual disk.`nThe disk is in use by the running virtual machine '$($vm['name'])': only VHDX disks can be expanded online." 'InvalidState' InvalidOperation $path
            }
            if ($size -lt [uint64]$rec['minimumSize']) { Stop-LabCmdlet $Inv "Failed to resize the virtual disk.`nThe requested size is smaller than the minimum size $($rec['minimumSize'])." 'InvalidParameter' InvalidArgument $size }
            $rec['size'] = $size
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabVhdObject (Get-LabState) $path }
    }
}

Register-LabImpl 'Convert-VHD' {
    param($Inv, $B)
    $s0 = Get-LabState
    $src = Resolve-LabPath $s0 ([string]$B['Path']) (Get-Location).Path
    $dst = Resolve-LabPath $s0 ([string]$B['DestinationPath']) (Get-Location).Path
    Assert-LabVhdExists $Inv $src
    if ([IO.File]::Exists($dst)) { Stop-LabCmdlet $Inv "Failed to convert the virtual disk.`nThe file exists: '$dst'." 'InvalidParameter' ResourceExists $dst }
    if ($null -eq (Get-LabVhdFormat $dst)) { Stop-LabCmdlet $Inv "The destination '$dst' does not have a virtual hard disk extension." 'InvalidParameter' InvalidArgument $dst }
    if (-not $Inv.Cmdlet.ShouldProcess($src, 'Convert-VHD')) { return }
    Update-LabState {
        param($s)
        $rec = Get-LabVhdRecord $s $src
        if ($null -eq $rec) { Stop-LabCmdlet $Inv "The file '$src' is not a virtual hard disk the lab knows." 'InvalidParameter' InvalidData $src }
        $vm = Test-LabVhdAttached $s $src -RunningOnly
        if ($null -ne $vm) { Stop-LabCmdlet $Inv "Failed to convert the virtual disk.`nThe process cannot access the file because it is being used by '$($vm['name'])'." 'InvalidState' ResourceBusy $src }
        $type = [string]$rec['type']
        if ($type -eq 'Differencing') { $type = 'Dynamic' }
        if ($B.ContainsKey('VHDType')) { $type = [string]$B['VHDType'] }
        $parent = $null
        if ($type -eq 'Differencing') { $parent = [string]$B['ParentPath'] }
        New-LabVhdFile $s $dst ([uint64]$rec['size']) $type $parent | Out-Null
        if ($B.ContainsKey('DeleteSource') -and $B['DeleteSource']) { Remove-LabVhdFile $s $src }
    }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabVhdObject (Get-LabState) $dst }
}

Register-LabImpl 'Merge-VHD' {
    param($Inv, $B)
    $s0 = Get-LabState
    $src = Resolve-LabPath $s0 ([string]$B['Path']) (Get-Location).Path
    Assert-LabVhdExists $Inv $src
    if (-not $Inv.Cmdlet.ShouldProcess($src, 'Merge-VHD')) { return }
    $dest = Update-LabState {
        param($s)
        $rec = Get-LabVhdRecord $s $src
        if ($null -eq $rec -or $rec['type'] -ne 'Differencing') { Stop-LabCmdlet $Inv "Failed to merge the virtual disk.`n'$src' is not a differencing disk." 'InvalidParameter' InvalidArgument $src }
        if ($null -ne (Test-LabVhdAttached $s $src)) { Stop-LabCmdlet $Inv "Failed to merge the virtual disk.`n'$src' is attached to a virtual machine." 'InvalidState' ResourceBusy $src }
        $target = [string]$rec['parent']
        if ($B.ContainsKey('DestinationPath') -and -not [string]::IsNullOrEmpty($B['DestinationPath'])) { $target = Resolve-LabPath $s ([string]$B['DestinationPath']) (Get-Location).Path }
        # Every disk between the child and the destination merges down into the destination.
        $chain = @($src)
        $cur = $rec
        while ((Get-LabVhdKey ([string]$cur['parent'])) -ne (Get-LabVhdKey $target)) {
            $next = Get-LabVhdRecord $s ([string]$cur['parent'])
            if ($null -eq $next -or [string]::IsNullOrEmpty([string]$next['parent'])) { Stop-LabCmdlet $Inv "Failed to merge the virtual disk.`n'$target' is not an ancestor of '$src'." 'InvalidParameter' InvalidArgument $target }
            $chain += [string]$cur['parent']
            $cur = $next
        }
        foreach ($c in $chain) { Remove-LabVhdFile $s $c }
        return $target
    }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabVhdObject (Get-LabState) $dest }
}

Register-LabImpl 'Optimize-VHD' {
    param($Inv, $B)
    $s = Get-LabState
    foreach ($p in @($B['Path'])) {
        $path = Resolve-LabPath $s ([string]$p) (Get-Location).Path
        Assert-LabVhdExists $Inv $path
        $vm = Test-LabVhdAttached $s $path -RunningOnly
        if ($null -ne $vm) { Stop-LabCmdlet $Inv "Failed to compact the virtual disk.`nThe disk is attached to the running virtual machine '$($vm['name'])'; mount it read-only or turn the virtual machine off." 'InvalidState' ResourceBusy $path }
        if (-not $Inv.Cmdlet.ShouldProcess($path, 'Optimize-VHD')) { continue }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabVhdObject $s $path }
    }
}

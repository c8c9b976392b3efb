# Export-VM, Export-VMSnapshot and Import-VM. Exports copy the disk chains into
# <Path>/<VMName>/{Virtual Hard Disks,Virtual Machines}; the lab's .vmcx file holds JSON (the real one is
# binary). Both report progress over a simulated duration; stopping them (Stop-Job on -AsJob) removes the
# partial copy and registers nothing, because registration is the single last step.
Set-StrictMode -Version Latest

function Get-LabDiskChain($State, [string]$Path) {
    $out = @()
    $cur = $Path
    while (-not [string]::IsNullOrEmpty($cur)) {
        if ($out -contains $cur) { break }
        $out += $cur
        $rec = Get-LabVhdRecord $State $cur
        if ($null -eq $rec) { break }
        $cur = [string]$rec['parent']
    }
    return $out
}

function Invoke-LabTimedSteps([string]$Activity, $Steps, [long]$DurationMs) {
    # $Steps: list of @{ Status; Action } run in order while progress advances over the duration.
    $n = [Math]::Max(1, @($Steps).Count)
    $pause = [int]($DurationMs / $n)
    $i = 0
    foreach ($st in $Steps) {
        Write-Progress -Activity $Activity -Status $st.Status -PercentComplete ([int](100 * $i / $n))
        & $st.Action
        Start-Sleep -Milliseconds $pause
        $i++
    }
    Write-Progress -Activity $Activity -Status 'Completed' -PercentComplete 100
    Write-Progress -Activity $Activity -Completed
}

function Export-LabVMFolder($Inv, $State, $Vm, [string]$Path, $Snap) {
    $root = Resolve-LabPath $State $Path (Get-Location).Path
    $dest = Join-Path $root ([string]$Vm['name'])
    if ([IO.Directory]::Exists($dest) -and @([IO.Directory]::GetFileSystemEntries($dest)).Count -gt 0) {
        Stop-LabCmdlet $Inv "Failed to export the virtual machine '$($Vm['name'])'.`nThe folder '$dest' already exists and is not empty." 'InvalidParameter' ResourceExists $dest
    }
    $record = Copy-LabData $Vm
    $record['console'] = Copy-LabConsoleRecord $Vm   # what is typed lives in the VM's console file
    $snaps = @()
    if ($null -ne $Snap) {
        foreach ($k in @($Snap['config'].Keys)) { $record[$k] = Copy-LabData $Snap['config'][$k] }
        $record['parentSnapshotId'] = $null
        $record['state'] = 'Off'
    } else {
        $snaps = @($State['snapshots'] | Where-Object { $_['vmId'] -eq $Vm['id'] } | ForEach-Object { Copy-LabData $_ })
    }
    if ($record['state'] -notin @('Off', 'Saved')) { $record['state'] = 'Off' }
    $record['transition'] = $null
    $files = @()
    foreach ($d in @($record['hardDrives']) + @($snaps | ForEach-Object { $_['config']['hardDrives'] })) {
        if ($null -eq $d -or [string]::IsNullOrEmpty([string]$d['path'])) { continue }
        foreach ($f in (Get-LabDiskChain $State ([string]$d['path']))) { if ($files -notcontains $f) { $files += $f } }
    }
    $vhds = New-LabDict
    foreach ($f in $files) {
        $rec = Get-LabVhdRecord $State $f
        if ($null -ne $rec) { $c = Copy-LabData $rec; if ($c['parent']) { $c['parent'] = [IO.Path]::GetFileName([string]$c['parent']) }; $vhds[[IO.Path]::GetFileName($f)] = $c }
    }
    # Paths inside the export are relative file names; Import-VM resolves them again.
    foreach ($d in @($record['hardDrives']) + @($snaps | ForEach-Object { $_['config']['hardDrives'] })) { if ($null -ne $d -and $d['path']) { $d['path'] = [IO.Path]::GetFileName([string]$d['path']) } }
    $config = @{ hyperdeskLabExport = 1; vm = $record; snapshots = $snaps; vhds = $vhds; exportedFrom = [string]$State['host']['name'] }
    $steps = @()
    foreach ($f in $files) {
        $src = $f
        $steps += @{ Status = "Copying $([IO.Path]::GetFileName($src))"; Action = { if ([IO.File]::Exists($src)) { [IO.File]::Copy($src, (Join-Path $dest "Virtual Hard Disks/$([IO.Path]::GetFileName($src))")) } }.GetNewClosure() }
    }
    $cfgFile = Join-Path $dest ("Virtual Machines/{0}.vmcx" -f ([string]$Vm['id']).ToUpperInvariant())
    $steps += @{ Status = 'Writing the virtual machine configuration'; Action = { [IO.File]::WriteAllText($cfgFile, [Hyperdesk.Lab.LabJson]::Write($config)) }.GetNewClosure() }
    $done = $false
    $created = -not [IO.Directory]::Exists($dest)
    try {
        $null = [IO.Directory]::CreateDirectory((Join-Path $dest 'Virtual Hard Disks'))
        $null = [IO.Directory]::CreateDirectory((Join-Path $dest 'Virtual Machines'))
        Invoke-LabTimedSteps "Exporting virtual machine '$($Vm['name'])'" $steps ([long]$State['host']['timings']['exportMs'])
        $done = $true
    } finally {
        if (-not $done) {
            if ($created) { Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue }
            else { Get-ChildItem -LiteralPath $dest -Force | Remove-Item -Recurse -Force -ErrorAction SilentlyContinue }
        }
    }
}

Register-LabImpl 'Export-VM' {
    param($Inv, $B)
    $s0 = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Export-VM')) { continue }
        Export-LabVMFolder $Inv $s0 $t ([string]$B['Path']) $null
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabVMObject (Get-LabState) (Find-LabVMRecord (Get-LabState) ([string]$t['id'])) (Get-LabNowMs) }
    }
}

Register-LabImpl 'Export-VMSnapshot' {
    param($Inv, $B)
    $s0 = Get-LabState
    foreach ($t in @(Resolve-LabSnapshots $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Export-VMSnapshot')) { continue }
        $vm = Find-LabVMRecord $s0 ([string]$t['vmId'])
        Export-LabVMFolder $Inv $s0 $vm ([string]$B['Path']) $t
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabSnapshotObject $s0 $t }
    }
}

Register-LabImpl 'Import-VM' {
    param($Inv, $B)
    if ($B.ContainsKey('CompatibilityReport')) { Stop-LabCmdlet $Inv 'Import-VM -CompatibilityReport is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $s0 = Get-LabState
    $file = Resolve-LabPath $s0 ([string]$B['Path']) (Get-Location).Path
    if (-not [IO.File]::Exists($file)) { Stop-LabCmdlet $Inv "Failed to import the virtual machine.`nThe system cannot find the file '$file'." 'ObjectNotFound' ObjectNotFound $file }
    $cfg = $null
    try { $cfg = [Hyperdesk.Lab.LabJson]::Parse([IO.File]::ReadAllText($file)) } catch { $cfg = $null }
    if ($null -eq $cfg -or -not ($cfg -is [Collections.IDictionary]) -or -not $cfg.Contains('hyperdeskLabExport')) {
        Stop-LabCmdlet $Inv "Failed to import the virtual machine.`n'$file' is not a virtual machine configuration file exported from a lab host." 'InvalidParameter' InvalidData $file
    }
    $copy = $Inv.Cmdlet.ParameterSetName -eq 'Copy'
    $newId = $copy -and $B.ContainsKey('GenerateNewId') -and $B['GenerateNewId']
    $vm = $cfg['vm']
    if (-not $newId -and $null -ne (Find-LabVMRecord $s0 ([string]$vm['id']))) {
        Stop-LabCmdlet $Inv "Failed to import the virtual machine.`nA virtual machine with the identifier '$($vm['id'])' already exists on '$($s0['host']['name'])'. Use -Copy -GenerateNewId to import a copy." 'InvalidOperation' ResourceExists ([string]$vm['id'])
    }
    if (-not $Inv.Cmdlet.ShouldProcess([string]$vm['name'], 'Import-VM')) { return }
    $exportRoot = Split-Path -Parent (Split-Path -Parent $file)
    $srcDir = Join-Path $exportRoot 'Virtual Hard Disks'
    if ($B.ContainsKey('VhdSourcePath') -and $B['VhdSourcePath']) { $srcDir = [string]$B['VhdSourcePath'] }
    $dstDir = $srcDir
    if ($copy) {
        $dstDir = Get-LabVhdDir $s0
        if ($B.ContainsKey('VhdDestinationPath') -and $B['VhdDestinationPath']) { $dstDir = Resolve-LabPath $s0 ([string]$B['VhdDestinationPath']) (Get-Location).Path }
        foreach ($name in @($cfg['vhds'].Keys)) {
            if ([IO.File]::Exists((Join-Path $dstDir $name))) { Stop-LabCmdlet $Inv "Failed to import the virtual machine.`nThe file '$(Join-Path $dstDir $name)' already exists." 'InvalidOperation' ResourceExists $name }
        }
    }
    $copiedFiles = [Collections.ArrayList]::new()
    $steps = @()
    if ($copy) {
        foreach ($name in @($cfg['vhds'].Keys)) {
            $src = Join-Path $srcDir $name; $dst = Join-Path $dstDir $name
            $steps += @{ Status = "Copying $name"; Action = { $null = [IO.Directory]::CreateDirectory($dstDir); if ([IO.File]::Exists($src)) { [IO.File]::Copy($src, $dst) }; $null = $copiedFiles.Add($dst) }.GetNewClosure() }
        }
    }
    $done = $false
    try {
        Invoke-LabTimedSteps "Importing virtual machine '$($vm['name'])'" $steps ([long]$s0['host']['timings']['exportMs'] / 2)
        $id = Update-LabState {
            param($s)
            $rec = Copy-LabData $vm
            $snaps = @($cfg['snapshots'] | Where-Object { $null -ne $_ } | ForEach-Object { Copy-LabData $_ })
            if ($newId) {
                $map = @{}
                $rec['id'] = [Guid]::NewGuid().ToString()
                foreach ($x in $snaps) { $map[[string]$x['id']] = [Guid]::NewGuid().ToString() }
                foreach ($x in $snaps) { $x['id'] = $map[[string]$x['id']]; if ($x['parentId']) { $x['parentId'] = $map[[string]$x['parentId']] } }
                if ($rec['parentSnapshotId']) { $rec['parentSnapshotId'] = $map[[string]$rec['parentSnapshotId']] }
                foreach ($n in $rec['networkAdapters']) { $n['id'] = 'Microsoft:{0}\{1}' -f $rec['id'].ToUpperInvariant(), [Guid]::NewGuid().ToString().ToUpperInvariant(); if ($n['dynamicMac']) { $n['macAddress'] = New-LabMac $s } }
            }
            foreach ($x in $snaps) { $x['vmId'] = $rec['id'] }
            foreach ($d in @($rec['hardDrives']) + @($snaps | ForEach-Object { $_['config']['hardDrives'] })) { if ($null -ne $d -and $d['path']) { $d['path'] = Join-Path $dstDir ([string]$d['path']) } }
            foreach ($name in @($cfg['vhds'].Keys)) {
                $v = Copy-LabData $cfg['vhds'][$name]
                $v['path'] = Join-Path $dstDir $name
                if ($v['parent']) { $v['parent'] = Join-Path $dstDir ([string]$v['parent']) }
                $s['vhds'][(Get-LabVhdKey $v['path'])] = $v
            }
            if ($copy -and $B.ContainsKey('VirtualMachinePath') -and $B['VirtualMachinePath']) { $rec['path'] = [string]$B['VirtualMachinePath'] }
            elseif (-not $copy) { $rec['path'] = $exportRoot }
            foreach ($n in $rec['networkAdapters']) {
                $found = $false
                foreach ($sw in $s['switches']) { if ($sw['name'] -eq $n['switchName']) { $found = $true } }
                if (-not $found) { $n['switchName'] = $null }   # like Hyper-V: unknown switches leave the adapter disconnected
            }
            $null = $s['vms'].Add($rec)
            foreach ($x in $snaps) { $null = $s['snapshots'].Add($x) }
            return [string]$rec['id']
        }
        $done = $true
    } finally {
        if (-not $done) { foreach ($f in $copiedFiles) { Remove-Item -LiteralPath $f -Force -ErrorAction SilentlyContinue } }
    }
    $s1 = Get-LabState
    New-LabVMObject $s1 (Find-LabVMRecord $s1 $id) (Get-LabNowMs)
}

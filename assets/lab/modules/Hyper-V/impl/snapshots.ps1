# Checkpoints with Hyper-V's semantics. The VM's ParentSnapshotId is "Now" in the tree. Taking a
# checkpoint freezes each hard drive's current file and gives the VM a new .avhdx child of it; applying
# one discards the VM's current differencing disks and branches new ones off the checkpoint's files;
# deleting one re-parents its children and merges its differencing disk into its child disks.
Set-StrictMode -Version Latest

function Copy-LabData($Value) { return ConvertTo-LabData $Value }

function Get-LabVMConfig($Vm) {
    $c = New-LabDict
    foreach ($k in @('generation', 'version', 'notes', 'processorCount', 'processor', 'memory', 'hardDrives', 'dvdDrives', 'networkAdapters', 'creationTime', 'firmware', 'integrationServices', 'automaticStartAction', 'automaticStopAction', 'checkpointType')) {
        $c[$k] = Copy-LabData $Vm[$k]
    }
    return $c
}

function New-LabAvhdPath([string]$ParentPath, [string]$Id) {
    $dir = Split-Path -Parent $ParentPath
    $base = [IO.Path]::GetFileNameWithoutExtension($ParentPath)
    $base = [Text.RegularExpressions.Regex]::Replace($base, '_[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$', '')
    return Join-Path $dir ('{0}_{1}.avhdx' -f $base, $Id.ToUpperInvariant())
}

function Test-LabFileReferenced($State, [string]$Path, $ExceptSnap) {
    $key = Get-LabVhdKey $Path
    foreach ($vm in $State['vms']) { foreach ($d in $vm['hardDrives']) { if ($d['path'] -and (Get-LabVhdKey ([string]$d['path'])) -eq $key) { return $true } } }
    foreach ($sn in $State['snapshots']) {
        if ($null -ne $ExceptSnap -and $sn['id'] -eq $ExceptSnap['id']) { continue }
        foreach ($d in $sn['config']['hardDrives']) { if ($d['path'] -and (Get-LabVhdKey ([string]$d['path'])) -eq $key) { return $true } }
    }
    return $false
}

function Get-LabVhdChildren($State, [string]$Path) {
    $key = Get-LabVhdKey $Path
    $out = @()
    if ($null -eq $State['vhds']) { return $out }
    foreach ($r in $State['vhds'].Values) { if ($r['parent'] -and (Get-LabVhdKey ([string]$r['parent'])) -eq $key) { $out += $r } }
    return $out
}

function Set-LabDiskReferences($State, [string]$From, [string]$To) {
    $key = Get-LabVhdKey $From
    foreach ($vm in $State['vms']) { foreach ($d in $vm['hardDrives']) { if ($d['path'] -and (Get-LabVhdKey ([string]$d['path'])) -eq $key) { $d['path'] = $To } } }
    foreach ($sn in $State['snapshots']) { foreach ($d in $sn['config']['hardDrives']) { if ($d['path'] -and (Get-LabVhdKey ([string]$d['path'])) -eq $key) { $d['path'] = $To } } }
}

# A disk whose checkpoint went away: differencing -> merge into its children; a base disk with a single
# child absorbs that child (so deleting the only checkpoint leaves the VM on its .vhdx again).
function Merge-LabOrphanDisk($State, [string]$Path, $ExceptSnap) {
    if ([string]::IsNullOrEmpty($Path) -or (Test-LabFileReferenced $State $Path $ExceptSnap)) { return }
    $rec = Get-LabVhdRecord $State $Path
    if ($null -eq $rec) { return }
    $children = @(Get-LabVhdChildren $State $Path)
    if (-not [string]::IsNullOrEmpty([string]$rec['parent'])) {
        foreach ($c in $children) { $c['parent'] = $rec['parent'] }
        Remove-LabVhdFile $State $Path
    } elseif ($children.Count -eq 1) {
        $child = $children[0]
        $childPath = [string]$child['path']
        foreach ($g in @(Get-LabVhdChildren $State $childPath)) { $g['parent'] = $Path }
        Set-LabDiskReferences $State $childPath $Path
        Remove-LabVhdFile $State $childPath
    }
}

function Add-LabCheckpoint($Inv, $State, $Vm, [string]$Name, [long]$NowMs, [bool]$Automatic) {
    $type = [string]$Vm['checkpointType']
    if ($type -eq 'Disabled') { Stop-LabCmdlet $Inv "Checkpoint operation failed for '$($Vm['name'])'.`nCheckpoints are disabled for this virtual machine." 'InvalidState' InvalidOperation ([string]$Vm['name']) }
    $st = Get-LabVMState $Vm $NowMs
    if ($st -in @('Starting', 'Stopping', 'Saving')) { Stop-LabCmdlet $Inv "Checkpoint operation failed for '$($Vm['name'])'.`nThe operation cannot be performed while the object is in its current state." 'InvalidState' InvalidOperation ([string]$Vm['name']) }
    $production = $false
    if ($type -in @('Production', 'ProductionOnly')) {
        # Off: nothing to quiesce. Running: needs the guest's VSS. Saved/Paused: falls back to standard.
        $vssReady = $st -eq 'Off' -or ($st -eq 'Running' -and $Vm['integrationServices']['VSS'] -and (Get-LabLive $State['host'] $Vm $NowMs).Heartbeat -eq 'OkApplicationsHealthy')
        if ($vssReady) { $production = $true }
        elseif ($type -eq 'ProductionOnly') {
            Stop-LabCmdlet $Inv "Checkpoint operation failed for '$($Vm['name'])'.`nProduction checkpoints cannot be created: the guest did not respond to the backup (VSS) request." 'OperationFailed' NotSpecified ([string]$Vm['name'])
        }
    }
    $id = [Guid]::NewGuid().ToString()
    if ([string]::IsNullOrEmpty($Name)) {
        $Name = '{0} - ({1})' -f $Vm['name'], (ConvertFrom-LabMs $NowMs).ToString('M/d/yyyy - h:mm:ss tt', [Globalization.CultureInfo]::GetCultureInfo('en-US'))
    }
    $snap = New-LabDict
    $snap['id'] = $id
    $snap['vmId'] = $Vm['id']
    $snap['name'] = $Name
    $snap['parentId'] = $Vm['parentSnapshotId']
    $snap['creationTime'] = $NowMs
    $snap['snapshotType'] = 'Standard'
    $snap['production'] = $production
    $snap['isAutomatic'] = $Automatic
    # A standard checkpoint of a running VM keeps its memory (applying it leaves the VM Saved);
    # a production checkpoint is taken inside the guest and applies as Off.
    $captured = 'Off'
    if (-not $production -and $st -in @('Running', 'Paused', 'Saved')) { $captured = $st }
    $snap['vmState'] = $captured
    $snap['config'] = Get-LabVMConfig $Vm
    foreach ($d in $Vm['hardDrives']) {
        if ([string]::IsNullOrEmpty([string]$d['path'])) { continue }
        $frozen = [string]$d['path']
        $child = New-LabAvhdPath $frozen $id
        New-LabVhdFile $State $child 0 'Differencing' $frozen | Out-Null
        $d['path'] = $child
    }
    $null = $State['snapshots'].Add($snap)
    $Vm['parentSnapshotId'] = $id
    return $snap
}

function Restore-LabCheckpoint($State, $Vm, $Snap) {
    $old = @($Vm['hardDrives'] | ForEach-Object { [string]$_['path'] })
    $cfg = Copy-LabData $Snap['config']
    foreach ($k in @($cfg.Keys)) { if ($k -ne 'creationTime') { $Vm[$k] = $cfg[$k] } }
    $Vm['parentSnapshotId'] = $Snap['id']
    foreach ($d in $Vm['hardDrives']) {
        if ([string]::IsNullOrEmpty([string]$d['path'])) { continue }
        $child = New-LabAvhdPath ([string]$d['path']) ([Guid]::NewGuid().ToString())
        New-LabVhdFile $State $child 0 'Differencing' ([string]$d['path']) | Out-Null
        $d['path'] = $child
    }
    # The VM's previous differencing disks belong to no checkpoint any more: they are discarded.
    foreach ($p in $old) {
        if ([string]::IsNullOrEmpty($p)) { continue }
        $rec = Get-LabVhdRecord $State $p
        if ($null -ne $rec -and $rec['type'] -eq 'Differencing' -and -not (Test-LabFileReferenced $State $p $null) -and @(Get-LabVhdChildren $State $p).Count -eq 0) {
            Remove-LabVhdFile $State $p
        }
    }
    $Vm['transition'] = $null
    $Vm['startedAt'] = [long]0
    if ($Snap['vmState'] -in @('Running', 'Paused', 'Saved')) { $Vm['state'] = 'Saved' } else { $Vm['state'] = 'Off' }
}

function Remove-LabCheckpoint($State, $Snap) {
    foreach ($c in $State['snapshots']) { if ($c['parentId'] -eq $Snap['id']) { $c['parentId'] = $Snap['parentId'] } }
    $vm = Find-LabVMRecord $State ([string]$Snap['vmId'])
    if ($null -ne $vm -and $vm['parentSnapshotId'] -eq $Snap['id']) { $vm['parentSnapshotId'] = $Snap['parentId'] }
    $State['snapshots'].Remove($Snap)
    foreach ($d in $Snap['config']['hardDrives']) { Merge-LabOrphanDisk $State ([string]$d['path']) $null }
    # Ancestors of the VM's disks that no checkpoint needs any more merge down too (after the last
    # checkpoint goes, the VM runs on its .vhdx again).
    if ($null -ne $vm) {
        foreach ($d in @($vm['hardDrives'])) {
            if ([string]::IsNullOrEmpty([string]$d['path'])) { continue }
            $chain = @(Get-LabVhdAncestors $State ([string]$d['path']))
            foreach ($p in $chain) { Merge-LabOrphanDisk $State $p $null }
        }
    }
}

function Get-LabVhdAncestors($State, [string]$Path) {
    $out = @()
    $rec = Get-LabVhdRecord $State $Path
    while ($null -ne $rec -and -not [string]::IsNullOrEmpty([string]$rec['parent'])) {
        $out += [string]$rec['parent']
        $rec = Get-LabVhdRecord $State ([string]$rec['parent'])
    }
    return $out
}

function Get-LabSnapshotSubtree($State, $Snap) {
    $out = [Collections.ArrayList]::new()
    foreach ($c in [Hyperdesk.Lab.LabFind]::Where($State['snapshots'], 'parentId', $Snap['id'])) {
        foreach ($x in (Get-LabSnapshotSubtree $State $c)) { $null = $out.Add($x) }
    }
    $null = $out.Add($Snap)   # children first: deleting bottom-up merges each chain step by step
    return $out
}

# Checkpoint records selected by the bound parameters of Get/Restore/Remove/Rename/Export-VMSnapshot.
function Resolve-LabSnapshots($Inv, $B, $State, [switch]$AllIfNoName) {
    $out = [Collections.ArrayList]::new()
    if ($B.ContainsKey('VMSnapshot')) {
        foreach ($o in @($B['VMSnapshot'])) {
            $r = Find-LabSnapshotRecord $State ([string]$o.Id)
            if ($null -eq $r) { Write-LabError $Inv "Hyper-V was unable to find a checkpoint with ID `"$($o.Id)`"." 'InvalidParameter' ObjectNotFound $o } else { $null = $out.Add($r) }
        }
        return $out
    }
    if ($B.ContainsKey('Id') -and $null -ne $B['Id']) {
        $r = Find-LabSnapshotRecord $State ([string]$B['Id'])
        if ($null -eq $r) { Write-LabError $Inv "Hyper-V was unable to find a checkpoint with ID `"$($B['Id'])`"." 'InvalidParameter' ObjectNotFound $B['Id'] } else { $null = $out.Add($r) }
        return $out
    }
    $vmB = @{}
    if ($B.ContainsKey('VM')) { $vmB['VM'] = $B['VM'] } elseif ($B.ContainsKey('VMName')) { $vmB['VMName'] = $B['VMName'] }
    $vms = Resolve-LabVMs $Inv $vmB $State
    $names = $null
    if ($B.ContainsKey('Name') -and $null -ne $B['Name']) { $names = @($B['Name']) }
    $byVm = [Hyperdesk.Lab.LabFind]::Index($State['snapshots'], 'vmId')
    foreach ($vm in $vms) {
        $mine = $byVm.All($vm['id'])
        if ($null -eq $names) { foreach ($r in $mine) { $null = $out.Add($r) }; continue }
        foreach ($n in $names) {
            $pat = [Management.Automation.WildcardPattern]::new([string]$n, [Management.Automation.WildcardOptions]::IgnoreCase)
            $hits = @($mine | Where-Object { $pat.IsMatch([string]$_['name']) })
            foreach ($h in $hits) { if (-not $out.Contains($h)) { $null = $out.Add($h) } }
            if ($hits.Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters([string]$n)) {
                Write-LabError $Inv "Hyper-V was unable to find a checkpoint named `"$n`" for virtual machine `"$($vm['name'])`"." 'InvalidParameter' ObjectNotFound $n
            }
        }
    }
    return $out
}

Register-LabImpl 'Checkpoint-VM' {
    param($Inv, $B)
    $name = $null
    if ($B.ContainsKey('SnapshotName')) { $name = [string]$B['SnapshotName'] }
    $s0 = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Checkpoint-VM')) { continue }
        $targetId = [string]$t['id']
        $snapId = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            return [string](Add-LabCheckpoint $Inv $s $vm $name (Get-LabNowMs) $false)['id']
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabSnapshotObject $s1 (Find-LabSnapshotRecord $s1 $snapId) }
    }
}

Register-LabImpl 'Get-VMSnapshot' {
    param($Inv, $B)
    $s = Get-LabState
    $set = $Inv.Cmdlet.ParameterSetName
    $list = @()
    if ($set -eq 'Parent') {
        $o = $B['ParentOf']
        $pid0 = $null
        if ($o -is [Microsoft.HyperV.PowerShell.VMSnapshot]) { $r = Find-LabSnapshotRecord $s ([string]$o.Id); if ($r) { $pid0 = $r['parentId'] } }
        else { $r = Find-LabVMRecord $s ([string]$o.Id); if ($r) { $pid0 = $r['parentSnapshotId'] } }
        if ($null -ne $pid0) { $list = @(Find-LabSnapshotRecord $s ([string]$pid0)) }
    } elseif ($set -eq 'Child') {
        $list = @([Hyperdesk.Lab.LabFind]::Where($s['snapshots'], 'parentId', [string]$B['ChildOf'].Id))
    } else {
        $list = @(Resolve-LabSnapshots $Inv $B $s)
    }
    if ($set -in @('Parent', 'Child') -and $B.ContainsKey('Name') -and $B['Name']) {
        $pat = [Management.Automation.WildcardPattern]::new([string]$B['Name'], [Management.Automation.WildcardOptions]::IgnoreCase)
        $list = @($list | Where-Object { $pat.IsMatch([string]$_['name']) })
    }
    if ($B.ContainsKey('SnapshotType')) { $list = @([Hyperdesk.Lab.LabFind]::Where($list, 'snapshotType', [string]$B['SnapshotType'])) }
    foreach ($r in [Hyperdesk.Lab.LabFind]::SortByLong($list, 'creationTime')) { New-LabSnapshotObject $s $r }
}

Register-LabImpl 'Restore-VMSnapshot' {
    param($Inv, $B)
    $s0 = Get-LabState
    $b2 = @{}
    foreach ($k in $B.Keys) { $b2[$k] = $B[$k] }
    $targets = @(Resolve-LabSnapshots $Inv $b2 $s0)
    if ($targets.Count -eq 0) { return }
    if ($targets.Count -gt 1) { Stop-LabCmdlet $Inv 'More than one checkpoint matches: name exactly one checkpoint to apply.' 'InvalidParameter' InvalidArgument $B['Name'] }
    $snapId = [string]$targets[0]['id']
    $vmName = [string](Find-LabVMRecord $s0 ([string]$targets[0]['vmId']))['name']
    if (-not $Inv.Cmdlet.ShouldProcess("$vmName / $($targets[0]['name'])", 'Restore-VMSnapshot')) { return }
    $vmId = Update-LabState {
        param($s)
        $snap = Find-LabSnapshotRecord $s $snapId
        $vm = Find-LabVMRecord $s ([string]$snap['vmId'])
        Restore-LabCheckpoint $s $vm $snap
        return [string]$vm['id']
    }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabSnapshotObject $s1 (Find-LabSnapshotRecord $s1 $snapId) }
}

Register-LabImpl 'Remove-VMSnapshot' {
    param($Inv, $B)
    $s0 = Get-LabState
    $all = $B.ContainsKey('IncludeAllChildSnapshots') -and $B['IncludeAllChildSnapshots']
    foreach ($t in @(Resolve-LabSnapshots $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Remove-VMSnapshot')) { continue }
        $snapId = [string]$t['id']
        $removed = Update-LabState {
            param($s)
            $snap = Find-LabSnapshotRecord $s $snapId
            if ($null -eq $snap) { return @() }   # already gone with a removed subtree
            $doomed = @($snap)
            if ($all) { $doomed = @(Get-LabSnapshotSubtree $s $snap) }
            foreach ($d in $doomed) { Remove-LabCheckpoint $s $d }
            return $doomed
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { foreach ($r in @($removed)) { $o = [Microsoft.HyperV.PowerShell.VMSnapshot]::new(); $o.Id = [Guid]$r['id']; $o.Name = [string]$r['name']; $o.VMId = [Guid]$r['vmId']; $o.IsDeleted = $true; $o } }
    }
}

Register-LabImpl 'Rename-VMSnapshot' {
    param($Inv, $B)
    $s0 = Get-LabState
    $targets = @(Resolve-LabSnapshots $Inv $B $s0)
    foreach ($t in $targets) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Rename-VMSnapshot')) { continue }
        $snapId = [string]$t['id']
        $newName = [string]$B['NewName']
        Update-LabState { param($s) (Find-LabSnapshotRecord $s $snapId)['name'] = $newName }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabSnapshotObject $s1 (Find-LabSnapshotRecord $s1 $snapId) }
    }
}

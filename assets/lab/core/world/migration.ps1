# VM migrations: live, quick, storage and shared-nothing moves between (or within) the hosts of a datacenter.
#
# A migration is a record in datacenter.json ('migrations', by Id) with a schedule computed once, at its start, from
# the lab clock and the source host's timings: a list of segments (Setup, Storage, PreCopy pass N, Blackout; Saving,
# Moving, Restoring for a quick migration). Its phase, percent and bytes are computed from the clock when read; its
# end is a 'due' time, and the 'migration' settler applies the switch-over under the world lock: the storage is copied
# first (each file to a temporary name, then renamed, so a file at a final name is always whole), then ONE world
# transaction moves the VM's records (Move-LabVMRecord), rewrites its paths and deletes the source files
# (Add-LabTxDelete, journaled). A process killed anywhere leaves the VM on exactly one host with its files complete
# where its record says; a migration whose settling died is settled again by the next call, as vmms would finish a
# migration its client no longer waits for. A network cut between the two hosts before the switch-over fails it:
# the VM stays running on the source, the destination's partial copies are removed.
Set-StrictMode -Version Latest

# Defaults of the source host's timings (state host.timings, a lab knob tests shorten): 10 GbE for memory, a guest
# dirtying 40 MB/s, 300 MB/s for storage.
$script:LabMigrationDefaults = @{
    migrationSetupMs = 1500; migrationBytesPerSec = 1250000000; migrationDirtyBytesPerSec = 40000000
    migrationStopBytes = 67108864; migrationBlackoutMs = 250; migrationMaxPasses = 10
    storageBytesPerSec = 300000000; quickMoveMs = 1000; saveMs = 400; startMs = 400
}

function Get-LabMigrationTiming($HostState, [string]$Name) {
    $t = $HostState['host']['timings']
    if ($null -ne $t -and $t.Contains($Name) -and $null -ne $t[$Name]) { return [double]$t[$Name] }
    return [double]$script:LabMigrationDefaults[$Name]
}

# The size a VM file stands for: a dynamic base disk holds its used data (the record's minimumSize), a differencing
# disk a fiftieth of its size (the lab's files are tiny stand-ins, so their length would mean nothing).
function Get-LabMigrationFileBytes($HostState, [string]$Path) {
    $k = [IO.Path]::GetFullPath($Path).ToLowerInvariant()
    $rec = $null
    if ($null -ne $HostState['vhds'] -and $HostState['vhds'].Contains($k)) { $rec = $HostState['vhds'][$k] }
    if ($null -eq $rec) { if ([IO.File]::Exists($Path)) { return [long]([IO.FileInfo]::new($Path)).Length }; return [long]0 }
    if ([string]$rec['type'] -eq 'Differencing') { return [long]([long]$rec['size'] / 50) }
    if ([string]$rec['type'] -eq 'Fixed') { return [long]$rec['size'] }
    if ($rec.Contains('minimumSize') -and $null -ne $rec['minimumSize']) { return [long]$rec['minimumSize'] }
    return [long]([long]$rec['size'] / 4)
}

# The files a storage move carries: every disk of the VM and its checkpoints with each parent (full paths).
function Get-LabMigrationFiles($HostState, $Vm) {
    $out = [Collections.Generic.List[string]]::new()
    foreach ($k in (Get-LabVMDiskKeys $HostState $Vm)) { $out.Add([string]$HostState['vhds'][$k]['path']) }
    return , $out.ToArray()
}

# Where each file goes: under -DestinationPath a file keeps its place relative to the VM's folder (the real
# "all items to one location"), a file outside it goes to <DestinationPath>/Virtual Hard Disks; without a path, to
# the destination host's default virtual hard disk folder.
function Get-LabMigrationFileMap($HostState, $Vm, [string]$DestinationPath, $DestHostState) {
    $map = [ordered]@{}
    $vmPath = ([string]$Vm['path']).TrimEnd('/', '\')
    foreach ($f in (Get-LabMigrationFiles $HostState $Vm)) {
        if (-not [string]::IsNullOrEmpty($DestinationPath)) {
            if (-not [string]::IsNullOrEmpty($vmPath) -and $f.StartsWith($vmPath + [IO.Path]::DirectorySeparatorChar, [StringComparison]::Ordinal)) {
                $map[$f] = [IO.Path]::Combine($DestinationPath, $f.Substring($vmPath.Length + 1))
            } else { $map[$f] = [IO.Path]::Combine($DestinationPath, 'Virtual Hard Disks', [IO.Path]::GetFileName($f)) }
        } else {
            $map[$f] = [IO.Path]::Combine([string]$DestHostState['host']['virtualHardDiskPath'], [IO.Path]::GetFileName($f))
        }
    }
    return $map
}

# Memory the VM has assigned now (0 when it is not running: only its configuration moves).
function Get-LabMigrationMemoryBytes($Vm) {
    if ([string]$Vm['state'] -notin @('Running', 'Paused')) { return [long]0 }
    return [long]$Vm['memory']['startup']
}

function Add-LabMigrationSegment($List, [string]$Phase, [int]$Pass, [long]$Start, [double]$Ms, [long]$Bytes) {
    $end = $Start + [long][Math]::Ceiling([Math]::Max(0, $Ms))
    $null = $List.Add(@{ phase = $Phase; pass = $Pass; startMs = $Start; endMs = $end; bytes = $Bytes })
    return $end
}

# The schedule: segments from $StartMs on. Live: setup, storage (shared-nothing), pre-copy passes (pass 1 the
# assigned memory at the host's bandwidth, each later pass the pages dirtied during the previous one, until the
# rest fits a short blackout or after the last allowed pass), the blackout (the rest copied with the VM paused),
# then the switch-over at the end.
function New-LabMigrationSchedule($SrcState, [string]$Kind, [long]$StartMs, [long]$MemoryBytes, [long]$StorageBytes) {
    $seg = [Collections.ArrayList]::new()
    $t = $StartMs
    $bw = Get-LabMigrationTiming $SrcState 'migrationBytesPerSec'
    $storageRate = Get-LabMigrationTiming $SrcState 'storageBytesPerSec'
    switch ($Kind) {
        'Quick' {
            $t = Add-LabMigrationSegment $seg 'Saving' 0 $t (Get-LabMigrationTiming $SrcState 'saveMs') $MemoryBytes
            $t = Add-LabMigrationSegment $seg 'Moving' 0 $t (Get-LabMigrationTiming $SrcState 'quickMoveMs') 0
            $t = Add-LabMigrationSegment $seg 'Restoring' 0 $t (Get-LabMigrationTiming $SrcState 'startMs') 0
        }
        'Storage' {
            $t = Add-LabMigrationSegment $seg 'Setup' 0 $t ((Get-LabMigrationTiming $SrcState 'migrationSetupMs') / 3) 0
            $t = Add-LabMigrationSegment $seg 'Storage' 0 $t (1000.0 * $StorageBytes / $storageRate) $StorageBytes
        }
        default {
            # Live and SharedNothing
            $t = Add-LabMigrationSegment $seg 'Setup' 0 $t (Get-LabMigrationTiming $SrcState 'migrationSetupMs') 0
            if ($Kind -eq 'SharedNothing' -and $StorageBytes -gt 0) {
                $t = Add-LabMigrationSegment $seg 'Storage' 0 $t (1000.0 * $StorageBytes / $storageRate) $StorageBytes
            }
            $rest = [double]$MemoryBytes
            if ($rest -gt 0) {
                $dirty = Get-LabMigrationTiming $SrcState 'migrationDirtyBytesPerSec'
                $stop = Get-LabMigrationTiming $SrcState 'migrationStopBytes'
                $max = [int](Get-LabMigrationTiming $SrcState 'migrationMaxPasses')
                $passes = [Collections.ArrayList]::new()
                for ($p = 1; $p -le $max; $p++) {
                    $ms = 1000.0 * $rest / $bw
                    $null = $passes.Add(@{ Bytes = [long]$rest; Ms = $ms })
                    $rest = [Math]::Min([double]$MemoryBytes, $dirty * $ms / 1000.0)
                    if ($rest -le $stop) { break }
                }
                foreach ($i in 0..($passes.Count - 1)) { $t = Add-LabMigrationSegment $seg 'PreCopy' ($i + 1) $t $passes[$i].Ms $passes[$i].Bytes }
            }
            $t = Add-LabMigrationSegment $seg 'Blackout' 0 $t ((Get-LabMigrationTiming $SrcState 'migrationBlackoutMs') + 1000.0 * $rest / $bw) ([long]$rest)
        }
    }
    return , $seg.ToArray()
}

function Get-LabMigrationList($Dc) {
    if (-not $Dc.Contains('migrations') -or $null -eq $Dc['migrations']) { return @() }
    return @($Dc['migrations'].Values)
}

# Starts a migration (inside $Tx) and returns its record. The cmdlet layer has checked what the real cmdlet refuses;
# this checks only what the world must never hold (the VM on $From, not already migrating).
function Start-LabMigration {
    param(
        $Tx,
        [Parameter(Mandatory)][string]$VmId,
        [Parameter(Mandatory)][string]$From,
        [Parameter(Mandatory)][string]$To,
        [Parameter(Mandatory)][ValidateSet('Live', 'Quick', 'Storage', 'SharedNothing')][string]$Kind,
        [string]$DestinationPath,
        [Collections.IDictionary]$FileMap,
        [ValidateSet('hyperv', 'cluster')][string]$Origin = 'hyperv'
    )
    $src = Get-LabTxHost $Tx $From
    $dst = Get-LabTxHost $Tx $To
    $vm = $null
    foreach ($v in $src['vms']) { if ([string]$v['id'] -eq $VmId) { $vm = $v; break } }
    if ($null -eq $vm) { throw [Management.Automation.ItemNotFoundException]::new("The lab host $From has no VM with Id $VmId.") }
    foreach ($m in (Get-LabMigrationList $Tx.Datacenter)) {
        if ([string]$m['vmId'] -eq $VmId -and [string]$m['status'] -eq 'Running') { throw [InvalidOperationException]::new("The virtual machine '$($vm['name'])' is already being migrated (migration $($m['id'])).") }
    }
    $now = Get-LabClockMs $Tx.Datacenter['clock']
    $moveStorage = $Kind -in @('Storage', 'SharedNothing')
    $files = [ordered]@{}
    $storageBytes = [long]0
    if ($moveStorage) {
        if ($null -ne $FileMap -and $FileMap.Count -gt 0) { foreach ($k in $FileMap.Keys) { $files[[string]$k] = [string]$FileMap[$k] } }
        else { $files = Get-LabMigrationFileMap $src $vm $DestinationPath $dst }
        foreach ($k in $files.Keys) { $storageBytes += Get-LabMigrationFileBytes $src $k }
    }
    $memory = [long]0
    if ($Kind -ne 'Storage') { $memory = Get-LabMigrationMemoryBytes $vm }
    $schedule = New-LabMigrationSchedule $src $Kind $now $memory $storageBytes
    $total = [long]0
    foreach ($s in $schedule) { $total += [long]$s['bytes'] }
    $id = [Guid]::NewGuid().ToString()
    $rec = @{
        id = $id; vmId = $VmId; vmName = [string]$vm['name']; from = [string]$src['host']['name']; to = [string]$dst['host']['name']
        kind = $Kind; origin = $Origin; status = 'Running'; startMs = $now; endMs = [long]$schedule[-1]['endMs']
        memoryBytes = $memory; storageBytes = $storageBytes; totalBytes = $total; segments = $schedule
        files = $files; sourcePath = [string]$vm['path']; destinationPath = $DestinationPath; error = $null; finishedMs = $null
    }
    if (-not $Tx.Datacenter.Contains('migrations') -or $null -eq $Tx.Datacenter['migrations']) { $Tx.Datacenter['migrations'] = New-LabDict }
    Remove-LabOldMigrations $Tx.Datacenter
    $Tx.Datacenter['migrations'][$id] = $rec
    Set-LabDue $Tx ('migration:' + $id) $rec['endMs']
    return $rec
}

# Keeps the datacenter file small: the last 20 finished migrations stay readable.
function Remove-LabOldMigrations($Dc) {
    $done = @((Get-LabMigrationList $Dc) | Where-Object { [string]$_['status'] -ne 'Running' } | Sort-Object { [long]$_['finishedMs'] })
    for ($i = 0; $i -lt $done.Count - 20; $i++) { $Dc['migrations'].Remove([string]$done[$i]['id']) }
}

# Phase, percent and bytes of a migration record at $NowMs (computed, never stored).
function Get-LabMigrationProgress($Rec, [long]$NowMs) {
    $status = [string]$Rec['status']
    $total = [long]$Rec['totalBytes']
    $segs = @($Rec['segments'])
    $passCount = 0
    foreach ($s in $segs) { if ([string]$s['phase'] -eq 'PreCopy') { $passCount++ } }
    $o = [ordered]@{ Id = [string]$Rec['id']; VmId = [string]$Rec['vmId']; VMName = [string]$Rec['vmName']; Kind = [string]$Rec['kind']
        Origin = [string]$Rec['origin']; Source = [string]$Rec['from']; Destination = [string]$Rec['to']; Status = $status
        Phase = $status; PhaseText = $status; Pass = 0; PassCount = $passCount; PercentComplete = 100; BytesTransferred = $total; TotalBytes = $total
        MemoryBytes = [long]$Rec['memoryBytes']; StorageBytes = [long]$Rec['storageBytes']; StartMs = [long]$Rec['startMs']
        StartTime = ConvertFrom-LabMs ([long]$Rec['startMs']); EndTime = ConvertFrom-LabMs ([long]$Rec['endMs']); EndMs = [long]$Rec['endMs']; Error = $Rec['error'] }
    if ($status -ne 'Running') {
        if ($status -ne 'Completed') { $o.PercentComplete = [int]$Rec['percentAtStop']; $o.BytesTransferred = [long]$Rec['bytesAtStop'] }
        return [pscustomobject]$o
    }
    $done = [long]0
    $phase = 'Completed'; $pass = 0
    foreach ($s in $segs) {
        if ($NowMs -ge [long]$s['endMs']) { $done += [long]$s['bytes']; continue }
        $phase = [string]$s['phase']; $pass = [int]$s['pass']
        if ($NowMs -gt [long]$s['startMs']) {
            $len = [Math]::Max(1, [long]$s['endMs'] - [long]$s['startMs'])
            $done += [long]([double]$s['bytes'] * ($NowMs - [long]$s['startMs']) / $len)
        }
        break
    }
    $span = [Math]::Max(1, [long]$Rec['endMs'] - [long]$Rec['startMs'])
    $pct = [int][Math]::Floor(100.0 * [Math]::Max(0, $NowMs - [long]$Rec['startMs']) / $span)
    # Running until the settler has switched it over: 99 at most, so 100 always means the VM has moved.
    $o.Phase = $phase; $o.Pass = $pass; $o.PercentComplete = [Math]::Min(99, $pct); $o.BytesTransferred = $done
    if ($phase -eq 'PreCopy') { $o.PhaseText = "PreCopy pass $pass of $passCount" } else { $o.PhaseText = $phase }
    return [pscustomobject]$o
}

# The phase as an admin reads it: "PreCopy pass 2 of 3".
function Format-LabMigrationPhase($P) { return [string]$P.PhaseText }

function Get-LabMigration {
    param([string]$Id, [string]$VmId)
    Sync-LabWorld
    Test-LabMigrationLinks
    $dc = Get-LabDatacenter
    $now = Get-LabClockMs $dc['clock']
    foreach ($m in (Get-LabMigrationList $dc)) {
        if (-not [string]::IsNullOrEmpty($Id) -and [string]$m['id'] -ne $Id) { continue }
        if (-not [string]::IsNullOrEmpty($VmId) -and [string]$m['vmId'] -ne $VmId) { continue }
        Get-LabMigrationProgress $m $now
    }
}

# A cut between the hosts of a running migration fails it at once (whoever looks first applies it).
function Test-LabMigrationLinks {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { return }
    $dc = Get-LabDatacenter
    $broken = $false
    foreach ($m in (Get-LabMigrationList $dc)) {
        if ([string]$m['status'] -eq 'Running' -and [string]$m['from'] -ne [string]$m['to'] -and -not (Test-LabLink ([string]$m['from']) ([string]$m['to']) $dc)) { $broken = $true }
    }
    if (-not $broken) { return }
    Update-LabWorld {
        param($tx)
        $now = Get-LabClockMs $tx.Datacenter['clock']
        foreach ($m in (Get-LabMigrationList $tx.Datacenter)) {
            if ([string]$m['status'] -ne 'Running' -or [string]$m['from'] -eq [string]$m['to']) { continue }
            if (Test-LabLink ([string]$m['from']) ([string]$m['to']) $tx.Datacenter) { continue }
            Stop-LabMigrationRecord $tx $m 'Failed' $now (New-LabMigrationNetworkError $m)
        }
    }
}

# The real failure when the destination stops answering during a migration (vmms, event 21502 / 0x8007274C).
function New-LabMigrationNetworkError($Rec) {
    $msg = "Virtual machine migration operation for '$($Rec['vmName'])' failed at migration source '$($Rec['from'])'. (Virtual machine ID $(([string]$Rec['vmId']).ToUpperInvariant()))`n" +
        "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host '$($Rec['to'])': A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)."
    return @{ message = $msg; id = 'OperationFailed'; category = 'ConnectionError' }
}

# Ends a running migration without the switch-over: the VM stays where it is; partial copies at the destination
# are removed (journaled with the record's change).
function Stop-LabMigrationRecord($Tx, $Rec, [string]$Status, [long]$NowMs, $ErrorInfo) {
    $p = Get-LabMigrationProgress $Rec $NowMs
    $Rec['status'] = $Status
    $Rec['finishedMs'] = $NowMs
    $Rec['percentAtStop'] = [int]$p.PercentComplete
    $Rec['bytesAtStop'] = [long]$p.BytesTransferred
    $Rec['error'] = $ErrorInfo
    Clear-LabDue $Tx ('migration:' + [string]$Rec['id'])
    foreach ($k in @($Rec['files'].Keys)) {
        $dest = [string]$Rec['files'][$k]
        foreach ($p2 in @((Get-LabMigrationTempPath $dest), $dest)) { if ([IO.File]::Exists($p2) -and $p2 -ne [string]$k) { Add-LabTxDelete $Tx $p2 } }
    }
}

# Cancels a running migration where Hyper-V allows it: before the blackout. Returns $true when it was cancelled.
function Stop-LabMigration([string]$Id) {
    return (Update-LabWorld {
            param($tx)
            $now = Get-LabClockMs $tx.Datacenter['clock']
            $rec = $null
            if ($tx.Datacenter.Contains('migrations') -and $null -ne $tx.Datacenter['migrations']) { $rec = $tx.Datacenter['migrations'][$Id] }
            if ($null -eq $rec -or [string]$rec['status'] -ne 'Running') { return $false }
            $p = Get-LabMigrationProgress $rec $now
            if ($p.Phase -in @('Blackout', 'Restoring', 'Completed')) { return $false }
            Stop-LabMigrationRecord $tx $rec 'Cancelled' $now @{ message = "The operation was cancelled by the user. Virtual machine migration operation for '$($rec['vmName'])' was cancelled at migration source '$($rec['from'])'."; id = 'OperationCancelled'; category = 'OperationStopped' }
            return $true
        })
}

function Get-LabMigrationTempPath([string]$Dest) {
    return [IO.Path]::Combine([IO.Path]::GetDirectoryName($Dest), '.' + [IO.Path]::GetFileName($Dest) + '.lab-migrating')
}

# Rewrites exact file paths in a VM's records on one host (its drives, its checkpoints' drives, its disk records,
# re-keyed) and its folder.
function Update-LabVMFilePaths($State, [string]$VmId, $Map, [string]$NewVmPath) {
    $vm = $null
    foreach ($v in $State['vms']) { if ([string]$v['id'] -eq $VmId) { $vm = $v; break } }
    if ($null -eq $vm) { return }
    $lower = @{}
    foreach ($k in $Map.Keys) { $lower[[IO.Path]::GetFullPath([string]$k).ToLowerInvariant()] = [string]$Map[$k] }
    $rewrite = {
        param($node)
        if ($node -is [Collections.IDictionary]) {
            foreach ($key in @($node.Keys)) {
                $val = $node[$key]
                if ($val -is [string]) { if ($Map.Contains($val)) { $node[$key] = [string]$Map[$val] } } else { & $rewrite $val }
            }
        } elseif ($node -is [Collections.IList]) { foreach ($item in $node) { if (-not ($item -is [string])) { & $rewrite $item } } }
    }
    & $rewrite $vm
    foreach ($s in @($State['snapshots'])) { if ($null -ne $s -and [string]$s['vmId'] -eq $VmId) { & $rewrite $s } }
    if ($null -ne $State['vhds']) {
        foreach ($old in @($lower.Keys)) {
            if (-not $State['vhds'].Contains($old)) { continue }
            $rec = $State['vhds'][$old]
            $State['vhds'].Remove($old)
            & $rewrite $rec
            $State['vhds'][[IO.Path]::GetFullPath([string]$rec['path']).ToLowerInvariant()] = $rec
        }
    }
    if (-not [string]::IsNullOrEmpty($NewVmPath)) {
        foreach ($f in @('path', 'snapshotFileLocation', 'smartPagingFilePath')) { $vm[$f] = $NewVmPath }
    }
}

# Copies the storage of a migration to the destination: each file to a temporary name beside its final one, then
# renamed, so a final name always holds a whole file. Idempotent: a settle that died is simply done again.
function Copy-LabMigrationFiles($Rec) {
    $i = 0
    foreach ($k in @($Rec['files'].Keys)) {
        $src = [string]$k
        $dest = [string]$Rec['files'][$k]
        $i++
        if ($src -eq $dest) { continue }
        if (-not [IO.File]::Exists($src)) {
            if ([IO.File]::Exists($dest)) { continue }   # already moved by a settle whose journal completed
            throw [IO.FileNotFoundException]::new("The file '$src' of virtual machine '$($Rec['vmName'])' does not exist.", $src)
        }
        $null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($dest))
        $tmp = Get-LabMigrationTempPath $dest
        [IO.File]::Copy($src, $tmp, $true)
        Invoke-LabCrashPoint "migration-file-$i-partial"
        # A file at the final name is a whole copy a killed settle left unreferenced (the record still names the
        # source), so replacing it is safe; delete + move, since Windows PowerShell 5.1 has no overwriting Move.
        if ([IO.File]::Exists($dest)) { [IO.File]::Delete($dest) }
        [IO.File]::Move($tmp, $dest)
        Invoke-LabCrashPoint "migration-file-$i-copied"
    }
}

# The switch-over of a migration whose time has come (inside the settler's transaction).
function Complete-LabMigration($Tx, $Rec, [long]$NowMs) {
    $id = [string]$Rec['id']
    $from = [string]$Rec['from']; $to = [string]$Rec['to']
    $src = Get-LabTxHost $Tx $from
    $present = $false
    foreach ($v in $src['vms']) { if ([string]$v['id'] -eq [string]$Rec['vmId']) { $present = $true; break } }
    if (-not $present) {
        Stop-LabMigrationRecord $Tx $Rec 'Failed' $NowMs @{ message = "Virtual machine migration operation for '$($Rec['vmName'])' failed at migration source '$from': the virtual machine no longer exists there."; id = 'ObjectNotFound'; category = 'ObjectNotFound' }
        return
    }
    $moveFiles = $Rec['files'].Count -gt 0
    if ($moveFiles) {
        Invoke-LabCrashPoint 'migration-before-copy'
        Copy-LabMigrationFiles $Rec
        Invoke-LabCrashPoint 'migration-files-copied'
    }
    if ($from -ne $to) { $null = Move-LabVMRecord $Tx ([string]$Rec['vmId']) $from $to }
    if ($moveFiles) {
        $dst = Get-LabTxHost $Tx $to
        $newPath = [string]$Rec['destinationPath']
        if ([string]::IsNullOrEmpty($newPath) -and $from -ne $to) { $newPath = [string]$dst['host']['virtualMachinePath'] }
        Update-LabVMFilePaths $dst ([string]$Rec['vmId']) $Rec['files'] $newPath
        foreach ($k in @($Rec['files'].Keys)) { if ([string]$k -ne [string]$Rec['files'][$k]) { Add-LabTxDelete $Tx ([string]$k) } }
    }
    $Rec['status'] = 'Completed'
    $Rec['finishedMs'] = $NowMs
    Clear-LabDue $Tx ('migration:' + $id)
    Invoke-LabCrashPoint 'migration-before-commit'
}

Register-LabSettler 'migration' {
    param($Tx, [long]$NowMs)
    foreach ($m in @(Get-LabMigrationList $Tx.Datacenter)) {
        if ([string]$m['status'] -ne 'Running' -or [long]$m['endMs'] -gt $NowMs) { continue }
        if ([string]$m['from'] -ne [string]$m['to'] -and -not (Test-LabLink ([string]$m['from']) ([string]$m['to']) $Tx.Datacenter)) {
            Stop-LabMigrationRecord $Tx $m 'Failed' $NowMs (New-LabMigrationNetworkError $m)
            continue
        }
        Complete-LabMigration $Tx $m $NowMs
    }
}

# Blocks a synchronous cmdlet until migration $Id ends: sleeps in real time while the lab clock runs (a frozen or
# advanced clock is seen on the next tick), writes progress records, and on Stop() (Ctrl+C, Stop-Job) cancels the
# migration where Hyper-V allows. Returns the final progress object.
function Wait-LabMigration($Inv, [string]$Id, [string]$Activity = $null) {
    $ended = $false
    $progress = $null
    try {
        while ($true) {
            $p = Get-LabMigration -Id $Id
            if ($null -eq $p) { throw [Management.Automation.ItemNotFoundException]::new("No lab migration with Id $Id.") }
            if ([string]::IsNullOrEmpty($Activity)) { $Activity = "Moving virtual machine '$($p.VMName)'" }
            if ($null -ne $Inv -and $null -ne $Inv.Cmdlet) {
                $progress = [Management.Automation.ProgressRecord]::new(1, $Activity, (Format-LabMigrationPhase $p))
                $progress.PercentComplete = [Math]::Max(0, [Math]::Min(100, [int]$p.PercentComplete))
                if ($p.Status -ne 'Running') { $progress.RecordType = [Management.Automation.ProgressRecordType]::Completed }
                $Inv.Cmdlet.WriteProgress($progress)
            }
            if ($p.Status -ne 'Running') { $ended = $true; return $p }
            $leftLab = [long]$p.EndMs - (Get-LabNowMs)
            $nap = [int][Math]::Max(20, [Math]::Min(200, $leftLab + 5))
            [Threading.Thread]::Sleep($nap)
            if ($null -ne $Inv -and $null -ne $Inv.Cmdlet -and $Inv.Cmdlet.Stopping) { throw [Management.Automation.PipelineStoppedException]::new() }
        }
    } finally {
        if (-not $ended) { try { $null = Stop-LabMigration $Id } catch { } }
    }
}

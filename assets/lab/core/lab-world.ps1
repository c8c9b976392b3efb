# The lab world: the hosts that share one datacenter, and the one door to everything they share.
#
# Layout (written by assets/lab/bin/new-lab.ps1):
#   <root>/datacenter.json            what every site shares: the lab clock, the host directory, the network links
#                                     that are cut, cross-site data (replication), and the 'due' times of settlers
#   <root>/<Site>/site.json           what one site's hosts share: cluster, storage, SMB, dedup, network virtualization
#   <root>/<Site>/<Host>/state.json   one host's own state (VMs, switches, NICs, local disks), read by Get-LabState
# A one-site lab may be flat: site.json beside datacenter.json and the hosts directly under <root>.
# A host folder with no site.json beside it is a standalone host (older labs): no clock offset, no shared world.
#
# Atomicity: every write in a datacenter takes the one world lock (<root>/world.lock). A change to more than one file
# is first written whole to <root>/world.journal.json, then applied file by file, then the journal is deleted. Whoever
# finds a journal (the next lock holder, or a reader, who takes the lock) re-applies it, so a process killed at any
# step leaves the world as before the change or as after it, never half-way: a VM is never on two hosts or none.
#
# Time: the lab runs no background process. The lab clock is the wall clock plus an offset that tests and trainees
# move (Set-LabClock), or a frozen instant. Progress is computed from timestamps when read; a discrete event that
# falls due (a migration's switch-over, a failover) is applied by the first cmdlet call after its time: settlers
# (Register-LabSettler) run under the world lock when the earliest 'due' time has passed (Sync-LabWorld).
Set-StrictMode -Version Latest

$script:LabWorldInfos = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
$script:LabDocCache = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
$script:LabSettlers = [ordered]@{}
$script:LabActiveTx = $null

# Where a host folder sits in the world. Cached per folder: the layout never changes under a running process.
function Get-LabWorldInfo([string]$HostDir = $null) {
    if ([string]::IsNullOrEmpty($HostDir)) { $HostDir = Get-LabStateDir }
    $info = $null
    if ($script:LabWorldInfos.TryGetValue($HostDir, [ref]$info)) { return $info }
    $full = [IO.Path]::GetFullPath($HostDir).TrimEnd([IO.Path]::DirectorySeparatorChar)
    $siteDir = [IO.Path]::GetDirectoryName($full)
    $root = $null
    if ($null -ne $siteDir -and [IO.File]::Exists([IO.Path]::Combine($siteDir, 'site.json'))) {
        if ([IO.File]::Exists([IO.Path]::Combine($siteDir, 'datacenter.json'))) { $root = $siteDir }
        else {
            $up = [IO.Path]::GetDirectoryName($siteDir)
            if ($null -ne $up -and [IO.File]::Exists([IO.Path]::Combine($up, 'datacenter.json'))) { $root = $up }
        }
    }
    if ($null -eq $root) {
        $info = @{ Standalone = $true; HostDir = $full; Root = $full; SiteDir = $full; SiteName = $null }
    } else {
        $info = @{ Standalone = $false; HostDir = $full; Root = $root; SiteDir = $siteDir; SiteName = $null
            DatacenterFile = [IO.Path]::Combine($root, 'datacenter.json'); SiteFile = [IO.Path]::Combine($siteDir, 'site.json')
            LockFile = [IO.Path]::Combine($root, 'world.lock'); JournalFile = [IO.Path]::Combine($root, 'world.journal.json') }
        $info.SiteName = [string](Read-LabDoc $info.SiteFile)['name']
    }
    $script:LabWorldInfos[$HostDir] = $info
    return $info
}

# A JSON document of the world, cached by its change stamp; callers must not modify it.
function Read-LabDoc([string]$File) {
    for ($i = 0; $i -lt 20; $i++) {
        try {
            $stamp = [Hyperdesk.Lab.LabStore]::Stamp($File)
            $hit = $null
            if ($script:LabDocCache.TryGetValue($File, [ref]$hit) -and $hit.Stamp -eq $stamp) { return $hit.Doc }
            $doc = Read-LabStateFile $File
            $script:LabDocCache[$File] = @{ Stamp = $stamp; Doc = $doc }
            return $doc
        } catch [IO.FileNotFoundException] {
            throw
        } catch [IO.IOException] {
            Start-Sleep -Milliseconds 25   # replaced between stat and open (Windows); try again
        }
    }
    throw [IO.IOException]::new("Could not read the lab file $File")
}

# Before any read of a datacenter: a journal left by a killed writer is applied first (under the lock).
function Assert-LabWorldSettled($Info) {
    if ($Info.Standalone -or -not [IO.File]::Exists($Info.JournalFile)) { return }
    $lock = Enter-LabWorldLock $Info
    $lock.Dispose()
}

function Get-LabDatacenter([string]$HostDir = $null) {
    $info = Get-LabWorldInfo $HostDir
    if ($info.Standalone) { return (New-LabStandaloneDatacenter) }
    Assert-LabWorldSettled $info
    return Read-LabDoc $info.DatacenterFile
}

function New-LabStandaloneDatacenter {
    return @{ name = ''; clock = @{ offsetMs = [long]0; frozenAtMs = $null }; hosts = @(); sites = @(); links = @{ cuts = @() }; due = @{} }
}

# The shared state of a site (this host's, or the one named).
function Get-LabSite([string]$Name = $null) {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { throw [InvalidOperationException]::new("The lab host in $($info.HostDir) is not part of a lab site.") }
    Assert-LabWorldSettled $info
    if ([string]::IsNullOrEmpty($Name) -or $Name -eq $info.SiteName) { return Read-LabDoc $info.SiteFile }
    $dir = Get-LabSiteDirByName $info $Name
    return Read-LabDoc ([IO.Path]::Combine($dir, 'site.json'))
}

# The hosts of the datacenter: @{ name; site; dir (absolute) }, in the order the scenario lists them.
function Get-LabWorldHosts {
    $info = Get-LabWorldInfo
    if ($info.Standalone) {
        $self = (Get-LabState)['host']
        return , @(@{ name = [string]$self['name']; site = ''; dir = $info.HostDir })
    }
    $dc = Get-LabDatacenter
    $list = [Collections.ArrayList]::new()
    foreach ($h in @($dc['hosts'])) {
        if ($null -eq $h) { continue }
        $null = $list.Add(@{ name = [string]$h['name']; site = [string]$h['site']; dir = [IO.Path]::Combine($info.Root, [string]$h['path']) })
    }
    return , $list.ToArray()
}

function Find-LabWorldHost([string]$Name) {
    foreach ($h in (Get-LabWorldHosts)) {
        if ($h.name -eq $Name) { return $h }
        # A host is also reached by its FQDN's first label or a case-different spelling, as DNS would.
        if ([string]::Equals($h.name, $Name.Split('.')[0], [StringComparison]::OrdinalIgnoreCase)) { return $h }
    }
    return $null
}

# Another host's state (read-only snapshot). The current host's own state is Get-LabState.
function Get-LabHostState([string]$Name) {
    $h = Find-LabWorldHost $Name
    if ($null -eq $h) { throw [Management.Automation.ItemNotFoundException]::new("No lab host named '$Name' in this lab datacenter.") }
    $info = Get-LabWorldInfo
    if ($h.dir -eq $info.HostDir) { return Get-LabState }
    Assert-LabWorldSettled $info
    return Read-LabDoc ([IO.Path]::Combine($h.dir, 'state.json'))
}

function Get-LabSiteDirByName($Info, [string]$Name) {
    $flat = [IO.File]::Exists([IO.Path]::Combine($Info.Root, 'site.json'))
    if ($flat) {
        $rootSite = [string](Read-LabDoc ([IO.Path]::Combine($Info.Root, 'site.json')))['name']
        if ($rootSite -eq $Name) { return $Info.Root }
    }
    $dir = [IO.Path]::Combine($Info.Root, $Name)
    if (-not [IO.File]::Exists([IO.Path]::Combine($dir, 'site.json'))) { throw [Management.Automation.ItemNotFoundException]::new("No lab site named '$Name' in this lab datacenter.") }
    return $dir
}

# The world lock. Taking it applies a journal a killed writer left behind, so the holder always starts from a
# consistent world.
function Enter-LabWorldLock($Info) {
    $lock = Enter-LabLockFile $Info.LockFile 30000 "The lab datacenter in $($Info.Root)"
    try { Restore-LabWorldJournal $Info } catch { $lock.Dispose(); throw }
    return $lock
}

function Restore-LabWorldJournal($Info) {
    if (-not [IO.File]::Exists($Info.JournalFile)) { return }
    $journal = Read-LabStateFile $Info.JournalFile
    Invoke-LabJournal $Info $journal
    [IO.File]::Delete($Info.JournalFile)
}

# Applies a journal: every file whole (idempotent), then the deletions it lists (files the change made obsolete,
# e.g. a moved VM's disks on the source). Used by the writer and by recovery alike.
function Invoke-LabJournal($Info, $Journal) {
    $i = 0
    foreach ($f in @($Journal['files'])) {
        $path = [IO.Path]::Combine($Info.Root, [string]$f['path'])
        [Hyperdesk.Lab.LabStore]::WriteAtomic($path, [string]$f['text'], $true)
        $i++
        Invoke-LabCrashPoint "world-file-$i"
    }
    foreach ($d in @($Journal['deletes'])) {
        if ($null -eq $d) { continue }
        $p = [string]$d
        if ([IO.File]::Exists($p)) { [IO.File]::Delete($p) }
        elseif ([IO.Directory]::Exists($p)) { [IO.Directory]::Delete($p, $true) }
    }
}

# Tests kill the process at a named step (HYPERDESK_LAB_CRASH_AT) to prove that every step is safe to die at.
# Kill(), not exit: no finally blocks, no flushing, as with kill -9.
function Invoke-LabCrashPoint([string]$Name) {
    $at = $env:HYPERDESK_LAB_CRASH_AT
    if ([string]::IsNullOrEmpty($at) -or $at -ne $Name) { return }
    [Diagnostics.Process]::GetCurrentProcess().Kill()
    Start-Sleep -Seconds 60
}

# A change to the world: $Mutate gets a transaction and fills it through Get-LabTxHost, Get-LabTxSite and
# $tx.Datacenter (private, mutable copies), and Add-LabTxDelete. Whatever it outputs is returned. If it throws,
# nothing is written. Nested calls in the same runspace join the outer transaction.
function Update-LabWorld([scriptblock]$Mutate) {
    if ($null -ne $script:LabActiveTx) { return (& $Mutate $script:LabActiveTx) }
    $__lwInfo = Get-LabWorldInfo
    if ($__lwInfo.Standalone) { throw [InvalidOperationException]::new("The lab host in $($__lwInfo.HostDir) is not part of a lab datacenter (no site.json beside it); reseed it with assets/lab/bin/new-lab.ps1.") }
    $__lwLock = Enter-LabWorldLock $__lwInfo
    try {
        $__lwTx = New-LabWorldTx $__lwInfo
        $script:LabActiveTx = $__lwTx
        try { $__lwResult = & $Mutate $__lwTx } finally { $script:LabActiveTx = $null }
        Save-LabWorldTx $__lwTx
        return $__lwResult
    } finally {
        $__lwLock.Dispose()
    }
}

function New-LabWorldTx($Info) {
    $tx = @{ Info = $Info; Docs = [ordered]@{}; Deletes = [Collections.ArrayList]::new(); Datacenter = $null }
    $tx.Datacenter = Get-LabTxDoc $tx $Info.DatacenterFile
    return $tx
}

# Loads a document into the transaction once: a private copy, and the text it had, to tell what changed.
function Get-LabTxDoc($Tx, [string]$File) {
    if ($Tx.Docs.Contains($File)) { return $Tx.Docs[$File].Doc }
    $text = [IO.File]::ReadAllText($File, [Text.Encoding]::UTF8)
    $doc = [Hyperdesk.Lab.LabJson]::Parse($text)
    $Tx.Docs[$File] = @{ Doc = $doc; Text = [Hyperdesk.Lab.LabJson]::Write($doc) }
    return $doc
}

function Get-LabTxHost($Tx, [string]$Name) {
    if ([string]::IsNullOrEmpty($Name)) { return Get-LabTxDoc $Tx ([IO.Path]::Combine($Tx.Info.HostDir, 'state.json')) }
    $h = Find-LabWorldHost $Name
    if ($null -eq $h) { throw [Management.Automation.ItemNotFoundException]::new("No lab host named '$Name' in this lab datacenter.") }
    return Get-LabTxDoc $Tx ([IO.Path]::Combine($h.dir, 'state.json'))
}

function Get-LabTxSite($Tx, [string]$Name = $null) {
    if ([string]::IsNullOrEmpty($Name) -or $Name -eq $Tx.Info.SiteName) { return Get-LabTxDoc $Tx $Tx.Info.SiteFile }
    return Get-LabTxDoc $Tx ([IO.Path]::Combine((Get-LabSiteDirByName $Tx.Info $Name), 'site.json'))
}

# A file or folder to delete once the change is committed (it is journaled, so recovery deletes it too).
function Add-LabTxDelete($Tx, [string]$Path) { $null = $Tx.Deletes.Add($Path) }

function Save-LabWorldTx($Tx) {
    $changed = [Collections.ArrayList]::new()
    foreach ($file in $Tx.Docs.Keys) {
        $entry = $Tx.Docs[$file]
        $text = [Hyperdesk.Lab.LabJson]::Write($entry.Doc)
        if ($text -ceq $entry.Text) { continue }
        $entry.Doc['seq'] = [long]$entry.Doc['seq'] + 1
        $null = $changed.Add(@{ path = $file.Substring($Tx.Info.Root.Length).TrimStart([IO.Path]::DirectorySeparatorChar); text = [Hyperdesk.Lab.LabJson]::Write($entry.Doc) })
    }
    if ($changed.Count -eq 0 -and $Tx.Deletes.Count -eq 0) { return }
    $journal = @{ files = $changed.ToArray(); deletes = $Tx.Deletes.ToArray() }
    if ($changed.Count -le 1 -and $Tx.Deletes.Count -eq 0) {
        Invoke-LabJournal $Tx.Info $journal   # one file: its atomic replace is the whole change
    } else {
        Invoke-LabCrashPoint 'world-before-journal'
        [Hyperdesk.Lab.LabStore]::WriteAtomic($Tx.Info.JournalFile, [Hyperdesk.Lab.LabJson]::Write($journal), $true)
        Invoke-LabCrashPoint 'world-journal-written'
        Invoke-LabJournal $Tx.Info $journal
        Invoke-LabCrashPoint 'world-before-journal-delete'
        [IO.File]::Delete($Tx.Info.JournalFile)
    }
    $script:LabStateCache = @{ Path = $null; Stamp = $null; State = $null }
    Reset-LabClockMemo
}

# ---- the lab clock ----

function Get-LabRealNowMs { return [long](([DateTime]::UtcNow - [DateTime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)).TotalMilliseconds) }

# The lab's "now" in Unix ms: what every simulated timestamp and every progress computation uses.
# The clock setting read from datacenter.json is reused for 50 ms (Get-VM asks for "now" once per VM; a stat each
# time cost a millisecond per call); a Set-LabClock in another process is seen within that.
# Every lab module has its own memo; a write to the world in this process bumps one process-wide epoch (an AppDomain
# slot all modules share), so each module sees its own process's Set-LabClock at once.
$script:LabClockMemo = @{ Dir = $null; Clock = $null; Ticks = [long]0; Epoch = $null }
function Get-LabNowMs {
    if ($null -ne $script:LabActiveTx) { return Get-LabClockMs $script:LabActiveTx.Datacenter['clock'] }
    $dir = $env:HYPERDESK_LAB_STATE
    if ([string]::IsNullOrEmpty($dir)) { return Get-LabRealNowMs }
    $memo = $script:LabClockMemo
    $ticks = [DateTime]::UtcNow.Ticks
    $epoch = [AppDomain]::CurrentDomain.GetData('Hyperdesk.Lab.WorldEpoch')
    if ($memo.Dir -ceq $dir -and ($ticks - $memo.Ticks) -lt 500000 -and [object]::Equals($memo.Epoch, $epoch)) { return Get-LabClockMs $memo.Clock }
    $info = $null
    try { $info = Get-LabWorldInfo $dir } catch { return Get-LabRealNowMs }
    $clock = $null
    if (-not $info.Standalone) { $clock = (Get-LabDatacenter)['clock'] }
    $script:LabClockMemo = @{ Dir = $dir; Clock = $clock; Ticks = $ticks; Epoch = $epoch }
    return Get-LabClockMs $clock
}

# After this process changed the world: every module's memo is stale.
function Reset-LabClockMemo { [AppDomain]::CurrentDomain.SetData('Hyperdesk.Lab.WorldEpoch', [Guid]::NewGuid().ToString()) }

function Get-LabClockMs($Clock) {
    if ($null -eq $Clock) { return Get-LabRealNowMs }
    if ($Clock.Contains('frozenAtMs') -and $null -ne $Clock['frozenAtMs']) { return [long]$Clock['frozenAtMs'] }
    return (Get-LabRealNowMs) + [long]$Clock['offsetMs']
}

# ---- settlers: discrete events that fall due with time ----

# $Body: { param($Tx, [long]$NowMs) } applies every event of its kind whose time has come, and updates its
# 'due' entries (Set-LabDue / Clear-LabDue). It must be idempotent: a recovered journal may have applied half a run.
function Register-LabSettler([string]$Name, [scriptblock]$Body) { $script:LabSettlers[$Name] = $Body }

function Set-LabDue($Tx, [string]$Key, [long]$AtMs) {
    if (-not $Tx.Datacenter.Contains('due') -or $null -eq $Tx.Datacenter['due']) { $Tx.Datacenter['due'] = New-LabDict }
    $Tx.Datacenter['due'][$Key] = $AtMs
}

function Clear-LabDue($Tx, [string]$Key) {
    if ($Tx.Datacenter.Contains('due') -and $null -ne $Tx.Datacenter['due']) { $Tx.Datacenter['due'].Remove($Key) }
}

function Get-LabEarliestDue($Dc) {
    if (-not $Dc.Contains('due') -or $null -eq $Dc['due'] -or $Dc['due'].Count -eq 0) { return $null }
    $min = [long]::MaxValue
    foreach ($v in $Dc['due'].Values) { if ([long]$v -lt $min) { $min = [long]$v } }
    return $min
}

# Called before every lab cmdlet: applies what has fallen due, so every reader sees the same world.
function Sync-LabWorld {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { return }
    $dc = Get-LabDatacenter
    $due = Get-LabEarliestDue $dc
    if ($null -eq $due -or $due -gt (Get-LabClockMs $dc['clock'])) { return }
    Update-LabWorld {
        param($tx)
        $now = Get-LabClockMs $tx.Datacenter['clock']
        foreach ($name in @($script:LabSettlers.Keys)) { & $script:LabSettlers[$name] $tx $now }
    }
}

# ---- links between hosts and sites ----

# False when the network between two hosts is cut: a cut names two hosts, two sites, or a host and a site.
function Test-LabLink([string]$From, [string]$To, $Dc = $null) {
    if ($null -eq $Dc) { $Dc = Get-LabDatacenter }
    if (-not $Dc.Contains('links') -or $null -eq $Dc['links']) { return $true }
    if (@($Dc['links']['cuts'] | Where-Object { $null -ne $_ }).Count -eq 0) { return $true }   # the common case: no host look-ups
    $a = Find-LabWorldHost $From
    $b = Find-LabWorldHost $To
    $aNames = @($From); if ($null -ne $a) { $aNames = @($a.name, $a.site) }
    $bNames = @($To); if ($null -ne $b) { $bNames = @($b.name, $b.site) }
    foreach ($cut in @($Dc['links']['cuts'])) {
        if ($null -eq $cut) { continue }
        $x = [string]$cut['a']; $y = [string]$cut['b']
        if (($aNames -contains $x -and $bNames -contains $y) -or ($aNames -contains $y -and $bNames -contains $x)) { return $false }
    }
    return $true
}

# ---- a host that is powered off ----

# A stopped node (Stop-LabNode) answers nothing, as a real one would not: the caller sees the remoting failure.
function Assert-LabHostPowered($Inv, $HostRec) {
    if (-not $HostRec.Contains('power') -or [string]$HostRec['power'] -ne 'Off') { return }
    $name = [string]$HostRec['name']
    $ex = [Management.Automation.Remoting.PSRemotingTransportException]::new("Connecting to remote server $name failed: the host is powered off (lab fault: Start-LabNode -Name $name).")
    $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $ex.Message -ErrorId 'HostPoweredOff' -Category ResourceUnavailable -Target $name -Exception $ex))
}


# ---- scenario seeders: each domain seeds its part of a datacenter scenario ----

# A scenario folder (assets/lab/scenarios/<name>/) holds scenario.json (sites, hosts, VMs) and one file per domain
# (storage.json, cluster.json, network.json, replication.json...). new-lab.ps1 seeds the hosts, then runs every
# registered seeder whose file exists, by Order, in ONE world transaction: $Body { param($Tx, $Data, $Context) }
# with $Data the parsed domain file and $Context @{ Root; ScenarioDir; Hosts = name -> @{ site; dir }; NowMs }.
$script:LabScenarioSeeders = [Collections.ArrayList]::new()
function Register-LabScenarioSeeder([string]$Name, [int]$Order, [scriptblock]$Body) {
    foreach ($s in @($script:LabScenarioSeeders)) { if ($s.Name -eq $Name) { $script:LabScenarioSeeders.Remove($s); break } }
    $null = $script:LabScenarioSeeders.Add(@{ Name = $Name; Order = $Order; Body = $Body })
}

function Invoke-LabScenarioSeeders($Tx, [string]$ScenarioDir, $Context) {
    foreach ($s in @($script:LabScenarioSeeders | Sort-Object { $_.Order })) {
        $file = [IO.Path]::Combine($ScenarioDir, $s.Name + '.json')
        if (-not [IO.File]::Exists($file)) { continue }
        $data = [Hyperdesk.Lab.LabJson]::Parse([IO.File]::ReadAllText($file))
        & $s.Body $Tx $data $Context
    }
}

# Time-driven and cross-host rules of each domain (migration, failover, replication...) live in core/world so that
# every lab module has all of them: a Get-VM must settle a failover the FailoverClusters module started.
# Last in this file, so the world files can use everything above (Register-LabSettler, Register-LabScenarioSeeder).
foreach ($__lwFile in [IO.Directory]::GetFiles([IO.Path]::Combine($PSScriptRoot, 'world'), '*.ps1')) { . $__lwFile }

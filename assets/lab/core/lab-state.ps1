# The lab host's state: one JSON file per host folder ($env:HYPERDESK_LAB_STATE/state.json).
# Reads parse the file only when it changed (cached by write time and length) and never write it.
# Writes take an exclusive lock file, re-read, mutate, write a temp file and atomically replace the state,
# so several processes can share a host and a killed process never leaves half a file behind.
Set-StrictMode -Version Latest

$script:LabStateCache = @{ Path = $null; Stamp = $null; State = $null }

# Folder -> state file path, so the per-call path work is a dictionary look-up (Join-Path is slow).
$script:LabStateFiles = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)

function Get-LabStateFilePath([string]$Dir) {
    $file = $null
    if (-not $script:LabStateFiles.TryGetValue($Dir, [ref]$file)) {
        $file = Join-Path $Dir 'state.json'
        $script:LabStateFiles[$Dir] = $file
    }
    return $file
}

function Get-LabStateDir {
    $dir = $env:HYPERDESK_LAB_STATE
    if ([string]::IsNullOrEmpty($dir)) {
        throw [InvalidOperationException]::new('This is a Hyperdesk lab module: set HYPERDESK_LAB_STATE to the lab host''s state folder (created by assets/lab/bin/new-lab.ps1).')
    }
    if (-not [IO.File]::Exists((Get-LabStateFilePath $dir))) {
        throw [InvalidOperationException]::new("HYPERDESK_LAB_STATE='$dir' holds no lab host (state.json is missing); seed it with assets/lab/bin/new-lab.ps1.")
    }
    return $dir
}

function Read-LabStateFile([string]$File) {
    # FileShare.ReadWrite|Delete: a reader never blocks a writer's atomic replace (Windows semantics).
    $fs = [IO.FileStream]::new($File, [IO.FileMode]::Open, [IO.FileAccess]::Read, ([IO.FileShare]::ReadWrite -bor [IO.FileShare]::Delete))
    try {
        $reader = [IO.StreamReader]::new($fs, [Text.Encoding]::UTF8)
        $text = $reader.ReadToEnd()
    } finally { $fs.Dispose() }
    return [Hyperdesk.Lab.LabJson]::Parse($text)
}

# A consistent snapshot of the state; callers must not modify it (use Update-LabState).
# Every call stats the file, so a write by another process (terminal, another session) is seen at once.
function Get-LabState {
    $dir = Get-LabStateDir
    $file = Get-LabStateFilePath $dir
    Assert-LabWorldSettled (Get-LabWorldInfo $dir)
    for ($i = 0; $i -lt 20; $i++) {
        try {
            $stamp = [Hyperdesk.Lab.LabStore]::Stamp($file)
            $c = $script:LabStateCache
            if ($c.Stamp -eq $stamp -and $c.Path -eq $file) { return $c.State }
            $state = Read-LabStateFile $file
            $script:LabStateCache = @{ Path = $file; Stamp = $stamp; State = $state }
            return $state
        } catch [IO.IOException] {
            Start-Sleep -Milliseconds 25   # replaced between stat and open (Windows); try again
        }
    }
    throw [IO.IOException]::new("Could not read the lab state $file")
}

function Enter-LabLock([string]$Dir, [int]$TimeoutMs = 20000) {
    return Enter-LabLockFile (Join-Path $Dir 'state.lock') $TimeoutMs "The lab host state in $Dir"
}

# An exclusive lock on any lock file (the host's state.lock, a VM console's lock); dispose the result to release it.
function Enter-LabLockFile([string]$LockFile, [int]$TimeoutMs = 20000, [string]$What = $LockFile) {
    $deadline = [DateTime]::UtcNow.AddMilliseconds($TimeoutMs)
    while ($true) {
        try {
            return [IO.FileStream]::new($LockFile, [IO.FileMode]::OpenOrCreate, [IO.FileAccess]::ReadWrite, [IO.FileShare]::None)
        } catch [IO.IOException] {
            if ([DateTime]::UtcNow -gt $deadline) {
                throw [TimeoutException]::new("$What stayed locked for $TimeoutMs ms.")
            }
            Start-Sleep -Milliseconds (Get-Random -Minimum 5 -Maximum 30)
        }
    }
}

# Temp file, fsync, rename over state.json (LabStore.WriteAtomic, shared with the console files).
function Write-LabStateFile([string]$Dir, $State) {
    [Hyperdesk.Lab.LabStore]::WriteAtomic((Get-LabStateFilePath $Dir), [Hyperdesk.Lab.LabJson]::Write($State), $true)
}

# Runs $Mutate with a fresh, private copy of the state under the host lock and saves the result.
# Whatever $Mutate outputs is returned. If it throws, nothing is written.
function Update-LabState([scriptblock]$Mutate) {
    # Locals carry a prefix: $Mutate runs in a child scope and sees the caller's variables through ours.
    $__labDir = Get-LabStateDir
    # A host of a datacenter writes under the world lock, so a cross-host change never interleaves with its own.
    if (-not (Get-LabWorldInfo $__labDir).Standalone) {
        $__labInner = $Mutate   # inside Update-LabWorld, $Mutate would name its own parameter
        return Update-LabWorld { param($__labTx) & $__labInner (Get-LabTxHost $__labTx) }
    }
    $__labFile = Get-LabStateFilePath $__labDir
    $__labLock = Enter-LabLock $__labDir
    try {
        $__labFresh = Read-LabStateFile $__labFile   # private copy: the cached snapshot stays untouched
        $__labResult = & $Mutate $__labFresh
        $__labFresh['seq'] = [long]$__labFresh['seq'] + 1
        Write-LabStateFile $__labDir $__labFresh
        $script:LabStateCache = @{ Path = $null; Stamp = $null; State = $null }
        return $__labResult
    } finally {
        $__labLock.Dispose()
    }
}

function New-LabDict { return [Collections.Specialized.OrderedDictionary]::new([StringComparer]::OrdinalIgnoreCase) }

function ConvertTo-LabData($Value) {
    # Hashtables written by the implementations go through the same codec so reads and writes agree.
    return , [Hyperdesk.Lab.LabJson]::Parse([Hyperdesk.Lab.LabJson]::Write($Value))
}

# Get-LabNowMs (the lab clock) lives in lab-world.ps1.
function ConvertFrom-LabMs([long]$Ms) { return [DateTime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc).AddMilliseconds($Ms).ToLocalTime() }

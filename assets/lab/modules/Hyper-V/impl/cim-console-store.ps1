# A VM's console (typed text, Ctrl+Alt+Del, shift, mouse) lives in its own small file, <stateDir>/console/<vmId>.json,
# so a key costs a read-modify-write of that file instead of a rewrite of the whole state.json (which would also make
# every other reader of the host re-parse the whole state).
#
# The VM's record in state.json keeps a 'console' record, as before: the VM's transitions replace it (a fresh one on
# start from Off, on restart, in a new VM) and export/import carries it. The file is an overlay of that record, valid
# only while the record carries the same 'fileId': the first key after the record was (re)created stamps a new fileId
# into it once (a state write under the host lock), and the file starts as a copy of the record. So a reset by any
# transition (the fresh record has no fileId) makes the file stale at once, in every process, and an older state
# whose records still hold text inside state.json keeps showing it until its first key moves it to the file.
Set-StrictMode -Version Latest

# Console file -> @{ Stamp; Record }: a frame poll re-reads the file only when it changed.
$script:LabConsoleCache = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
# State folder + VM id -> console file path (path work per poll would cost more than the look-up).
$script:LabConsoleFiles = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)

function Get-LabConsoleFilePath([string]$Dir, [string]$VmId) {
    $key = $Dir + '|' + $VmId
    $file = $null
    if (-not $script:LabConsoleFiles.TryGetValue($key, [ref]$file)) {
        $file = Join-Path (Join-Path $Dir 'console') ($VmId.ToLowerInvariant() + '.json')
        $script:LabConsoleFiles[$key] = $file
    }
    return $file
}

# The parsed console file (shared, read-only: callers must not modify it), or $null when there is none.
function Read-LabConsoleFile([string]$File) {
    for ($i = 0; $i -lt 20; $i++) {
        try {
            if (-not [IO.File]::Exists($File)) { return $null }
            $stamp = [Hyperdesk.Lab.LabStore]::Stamp($File)
            $hit = $null
            if ($script:LabConsoleCache.TryGetValue($File, [ref]$hit) -and [string]::Equals($hit.Stamp, $stamp, [StringComparison]::Ordinal)) { return $hit.Record }
            # An empty file can only be what a power loss left of an unsynced write: no console file then.
            if ($stamp.EndsWith(':0')) { return $null }
            $rec = Read-LabStateFile $File
            $script:LabConsoleCache[$File] = @{ Stamp = $stamp; Record = $rec }
            return $rec
        } catch [IO.FileNotFoundException] {
            return $null   # removed between the check and the read: no console file
        } catch [IO.IOException] {
            Start-Sleep -Milliseconds 25   # replaced between stat and open (Windows); try again
        }
    }
    throw [IO.IOException]::new("Could not read the lab console file $File")
}

# The VM's current console record (read-only): the console file when it belongs to the record in the state,
# else the record itself.
function Get-LabConsole($Vm) {
    $c = $Vm['console']
    $fileId = [string]$c['fileId']
    if ($fileId.Length -eq 0) { return $c }
    $rec = Read-LabConsoleFile (Get-LabConsoleFilePath $env:HYPERDESK_LAB_STATE ([string]$Vm['id']))
    if ($null -ne $rec -and [string]::Equals([string]$rec['fileId'], $fileId, [StringComparison]::Ordinal)) { return $rec }
    return $c
}

# A private copy of the VM's current console record without the file link (what an export carries: the
# imported VM has no console file of its own yet).
function Copy-LabConsoleRecord($Vm) {
    $copy = ConvertTo-LabData (Get-LabConsole $Vm)
    $copy.Remove('fileId')
    return , $copy
}

# Runs $Mutate on a private copy of the VM's console record under the VM's console lock and saves it to the console
# file. Returns $false (and changes nothing) when the VM no longer exists.
function Update-LabConsole([string]$VmId, [scriptblock]$Mutate) {
    # Locals carry a prefix: $Mutate runs in a child scope and sees the caller's variables through ours.
    $__conId = $VmId.ToLowerInvariant()
    $__conFile = Get-LabConsoleFilePath (Get-LabStateDir) $__conId
    $null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($__conFile))
    $__conLock = Enter-LabLockFile ($__conFile.Substring(0, $__conFile.Length - 5) + '.lock') 20000 "The lab console of VM $__conId"
    try {
        $__conVm = Find-LabVMRecord (Get-LabState) $__conId
        if ($null -eq $__conVm) { return $false }
        $__conFileId = [string]$__conVm['console']['fileId']
        $__conRec = $null
        if ($__conFileId.Length -gt 0) {
            $__conOld = Read-LabConsoleFile $__conFile
            if ($null -ne $__conOld -and [string]::Equals([string]$__conOld['fileId'], $__conFileId, [StringComparison]::Ordinal)) { $__conRec = ConvertTo-LabData $__conOld }
            else { $__conRec = ConvertTo-LabData $__conVm['console'] }   # file lost: start again from the record
        } else {
            # The first key since the record was (re)created: link it to the file, once. Under the host lock, from
            # the fresh state: a transition that raced us (a restart) wins, and the key goes to its fresh console.
            $__conRec = Update-LabState {
                param($s)
                $v = Find-LabVMRecord $s $__conId
                if ($null -eq $v) { return $null }
                $c = $v['console']
                if ([string]::IsNullOrEmpty([string]$c['fileId'])) { $c['fileId'] = [Guid]::NewGuid().ToString('N') }
                return , (ConvertTo-LabData $c)
            }
            if ($null -eq $__conRec) { return $false }
        }
        $null = & $Mutate $__conRec
        [Hyperdesk.Lab.LabStore]::WriteAtomic($__conFile, [Hyperdesk.Lab.LabJson]::Write($__conRec), $false)
        return $true
    } finally {
        $__conLock.Dispose()
    }
}

# Remove-VM: the removed VM's console file could never match a record again; delete it under its lock, then the
# lock file itself (another process may hold it for a moment: then it stays, harmless, and is said in verbose).
function Remove-LabConsoleFiles([string]$VmId) {
    $id = $VmId.ToLowerInvariant()
    $file = Get-LabConsoleFilePath (Get-LabStateDir) $id
    $lockFile = $file.Substring(0, $file.Length - 5) + '.lock'
    if (-not [IO.File]::Exists($file) -and -not [IO.File]::Exists($lockFile)) { return }
    $lock = Enter-LabLockFile $lockFile 20000 "The lab console of VM $id"
    try {
        if ([IO.File]::Exists($file)) { [IO.File]::Delete($file) }
        $null = $script:LabConsoleCache.Remove($file)
    } finally { $lock.Dispose() }
    try { [IO.File]::Delete($lockFile) }
    catch [IO.IOException] { Write-Verbose ("Console lock of VM {0} is in use; left in place: {1}" -f $id, $_.Exception.Message) }
}

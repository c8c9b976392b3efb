# Lab stand-in for Sysinternals Disk2vhd 2.02 (disk2vhd64.exe), started through the `disk2vhd64.exe` shim
# that assets/lab/p2v/bin/new-source.ps1 puts on the lab source's PATH. It behaves as the real one does
# from the outside (../shared/reference/disk2vhd.md):
#   - a GUI program: never writes to stdout/stderr; a parsing problem shows a modal dialog, i.e. the process
#     blocks and creates nothing (2.02 bug: without -c the usage window appears; -accepteula missing on a
#     machine that never accepted the EULA shows the EULA dialog);
#   - volumes are drive letters (`c:`) or `*`; letterless volumes (EFI, recovery) cannot be named;
#   - writes one dynamic VHDX/VHD (by the file extension) holding the disk of the selected volumes, growing as
#     data is copied. The file is a real image made with qemu-img/qemu-io, so qemu-img check passes.
# Pace: bytes/s from $env:HYPERDESK_LAB_D2V_RATE, else the scenario's lab.captureBytesPerSecond.
# $env:HYPERDESK_LAB_D2V_STALL_AFTER (bytes) makes it hang after that much, to exercise stuck detection.
# Every invocation is appended to <state>/disk2vhd.log (JSON lines) so tests can see what the app ran.
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$state = $env:HYPERDESK_LAB_SOURCE
function Write-D2vLog([string]$outcome, [object]$extra) {
    $line = [ordered]@{ at = [DateTime]::UtcNow.ToString('o'); pid = $PID; argv = @($script:argv); outcome = $outcome; extra = $extra }
    Add-Content -LiteralPath (Join-Path $state 'disk2vhd.log') -Value ($line | ConvertTo-Json -Compress -Depth 5) -Encoding UTF8
}
function Show-ModalDialog([string]$which) {
    # The real program sits on a dialog until someone clicks it away; nobody will.
    Write-D2vLog "dialog:$which" $null
    while ($true) { Start-Sleep -Seconds 3600 }
}

$script:argv = @($args | ForEach-Object { [string]$_ })
$src = Get-Content -LiteralPath (Join-Path $state 'source.json') -Raw -Encoding UTF8 | ConvertFrom-Json
# Switches start with '-' (or '/' for the known names: a Linux lab path also starts with '/').
$isSwitch = { param($a) ($a -match '^-') -or ($a -match '^/(accepteula|c|h)$') }
$switches = @($script:argv | Where-Object { & $isSwitch $_ } | ForEach-Object { $_.Substring(1).ToLowerInvariant() })
$positional = @($script:argv | Where-Object { -not (& $isSwitch $_) })

$eulaFile = Join-Path $state 'eula-accepted'
if ($switches -contains 'accepteula') { Set-Content -LiteralPath $eulaFile -Value '1' }
if (-not (Test-Path -LiteralPath $eulaFile)) { Show-ModalDialog 'eula' }
if ($switches -notcontains 'c') { Show-ModalDialog 'usage' }   # 2.02: the command line only works with -c
if ($positional.Count -lt 2) { Show-ModalDialog 'usage' }

$vhdFile = $positional[$positional.Count - 1]
$volumeArgs = @($positional[0..($positional.Count - 2)])
$format = $null
if ($vhdFile -match '\.vhdx$') { $format = 'vhdx' } elseif ($vhdFile -match '\.vhd$') { $format = 'vpc' } else { Show-ModalDialog 'usage' }

# Resolve the selected partitions (only lettered volumes can be named; `*` takes every volume).
$selected = New-Object System.Collections.Generic.List[object]
foreach ($d in @($src.disks)) {
    foreach ($p in @($d.partitions)) {
        if ($null -eq $p.volume) { continue }
        $take = $volumeArgs -contains '*'
        if (-not $take -and $p.DriveLetter) { $take = @($volumeArgs | Where-Object { $_.ToUpperInvariant() -eq (([string]$p.DriveLetter).ToUpperInvariant() + ':') }).Count -gt 0 }
        if ($take) { $selected.Add([pscustomobject]@{ Disk = $d; Part = $p }) }
    }
}
foreach ($v in $volumeArgs) {
    if ($v -eq '*') { continue }
    if ($v -notmatch '^[A-Za-z]:$') { Show-ModalDialog 'usage' }
    if (@($selected | Where-Object { $_.Part.DriveLetter -and (([string]$_.Part.DriveLetter).ToUpperInvariant() + ':') -eq $v.ToUpperInvariant() }).Count -eq 0) { Show-ModalDialog 'usage' }
}
if ($selected.Count -eq 0) { Show-ModalDialog 'usage' }
$disk = $selected[0].Disk
if ($format -eq 'vpc' -and [uint64]$disk.Size -gt [uint64]2040GB) { Show-ModalDialog 'vhd-too-large' }

$rate = [double]$src.lab.captureBytesPerSecond
if ($env:HYPERDESK_LAB_D2V_RATE) { $rate = [double]$env:HYPERDESK_LAB_D2V_RATE }
$stallAfter = [double]::MaxValue
if ($env:HYPERDESK_LAB_D2V_STALL_AFTER) { $stallAfter = [double]$env:HYPERDESK_LAB_D2V_STALL_AFTER }

Write-D2vLog 'capturing' @{ file = $vhdFile; format = $format; volumes = @($selected | ForEach-Object { [int]$_.Part.PartitionNumber }) }
$dir = Split-Path -Parent $vhdFile
if ($dir -and -not (Test-Path -LiteralPath $dir)) { Show-ModalDialog 'cannot-create-file' }
$createOpts = 'subformat=dynamic'
if ($format -eq 'vhdx') { $createOpts = 'subformat=dynamic,block_size=1M' } else { $createOpts = 'subformat=dynamic,force_size=on' }
& qemu-img create -q -f $format -o $createOpts $vhdFile ([string][uint64]$disk.Size) *> $null
if ($LASTEXITCODE -ne 0) { Show-ModalDialog 'cannot-create-file' }

# The work list: the partition table area, then each selected volume's used bytes from its start.
$jobs = New-Object System.Collections.Generic.List[object]
$jobs.Add([pscustomobject]@{ Offset = [uint64]0; Length = [uint64]1MB; Pattern = 1 })
$n = 2
foreach ($s in $selected) { $jobs.Add([pscustomobject]@{ Offset = [uint64]$s.Part.Offset; Length = [uint64]$s.Part.volume.UsedBytes; Pattern = $n }); $n++ }

# Paced by elapsed time (catching up when a tick ran long), so the configured rate holds on a busy machine.
$tick = 0.25
$written = [double]0
$clock = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($j in $jobs) {
    $pos = [uint64]0
    while ($pos -lt $j.Length) {
        $t0 = [DateTime]::UtcNow
        $due = [Math]::Floor(($rate * ($clock.Elapsed.TotalSeconds + $tick) - $written) / 512) * 512
        $due = [Math]::Min([Math]::Max($due, [double]512KB), [double]64MB)
        $budget = [uint64][Math]::Min([double]($j.Length - $pos), $due)
        $cmds = New-Object System.Collections.Generic.List[string]
        $left = $budget; $off = $j.Offset + $pos
        while ($left -gt 0) {
            $len = [uint64][Math]::Min([double]$left, [double]4MB)
            $cmds.Add('-c'); $cmds.Add(('write -q -P 0x{0:x2} {1} {2}' -f (($j.Pattern * 37) % 255 + 1), $off, $len))
            $off += $len; $left -= $len
        }
        & qemu-io -f $format @cmds $vhdFile *> $null
        if ($LASTEXITCODE -ne 0) { Write-D2vLog 'write-failed' $null; exit 1 }
        $pos += $budget; $written += $budget
        if ($written -ge $stallAfter) { Show-ModalDialog 'stalled' }
        $rest = $tick - ([DateTime]::UtcNow - $t0).TotalSeconds
        if ($rest -gt 0) { Start-Sleep -Milliseconds ([int]($rest * 1000)) }
    }
}
Write-D2vLog 'done' @{ bytes = $written }
exit 0

# Receives a Disk2vhd the user provided (read on the machine running Hyperdesk) into
# %ProgramData%\Hyperdesk\disk2vhd64.exe on the source, where preflight.ps1 looks for it. The file arrives as data,
# one base64 chunk per call ('append', in order from offset 0) into a temporary name; 'commit' checks the length
# and the SHA-256 main computed, then renames it into place; 'discard' removes the temporary file (cancel/failure).
param(
    [Parameter(Mandatory = $true)][ValidatePattern('^[0-9a-f]{32}$')][string]$CopyId,
    [ValidateSet('append', 'commit', 'discard')][string]$Action = 'append',
    [long]$Offset = 0,
    [string]$Data = '',
    [long]$TotalBytes = 0,
    [string]$Sha256 = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if (-not $env:ProgramData) { throw [System.InvalidOperationException]::new('ProgramData is not set on the source: cannot place Disk2vhd') }
$folder = Join-Path $env:ProgramData 'Hyperdesk'
$final = Join-Path $folder 'disk2vhd64.exe'
$partial = Join-Path $folder ('disk2vhd64.exe.{0}.partial' -f $CopyId)

if ($Action -eq 'discard') {
    $existed = Test-Path -LiteralPath $partial -PathType Leaf
    if ($existed) { Remove-Item -LiteralPath $partial -Force }
    return ([ordered]@{ action = 'discard'; discarded = $existed } | ConvertTo-Json -Compress)
}

if ($Action -eq 'append') {
    $bytes = [System.Convert]::FromBase64String($Data)
    if ($Offset -lt 0 -or ($TotalBytes -gt 0 -and $Offset + $bytes.Length -gt $TotalBytes)) {
        throw [System.ArgumentOutOfRangeException]::new('Offset', "a chunk of $($bytes.Length) bytes at $Offset goes past the file's $TotalBytes bytes")
    }
    if ($Offset -eq 0) {
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        # Leftovers of copies that were interrupted (app stopped mid-copy) go; the finished file is never touched here.
        foreach ($old in @(Get-ChildItem -LiteralPath $folder -Filter 'disk2vhd64.exe.*.partial' -File)) { Remove-Item -LiteralPath $old.FullName -Force }
        $mode = [System.IO.FileMode]::Create
    } else {
        if (-not (Test-Path -LiteralPath $partial -PathType Leaf)) { throw [System.IO.FileNotFoundException]::new("the partial copy is gone: $partial") }
        $mode = [System.IO.FileMode]::Open
    }
    $stream = [System.IO.File]::Open($partial, $mode, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
    try {
        # A chunk sent again (a retried call) overwrites itself; a gap means chunks were lost: start again.
        if ($stream.Length -lt $Offset) { throw [System.IO.InvalidDataException]::new("the partial copy has $($stream.Length) bytes, expected at least $Offset") }
        $stream.SetLength($Offset)
        [void]$stream.Seek($Offset, [System.IO.SeekOrigin]::Begin)
        $stream.Write($bytes, 0, $bytes.Length)
        $length = $stream.Length
    } finally { $stream.Dispose() }
    return ([ordered]@{ action = 'append'; bytes = [double]$length } | ConvertTo-Json -Compress)
}

# commit
if (-not (Test-Path -LiteralPath $partial -PathType Leaf)) { throw [System.IO.FileNotFoundException]::new("the partial copy is gone: $partial") }
$length = (Get-Item -LiteralPath $partial).Length
if ($length -ne $TotalBytes) {
    Remove-Item -LiteralPath $partial -Force
    throw [System.IO.InvalidDataException]::new("the copy has $length bytes, expected $TotalBytes")
}
$hash = (Get-FileHash -LiteralPath $partial -Algorithm SHA256).Hash.ToLowerInvariant()
if ($hash -ne $Sha256.ToLowerInvariant()) {
    Remove-Item -LiteralPath $partial -Force
    throw [System.IO.InvalidDataException]::new("SHA-256 mismatch after the copy: $hash on the source, $($Sha256.ToLowerInvariant()) sent")
}
Move-Item -LiteralPath $partial -Destination $final -Force
# Windows runs any .exe; the lab source (Linux) runs its shell-script stand-in only with the execute bit.
if ([System.IO.Path]::DirectorySeparatorChar -eq '/') {
    & chmod 755 $final
    if ($LASTEXITCODE -ne 0) { throw [System.IO.IOException]::new("chmod 755 failed on $final") }
}
[ordered]@{ action = 'commit'; path = [string](Resolve-Path -LiteralPath $final).Path; bytes = [double]$length; sha256 = $hash } | ConvertTo-Json -Compress

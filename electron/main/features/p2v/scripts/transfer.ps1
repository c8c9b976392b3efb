# Copies the captured disk to the host's storage in slices: each call copies for at most MaxSeconds, appending
# to <destination>.partial, so a cancelled or crashed transfer resumes where it stopped. The last slice renames
# the partial file into place.
param(
    [Parameter(Mandatory = $true)][string]$SourcePath,
    [Parameter(Mandatory = $true)][string]$DestinationPath,
    [int]$MaxSeconds = 5
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$total = [double](Get-Item -LiteralPath $SourcePath).Length
if (Test-Path -LiteralPath $DestinationPath -PathType Leaf) {
    if ([double](Get-Item -LiteralPath $DestinationPath).Length -eq $total) {
        [ordered]@{ copiedBytes = $total; totalBytes = $total; done = $true } | ConvertTo-Json -Compress
        return
    }
    throw [System.IO.IOException]::new("A different file already exists at $DestinationPath")
}
$folder = Split-Path -Parent $DestinationPath
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
$partial = "$DestinationPath.partial"
$deadline = [DateTime]::UtcNow.AddSeconds($MaxSeconds)
$in = [System.IO.File]::Open($SourcePath, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::Read)
$out = [System.IO.File]::Open($partial, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
try {
    $done = [double]$out.Length
    if ($done -gt $total) { $out.SetLength(0); $done = 0 }
    $null = $in.Seek([long]$done, [System.IO.SeekOrigin]::Begin)
    $null = $out.Seek([long]$done, [System.IO.SeekOrigin]::Begin)
    $buf = New-Object byte[] (4MB)
    while ($done -lt $total -and [DateTime]::UtcNow -lt $deadline) {
        $n = $in.Read($buf, 0, $buf.Length)
        if ($n -le 0) { break }
        $out.Write($buf, 0, $n)
        $done += $n
    }
    $out.Flush()
} finally { $out.Dispose(); $in.Dispose() }
$finished = $done -ge $total
if ($finished) { Move-Item -LiteralPath $partial -Destination $DestinationPath }
[ordered]@{ copiedBytes = $done; totalBytes = $total; done = $finished } | ConvertTo-Json -Compress

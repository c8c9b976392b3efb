# Is the Disk2vhd process still running, and how big is the target file now? (PID plus start time, so a
# reused PID is not mistaken for the capture.)
param(
    [Parameter(Mandatory = $true)][string]$VhdPath,
    [Parameter(Mandatory = $true)][int]$ProcessId,
    [Parameter(Mandatory = $true)][string]$ProcessStartTime
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$running = $false
$p = Get-Process -Id $ProcessId -ErrorAction SilentlyContinue
if ($null -ne $p) {
    $expected = [DateTime]::Parse($ProcessStartTime, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
    $running = [Math]::Abs(($p.StartTime.ToUniversalTime() - $expected.ToUniversalTime()).TotalSeconds) -lt 2
}
$bytes = $null
if (Test-Path -LiteralPath $VhdPath -PathType Leaf) { $bytes = [double](Get-Item -LiteralPath $VhdPath).Length }
[ordered]@{ running = $running; fileExists = ($null -ne $bytes); fileBytes = $bytes } | ConvertTo-Json -Compress

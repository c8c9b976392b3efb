# Stops a capture: ends the Disk2vhd process (if it is still the one we started) and deletes the partial file.
param(
    [Parameter(Mandatory = $true)][string]$VhdPath,
    [int]$ProcessId = 0,
    [string]$ProcessStartTime = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$stopped = $false
if ($ProcessId -gt 0) {
    $p = Get-Process -Id $ProcessId -ErrorAction SilentlyContinue
    if ($null -ne $p -and $ProcessStartTime) {
        $expected = [DateTime]::Parse($ProcessStartTime, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
        if ([Math]::Abs(($p.StartTime.ToUniversalTime() - $expected.ToUniversalTime()).TotalSeconds) -ge 2) { $p = $null }
    }
    if ($null -ne $p) {
        Stop-Process -Id $ProcessId -Force
        $null = $p.WaitForExit(15000)
        $stopped = $true
    }
}
$removed = $false
if (Test-Path -LiteralPath $VhdPath) {
    # The handle goes away with the process; retry briefly in case the OS is still closing it.
    for ($i = 0; $i -lt 10 -and -not $removed; $i++) {
        try { Remove-Item -LiteralPath $VhdPath -Force; $removed = $true } catch [System.IO.IOException] { Start-Sleep -Milliseconds 500 }
    }
    if (-not $removed) { throw [System.IO.IOException]::new("Could not delete the partial capture $VhdPath") }
}
[ordered]@{ stopped = $stopped; removed = $removed } | ConvertTo-Json -Compress

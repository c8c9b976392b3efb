# Floor for the sessions benchmark: the inventory script in already-open sessions, from a bare pwsh loop.
# Serves the benchmark over stdin/stdout so floor and ours alternate in one run (same hosts, same moment):
#   stdin : 'single' (host 0) | 'fan' (every host: Invoke-Command's own fan-out) | 'quit', one per line
#   stdout: one JSON line per command: {"ms": <Stopwatch time of the Invoke-Command>}; first line: {"ready":...}
param([string]$HostsJson, [string]$ScriptPath)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$hosts = @(Get-Content -LiteralPath $HostsJson -Raw | ConvertFrom-Json)
$text = Get-Content -LiteralPath $ScriptPath -Raw
if ($text.Length -gt 0 -and $text[0] -eq [char]0xFEFF) { $text = $text.Substring(1) }
$runner = { param([string]$t, [hashtable]$a) & ([scriptblock]::Create($t)) @a }
$sw = [Diagnostics.Stopwatch]::StartNew()
# One by one: New-PSSession -SSHConnection opens in parallel but now and then dials port 22 instead of the host's.
$sessions = @(foreach ($h in $hosts) {
    New-PSSession -HostName $h.hostName -Port ([int]$h.port) -UserName $h.userName -KeyFilePath $h.keyFilePath -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = $h.knownHostsFile }
})
$openMs = $sw.Elapsed.TotalMilliseconds
[Console]::Out.WriteLine((@{ ready = $true; openMs = $openMs; pid = $PID } | ConvertTo-Json -Compress))
while ($true) {
    $cmd = [Console]::In.ReadLine()
    if ($null -eq $cmd -or $cmd -eq 'quit') { break }
    $target = $sessions[0]
    if ($cmd -eq 'fan') { $target = $sessions }
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $out = @(Invoke-Command -Session $target -ScriptBlock $runner -ArgumentList $text, @{})
    $ms = $sw.Elapsed.TotalMilliseconds
    [Console]::Out.WriteLine((@{ ms = $ms; results = $out.Count } | ConvertTo-Json -Compress))
}
$sessions | Remove-PSSession

# Floor for the sessions benchmark: the inventory script in already-open sessions, from a bare pwsh loop.
param([string]$HostsJson, [string]$ScriptPath, [int]$Iterations = 20, [int]$FanOutIterations = 7)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$hosts = Get-Content -LiteralPath $HostsJson -Raw | ConvertFrom-Json
$text = Get-Content -LiteralPath $ScriptPath -Raw
$runner = { param([string]$t, [hashtable]$a) & ([scriptblock]::Create($t)) @a }
$sessions = @(foreach ($h in $hosts) {
    New-PSSession -HostName $h.hostName -Port $h.port -UserName $h.userName -KeyFilePath $h.keyFilePath -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = $h.knownHostsFile }
})
function Measure-Ms([scriptblock]$Block) { $sw = [Diagnostics.Stopwatch]::StartNew(); & $Block | Out-Null; $sw.Elapsed.TotalMilliseconds }
foreach ($i in 1..10) { Invoke-Command -Session $sessions -ScriptBlock $runner -ArgumentList $text, @{} | Out-Null }
$single = @(foreach ($i in 1..$Iterations) { Measure-Ms { Invoke-Command -Session $sessions[0] -ScriptBlock $runner -ArgumentList $text, @{} } })
$fan = @(foreach ($i in 1..$FanOutIterations) { Measure-Ms { Invoke-Command -Session $sessions -ScriptBlock $runner -ArgumentList $text, @{} } })
$sessions | Remove-PSSession
@{ single = $single; fanOut = $fan } | ConvertTo-Json -Compress

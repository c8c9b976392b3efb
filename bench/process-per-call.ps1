# Baseline for the sessions benchmark: what a process-per-call manager does for ONE refresh.
param([string]$HostName, [int]$Port, [string]$UserName, [string]$KeyFilePath, [string]$KnownHosts, [string]$ScriptPath)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$s = New-PSSession -HostName $HostName -Port $Port -UserName $UserName -KeyFilePath $KeyFilePath -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = $KnownHosts }
$text = Get-Content -LiteralPath $ScriptPath -Raw
$out = Invoke-Command -Session $s -ScriptBlock { param([string]$t) & ([scriptblock]::Create($t)) } -ArgumentList $text
Remove-PSSession $s
$out

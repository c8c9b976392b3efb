# Seeds a lab P2V source machine: copies a scenario (assets/lab/p2v/scenarios/<name>.json) into a state folder
# and, when the scenario says Disk2vhd is present, puts the `disk2vhd64.exe` stand-in shim in <state>/tools.
# Reach the source with a pwsh whose PSModulePath starts with assets/lab/p2v/modules, HYPERDESK_LAB_SOURCE=<state>,
# after dot-sourcing assets/lab/p2v/bin/enter-source.ps1 (sets the environment Windows would have).
param(
    [Parameter(Mandatory = $true)][string]$Scenario,
    [Parameter(Mandatory = $true)][string]$StateDir
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$p2vRoot = Split-Path -Parent $PSScriptRoot
$file = $Scenario
if (-not (Test-Path -LiteralPath $file)) { $file = Join-Path (Join-Path $p2vRoot 'scenarios') "$Scenario.json" }
if (-not (Test-Path -LiteralPath $file)) { throw "unknown lab source scenario: $Scenario" }
$src = Get-Content -LiteralPath $file -Raw -Encoding UTF8 | ConvertFrom-Json
New-Item -ItemType Directory -Force -Path $StateDir | Out-Null
foreach ($sub in @('tools', 'ProgramData')) { New-Item -ItemType Directory -Force -Path (Join-Path $StateDir $sub) | Out-Null }
$tmp = Join-Path $StateDir 'source.json.tmp'
Copy-Item -LiteralPath $file -Destination $tmp -Force
Move-Item -LiteralPath $tmp -Destination (Join-Path $StateDir 'source.json') -Force
if ($src.disk2vhd.present) { & (Join-Path $PSScriptRoot 'install-disk2vhd.ps1') -Destination (Join-Path $StateDir 'tools') }
[pscustomobject]@{ stateDir = (Resolve-Path -LiteralPath $StateDir).Path; scenario = $Scenario; computerName = $src.computerName } | ConvertTo-Json -Compress

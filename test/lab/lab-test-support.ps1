# Shared by the lab's Pester tests: seed a temporary lab with new-lab.ps1 (in a child pwsh, as the app
# does) and point this process at one of its hosts.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:LabModules = Join-Path $script:RepoRoot 'assets/lab/modules'
$script:NewLab = Join-Path $script:RepoRoot 'assets/lab/bin/new-lab.ps1'
$script:Pwsh = (Get-Command -Name pwsh -CommandType Application | Select-Object -First 1).Source

function New-TestLab([string]$Scenario = 'small-shop', [int]$HostCount = 0) {
    $root = Join-Path ([IO.Path]::GetTempPath()) ('hyperdesk-lab-test-' + [Guid]::NewGuid().ToString('N'))
    $args = @('-NoLogo', '-NoProfile', '-NonInteractive', '-File', $script:NewLab, '-StateRoot', $root, '-Scenario', $Scenario)
    if ($HostCount -gt 0) { $args += @('-HostCount', [string]$HostCount) }
    $out = & $script:Pwsh @args
    if ($LASTEXITCODE -ne 0) { throw "new-lab.ps1 failed: $out" }
    return @{ Root = $root; Hosts = @($out | ConvertFrom-Json) }
}

function Enter-TestLab([string]$StateDir) {
    if (-not ($env:PSModulePath.Split([IO.Path]::PathSeparator) -contains $script:LabModules)) {
        $env:PSModulePath = $script:LabModules + [IO.Path]::PathSeparator + $env:PSModulePath
    }
    $env:HYPERDESK_LAB_STATE = $StateDir
    Import-Module (Join-Path $script:LabModules 'Hyper-V/Hyper-V.psd1') -Global -WarningAction SilentlyContinue
}

# Shortens the simulated durations so tests stay fast (an internal knob of the lab state, not a cmdlet).
function Set-TestLabTimings([hashtable]$Timings) {
    & (Get-Module Hyper-V) { param($t) Update-LabState { param($s) foreach ($k in $t.Keys) { $s['host']['timings'][$k] = $t[$k] } } } $Timings
}

# Runs a script in a child pwsh against a lab host; returns its stdout lines.
function Invoke-TestLabChild([string]$StateDir, [string]$Script) {
    $wrapped = "`$env:PSModulePath = '$($script:LabModules)' + [IO.Path]::PathSeparator + `$env:PSModulePath; `$env:HYPERDESK_LAB_STATE = '$StateDir'; `$ErrorActionPreference = 'Stop'; " + $Script
    $out = & $script:Pwsh -NoLogo -NoProfile -NonInteractive -Command $wrapped
    if ($LASTEXITCODE -ne 0) { throw "child pwsh failed ($LASTEXITCODE): $out" }
    return $out
}

function Remove-TestLab($Lab) {
    if ($null -ne $Lab -and (Test-Path -LiteralPath $Lab.Root)) { Remove-Item -LiteralPath $Lab.Root -Recurse -Force }
}

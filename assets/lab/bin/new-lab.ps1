# Seeds lab hosts for a scenario: one state folder per host under -StateRoot. Writes ONE line of JSON:
# [{"name":"HV-LAB01","stateDir":"/abs/path"}, ...]. Refuses to overwrite a host folder unless -Force.
param(
    [Parameter(Mandatory = $true)][string]$StateRoot,
    [Parameter(Mandatory = $true)][ValidateSet('small-shop', 'fleet', 'empty')][string]$Scenario,
    [int]$HostCount = 0,
    [switch]$Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$labRoot = Split-Path -Parent $PSScriptRoot
$module = Import-Module (Join-Path $labRoot 'modules/Hyper-V/Hyper-V.psd1') -PassThru -Force -WarningAction SilentlyContinue
$null = [IO.Directory]::CreateDirectory($StateRoot)
$root = (Resolve-Path -LiteralPath $StateRoot).ProviderPath

$specs = & $module {
    param($Scenario, $HostCount, $LabRoot)
    if ($Scenario -eq 'empty') {
        $n = [Math]::Max(1, $HostCount)
        for ($i = 1; $i -le $n; $i++) {
            @{ name = ('HV-LAB{0:00}' -f $i); logicalProcessors = 16; memoryGB = 128; numaNodes = 2
                nics = @(@{ name = 'Ethernet'; description = 'Intel(R) Ethernet Controller X550' })
                switches = @(@{ name = 'External'; type = 'External'; nic = 'Ethernet' }, @{ name = 'Internal'; type = 'Internal' }); vms = @() }
        }
        return
    }
    $file = Join-Path $LabRoot "scenarios/$Scenario.json"
    $data = [Hyperdesk.Lab.LabJson]::Parse([IO.File]::ReadAllText($file))
    $all = @()
    if ($data.Contains('fleet')) { $all = @(New-LabFleetSpecs $data['fleet'] ([int]$data['fleet']['hostCount'])) }
    else { $all = @($data['hosts']) }
    if ($HostCount -gt 0) {
        if ($HostCount -gt $all.Count) { throw "Scenario '$Scenario' has $($all.Count) hosts; -HostCount $HostCount is too many." }
        $all = $all[0..($HostCount - 1)]
    }
    $all
} $Scenario $HostCount $labRoot

$result = @()
$seeded = @()
foreach ($spec in @($specs)) {
    $site = ''
    if ($spec.Contains('site') -and -not [string]::IsNullOrEmpty([string]$spec['site'])) { $site = [string]$spec['site'] }
    $rel = [string]$spec['name']
    if ($site -ne '') { $rel = Join-Path $site $rel }
    $dir = Join-Path $root $rel
    if (Test-Path -LiteralPath $dir) {
        if (-not $Force) { throw "The lab host folder '$dir' already exists; use -Force to replace it." }
        Remove-Item -LiteralPath $dir -Recurse -Force
    }
    # Fleet hosts carry no disk files (1,024 images would make seeding slow); their VHD paths are recorded only.
    & $module { param($s, $d, $nf) Invoke-LabSeedHost $s $d $nf } $spec $dir ($Scenario -eq 'fleet')
    $result += [ordered]@{ name = [string]$spec['name']; stateDir = $dir }
    $seeded += @{ name = [string]$spec['name']; site = $site; path = $rel }
}
# The world the hosts share (assets/lab/core/lab-world.ps1): the datacenter file and one site file per site.
& $module { param($r, $s, $h) Write-LabWorldFiles $r $s $h } $root $Scenario $seeded
Write-Output (ConvertTo-Json -InputObject @($result) -Compress)

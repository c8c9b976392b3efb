# Seeds lab hosts for a scenario: one state folder per host under -StateRoot. Writes ONE line of JSON:
# [{"name":"HV-LAB01","stateDir":"/abs/path","site":"HQ"}, ...]. Refuses to overwrite a host folder unless -Force.
#
# A scenario is assets/lab/scenarios/<name>.json (hosts only) or a folder assets/lab/scenarios/<name>/ holding
# scenario.json (sites, hosts, VMs) and one file per domain (storage.json, cluster.json, network.json,
# replication.json). A host with a "site" is seeded under <root>/<Site>/<Host>; a VM with "storage" lives in that
# folder of its site (a Cluster Shared Volume, an SMB share's folder). After the hosts, every domain seeder whose file
# exists runs, by Order, in ONE world transaction (Invoke-LabScenarioSeeders, assets/lab/core/lab-world.ps1).
param(
    [Parameter(Mandatory = $true)][string]$StateRoot,
    [Parameter(Mandatory = $true)][ValidateSet('small-shop', 'fleet', 'empty', 'contoso-datacenter')][string]$Scenario,
    [int]$HostCount = 0,
    # Tops each host the scenario's "fillers" template names (the cluster nodes) up to this many VMs; 0 = as listed.
    [int]$VMsPerNode = 0,
    [switch]$Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$labRoot = Split-Path -Parent $PSScriptRoot
$module = Import-Module (Join-Path $labRoot 'modules/Hyper-V/Hyper-V.psd1') -PassThru -Force -WarningAction SilentlyContinue
$null = [IO.Directory]::CreateDirectory($StateRoot)
$root = (Resolve-Path -LiteralPath $StateRoot).ProviderPath
$scenarioDir = Join-Path $labRoot "scenarios/$Scenario"
if (-not [IO.File]::Exists((Join-Path $scenarioDir 'scenario.json'))) { $scenarioDir = $null }

$specs = & $module {
    param($Scenario, $HostCount, $LabRoot, $ScenarioDir, $VMsPerNode)
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
    if ($null -ne $ScenarioDir) { $file = Join-Path $ScenarioDir 'scenario.json' }
    $data = [Hyperdesk.Lab.LabJson]::Parse([IO.File]::ReadAllText($file))
    $all = @()
    if ($data.Contains('fleet')) { $all = @(New-LabFleetSpecs $data['fleet'] ([int]$data['fleet']['hostCount'])) }
    else { $all = @($data['hosts']) }
    if ($data.Contains('fillers')) { Add-LabFillerSpecs $all $data['fillers'] $VMsPerNode }
    if ($HostCount -gt 0) {
        if ($HostCount -gt $all.Count) { throw "Scenario '$Scenario' has $($all.Count) hosts; -HostCount $HostCount is too many." }
        $all = $all[0..($HostCount - 1)]
    }
    $all
} $Scenario $HostCount $labRoot $scenarioDir $VMsPerNode

# A datacenter scenario is replaced whole: its site folders (CSVs, shares, site.json) and datacenter.json go too,
# so a reset also resets the clock, the network cuts and every domain's shared state.
if ($null -ne $scenarioDir -and $Force) {
    foreach ($spec in @($specs)) {
        if (-not $spec.Contains('site') -or [string]::IsNullOrEmpty([string]$spec['site'])) { continue }
        $siteDir = Join-Path $root ([string]$spec['site'])
        if ([IO.File]::Exists((Join-Path $siteDir 'site.json'))) { Remove-Item -LiteralPath $siteDir -Recurse -Force }
    }
    foreach ($f in @('datacenter.json', 'world.journal.json')) { if ([IO.File]::Exists((Join-Path $root $f))) { [IO.File]::Delete((Join-Path $root $f)) } }
}

# A flat lab (small-shop) re-seeded whole with -Force starts a fresh world too (clock, cuts, due times), unless the
# root also holds hosts this run does not replace.
if ($null -eq $scenarioDir -and $Force -and [IO.File]::Exists((Join-Path $root 'datacenter.json'))) {
    $names = @($specs | ForEach-Object { [string]$_['name'] })
    $listed = @((Get-Content -Raw -LiteralPath (Join-Path $root 'datacenter.json') | ConvertFrom-Json).hosts | ForEach-Object { [string]$_.name })
    if (@($listed | Where-Object { $names -notcontains $_ }).Count -eq 0) {
        foreach ($f in @('datacenter.json', 'site.json', 'world.journal.json')) { if ([IO.File]::Exists((Join-Path $root $f))) { [IO.File]::Delete((Join-Path $root $f)) } }
    }
}

$result = @()
$seeded = @()
$hostDirs = [ordered]@{}
foreach ($spec in @($specs)) {
    $site = ''
    if ($spec.Contains('site') -and -not [string]::IsNullOrEmpty([string]$spec['site'])) { $site = [string]$spec['site'] }
    $rel = [string]$spec['name']
    $siteDir = $root
    if ($site -ne '') { $rel = Join-Path $site $rel; $siteDir = Join-Path $root $site }
    $dir = Join-Path $root $rel
    if (Test-Path -LiteralPath $dir) {
        if (-not $Force) { throw "The lab host folder '$dir' already exists; use -Force to replace it." }
        Remove-Item -LiteralPath $dir -Recurse -Force
    }
    # Fleet hosts carry no disk files (1,024 images would make seeding slow); their VHD paths are recorded only.
    & $module { param($s, $d, $nf, $sd) Invoke-LabSeedHost $s $d $nf $sd } $spec $dir ($Scenario -eq 'fleet') $siteDir
    $entry = [ordered]@{ name = [string]$spec['name']; stateDir = $dir }
    if ($site -ne '') { $entry['site'] = $site }
    $result += $entry
    $seeded += @{ name = [string]$spec['name']; site = $site; path = $rel }
    $hostDirs[[string]$spec['name']] = @{ site = $site; dir = $dir }
}
# The world the hosts share (assets/lab/core/lab-world.ps1): the datacenter file and one site file per site.
& $module { param($r, $s, $h) Write-LabWorldFiles $r $s $h } $root $Scenario $seeded

if ($null -ne $scenarioDir -and $hostDirs.Count -gt 0) {
    # Domain seeders are registered by the modules that own the domain (FailoverClusters, Storage...), each in its own
    # module scope: load every lab module, gather their seeders into the Hyper-V module, run them in one transaction.
    # Only modules whose impl files register one are loaded (a module import costs ~0.1-0.2 s); seeders in
    # core/world/*.ps1 are in every module, the Hyper-V one included.
    foreach ($modDir in [IO.Directory]::GetDirectories((Join-Path $labRoot 'modules'))) {
        $name = [IO.Path]::GetFileName($modDir)
        $psd1 = Join-Path $modDir "$name.psd1"
        $impl = Join-Path $modDir 'impl'
        if ($name -in @('Hyper-V', 'LabCim') -or -not [IO.File]::Exists($psd1) -or -not [IO.Directory]::Exists($impl)) { continue }
        $registers = $false
        foreach ($f in [IO.Directory]::GetFiles($impl, '*.ps1')) { if ([IO.File]::ReadAllText($f).Contains('Register-LabScenarioSeeder')) { $registers = $true; break } }
        if (-not $registers) { continue }
        $other = Import-Module $psd1 -PassThru -Force -WarningAction SilentlyContinue
        foreach ($s in @(& $other { $script:LabScenarioSeeders })) {
            if ($null -ne $s) { & $module { param($s) Register-LabScenarioSeeder $s.Name $s.Order $s.Body } $s }
        }
    }
    & $module { param($r, $sd, $h) Invoke-LabSeedDomains $r $sd $h } $root $scenarioDir $hostDirs
}
Write-Output (ConvertTo-Json -InputObject @($result) -Compress)

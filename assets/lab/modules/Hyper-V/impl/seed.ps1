# Builds a lab host's state from a scenario host description (used by assets/lab/bin/new-lab.ps1).
Set-StrictMode -Version Latest

$script:LabOsCatalog = @{
    'windows-2022' = @{ os = 'Windows Server 2022 Datacenter'; osVersion = '10.0.20348'; isVersion = '10.0.20348.1'; family = 'windows' }
    'windows-2019' = @{ os = 'Windows Server 2019 Standard'; osVersion = '10.0.17763'; isVersion = '10.0.17763.1'; family = 'windows' }
    'windows-11' = @{ os = 'Windows 11 Enterprise'; osVersion = '10.0.22631'; isVersion = '10.0.22621.1'; family = 'windows' }
    'ubuntu-22.04' = @{ os = 'Ubuntu 22.04.4 LTS'; osVersion = '5.15.0-105-generic'; isVersion = '0.0'; family = 'linux' }
    'none' = @{ os = ''; osVersion = ''; isVersion = '0.0'; family = 'none' }
}

function New-LabHostRecord($Spec, [string]$Dir) {
    $h = New-LabDict
    $h['name'] = [string]$Spec['name']
    $fqdn = [string]$Spec['fqdn']
    if ([string]::IsNullOrEmpty($fqdn)) { $fqdn = ([string]$Spec['name']).ToLowerInvariant() + '.lab.local' }
    $h['fqdn'] = $fqdn
    $h['logicalProcessorCount'] = [int]$Spec['logicalProcessors']
    $h['memoryCapacity'] = [long]$Spec['memoryGB'] * 1GB
    $h['numaNodes'] = [int]$Spec['numaNodes']
    $h['numaSpanningEnabled'] = $true
    $h['virtualHardDiskPath'] = Join-Path $Dir 'Virtual Hard Disks'
    $h['virtualMachinePath'] = $Dir
    $h['macAddressMinimum'] = '00155D' + ('{0:X2}' -f ((Get-LabHash $h['name']) % 256)) + '0000'
    $h['macAddressMaximum'] = '00155D' + ('{0:X2}' -f ((Get-LabHash $h['name']) % 256)) + 'FFFF'
    $h['nextMac'] = [long](((Get-LabHash $h['name']) % 256) * 65536)
    $h['enableEnhancedSessionMode'] = $false
    $h['maximumStorageMigrations'] = 2
    $h['maximumVirtualMachineMigrations'] = 2
    $h['useAnyNetworkForMigration'] = $false
    $h['virtualMachineMigrationEnabled'] = $false
    $h['migrationAuthenticationType'] = 'CredSSP'
    $h['migrationPerformanceOption'] = 'Compression'
    $h['hostReserveBytes'] = [long]2GB
    $h['timings'] = @{ startMs = 400; stopMs = 600; saveMs = 400; guestBootMs = 4000; exportMs = 3000 }
    $nics = [Collections.ArrayList]::new()
    foreach ($n in @($Spec['nics'])) { if ($null -ne $n) { $null = $nics.Add(@{ name = [string]$n['name']; description = [string]$n['description']; guid = [Guid]::NewGuid().ToString() }) } }
    $h['nics'] = $nics
    return $h
}

# $SiteDir: the folder a VM spec's "storage" is relative to (a CSV such as ClusterStorage/Volume1, or an SMB share's
# folder). Such a VM lives in <SiteDir>/<storage>/<VM name>, its disks in '<that>/Virtual Hard Disks', as New-VM -Path
# and New-VHD put them; without "storage" it uses the host's default folders.
function Add-LabSeedVM($State, $Spec, [long]$NowMs, [bool]$NoFiles, [string]$SiteDir = $null) {
    $vmDir = $null
    $vhdDir = Get-LabVhdDir $State
    if ($Spec.Contains('storage') -and -not [string]::IsNullOrEmpty([string]$Spec['storage'])) {
        if ([string]::IsNullOrEmpty($SiteDir)) { throw "VM '$($Spec['name'])' has storage '$($Spec['storage'])' but its host belongs to no site folder." }
        $vmDir = [IO.Path]::GetFullPath([IO.Path]::Combine($SiteDir, [string]$Spec['storage'], [string]$Spec['name']))
        $vhdDir = Join-Path $vmDir 'Virtual Hard Disks'
        $null = [IO.Directory]::CreateDirectory($vhdDir)
    }
    $vm = New-LabVMRecord $State ([string]$Spec['name']) ([int]$Spec['generation']) ([long]$Spec['memoryMB'] * 1MB) $vmDir
    $vm['processorCount'] = [long]$Spec['cpu']
    if ($Spec['dynamic']) { $vm['memory']['dynamic'] = $true; $vm['memory']['minimum'] = [long]512MB; $vm['memory']['maximum'] = [long]$Spec['memoryMB'] * 4MB }
    if ($Spec['notes']) { $vm['notes'] = [string]$Spec['notes'] }
    if ($Spec['checkpointType']) { $vm['checkpointType'] = [string]$Spec['checkpointType'] }
    $vm['creationTime'] = $NowMs - [long](Get-LabHash ([string]$Spec['name'])) % 400 * 86400000L
    $osKey = [string]$Spec['os']
    if (-not $script:LabOsCatalog.ContainsKey($osKey)) { $osKey = 'none' }
    $os = $script:LabOsCatalog[$osKey]
    $vm['guest'] = @{ os = $os.os; osVersion = $os.osVersion; family = $os.family; isVersion = $os.isVersion; integrationServices = $os.family -ne 'none'
        fqdn = [string]$Spec['fqdn']; productType = [int]$(if ($Spec['productType']) { $Spec['productType'] } else { 3 }); computerName = ([string]$Spec['fqdn']).Split('.')[0].ToUpperInvariant() }
    if ($os.family -eq 'linux') { $vm['firmware']['secureBootTemplate'] = 'MicrosoftUEFICertificateAuthority' }
    $ct = 'SCSI'
    if ([int]$Spec['generation'] -eq 1) { $ct = 'IDE' }
    $i = 0
    foreach ($d in @($Spec['disks'])) {
        if ($null -eq $d) { continue }
        $path = Join-Path $vhdDir ([string]$d['name'])
        New-LabSeedDisk $State $path ([uint64]([long]$d['sizeGB'] * 1GB)) $NoFiles | Out-Null
        $n = 0; $l = $i
        if ($ct -eq 'IDE') { $n = [int][Math]::Floor($i / 2); $l = $i % 2 }
        $null = $vm['hardDrives'].Add(@{ controllerType = $ct; controllerNumber = $n; controllerLocation = $l; path = $path })
        $i++
    }
    foreach ($sw in @($Spec['switches'])) {
        if ($null -eq $sw) { continue }
        $nic = New-LabNicRecord $State $vm 'Network Adapter' ([string]$sw) $false
        $nic['ipAddresses'] = @($Spec['ip'])
        # Hyper-V Network Virtualization (HNVv1): the tenant's virtual subnet, as Set-VMNetworkAdapter -VirtualSubnetId sets it.
        if ($Spec.Contains('virtualSubnetId')) { $nic['virtualSubnetId'] = [long]$Spec['virtualSubnetId'] }
        $null = $vm['networkAdapters'].Add($nic)
    }
    $null = $State['vms'].Add($vm)
    foreach ($op in @($Spec['checkpoints'])) {
        if ($null -eq $op) { continue }
        $when = $NowMs - 86400000L * [long]$op['daysAgo']
        if ($op['op'] -eq 'checkpoint') {
            $vm['state'] = 'Off'
            if ($op['vmState'] -eq 'Running') { $vm['state'] = 'Running'; $vm['startedAt'] = $when - 3600000L }
            $snap = Add-LabCheckpoint $null $State $vm ([string]$op['name']) $when $false
            $snap['creationTime'] = $when
        } elseif ($op['op'] -eq 'restore') {
            $target = $State['snapshots'] | Where-Object { $_['vmId'] -eq $vm['id'] -and $_['name'] -eq $op['name'] } | Select-Object -First 1
            Restore-LabCheckpoint $State $vm $target
        }
    }
    $vm['state'] = [string]$Spec['state']
    $vm['transition'] = $null
    if ($vm['state'] -in @('Running', 'Paused')) {
        # Seeded running VMs have been up for a while: booted, heartbeat OK, a login prompt on screen.
        $vm['startedAt'] = $NowMs - 3600000L - ((Get-LabHash ([string]$vm['name'])) % 2000) * 60000L
    } else { $vm['startedAt'] = [long]0 }
    return $vm
}

# A seeded dynamic VHDX: a sparse copy of an empty image of that size, made once per size with qemu-img and kept in
# the temp folder. A datacenter has ~45 disks; one qemu-img run each cost ~2 s of every first start, a copy ~2 ms.
# The copies share the template's header GUIDs, which nothing in the lab reads (Get-VHD reports state.vhds).
$script:LabSparseExtents = @{}
function New-LabSeedDisk($State, [string]$Path, [uint64]$Size, [bool]$NoFiles) {
    if ($NoFiles -or (Get-LabQemuImg) -eq '' -or (Get-LabVhdFormat $Path) -ne 'VHDX') {
        return New-LabVhdFile $State $Path $Size 'Dynamic' $null -NoFile:$NoFiles
    }
    $cache = Join-Path ([IO.Path]::GetTempPath()) 'hyperdesk-lab-vhdx'
    $template = Join-Path $cache "dynamic-$Size.vhdx"
    if (-not [IO.File]::Exists($template)) {
        $null = [IO.Directory]::CreateDirectory($cache)
        $tmp = Join-Path $cache ("dynamic-$Size." + [Guid]::NewGuid().ToString('N') + '.vhdx')
        New-LabVhdFile @{ vhds = $null } $tmp $Size 'Dynamic' $null | Out-Null
        try { [IO.File]::Move($tmp, $template) } catch [IO.IOException] { [IO.File]::Delete($tmp) }   # another seeder won
    }
    $dir = [IO.Path]::GetDirectoryName($Path)
    if (-not [IO.Directory]::Exists($dir)) { $null = [IO.Directory]::CreateDirectory($dir) }
    Copy-LabSparseFile $template $Path
    return New-LabVhdFile $State $Path $Size 'Dynamic' $null -NoFile
}

# Copies only the file's non-zero 64 KiB chunks into a file of the same length (the rest stays a hole).
function Copy-LabSparseFile([string]$From, [string]$To) {
    $cached = $script:LabSparseExtents[$From]
    if ($null -ne $cached) { $bytes = $cached.Bytes; $extents = $cached.Extents }
    else {
        $bytes = [IO.File]::ReadAllBytes($From)
        # A chunk is all zeros when it hashes as zeros do (a native call per chunk; a byte loop here is slow).
        $chunk = 65536
        $sha = [Security.Cryptography.SHA256]::Create()
        $zeroHash = [BitConverter]::ToString($sha.ComputeHash([byte[]]::new($chunk)))
        $list = [Collections.Generic.List[int]]::new()
        for ($o = 0; $o -lt $bytes.Length; $o += $chunk) {
            $n = [Math]::Min($chunk, $bytes.Length - $o)
            if ($n -lt $chunk -or [BitConverter]::ToString($sha.ComputeHash($bytes, $o, $n)) -ne $zeroHash) { $list.Add($o); $list.Add($n) }
        }
        $sha.Dispose()
        $extents = $list.ToArray()
        $script:LabSparseExtents[$From] = @{ Bytes = $bytes; Extents = $extents }
    }
    $fs = [IO.FileStream]::new($To, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write)
    try {
        $fs.SetLength($bytes.Length)
        for ($i = 0; $i -lt $extents.Length; $i += 2) {
            $null = $fs.Seek($extents[$i], [IO.SeekOrigin]::Begin)
            $fs.Write($bytes, $extents[$i], $extents[$i + 1])
        }
    } finally { $fs.Dispose() }
}

function Invoke-LabSeedHost($Spec, [string]$Dir, [bool]$NoFiles, [string]$SiteDir = $null) {
    $null = [IO.Directory]::CreateDirectory($Dir)
    $state = New-LabDict
    $state['schema'] = 1
    $state['seq'] = [long]0
    $state['host'] = New-LabHostRecord $Spec $Dir
    $null = [IO.Directory]::CreateDirectory($state['host']['virtualHardDiskPath'])
    $state['switches'] = [Collections.ArrayList]::new()
    $state['vms'] = [Collections.ArrayList]::new()
    $state['snapshots'] = [Collections.ArrayList]::new()
    $state['vhds'] = New-LabDict
    foreach ($sw in @($Spec['switches'])) {
        if ($null -eq $sw) { continue }
        $rec = New-LabDict
        $rec['id'] = [Guid]::NewGuid().ToString()
        $rec['name'] = [string]$sw['name']
        $rec['switchType'] = [string]$sw['type']
        $rec['notes'] = [string]$sw['notes']
        $rec['bandwidthMode'] = 'Absolute'
        $rec['allowManagementOS'] = $sw['type'] -ne 'Private'
        $rec['netAdapterInterfaceDescription'] = ''
        if ($sw['type'] -eq 'External') {
            $nic = $state['host']['nics'] | Where-Object { $_['name'] -eq $sw['nic'] } | Select-Object -First 1
            $rec['netAdapterInterfaceDescription'] = [string]$nic['description']
            $rec['netAdapterGuid'] = [string]$nic['guid']
        }
        $null = $state['switches'].Add($rec)
    }
    $now = Get-LabNowMs
    foreach ($v in @($Spec['vms'])) { if ($null -ne $v) { Add-LabSeedVM $state $v $now $NoFiles $SiteDir | Out-Null } }
    Write-LabStateFile $Dir (ConvertTo-LabData $state)
}

# The fleet scenario's host descriptions: many similar VMs, generated rather than listed.
function New-LabFleetSpecs($Template, [int]$HostCount) {
    $roles = @(@{ p = 'WEB'; os = 'windows-2022'; cpu = 2; mem = 4096 }, @{ p = 'APP'; os = 'windows-2019'; cpu = 4; mem = 8192 }, @{ p = 'SQL'; os = 'windows-2022'; cpu = 8; mem = 16384 }, @{ p = 'LNX'; os = 'ubuntu-22.04'; cpu = 2; mem = 2048 })
    for ($h = 1; $h -le $HostCount; $h++) {
        $vms = @()
        for ($i = 1; $i -le [int]$Template['vmsPerHost']; $i++) {
            $r = $roles[$i % $roles.Count]
            $name = '{0}{1:00}-{2:000}' -f $r.p, $h, $i
            $state = 'Running'
            if ($i % 10 -eq 3) { $state = 'Off' } elseif ($i % 10 -eq 7) { $state = 'Saved' }
            $vms += @{ name = $name; generation = 2; cpu = $r.cpu; memoryMB = $r.mem; dynamic = ($i % 3 -eq 0); state = $state; os = $r.os
                fqdn = ($name.ToLowerInvariant() + '.fleet.local'); disks = @(@{ name = "$name.vhdx"; sizeGB = 80 }); switches = @('External'); ip = @(('10.{0}.{1}.{2}' -f (20 + $h), [int][Math]::Floor($i / 200), ($i % 200) + 10)) }
        }
        @{ name = ('{0}{1:00}' -f $Template['hostPrefix'], $h); logicalProcessors = 64; memoryGB = 1024; numaNodes = 2
            nics = @(@{ name = 'Ethernet'; description = 'Mellanox ConnectX-5 Adapter' }); switches = @(@{ name = 'External'; type = 'External'; nic = 'Ethernet' }, @{ name = 'Internal'; type = 'Internal' }); vms = $vms }
    }
}

# A scenario's "fillers" template (scenario.json) tops each listed host up to $PerHost VMs: benchmarks and scale tests
# ask for N VMs per cluster node without listing them. Generated names are <prefix>-<host suffix>-<nnn>.
function Add-LabFillerSpecs($HostSpecs, $Template, [int]$PerHost) {
    if ($PerHost -le 0 -or $null -eq $Template) { return }
    foreach ($h in @($HostSpecs)) {
        if (-not (@($Template['hosts']) -contains [string]$h['name'])) { continue }
        $vms = [Collections.ArrayList]::new()
        foreach ($v in @($h['vms'])) { if ($null -ne $v) { $null = $vms.Add($v) } }
        $suffix = ([string]$h['name']).Split('-')[-1]
        $i = 0
        while ($vms.Count -lt $PerHost) {
            $i++
            $name = '{0}-{1}-{2:000}' -f $Template['prefix'], $suffix, $i
            $ip = '10.0.{0}.{1}' -f (100 + [int][Math]::Floor($vms.Count / 200) + 10 * (@($HostSpecs).IndexOf($h))), (($vms.Count % 200) + 10)
            $null = $vms.Add(@{ name = $name; generation = 2; cpu = [int]$Template['cpu']; memoryMB = [int]$Template['memoryMB']; state = 'Running'
                os = [string]$Template['os']; fqdn = ($name.ToLowerInvariant() + '.contoso.local'); productType = 3; storage = [string]$Template['storage']
                notes = 'Generated filler VM'; disks = @(@{ name = "$name.vhdx"; sizeGB = [int]$Template['sizeGB'] }); switches = @($h['switches'][0]['name']); ip = @($ip) })
        }
        $h['vms'] = $vms.ToArray()
    }
}

# Runs the domain seeders registered in this module (new-lab.ps1 gathers every module's) over a seeded datacenter,
# in ONE world transaction: a seeder that throws leaves no domain seeded, a kill -9 half-way is undone or completed by
# the journal. $Hosts: name -> @{ site; dir }, in the scenario's order.
function Invoke-LabSeedDomains([string]$Root, [string]$ScenarioDir, $Hosts) {
    $saved = $env:HYPERDESK_LAB_STATE
    $env:HYPERDESK_LAB_STATE = @($Hosts.Values)[0].dir   # the world's door opens from any of its hosts
    try {
        $ctx = @{ Root = $Root; ScenarioDir = $ScenarioDir; Hosts = $Hosts; NowMs = (Get-LabNowMs) }
        Update-LabWorld { param($tx) Invoke-LabScenarioSeeders $tx $ScenarioDir $ctx }
    } finally { $env:HYPERDESK_LAB_STATE = $saved }
}

# Writes <root>/datacenter.json (host directory, lab clock, links) and a site.json per site. Hosts seeded without a
# site sit flat under <root> in the one site 'Default-First-Site-Name' (the site name Active Directory starts with).
# Hosts already listed (a re-seed with -Force, or hosts added to an existing lab) keep their entries.
function Write-LabWorldFiles([string]$Root, [string]$Scenario, $Seeded) {
    $dcFile = Join-Path $Root 'datacenter.json'
    $dc = $null
    if ([IO.File]::Exists($dcFile)) { $dc = Read-LabStateFile $dcFile }
    if ($null -eq $dc) {
        $dc = New-LabDict
        $dc['schema'] = 1
        $dc['seq'] = [long]0
        $dc['name'] = $Scenario
        $dc['clock'] = @{ offsetMs = [long]0; frozenAtMs = $null }
        $dc['hosts'] = [Collections.ArrayList]::new()
        $dc['sites'] = [Collections.ArrayList]::new()
        $dc['links'] = @{ cuts = [Collections.ArrayList]::new() }
        $dc['due'] = New-LabDict
    }
    $hosts = [Collections.ArrayList]::new()
    foreach ($h in @($dc['hosts'])) { if ($null -ne $h -and -not (@($Seeded | ForEach-Object { $_.name }) -contains [string]$h['name'])) { $null = $hosts.Add($h) } }
    foreach ($h in @($Seeded)) {
        $site = $h.site
        if ($site -eq '') { $site = 'Default-First-Site-Name' }
        $null = $hosts.Add(@{ name = $h.name; site = $site; path = $h.path })
        $siteDir = $Root
        if ($h.site -ne '') { $siteDir = Join-Path $Root $h.site }
        $siteFile = Join-Path $siteDir 'site.json'
        if (-not [IO.File]::Exists($siteFile)) {
            $doc = New-LabDict
            $doc['schema'] = 1
            $doc['seq'] = [long]0
            $doc['name'] = $site
            [Hyperdesk.Lab.LabStore]::WriteAtomic($siteFile, [Hyperdesk.Lab.LabJson]::Write($doc), $true)
        }
        if (-not (@($dc['sites']) -contains $site)) { $null = $dc['sites'].Add($site) }
    }
    $dc['hosts'] = $hosts
    [Hyperdesk.Lab.LabStore]::WriteAtomic($dcFile, [Hyperdesk.Lab.LabJson]::Write((ConvertTo-LabData $dc)), $true)
}

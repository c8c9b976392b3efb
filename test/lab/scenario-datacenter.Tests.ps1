# The contoso-datacenter scenario as new-lab.ps1 seeds it: sites and host folders, the VMs of every host where
# scenario.json puts them (CSV and SMB share folders), real disk images, the filler knob, and domain seeding as ONE
# world transaction (fixture seeders here, so the test does not wait for the domains' own).
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:Scenario = Get-Content -Raw (Join-Path $script:RepoRoot 'assets/lab/scenarios/contoso-datacenter/scenario.json') | ConvertFrom-Json
    Enter-TestLab ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    $script:Hv = Get-Module Hyper-V
    function Get-HostVMs([string]$Name) {
        return @(& $script:Hv { param($n) @((Get-LabHostState $n)['vms']) } $Name)
    }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'contoso-datacenter: hosts and sites' {
    It 'seeds the five hosts under Site/Host folders of the root and lists them, with their site, in datacenter.json' {
        $script:Lab.Hosts | ForEach-Object { "$($_.site)/$($_.name)" } | Should -Be @('HQ/HV-C01', 'HQ/HV-C02', 'HQ/HV-C03', 'HQ/HV-S01', 'DR/HV-DR01')
        foreach ($h in $script:Lab.Hosts) { $h.stateDir | Should -Be (Join-Path $script:Lab.Root "$($h.site)/$($h.name)") }
        $dc = Get-Content -Raw (Join-Path $script:Lab.Root 'datacenter.json') | ConvertFrom-Json
        $dc.name | Should -Be 'contoso-datacenter'
        @($dc.sites) | Should -Be @('HQ', 'DR')
        @($dc.hosts | ForEach-Object { $_.path }) | Should -Be @('HQ/HV-C01', 'HQ/HV-C02', 'HQ/HV-C03', 'HQ/HV-S01', 'DR/HV-DR01')
        (Get-Content -Raw (Join-Path $script:Lab.Root 'HQ/site.json') | ConvertFrom-Json).name | Should -Be 'HQ'
        (Get-Content -Raw (Join-Path $script:Lab.Root 'DR/site.json') | ConvertFrom-Json).name | Should -Be 'DR'
    }

    It 'ran the scenario''s domain seeders in one transaction: no world file was written twice' {
        $files = @('datacenter.json', 'HQ/site.json', 'DR/site.json') + @($script:Lab.Hosts | ForEach-Object { "$($_.site)/$($_.name)/state.json" })
        foreach ($f in $files) { (Get-Content -Raw (Join-Path $script:Lab.Root $f) | ConvertFrom-Json).seq | Should -BeLessOrEqual 1 -Because $f }
        [IO.File]::Exists((Join-Path $script:Lab.Root 'world.journal.json')) | Should -BeFalse
    }

    It 'answers Get-VMHost with the host the scenario names, and finds the others through the world' {
        (Get-VMHost).ComputerName | Should -Be 'HV-C01'
        (Get-VMHost).LogicalProcessorCount | Should -Be 48
        @(& $script:Hv { Get-LabWorldHosts } | ForEach-Object { $_.name }) | Should -Be @('HV-C01', 'HV-C02', 'HV-C03', 'HV-S01', 'HV-DR01')
    }
}

Describe 'contoso-datacenter: VMs, folders and disks' {
    It 'puts every VM the scenario lists on its host, 32 in HQ' {
        $hq = 0
        foreach ($h in $script:Scenario.hosts) {
            # Replica copies (replication.json) sit on HV-DR01 beside the VMs the scenario lists there.
            @(Get-HostVMs $h.name | Where-Object { -not $_.Contains('replicationMode') -or $_['replicationMode'] -ne 'Replica' } | ForEach-Object { $_['name'] }) | Should -Be @($h.vms | ForEach-Object { $_.name })
            if ($h.site -eq 'HQ') { $hq += @($h.vms).Count }
        }
        $hq | Should -Be 32
    }

    It 'keeps DC01 on HV-C01''s local folder and the clustered VMs in their CSV folder, disks beside them' {
        $dc01 = Get-VM -Name DC01
        $dc01.Path | Should -Be (Join-Path $script:Lab.Root 'HQ/HV-C01')
        $sql = Get-VM -Name SQL01
        $sql.Path | Should -Be (Join-Path $script:Lab.Root 'HQ/ClusterStorage/Volume1/SQL01')
        $disks = @($sql | Get-VMHardDiskDrive | ForEach-Object { $_.Path })
        $disks | Should -Be @('SQL01.vhdx', 'SQL01-Data.vhdx', 'SQL01-Log.vhdx' | ForEach-Object { Join-Path $script:Lab.Root "HQ/ClusterStorage/Volume1/SQL01/Virtual Hard Disks/$_" })
        foreach ($d in $disks) {
            $head = [byte[]]::new(8)
            $fs = [IO.File]::OpenRead($d)
            try { $null = $fs.Read($head, 0, 8) } finally { $fs.Dispose() }
            [Text.Encoding]::ASCII.GetString($head) | Should -Be 'vhdxfile'   # a real VHDX image, not a placeholder
        }
        (Get-VHD -Path $disks[1]).Size | Should -Be 500GB
    }

    It 'keeps HV-S01''s VMs in the SOFS share''s folder on Volume2' {
        foreach ($vm in (Get-HostVMs 'HV-S01')) {
            $vm['path'] | Should -Be (Join-Path $script:Lab.Root "HQ/ClusterStorage/Volume2/VMs/$($vm['name'])")
            foreach ($d in $vm['hardDrives']) { [IO.File]::Exists($d['path']) | Should -BeTrue }
        }
    }

    It 'gives the tenant VMs their virtual subnet, both tenants on 10.1.1.0/24' {
        $tenants = @('HV-C01', 'HV-C02' | ForEach-Object { Get-HostVMs $_ } | Where-Object { $_['name'] -match '^(BLUE|RED)-' })
        $tenants.Count | Should -Be 4
        foreach ($vm in $tenants) {
            $nic = $vm['networkAdapters'][0]
            $nic['virtualSubnetId'] | Should -Be $(if ($vm['name'] -like 'BLUE-*') { 5001 } else { 6001 })
            $nic['ipAddresses'][0] | Should -BeLike '10.1.1.*'
        }
    }

    It 'tops the cluster nodes up to -VMsPerNode with filler VMs on Volume1 (Add-LabFillerSpecs, as new-lab.ps1 calls it)' {
        $specs = & $script:Hv {
            $data = [Hyperdesk.Lab.LabJson]::Parse([IO.File]::ReadAllText((Join-Path $args[0] 'assets/lab/scenarios/contoso-datacenter/scenario.json')))
            $all = @($data['hosts'])
            Add-LabFillerSpecs $all $data['fillers'] 12
            , $all
        } $script:RepoRoot
        @($specs | ForEach-Object { @($_['vms']).Count }) | Should -Be @(12, 12, 12, 4, 2)   # HV-S01 and HV-DR01 are not nodes
        $fillers = @($specs[2]['vms'] | Where-Object { $_['name'] -like 'APP-C03-*' })
        $fillers.Count | Should -Be 4
        $fillers[0]['storage'] | Should -Be 'ClusterStorage/Volume1'
        @($specs | ForEach-Object { $_['vms'] } | ForEach-Object { $_['name'] } | Sort-Object -Unique).Count | Should -Be 42
    }
}

Describe 'contoso-datacenter: domain seeders run as one transaction' {
    BeforeAll {
        $script:Fixture = Join-Path ([IO.Path]::GetTempPath()) ('hyperdesk-scenario-fixture-' + [Guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Fixture
        '{ "note": "from fixture-a" }' | Set-Content (Join-Path $script:Fixture 'fixture-a.json')
        '{ "note": "from fixture-b" }' | Set-Content (Join-Path $script:Fixture 'fixture-b.json')
        # Two domains: A writes the HQ site and HV-C02, B writes the DR site and HV-DR01 (or throws when asked to).
        & $script:Hv {
            Register-LabScenarioSeeder 'fixture-a' 15 { param($Tx, $Data, $Context)
                (Get-LabTxSite $Tx 'HQ')['fixture'] = $Data['note']
                (Get-LabTxHost $Tx 'HV-C02')['host']['fixture'] = $Data['note']
            }
            Register-LabScenarioSeeder 'fixture-b' 16 { param($Tx, $Data, $Context)
                if ($env:HD_TEST_FIXTURE_B_THROWS -eq '1') { throw 'fixture-b failed' }
                (Get-LabTxSite $Tx 'DR')['fixture'] = $Data['note'] + ' after ' + (Get-LabTxSite $Tx 'HQ')['fixture']
                (Get-LabTxHost $Tx 'HV-DR01')['host']['fixture'] = [string]$Context.Hosts['HV-DR01'].site
            }
        }
        function Get-Fixture {
            $read = { param($f) $d = Get-Content -Raw $f | ConvertFrom-Json; [pscustomobject]@{ seq = $d.seq; value = $d.PSObject.Properties['fixture'] } }
            $r = $script:Lab.Root
            return [ordered]@{
                HQ = & $read (Join-Path $r 'HQ/site.json'); DR = & $read (Join-Path $r 'DR/site.json')
                C02 = (Get-Content -Raw (Join-Path $r 'HQ/HV-C02/state.json') | ConvertFrom-Json).host.PSObject.Properties['fixture']
                DR01 = (Get-Content -Raw (Join-Path $r 'DR/HV-DR01/state.json') | ConvertFrom-Json).host.PSObject.Properties['fixture']
            }
        }
        function Get-Hosts { $h = [ordered]@{}; foreach ($x in $script:Lab.Hosts) { $h[$x.name] = @{ site = [string]$x.site; dir = $x.stateDir } }; return $h }
    }
    AfterAll {
        & $script:Hv { $script:LabScenarioSeeders.Clear() }
        Remove-Item -LiteralPath $script:Fixture -Recurse -Force
    }

    It 'a seeder that throws leaves no domain seeded' {
        $before = Get-Fixture
        $env:HD_TEST_FIXTURE_B_THROWS = '1'
        try { { & $script:Hv { param($r, $d, $h) Invoke-LabSeedDomains $r $d $h } $script:Lab.Root $script:Fixture (Get-Hosts) } | Should -Throw '*fixture-b failed*' }
        finally { $env:HD_TEST_FIXTURE_B_THROWS = $null }
        $after = Get-Fixture
        $after.HQ.value | Should -BeNullOrEmpty
        $after.C02 | Should -BeNullOrEmpty
        $after.HQ.seq | Should -Be $before.HQ.seq
    }

    It 'runs every seeder by Order in one transaction: each file it changed is written once' {
        $before = Get-Fixture
        & $script:Hv { param($r, $d, $h) Invoke-LabSeedDomains $r $d $h } $script:Lab.Root $script:Fixture (Get-Hosts)
        $after = Get-Fixture
        $after.HQ.value.Value | Should -Be 'from fixture-a'
        $after.DR.value.Value | Should -Be 'from fixture-b after from fixture-a'   # B saw A's change: same transaction, A first
        $after.C02.Value | Should -Be 'from fixture-a'
        $after.DR01.Value | Should -Be 'DR'
        $after.HQ.seq | Should -Be ($before.HQ.seq + 1)
        $after.DR.seq | Should -Be ($before.DR.seq + 1)
    }
}

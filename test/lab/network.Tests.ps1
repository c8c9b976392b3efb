# Host networking in contoso-datacenter: HV-C01's physical NICs (NetAdapter: names/roles, VMQ/SR-IOV split by
# adapter family, counters that grow with the lab clock) and the HNVv1 policy (NetWNV) derived from the VMs' adapters:
# lookup records agree with every VirtualSubnetId, including one changed by Set-VMNetworkAdapter.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:Scenario = Get-Content -Raw (Join-Path $script:RepoRoot 'assets/lab/scenarios/contoso-datacenter/scenario.json') | ConvertFrom-Json
    Enter-TestLab ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    Import-Module (Join-Path $script:LabModules 'NetAdapter/NetAdapter.psd1') -Global -WarningAction SilentlyContinue
    Import-Module (Join-Path $script:LabModules 'NetWNV/NetWNV.psd1') -Global -WarningAction SilentlyContinue
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -WarningAction SilentlyContinue
    $script:Hv = Get-Module Hyper-V
    # Every tenant adapter of the HQ hosts, read from their states: @{ VM; Mac; Vsid; Ip }.
    function Get-TenantAdapters {
        $out = @()
        foreach ($h in @($script:Lab.Hosts | Where-Object site -eq 'HQ')) {
            foreach ($vm in @(& $script:Hv { param($n) @((Get-LabHostState $n)['vms']) } $h.name)) {
                foreach ($n in @($vm['networkAdapters'])) {
                    if ($null -ne $n -and $n.Contains('virtualSubnetId') -and [long]$n['virtualSubnetId'] -ne 0) {
                        $out += @{ VM = [string]$vm['name']; Mac = [string]$n['macAddress']; Vsid = [long]$n['virtualSubnetId']; Ip = [string]@($n['ipAddresses'])[0] }
                    }
                }
            }
        }
        return $out
    }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'NetAdapter on HV-C01' {
    It 'lists the scenario''s NICs by role, as MSFT_NetAdapter CIM instances, Up, with speeds by adapter family' {
        $want = ($script:Scenario.hosts | Where-Object name -eq 'HV-C01').nics
        $nics = @(Get-NetAdapter)
        @($nics | ForEach-Object Name) | Should -Be @($want | ForEach-Object name)
        @($nics | ForEach-Object InterfaceDescription) | Should -Be @($want | ForEach-Object description)
        $nics[0].PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter'
        @($nics | ForEach-Object Status | Select-Object -Unique) | Should -Be @('Up')
        (Get-NetAdapter -Name VM).LinkSpeed | Should -Be '25 Gbps'
        (Get-NetAdapter -Name Management).LinkSpeed | Should -Be '10 Gbps'
        (Get-NetAdapter -Name VM).MacAddress | Should -Match '^([0-9A-F]{2}-){5}[0-9A-F]{2}$'
        @($nics | ForEach-Object ifIndex | Select-Object -Unique).Count | Should -Be $nics.Count
        @(Get-NetAdapter -Physical).Count | Should -Be $nics.Count
        (Get-NetAdapter -InterfaceDescription 'Mellanox*' | ForEach-Object Name) | Should -Be @('VM', 'Storage1', 'Storage2')
    }

    It 'gives a stable MAC per host and NIC, different on another host' {
        $a = (Get-NetAdapter -Name VM).MacAddress
        (Get-NetAdapter -Name VM).MacAddress | Should -Be $a
        $other = Invoke-TestLabChild ($script:Lab.Hosts | Where-Object name -eq 'HV-C02').stateDir '(Get-NetAdapter -Name VM).MacAddress'
        $other | Should -Not -Be $a
    }

    It 'writes the CDXML not-found error for a literal name and goes on; a wildcard that matches nothing is silent' {
        $err = $null
        $got = @(Get-NetAdapter -Name 'Nope', 'VM' -ErrorVariable err -ErrorAction SilentlyContinue)
        @($got | ForEach-Object Name) | Should -Be @('VM')
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'CmdletizationQuery_NotFound_Name,Get-NetAdapter'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike "No MSFT_NetAdapter objects found with property 'Name' equal to 'Nope'*"
        @(Get-NetAdapter -Name 'Nothing*' -ErrorVariable err2).Count | Should -Be 0
        $err2.Count | Should -Be 0
    }

    It 'splits VMQ and SR-IOV by family: every NIC has VMQ, only the Mellanox ones SR-IOV' {
        @(Get-NetAdapterVmq | ForEach-Object Name) | Should -Be @('Management', 'VM', 'Storage1', 'Storage2', 'Cluster', 'LiveMigration')
        @(Get-NetAdapterVmq | Where-Object { -not $_.Enabled }).Count | Should -Be 0
        @(Get-NetAdapterSriov | ForEach-Object Name) | Should -Be @('VM', 'Storage1', 'Storage2')
        (Get-NetAdapterSriov -Name VM).PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapterSriovSettingData'
        # An X722 simply has no SR-IOV data: nothing returned, no error.
        @(Get-NetAdapter -Name Management | Get-NetAdapterSriov -ErrorVariable e).Count | Should -Be 0
        $e.Count | Should -Be 0
    }

    It 'has RSS on every NIC, with more queues on the Mellanox ones and the NUMA static profile' {
        $rss = @(Get-NetAdapterRss)
        $rss.Count | Should -Be @(Get-NetAdapter).Count
        @($rss | Where-Object { -not $_.Enabled }).Count | Should -Be 0
        $rss[0].PSTypeNames | Should -Contain 'Microsoft.Management.Infrastructure.CimInstance#MSFT_NetAdapterRssSettingData'
        [string]$rss[0].Profile | Should -Be 'NUMAScalingStatic'
        $byFamily = $rss | Group-Object { $_.InterfaceDescription -like '*Mellanox*' } | ForEach-Object { @{ Mellanox = $_.Name; Queues = @($_.Group.NumberOfReceiveQueues | Sort-Object -Unique) } }
        @($byFamily | Where-Object { $_.Mellanox -eq 'True' }).Queues | Should -Be @(8)
        @($byFamily | Where-Object { $_.Mellanox -eq 'False' }).Queues | Should -Be @(4)
    }

    It 'grows the statistics with the lab clock, storage faster than management' {
        $before = @{}; Get-NetAdapterStatistics | ForEach-Object { $before[$_.Name] = $_ }
        Set-LabClock -Advance 00:15:00
        $after = @{}; Get-NetAdapterStatistics | ForEach-Object { $after[$_.Name] = $_ }
        foreach ($n in $before.Keys) {
            $after[$n].ReceivedBytes | Should -BeGreaterThan $before[$n].ReceivedBytes -Because $n
            $after[$n].SentBytes | Should -BeGreaterThan $before[$n].SentBytes -Because $n
        }
        ($after['Storage1'].ReceivedBytes - $before['Storage1'].ReceivedBytes) | Should -BeGreaterThan ($after['Management'].ReceivedBytes - $before['Management'].ReceivedBytes)
        $after['VM'].CimInstanceProperties['ReceivedBytes'].CimType | Should -Be 'UInt64'
    }
}

Describe 'HNVv1 policy derived from the VMs' {
    It 'gives the tenant adapters the scenario''s VirtualSubnetId through Get-VMNetworkAdapter' {
        (Get-VM -Name BLUE-WEB1 | Get-VMNetworkAdapter).VirtualSubnetId | Should -Be 5001
        (Get-VM -Name RED-WEB1 | Get-VMNetworkAdapter).VirtualSubnetId | Should -Be 6001
        (Get-VM -Name DC01 | Get-VMNetworkAdapter).VirtualSubnetId | Should -Be 0
    }

    It 'has one lookup record per tenant adapter of the site, with its MAC, VSID and VM, Encap/Static' {
        $tenants = @(Get-TenantAdapters)
        $tenants.Count | Should -Be 4
        $recs = @(Get-NetVirtualizationLookupRecord)
        $recs.Count | Should -Be $tenants.Count
        foreach ($t in $tenants) {
            $r = @($recs | Where-Object { $_.MACAddress -eq $t.Mac })
            $r.Count | Should -Be 1 -Because $t.VM
            $r[0].VirtualSubnetID | Should -Be $t.Vsid
            $r[0].VMName | Should -Be $t.VM
            $r[0].CustomerAddress | Should -Be $t.Ip
            $r[0].Rule | Should -Be 'TranslationMethodEncap'
            $r[0].Type | Should -Be 'Static'
        }
        $recs[0].PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetVirtualizationLookupRecordSettingData'
    }

    It 'keeps Blue and Red apart on the same customer address by VSID, with customer IDs per tenant' {
        $same = @(Get-NetVirtualizationLookupRecord -CustomerAddress 10.1.1.11)
        @($same | ForEach-Object VMName | Sort-Object) | Should -Be @('BLUE-WEB1', 'RED-WEB1')
        @($same | ForEach-Object VirtualSubnetID | Sort-Object) | Should -Be @(5001, 6001)
        $same[0].CustomerID | Should -Not -Be $same[1].CustomerID
        @(Get-NetVirtualizationLookupRecord -VirtualSubnetID 5001 | ForEach-Object VMName | Sort-Object) | Should -Be @('BLUE-DB1', 'BLUE-WEB1')
    }

    It 'routes each tenant''s 10.1.1.0/24 in its own routing domain, one customer route per VSID' {
        $routes = @(Get-NetVirtualizationCustomerRoute)
        @($routes | ForEach-Object { '{0} {1}' -f $_.VirtualSubnetID, $_.DestinationPrefix }) | Should -Be @('5001 10.1.1.0/24', '6001 10.1.1.0/24')
        $routes[0].RoutingDomainID | Should -Not -Be $routes[1].RoutingDomainID
        $routes[0].RoutingDomainID | Should -Be (Get-NetVirtualizationLookupRecord -VMName BLUE-WEB1).CustomerID
        $routes[0].Metric | Should -Be 255
    }

    It 'maps each record to its owning host''s provider address, one provider address per HQ host' {
        $pas = @(Get-NetVirtualizationProviderAddress)
        @($pas | ForEach-Object ProviderAddress) | Should -Be @('192.168.100.11', '192.168.100.12', '192.168.100.13', '192.168.100.14')
        (Get-NetVirtualizationLookupRecord -VMName BLUE-WEB1).ProviderAddress | Should -Be '192.168.100.11'   # HV-C01
        (Get-NetVirtualizationLookupRecord -VMName BLUE-DB1).ProviderAddress | Should -Be '192.168.100.12'    # HV-C02
        # The provider address sits on HV-C01's VMSwitch uplink (the 'VM' NIC).
        $pas[0].InterfaceIndex | Should -Be (Get-NetAdapter -Name VM).ifIndex
    }

    It 'moves a tenant VM''s record to its new owner''s provider address after a live migration (derived, never stale)' {
        Import-Module (Join-Path $script:LabModules 'FailoverClusters/FailoverClusters.psd1') -Global -WarningAction SilentlyContinue
        # Short simulated migration times (as cluster.Tests does) so the move takes milliseconds, not the modelled seconds.
        & (Get-Module FailoverClusters) {
            foreach ($h in 'HV-C02', 'HV-C03') {
                Update-LabWorld { param($tx) $t = (Get-LabTxHost $tx $h)['host']['timings']; $t['migrationSetupMs'] = 30; $t['migrationBlackoutMs'] = 10; $t['migrationBytesPerSec'] = 1e12 }
            }
        }
        (Get-NetVirtualizationLookupRecord -VMName RED-DB1).ProviderAddress | Should -Be '192.168.100.12'
        (Move-ClusterVirtualMachineRole -Name RED-DB1 -Node HV-C03 -MigrationType Live).OwnerNode.Name | Should -Be 'HV-C03'
        $r = @(Get-NetVirtualizationLookupRecord -VMName RED-DB1)
        $r.Count | Should -Be 1
        $r[0].ProviderAddress | Should -Be '192.168.100.13'
        $r[0].VirtualSubnetID | Should -Be 6001
    }

    It 'follows Set-VMNetworkAdapter -VirtualSubnetId, and refuses a VSID outside 4096..16777214 like Hyper-V' {
        Get-VM -Name BLUE-WEB1 | Get-VMNetworkAdapter | Set-VMNetworkAdapter -VirtualSubnetId 7001
        (Get-VM -Name BLUE-WEB1 | Get-VMNetworkAdapter).VirtualSubnetId | Should -Be 7001
        (Get-NetVirtualizationLookupRecord -VMName BLUE-WEB1).VirtualSubnetID | Should -Be 7001
        @(Get-NetVirtualizationLookupRecord -VirtualSubnetID 5001 | ForEach-Object VMName) | Should -Be @('BLUE-DB1')
        $e = $null
        try { Get-VM -Name BLUE-WEB1 | Get-VMNetworkAdapter | Set-VMNetworkAdapter -VirtualSubnetId 100; throw 'no error' } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter*'
        $e.Exception.Message | Should -BeLike '*virtual subnet ID 100 is not valid*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-NetVirtualizationLookupRecord -VMName BLUE-WEB1).VirtualSubnetID | Should -Be 7001
        # 0 takes the adapter out of network virtualization: its record goes.
        Get-VM -Name BLUE-WEB1 | Get-VMNetworkAdapter | Set-VMNetworkAdapter -VirtualSubnetId 0
        @(Get-NetVirtualizationLookupRecord -VMName BLUE-WEB1).Count | Should -Be 0
    }
}

# The lab's failover cluster (contoso-datacenter, HV-CLUSTER01): reads, VM role moves through the migration engine,
# refusals, failover when a node powers off, drain and resume, and the VM monitoring recovery chain on the lab clock.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    Enter-TestLab (($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir)
    Import-Module (Join-Path $script:LabModules 'FailoverClusters/FailoverClusters.psd1') -Global -Force -WarningAction SilentlyContinue
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force -WarningAction SilentlyContinue
    & (Get-Module FailoverClusters) {
        foreach ($h in 'HV-C01', 'HV-C02', 'HV-C03') {
            Update-LabWorld { param($tx) $t = (Get-LabTxHost $tx $h)['host']['timings']; $t['migrationSetupMs'] = 30; $t['migrationBlackoutMs'] = 10; $t['migrationBytesPerSec'] = 1e12; $t['saveMs'] = 20; $t['quickMoveMs'] = 20; $t['startMs'] = 20 }
        }
    }
    # Where a VM runs: a Hyper-V Replica copy on HV-DR01 (same name and VMId) is not a place it runs.
    function script:HostsOf([string]$VmName) {
        @(& (Get-Module FailoverClusters) { param($n) foreach ($h in (Get-LabWorldHosts)) { foreach ($v in (Get-LabHostState $h.name)['vms']) { if ($v['name'] -eq $n -and [string]$v['replicationMode'] -ne 'Replica') { $h.name } } } } $VmName)
    }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'cluster reads' {
    It 'answers the real types with the owners derived from where each VM lives' {
        (Get-Cluster).Name | Should -Be 'HV-CLUSTER01'
        $nodes = Get-ClusterNode
        $nodes.Count | Should -Be 3
        $nodes[0] | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterNode])
        @($nodes.State | Select-Object -Unique) | Should -Be @('Up')
        $g = Get-ClusterGroup SQL01
        $g.GroupType | Should -Be 'VirtualMachine'
        $g.OwnerNode.Name | Should -Be (HostsOf 'SQL01')
        (Get-ClusterNode HV-C02 | Get-ClusterGroup).Name | Should -Contain 'WIN-SVR3'
        $csv = Get-ClusterSharedVolume 'Cluster Disk 1'
        $csv.SharedVolumeInfo[0].FriendlyVolumeName | Should -Be (Join-Path $script:Lab.Root 'HQ/ClusterStorage/Volume1')
        Test-Path $csv.SharedVolumeInfo[0].FriendlyVolumeName | Should -BeTrue
        $csv.SharedVolumeInfo[0].Partition.FreeSpace | Should -BeLessThan $csv.SharedVolumeInfo[0].Partition.Size
        (Get-ClusterResource 'Virtual Machine SQL01' | Get-ClusterParameter VmId).Value | Should -Be (Get-ClusterGroup SQL01 | ForEach-Object { & (Get-Module FailoverClusters) { param($n) ((Get-LabCluster)['groups'] | Where-Object { $_['name'] -eq $n })['vmId'] } $_.Name })
        (Get-ClusterOwnerNode -Group SQL01).OwnerNodes.Name | Should -Be @('HV-C01', 'HV-C03')
        (Get-ClusterNetwork Storage1).Role | Should -Be 'None'
        (Get-ClusterQuorum).QuorumResource.Name | Should -Be 'Cluster Disk 3'
        (Get-ClusterVMMonitoredItem -VirtualMachine WIN-SVR3).Name | Should -Be 'Spooler'
    }
}

Describe 'moves and refusals' {
    It 'live and quick moves leave the VM on exactly one host' {
        (Move-ClusterVirtualMachineRole -Name WEB01 -Node HV-C02 -MigrationType Live).OwnerNode.Name | Should -Be 'HV-C02'
        HostsOf 'WEB01' | Should -Be @('HV-C02')
        (Move-ClusterVirtualMachineRole -Name WEB01 -Node HV-C01 -MigrationType Quick).OwnerNode.Name | Should -Be 'HV-C01'
        HostsOf 'WEB01' | Should -Be @('HV-C01')
        (Get-ClusterGroup WEB01).State | Should -Be 'Online'
    }
    It 'refuses a node that is not a possible owner and a role already on the target, as the module does' {
        $e = { Move-ClusterVirtualMachineRole -Name EXCH01 -Node HV-C01 } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'Move-ClusterVirtualMachineRole,Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand*'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.Exception | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterCmdletException])
        $e.Exception.Message | Should -BeLike '*not a possible owner of the group*'
        { Move-ClusterVirtualMachineRole -Name WEB01 -Node HV-C01 } | Should -Throw '*already owned by node*'
    }
    It 'refuses to make a VM on local disk highly available' {
        { Add-ClusterVirtualMachineRole -VMName DC01 } | Should -Throw '*not a Cluster Shared Volume*'
    }
}

Describe 'failover, drain and resume' {
    It 'a node that powers off sends its roles to a possible owner by preference; a VM with none left goes Offline' {
        Stop-LabNode HV-C03
        (Get-ClusterNode HV-C03).State | Should -Be 'Down'
        HostsOf 'SQL02' | Should -Be @('HV-C01')          # preferred HV-C03, HV-C01
        (Get-ClusterGroup EXCH01).State | Should -Be 'Offline'   # possible owner HV-C03 only
        { Move-ClusterVirtualMachineRole -Name SQL01 -Node HV-C03 } | Should -Throw '*not available*'
        @(Get-LabClusterEvent -Id 1153).Message | Should -Contain "Cluster service is attempting to failover the clustered role 'SQL02' from node 'HV-C03' to node 'HV-C01'."
        Start-LabNode HV-C03
        HostsOf 'EXCH01' | Should -Be @('HV-C03')
        Set-LabClock -Advance 00:00:30
        (Get-ClusterGroup EXCH01).State | Should -Be 'Online'
    }
    It 'drains a node by preferred owners and fails its roles back on resume' {
        $n = Suspend-ClusterNode HV-C02 -Drain -Wait
        $n.State | Should -Be 'Paused'
        $n.DrainStatus | Should -Be 'Completed'
        @(Get-ClusterNode HV-C02 | Get-ClusterGroup | Where-Object GroupType -eq 'VirtualMachine').Count | Should -Be 0
        HostsOf 'WIN-SVR3' | Should -Be @('HV-C03')
        { Move-ClusterVirtualMachineRole -Name WEB01 -Node HV-C02 } | Should -Throw '*paused*'
        (Resume-ClusterNode HV-C02 -Failback Immediate).State | Should -Be 'Up'
        HostsOf 'WIN-SVR3' | Should -Be @('HV-C02')
    }
}

Describe 'VM monitoring recovery chain' {
    It 'SCM restarts Spooler twice, then the cluster restarts the VM, then fails it over' {
        $svc = { (Get-LabGuestService -VMName WIN-SVR3 -Name Spooler).Status }
        Stop-LabGuestService -VMName WIN-SVR3 -Name Spooler
        & $svc | Should -Be 'Stopped'
        Set-LabClock -Advance 00:01:01
        & $svc | Should -Be 'Running'
        Stop-LabGuestService -VMName WIN-SVR3 -Name Spooler; Set-LabClock -Advance 00:01:01
        & $svc | Should -Be 'Running'
        $before = @(Get-LabClusterEvent -Id 1250).Count
        Stop-LabGuestService -VMName WIN-SVR3 -Name Spooler; Set-LabClock -Advance 00:01:01
        @(Get-LabClusterEvent -Id 1250).Count | Should -Be ($before + 1)
        HostsOf 'WIN-SVR3' | Should -Be @('HV-C02')     # restarted in place
        1..3 | ForEach-Object { Stop-LabGuestService -VMName WIN-SVR3 -Name Spooler; Set-LabClock -Advance 00:01:01 }
        HostsOf 'WIN-SVR3' | Should -Be @('HV-C03')     # failed over to the next preferred owner
        & $svc | Should -Be 'Running'
    }
}

Describe 'cluster service and migration progress' {
    It 'Stop-ClusterNode moves the roles off with their state kept and leaves non-clustered VMs alone' {
        $dcBefore = (Get-VM DC01).State
        (Stop-ClusterNode HV-C01).State | Should -Be 'Down'
        @(Get-ClusterNode HV-C01 | Get-ClusterGroup | Where-Object GroupType -eq 'VirtualMachine').Count | Should -Be 0
        HostsOf 'SQL01' | Should -Be @('HV-C03')
        (Get-ClusterGroup SQL01).State | Should -Be 'Online'
        HostsOf 'DC01' | Should -Be @('HV-C01')
        (Get-VM DC01).State | Should -Be $dcBefore
        (Start-ClusterNode HV-C01).State | Should -Be 'Up'
    }
    It 'a move started with -Wait 0 shows in the VM resource parameters until it lands' {
        Set-LabClock -Freeze
        try {
            $null = Move-ClusterVirtualMachineRole -Name SQL01 -Node HV-C01 -Wait 0
            (Get-ClusterResource 'Virtual Machine SQL01' | Get-ClusterParameter MigrationState).Value | Should -Be 1
            HostsOf 'SQL01' | Should -Be @('HV-C03')
        } finally { Set-LabClock -Resume }
        Set-LabClock -Advance 00:00:05
        HostsOf 'SQL01' | Should -Be @('HV-C01')
        (Get-ClusterResource 'Virtual Machine SQL01' | Get-ClusterParameter MigrationState).Value | Should -Be 0
    }
}

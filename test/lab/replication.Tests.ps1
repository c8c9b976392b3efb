# Hyper-V Replica in contoso-datacenter: HQ VMs replicating to HV-DR01; health follows the lab clock and the
# network between the sites (cut: Warning, then Critical; restored: caught up, Normal).
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:C01 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    $script:DR = ($script:Lab.Hosts | Where-Object name -eq 'HV-DR01').stateDir
    Enter-TestLab $script:C01
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force -WarningAction SilentlyContinue
    Set-LabClock -Freeze
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'seeded replication' {
    It 'reports the primary side with the real type and the seeded frequencies, Normal' {
        $r = @(Get-VMReplication)
        $r.Count | Should -BeGreaterOrEqual 2
        $r[0].PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMReplication'
        ($r | Where-Object VMName -eq 'SQL01').FrequencySec | Should -Be 30
        ($r | Where-Object VMName -eq 'DC01').FrequencySec | Should -Be 300
        $r | ForEach-Object { $_.ReplicationMode | Should -Be 'Primary'; $_.ReplicaServer | Should -Be 'HV-DR01'; $_.ReplicationHealth | Should -Be 'Normal' }
    }

    It 'has the replica VM record on HV-DR01, Off, and the replica side reports Replica' {
        Enter-TestLab $script:DR
        try {
            (Get-VM -Name DC01).State | Should -Be 'Off'
            (Get-VMReplication -VMName DC01).ReplicationMode | Should -Be 'Replica'
        } finally { Enter-TestLab $script:C01 }
    }
}

Describe 'health on the lab clock and the network' {
    It 'counts cycles as the clock advances and stays Normal' {
        Set-LabClock -Advance 00:30:00
        $m = Measure-VMReplication -VMName DC01
        $m.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMReplicationHealth'
        $m.SuccessfulReplicationCount | Should -Be 6
        $m.MissedReplicationCount | Should -Be 0
        $m.ReplicationHealth | Should -Be 'Normal'
        (Measure-VMReplication -VMName SQL01).SuccessfulReplicationCount | Should -Be 60
    }

    It 'turns Warning when the sites are cut, then Critical after an hour behind, and Normal once restored' {
        Disconnect-LabNetwork HQ DR
        try {
            Set-LabClock -Advance 00:10:00
            $m = Measure-VMReplication -VMName DC01
            $m.MissedReplicationCount | Should -Be 2
            $m.ReplicationHealth | Should -Be 'Warning'
            $m.ReplicationHealthDetails | Should -Not -BeNullOrEmpty
            $m.ReplicationLag | Should -BeGreaterThan ([timespan]'00:09:00')
            Set-LabClock -Advance 01:00:00
            (Measure-VMReplication -VMName DC01).ReplicationHealth | Should -Be 'Critical'
            (Measure-VMReplication -VMName SQL01).ReplicationHealth | Should -Be 'Critical'
        } finally { Connect-LabNetwork HQ DR }
        $m = Measure-VMReplication -VMName DC01
        $m.ReplicationHealth | Should -Be 'Normal'
        $m.ReplicationLag | Should -BeLessThan ([timespan]'00:05:01')
    }
}

Describe 'replica server and pause' {
    It 'HV-DR01 is an enabled Kerberos replica server on port 80 authorizing the HQ hosts; HV-C01 is not' {
        Enter-TestLab $script:DR
        try {
            $s = Get-VMReplicationServer
            $s.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMReplicationServer'
            $s.ReplicationEnabled | Should -BeTrue
            $s.AllowedAuthenticationType | Should -Be 'Kerberos'
            $s.KerberosAuthenticationPort | Should -Be 80
            $s.AuthorizationEntries.AllowedPrimaryServer | Should -Contain 'HV-C01'
        } finally { Enter-TestLab $script:C01 }
        (Get-VMReplicationServer).ReplicationEnabled | Should -BeFalse
    }

    It 'a suspended relationship stops its cycles and turns Warning; resumed it is Normal' {
        Suspend-VMReplication -VMName WEB01
        (Get-VMReplication -VMName WEB01).ReplicationState | Should -Be 'Suspended'
        Set-LabClock -Advance 00:20:00
        (Measure-VMReplication -VMName WEB01).ReplicationHealth | Should -Be 'Warning'
        Resume-VMReplication -VMName WEB01
        Set-LabClock -Advance 00:10:00
        $m = Measure-VMReplication -VMName WEB01
        $m.ReplicationState | Should -Be 'Replicating'
        $m.ReplicationHealth | Should -Be 'Normal'
    }
}

Describe 'Enable-VMReplication' {
    It 'creates the replica VM on HV-DR01 and the relationship in one step; initial replication starts the cycles' {
        Enable-VMReplication -VMName APP01 -ReplicaServerName HV-DR01 -ReplicaServerPort 80 -AuthenticationType Kerberos -ReplicationFrequencySec 30
        (Get-VMReplication -VMName APP01).ReplicationState | Should -Be 'ReadyForInitialReplication'
        Enter-TestLab $script:DR
        try { (Get-VM -Name APP01).State | Should -Be 'Off' } finally { Enter-TestLab $script:C01 }
        Start-VMInitialReplication -VMName APP01
        Set-LabClock -Advance 00:05:00
        $m = Measure-VMReplication -VMName APP01
        $m.ReplicationState | Should -Be 'Replicating'
        $m.SuccessfulReplicationCount | Should -Be 10
    }

    It 'refuses a second enable, a host that is not a replica server and an unreachable one' {
        { Enable-VMReplication -VMName APP01 -ReplicaServerName HV-DR01 -ReplicaServerPort 80 -AuthenticationType Kerberos -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidState,Microsoft.HyperV.PowerShell.Commands.EnableVMReplication*'
        { Enable-VMReplication -VMName MGMT01 -ReplicaServerName HV-S01 -ReplicaServerPort 80 -AuthenticationType Kerberos -ErrorAction Stop } |
            Should -Throw -ErrorId 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.EnableVMReplication*'
        Disconnect-LabNetwork HQ DR
        try {
            { Enable-VMReplication -VMName MGMT01 -ReplicaServerName HV-DR01 -ReplicaServerPort 80 -AuthenticationType Kerberos -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConnectionFailure,Microsoft.HyperV.PowerShell.Commands.EnableVMReplication*'
        } finally { Connect-LabNetwork HQ DR }
        Enter-TestLab $script:DR
        try { Get-VM -Name MGMT01 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty } finally { Enter-TestLab $script:C01 }
    }
}

Describe 'statistics and removal' {
    It 'Reset-VMReplicationStatistics restarts the counts; Remove-VMReplication ends the relationship on both sides' {
        Reset-VMReplicationStatistics -VMName SQL01
        (Measure-VMReplication -VMName SQL01).SuccessfulReplicationCount | Should -Be 0
        Set-LabClock -Advance 00:01:00
        (Measure-VMReplication -VMName SQL01).SuccessfulReplicationCount | Should -Be 2
        Remove-VMReplication -VMName SQL01
        Get-VMReplication -VMName SQL01 | Should -BeNullOrEmpty
        Enter-TestLab $script:DR
        try { Get-VMReplication -VMName SQL01 | Should -BeNullOrEmpty } finally { Enter-TestLab $script:C01 }
        { Remove-VMReplication -VMName SQL01 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.RemoveVMReplication*'
    }
}

Describe 'Set-VMReplicationServer' {
    It 'enables HV-S01 as a replica server (Kerberos, 80) and disables it again' {
        Enter-TestLab (($script:Lab.Hosts | Where-Object name -eq 'HV-S01').stateDir)
        try {
            Set-VMReplicationServer -ReplicationEnabled $true -AllowedAuthenticationType Kerberos -KerberosAuthenticationPort 80 -DefaultStorageLocation Replica
            $s = Get-VMReplicationServer
            $s.ReplicationEnabled | Should -BeTrue
            $s.KerberosAuthenticationPort | Should -Be 80
            Set-VMReplicationServer -ReplicationEnabled $false
            (Get-VMReplicationServer).ReplicationEnabled | Should -BeFalse
        } finally { Enter-TestLab $script:C01 }
    }
}

Describe 'Get-VM shows replication' {
    It 'reports the primary''s mode, state and health as Measure-VMReplication does' {
        $env:HYPERDESK_LAB_STATE = (& (Get-Module Hyper-V) { (Find-LabWorldHost 'HV-C01').dir })
        $vm = Get-VM -Name WEB01   # SQL01's relationship was removed above
        [string]$vm.ReplicationMode | Should -Be 'Primary'
        [string]$vm.ReplicationHealth | Should -Be ([string](Measure-VMReplication -VMName WEB01).ReplicationHealth)
        [string]$vm.ReplicationState | Should -Not -Be 'Disabled'
        $plain = Get-VM | Where-Object { $_.Name -notin @('SQL01', 'DC01', 'WEB01') } | Select-Object -First 1
        [string]$plain.ReplicationMode | Should -Be 'None'
        [string]$plain.ReplicationHealth | Should -Be 'NotApplicable'
    }
}

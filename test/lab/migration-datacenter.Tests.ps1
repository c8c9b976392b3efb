# Migrations in the contoso-datacenter lab: a live migration without storage (the VM's files stay on the SOFS share
# both hosts reach), its pre-copy passes on the lab clock, a network cut failing it, and a VM on a host's local disk
# that can only move with its storage.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:DirS01 = ($script:Lab.Hosts | Where-Object name -eq 'HV-S01').stateDir
    $script:DirC01 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    Enter-TestLab $script:DirS01
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force
    $script:Hv = Get-Module Hyper-V
    # Setup 5 s, 1 GB/s for memory with 100 MB/s dirtied: a 4 GB VM takes pass 1 (~4 s), pass 2 (~0.4 s), blackout.
    & $script:Hv {
        Update-LabWorld {
            param($tx)
            foreach ($n in @('HV-S01', 'HV-C01', 'HV-C02', 'HV-C03')) {
                $h = (Get-LabTxHost $tx $n)['host']
                $h['virtualMachineMigrationEnabled'] = $true
                foreach ($kv in @(@('migrationSetupMs', 5000), @('migrationBytesPerSec', 1GB), @('migrationDirtyBytesPerSec', 100MB), @('migrationBlackoutMs', 300), @('storageBytesPerSec', 100GB))) { $h['timings'][$kv[0]] = $kv[1] }
            }
        }
    }
    function Get-HostOfVM([string]$Name) {
        $found = @()
        foreach ($h in $script:Lab.Hosts) {
            $st = Get-Content -LiteralPath (Join-Path $h.stateDir 'state.json') -Raw | ConvertFrom-Json -AsHashtable
            # A Hyper-V Replica copy (same name and VMId on HV-DR01) is not where the VM runs.
            if (@($st.vms | Where-Object { $_.name -eq $Name -and [string]$_['replicationMode'] -ne 'Replica' }).Count -eq 1) { $found += $h.name }
        }
        return , $found
    }
    function Get-Running([string]$Name) { return & $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq $Name -and $_.Status -eq 'Running' } }
    function Wait-Until([scriptblock]$Condition, [int]$TimeoutMs = 8000) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition)) {
            if ($sw.ElapsedMilliseconds -gt $TimeoutMs) { throw "timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 40
        }
    }
}

AfterAll {
    Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
    Remove-TestLab $script:Lab
}

Describe 'a live migration over shared storage' {
    BeforeEach { Set-LabClock -Freeze }
    AfterEach { Set-LabClock -Resume; Connect-LabNetwork HV-S01 HV-C03 -ErrorAction SilentlyContinue }

    It 'Compare-VM: the SOFS share is reachable from the destination, nothing is incompatible' {
        $r = Compare-VM -Name VDI-01 -DestinationHost HV-C03
        $r.OperationType | Should -Be ([Microsoft.HyperV.PowerShell.OperationType]::MoveVirtualMachine)
        @($r.Incompatibilities).Count | Should -Be 0
    }

    It 'moves only the VM: pre-copy passes follow the clock, the files stay where they are' {
        $files = @((Get-VMHardDiskDrive -VMName VDI-01).Path)
        $job = Move-VM -Name VDI-01 -DestinationHost HV-C03 -AsJob
        Wait-Until { $null -ne (Get-Running 'VDI-01') }
        $m = Get-Running 'VDI-01'
        $m.Kind | Should -Be 'Live'
        $m.StorageBytes | Should -Be 0
        $m.MemoryBytes | Should -Be 4GB
        $m.PassCount | Should -Be 2
        $m.Phase | Should -Be 'Setup'
        Set-LabClock -Advance 00:00:07
        $m = Get-Running 'VDI-01'
        $m.Phase | Should -Be 'PreCopy'
        $m.Pass | Should -Be 1
        $m.PhaseText | Should -Be 'PreCopy pass 1 of 2'
        $m.BytesTransferred | Should -BeGreaterThan 0
        $m.BytesTransferred | Should -BeLessThan 4GB
        (Get-VM -Name VDI-01).State | Should -Be 'Running' -Because 'the VM runs on the source during the passes'
        Set-LabClock -Advance 00:00:02.300
        (Get-Running 'VDI-01').Pass | Should -Be 2
        Set-LabClock -Advance 00:00:05
        $null = Wait-Job $job -Timeout 10
        $job.State | Should -Be 'Completed'
        Get-HostOfVM 'VDI-01' | Should -Be @('HV-C03')
        $env:HYPERDESK_LAB_STATE = ($script:Lab.Hosts | Where-Object name -eq 'HV-C03').stateDir
        try {
            @((Get-VMHardDiskDrive -VMName VDI-01).Path) | Should -Be $files
            (Get-VM -Name VDI-01).State | Should -Be 'Running'
        } finally { $env:HYPERDESK_LAB_STATE = $script:DirS01 }
        foreach ($f in $files) { Test-Path -LiteralPath $f | Should -BeTrue }
    }

    It 'a network cut during the passes fails it with the real error; the VM stays running on the source' {
        $job = Move-VM -Name VDI-02 -DestinationHost HV-C03 -AsJob
        Wait-Until { $null -ne (Get-Running 'VDI-02') }
        Set-LabClock -Advance 00:00:06
        (Get-Running 'VDI-02').Phase | Should -Be 'PreCopy'
        Disconnect-LabNetwork HV-S01 HV-C03
        $null = Wait-Job $job -Timeout 10
        $job.State | Should -Be 'Failed'
        "$($job.Error[0])" | Should -BeLike "Virtual machine migration operation for 'VDI-02' failed at migration source 'HV-S01'.*failed to establish a connection*with host 'HV-C03'*(0x8007274C)*"
        Set-LabClock -Advance 00:01:00
        Get-HostOfVM 'VDI-02' | Should -Be @('HV-S01')
        (Get-VM -Name VDI-02).State | Should -Be 'Running'
    }
}

Describe 'a VM on a host''s local disk' {
    It 'cannot move without its storage; moves with it (shared-nothing) to another node' {
        $env:HYPERDESK_LAB_STATE = $script:DirC01
        try {
            $err = $null
            try { Move-VM -Name DC01 -DestinationHost HV-C02 } catch { $err = $_ }
            $err.Exception.Message | Should -BeLike "*failed to open attachment*DC01.vhdx*(0x80070003)*"
            $vm = Move-VM -Name DC01 -DestinationHost HV-C02 -IncludeStorage -Passthru
            $vm.ComputerName | Should -Be 'HV-C02'
        } finally { $env:HYPERDESK_LAB_STATE = $script:DirS01 }
        Get-HostOfVM 'DC01' | Should -Be @('HV-C02')
        $c02 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C02').stateDir
        Test-Path -LiteralPath (Join-Path $c02 'Virtual Hard Disks/DC01.vhdx') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $script:DirC01 'Virtual Hard Disks/DC01.vhdx') | Should -BeFalse
    }
}

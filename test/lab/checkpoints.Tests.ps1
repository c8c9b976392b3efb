# Checkpoint trees follow Hyper-V: "Now" moves on apply, later checkpoints branch from there, deleting
# re-parents children (or the whole subtree with -IncludeAllChildSnapshots) and the AVHDX chain merges.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'empty' 1
    Enter-TestLab $script:Lab.Hosts[0].stateDir
    Set-TestLabTimings @{ startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 300 }
    $vhdDir = (Get-VMHost).VirtualHardDiskPath
    $script:Base = Join-Path $vhdDir 'CK1.vhdx'
    $null = New-VM -Name CK1 -Generation 2 -NewVHDPath $script:Base -NewVHDSizeBytes 10GB
    function Get-Tree { Get-VMSnapshot -VMName CK1 | ForEach-Object { '{0}<{1}' -f $_.Name, $_.ParentSnapshotName } | Sort-Object }
    function Get-DiskPath { (Get-VMHardDiskDrive -VMName CK1).Path }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'Checkpoint trees' {
    It 'chains checkpoints and moves Now' {
        Checkpoint-VM -Name CK1 -SnapshotName A
        $vm = Get-VM CK1
        $vm.ParentSnapshotName | Should -Be 'A'
        $disk = Get-DiskPath
        $disk | Should -BeLike '*CK1_*.avhdx'
        (Get-VHD -Path $disk).ParentPath | Should -Be $script:Base
        (Get-VHD -Path $disk).VhdType | Should -Be 'Differencing'
        $b = Checkpoint-VM -Name CK1 -SnapshotName B -Passthru
        $b.ParentSnapshotName | Should -Be 'A'
        $b.SnapshotType | Should -Be 'Standard'
        $b.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMSnapshot'
        (Get-VHD -Path (Get-DiskPath)).ParentPath | Should -Be $disk
        Get-Tree | Should -Be @('A<', 'B<A')
    }

    It 'branches after an apply and discards the abandoned differencing disk' {
        $abandoned = Get-DiskPath
        Restore-VMSnapshot -VMName CK1 -Name A -Confirm:$false
        (Get-VM CK1).ParentSnapshotName | Should -Be 'A'
        Test-Path -LiteralPath $abandoned | Should -BeFalse
        (Get-VHD -Path (Get-DiskPath)).ParentPath | Should -Be $script:Base
        Checkpoint-VM -Name CK1 -SnapshotName C
        Get-Tree | Should -Be @('A<', 'B<A', 'C<A')
        (Get-VMSnapshot -ParentOf (Get-VMSnapshot -VMName CK1 -Name C)).Name | Should -Be 'A'
        @(Get-VMSnapshot -ChildOf (Get-VMSnapshot -VMName CK1 -Name A)).Count | Should -Be 2
    }

    It 'leaves a running VM Saved after applying a standard checkpoint taken while it ran' {
        Set-VM -Name CK1 -CheckpointType Standard
        Start-VM CK1
        Checkpoint-VM -Name CK1 -SnapshotName RunningStd
        (Get-VMSnapshot -VMName CK1 -Name RunningStd).State | Should -Be 'Running'
        Start-Sleep -Milliseconds 400
        # This VM has no guest OS, so a production checkpoint falls back to a standard one (as Hyper-V does).
        Set-VM -Name CK1 -CheckpointType Production
        Checkpoint-VM -Name CK1 -SnapshotName RunningProd
        (Get-VMSnapshot -VMName CK1 -Name RunningProd).State | Should -Be 'Running'
        Set-VM -Name CK1 -CheckpointType ProductionOnly
        { Checkpoint-VM -Name CK1 -SnapshotName Never } | Should -Throw '*Production checkpoints cannot be created*'
        Restore-VMSnapshot -VMName CK1 -Name RunningStd -Confirm:$false
        (Get-VM CK1).State | Should -Be 'Saved'
        (Get-VM CK1).ParentSnapshotName | Should -Be 'RunningStd'
        Stop-VM CK1 -Force
        Restore-VMSnapshot -VMName CK1 -Name RunningProd -Confirm:$false
        Set-VM -Name CK1 -CheckpointType Production
    }

    It 'refuses checkpoints when they are disabled, and a checkpoint of another VM' {
        Set-VM -Name CK1 -CheckpointType Disabled
        { Checkpoint-VM -Name CK1 } | Should -Throw '*disabled*'
        Set-VM -Name CK1 -CheckpointType Production
        $other = New-VM -Name CK2 -NoVHD
        { Restore-VMSnapshot -VM $other -Name A -Confirm:$false -ErrorAction Stop } | Should -Throw '*unable to find a checkpoint*'
        Remove-VM -VM $other -Force
    }

    It 're-parents children when a checkpoint is deleted' {
        # Tree now: A -> {B, C -> RunningStd -> RunningProd}
        Remove-VMSnapshot -VMName CK1 -Name C
        Get-Tree | Should -Be @('A<', 'B<A', 'RunningProd<RunningStd', 'RunningStd<A')
        (Get-VM CK1).ParentSnapshotName | Should -Be 'RunningProd'
    }

    It 'removes a whole subtree with -IncludeAllChildSnapshots and moves Now up' {
        Remove-VMSnapshot -VMName CK1 -Name RunningStd -IncludeAllChildSnapshots
        Get-Tree | Should -Be @('A<', 'B<A')
        (Get-VM CK1).ParentSnapshotName | Should -Be 'A'
        (Get-VHD -Path (Get-DiskPath)).ParentPath | Should -Be $script:Base
    }

    It 'renames and exports a checkpoint' {
        Rename-VMSnapshot -VMName CK1 -Name B -NewName 'B-renamed'
        Get-Tree | Should -Be @('A<', 'B-renamed<A')
        Set-TestLabTimings @{ exportMs = 100 }
        $dest = Join-Path $script:Lab.Root 'snapexport'
        Export-VMSnapshot -VMName CK1 -Name 'B-renamed' -Path $dest
        @(Get-ChildItem -LiteralPath (Join-Path $dest 'CK1/Virtual Machines') -Filter *.vmcx).Count | Should -Be 1
    }

    It 'merges the whole AVHDX chain back into the base disk when the last checkpoint goes' {
        Get-VMSnapshot -VMName CK1 | Remove-VMSnapshot
        @(Get-VMSnapshot -VMName CK1).Count | Should -Be 0
        (Get-VM CK1).ParentSnapshotId | Should -BeNullOrEmpty
        Get-DiskPath | Should -Be $script:Base
        @(Get-ChildItem -LiteralPath (Split-Path $script:Base) -Filter 'CK1_*.avhdx').Count | Should -Be 0
    }

    It 'lists the seeded checkpoint trees of the small-shop scenario' {
        $lab = New-TestLab 'small-shop' 1
        try {
            $out = Invoke-TestLabChild $lab.Hosts[0].stateDir ("Get-VMSnapshot -VMName SQL1 | ForEach-Object { `$_.Name + '<' + `$_.ParentSnapshotName }; (Get-VM SQL1).ParentSnapshotName; " +
                # A production checkpoint of a running guest with integration services applies as Off.
                "Checkpoint-VM -Name FS1 -SnapshotName Prod; (Get-VMSnapshot -VMName FS1 -Name Prod).State.ToString(); Restore-VMSnapshot -VMName FS1 -Name Prod -Confirm:`$false; (Get-VM FS1).State.ToString()")
            @($out) | Should -Be @('Clean install<', 'CU12<Clean install', 'CU13 test<Clean install', 'CU13 test', 'Off', 'Off')
        } finally { Remove-TestLab $lab }
    }
}

# Migrations in the lab (core/world/migration.ps1, Hyper-V impl/migration.ps1): Move-VM between the hosts of a
# datacenter with and without storage, its progress on the lab clock (-AsJob, Set-LabClock -Advance), a network cut
# failing it, Stop-Job cancelling it, Move-VMStorage, Compare-VM, the real refusals, a kill -9 at every step of a
# Move-VM -IncludeStorage, and two processes moving different VMs at once.
# Fixture: the small-shop lab (HV-LAB01 and HV-LAB02 share one world, no shared storage: moves carry storage).
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:Dir1 = ($script:Lab.Hosts | Where-Object name -eq 'HV-LAB01').stateDir
    $script:Dir2 = ($script:Lab.Hosts | Where-Object name -eq 'HV-LAB02').stateDir
    Enter-TestLab $script:Dir1
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force
    $script:Hv = Get-Module Hyper-V

    # Fast timings on both hosts (the source's timings drive a migration), migrations enabled on both.
    $script:Fast = @{ migrationSetupMs = 50; migrationBytesPerSec = 40GB; migrationDirtyBytesPerSec = 1MB; migrationBlackoutMs = 20; storageBytesPerSec = 400GB }
    function Set-BothHosts([hashtable]$Timings, [hashtable]$HostProps = @{}) {
        & $script:Hv {
            param($t, $hp)
            Update-LabWorld {
                param($tx)
                foreach ($n in @('HV-LAB01', 'HV-LAB02')) {
                    $h = (Get-LabTxHost $tx $n)['host']
                    foreach ($k in $t.Keys) { $h['timings'][$k] = $t[$k] }
                    foreach ($k in $hp.Keys) { $h[$k] = $hp[$k] }
                }
            }
        } $Timings $HostProps
    }
    Set-BothHosts $script:Fast @{ virtualMachineMigrationEnabled = $true }

    function Get-HostOfVM([string]$Name) {
        $found = @()
        foreach ($d in @($script:Dir1, $script:Dir2)) {
            $st = Get-Content -LiteralPath (Join-Path $d 'state.json') -Raw | ConvertFrom-Json -AsHashtable
            if (@($st.vms | Where-Object { $_.name -eq $Name }).Count -eq 1) { $found += [string]$st.host.name }
        }
        return , $found
    }
    function Get-VMRecordOn([string]$HostName, [string]$Name) {
        $d = $script:Dir1; if ($HostName -eq 'HV-LAB02') { $d = $script:Dir2 }
        $st = Get-Content -LiteralPath (Join-Path $d 'state.json') -Raw | ConvertFrom-Json -AsHashtable
        return @{ State = $st; Vm = ($st.vms | Where-Object { $_.name -eq $Name } | Select-Object -First 1) }
    }
    # Every file a VM's record names (drives, checkpoints' drives, parents), from the state of the host that has it.
    function Get-VMFilesOn([string]$HostName, [string]$Name) {
        $r = Get-VMRecordOn $HostName $Name
        $files = & $script:Hv { param($s, $v) Get-LabMigrationFiles $s $v } $r.State $r.Vm
        return , @($files | ForEach-Object { [string]$_ })
    }
    function Get-FileHashes([string[]]$Files) {
        $h = @{}
        foreach ($f in $Files) { $h[[IO.Path]::GetFileName($f)] = (Get-FileHash -LiteralPath $f -Algorithm SHA256).Hash }
        return $h
    }
    function Get-LeftoverCopies { return @(Get-ChildItem -LiteralPath $script:Lab.Root -Recurse -Force -File | Where-Object Name -like '*.lab-migrating') }
    function Get-LastMigration([string]$Name) { return & $script:Hv { Get-LabMigration } | Where-Object VMName -eq $Name | Sort-Object StartMs | Select-Object -Last 1 }
    function Use-LabHost([string]$Dir, [scriptblock]$Body) {
        $old = $env:HYPERDESK_LAB_STATE
        $env:HYPERDESK_LAB_STATE = $Dir
        try { & $Body } finally { $env:HYPERDESK_LAB_STATE = $old }
    }
    function Wait-Until([scriptblock]$Condition, [int]$TimeoutMs = 8000) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition)) {
            if ($sw.ElapsedMilliseconds -gt $TimeoutMs) { throw "timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 40
        }
    }
    # Child pwsh processes that have started and imported Hyper-V, each waiting for one move on stdin: a kill test
    # then costs the move, not a pwsh start (started together, their starts overlap).
    function Start-ChildPool([int]$Count) {
        $cmd = "`$env:PSModulePath = '$($script:LabModules)' + [IO.Path]::PathSeparator + `$env:PSModulePath; `$env:HYPERDESK_LAB_STATE = '$($script:Dir1)'; " +
            "`$ErrorActionPreference = 'Stop'; Import-Module Hyper-V; `$j = [Console]::In.ReadLine() | ConvertFrom-Json; " +
            "`$env:HYPERDESK_LAB_STATE = `$j.dir; `$env:HYPERDESK_LAB_CRASH_AT = `$j.at; Move-VM -Name `$j.vm -DestinationHost `$j.dest -IncludeStorage"
        $pool = [Collections.Generic.Queue[object]]::new()
        for ($i = 0; $i -lt $Count; $i++) {
            $psi = [Diagnostics.ProcessStartInfo]::new($script:Pwsh)
            foreach ($a in @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $cmd)) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
            $pool.Enqueue([Diagnostics.Process]::Start($psi))
        }
        return , $pool
    }
    function Send-ChildMove($Pool, [string]$Dir, [string]$Vm, [string]$Dest, [string]$CrashAt) {
        $p = $Pool.Dequeue()
        $p.StandardInput.WriteLine((@{ dir = $Dir; vm = $Vm; dest = $Dest; at = $CrashAt } | ConvertTo-Json -Compress))
        $p.StandardInput.Flush()
        return $p
    }
    $script:Pool = $null
}

AfterAll {
    $env:HYPERDESK_LAB_CRASH_AT = $null
    if ($null -ne $script:Pool) { foreach ($p in @($script:Pool)) { if (-not $p.HasExited) { $p.Kill() } } }
    Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
    Remove-TestLab $script:Lab
}

Describe 'Move-VM -IncludeStorage between two hosts' {
    It 'moves the VM, its checkpoints and its files; the source keeps none of them' {
        $before = Get-VMFilesOn 'HV-LAB01' 'DC1'
        $hashes = Get-FileHashes $before
        $snapsBefore = @(Get-VMSnapshot -VMName DC1).Count
        $vm = Move-VM -Name DC1 -DestinationHost HV-LAB02 -IncludeStorage -Passthru
        $vm.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VirtualMachine'
        $vm.ComputerName | Should -Be 'HV-LAB02'
        $vm.State | Should -Be 'Running' -Because 'a live migration keeps the VM running'
        Get-HostOfVM 'DC1' | Should -Be @('HV-LAB02')
        $after = Get-VMFilesOn 'HV-LAB02' 'DC1'
        $after.Count | Should -Be $before.Count
        foreach ($f in $after) { $f | Should -BeLike "$($script:Dir2)*"; Test-Path -LiteralPath $f | Should -BeTrue }
        (Get-FileHashes $after) | ConvertTo-Json | Should -Be ($hashes | ConvertTo-Json) -Because 'the copies are whole'
        foreach ($f in $before) { Test-Path -LiteralPath $f | Should -BeFalse -Because "the source file $f was deleted with the commit" }
        Use-LabHost $script:Dir2 { @(Get-VMSnapshot -VMName DC1).Count | Should -Be $snapsBefore }
        Get-LeftoverCopies | Should -BeNullOrEmpty
        $m = Get-LastMigration 'DC1'
        $m.Status | Should -Be 'Completed'
        $m.Kind | Should -Be 'SharedNothing'
        $m.PercentComplete | Should -Be 100
    }

    It '-DestinationStoragePath puts the files where asked' {
        $dest = Join-Path $script:Dir1 'Moved/DC1'
        Use-LabHost $script:Dir2 { Move-VM -Name DC1 -DestinationHost HV-LAB01 -DestinationStoragePath $dest }
        (Get-VMHardDiskDrive -VMName DC1).Path | ForEach-Object { $_ | Should -BeLike "$dest/Virtual Hard Disks/*"; Test-Path -LiteralPath $_ | Should -BeTrue }
        (Get-VM -Name DC1).Path | Should -Be $dest
    }
}

Describe 'refusals' {
    It 'a move without storage needs storage both hosts reach' {
        { Move-VM -Name FS1 -DestinationHost HV-LAB02 } | Should -Throw -ErrorId 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.MoveVM*'
        $err = $null
        try { Move-VM -Name FS1 -DestinationHost HV-LAB02 } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike "Virtual machine migration operation for 'FS1' failed at migration destination 'HV-LAB02'.*failed to open attachment*(0x80070003)*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-HostOfVM 'FS1' | Should -Be @('HV-LAB01')
    }

    It 'the destination lacks the VM''s switch' {
        $err = $null
        try { Move-VM -Name '測試伺服器' -DestinationHost HV-LAB02 -IncludeStorage } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike "*Could not find Ethernet switch 'Isolated'.*"
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.MoveVM*'
    }

    It 'the same host, an unknown host, and a cut network' {
        { Move-VM -Name FS1 -DestinationHost HV-LAB01 -IncludeStorage } | Should -Throw '*source and the destination of a migration must be different hosts*'
        { Move-VM -Name FS1 -DestinationHost HV-NOWHERE -IncludeStorage } | Should -Throw '*No such host is known. (0x80072AF9)*'
        Disconnect-LabNetwork HV-LAB01 HV-LAB02
        try {
            $err = $null
            try { Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage } catch { $err = $_ }
            $err.Exception.Message | Should -BeLike '*did not properly respond after a period of time*(0x8007274C)*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        } finally { Connect-LabNetwork HV-LAB01 HV-LAB02 }
    }

    It 'migration disabled on the source, then on the destination (Enable-VMMigration turns it back on)' {
        Disable-VMMigration
        (Get-VMHost).VirtualMachineMigrationEnabled | Should -BeFalse
        { Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage } | Should -Throw '*Migration is not enabled on host*'
        Enable-VMMigration
        Use-LabHost $script:Dir2 { Disable-VMMigration }
        try {
            { Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage } | Should -Throw '*actively refused it. (0x8007274D)*'
        } finally { Use-LabHost $script:Dir2 { Enable-VMMigration } }
        (Get-VMHost).VirtualMachineMigrationEnabled | Should -BeTrue
    }

    It 'not enough memory on the destination for a running VM' {
        Set-BothHosts @{} @{ memoryCapacity = [long]12GB }
        try {
            { Move-VM -Name SQL1 -DestinationHost HV-LAB02 -IncludeStorage } | Should -Throw '*Not enough memory in the system to start the virtual machine SQL1 with ram size 16384 megabytes*'
        } finally { Set-BothHosts @{} @{ memoryCapacity = [long]128GB } }
    }

    It 'a clustered VM is moved by the cluster' {
        $id = (Get-VM -Name FS1).Id.ToString()
        & $script:Hv { param($i) Update-LabWorld { param($tx) (Get-LabTxSite $tx)['cluster'] = @{ roles = @(@{ name = 'FS1'; vmId = $i }) } } } $id
        try {
            { Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage } | Should -Throw '*highly available*Move-ClusterVirtualMachineRole*'
        } finally { & $script:Hv { Update-LabWorld { param($tx) (Get-LabTxSite $tx).Remove('cluster') } } }
    }
}

Describe 'Compare-VM' {
    It 'reports the real incompatibilities in a VMCompatibilityReport' {
        $r = Compare-VM -Name '測試伺服器' -DestinationHost HV-LAB02 -IncludeStorage
        $r.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMCompatibilityReport'
        $r.OperationType | Should -Be ([Microsoft.HyperV.PowerShell.OperationType]::MoveVirtualMachineAndStorage)
        $r.Destination | Should -Be 'HV-LAB02'
        $r.VM.Name | Should -Be '測試伺服器'
        @($r.Incompatibilities).Count | Should -Be 1
        $r.Incompatibilities[0].PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMCompatibilityError'
        $r.Incompatibilities[0].MessageId | Should -Be 33012
        $r.Incompatibilities[0].Message | Should -Be "Could not find Ethernet switch 'Isolated'."
    }

    It 'without storage every local disk is an incompatibility; with storage a compatible VM has none' {
        $r = Compare-VM -Name FS1 -DestinationHost HV-LAB02
        $r.OperationType | Should -Be ([Microsoft.HyperV.PowerShell.OperationType]::MoveVirtualMachine)
        @($r.Incompatibilities).Count | Should -Be (Get-VMFilesOn 'HV-LAB01' 'FS1').Count
        @((Compare-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage).Incompatibilities).Count | Should -Be 0
    }

    It 'memory and configuration version' {
        Set-BothHosts @{} @{ memoryCapacity = [long]12GB; supportedVmVersions = @('8.0') }
        try {
            $ids = @((Compare-VM -Name SQL1 -DestinationHost HV-LAB02 -IncludeStorage).Incompatibilities | ForEach-Object MessageId)
            $ids | Should -Contain 3050
            $ids | Should -Contain 24008
        } finally { Set-BothHosts @{} @{ memoryCapacity = [long]128GB; supportedVmVersions = $null } }
    }
}

Describe 'a live migration on the lab clock' {
    BeforeAll {
        # Setup 10 s, storage at 10 GB/s, memory at 100 MB/s with 10 MB/s dirtied: pass 1 copies the 4 GB, pass 2 the
        # ~410 MB dirtied meanwhile, then the rest fits the blackout.
        $script:Slow = @{ migrationSetupMs = 10000; migrationBytesPerSec = 100MB; migrationDirtyBytesPerSec = 10MB; migrationBlackoutMs = 250; storageBytesPerSec = 10GB }
    }
    BeforeEach { Set-BothHosts $script:Slow; Set-LabClock -Freeze }
    AfterEach { Set-LabClock -Resume; Set-BothHosts $script:Fast; Connect-LabNetwork HV-LAB01 HV-LAB02 -ErrorAction SilentlyContinue }

    It '-AsJob returns at once; phase, percent and the job''s progress follow Set-LabClock -Advance' {
        $job = Move-VM -Name DC1 -DestinationHost HV-LAB02 -IncludeStorage -AsJob
        $job | Should -BeOfType ([Management.Automation.Job])
        Wait-Until { $null -ne (& $script:Hv { Get-LabMigration -VmId (Get-VM -Name DC1).Id.ToString() } | Where-Object Status -eq 'Running') }
        $id = (Get-VM -Name DC1).Id.ToString()
        $m = & $script:Hv { param($i) Get-LabMigration -VmId $i | Where-Object Status -eq 'Running' } $id
        $m.Phase | Should -Be 'Setup'
        $m.PassCount | Should -Be 2
        Set-LabClock -Advance 00:00:45
        $m = & $script:Hv { param($i) Get-LabMigration -Id $i } $m.Id
        $m.Phase | Should -Be 'PreCopy'
        $m.Pass | Should -Be 1
        $m.PercentComplete | Should -BeGreaterThan 30
        $m.PercentComplete | Should -BeLessThan 90
        $m.BytesTransferred | Should -BeGreaterThan $m.StorageBytes
        Wait-Until { @($job.Progress | Where-Object StatusDescription -eq 'PreCopy pass 1 of 2').Count -gt 0 }
        $job.State | Should -Be 'Running'
        Get-HostOfVM 'DC1' | Should -Be @('HV-LAB01') -Because 'the VM switches over only at the end'
        Set-LabClock -Advance 00:02:00
        $null = Wait-Job $job -Timeout 10
        $job.State | Should -Be 'Completed'
        @($job.Progress | ForEach-Object PercentComplete) | Should -Contain 100
        Get-HostOfVM 'DC1' | Should -Be @('HV-LAB02')
        (& $script:Hv { param($i) Get-LabMigration -Id $i } $m.Id).Status | Should -Be 'Completed'
    }

    It 'a network cut during the passes fails it: the VM stays running on the source, nothing is left at the destination' {
        $files = Get-VMFilesOn 'HV-LAB01' 'FS1'
        $job = Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage -AsJob
        Wait-Until { $null -ne (& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq 'FS1' -and $_.Status -eq 'Running' }) }
        Set-LabClock -Advance 00:01:00
        (& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq 'FS1' -and $_.Status -eq 'Running' }).Phase | Should -Be 'PreCopy'
        Disconnect-LabNetwork HV-LAB01 HV-LAB02
        $null = Wait-Job $job -Timeout 10
        $job.State | Should -Be 'Failed'
        $err = $job.Error[0]
        "$err" | Should -BeLike "Virtual machine migration operation for 'FS1' failed at migration source 'HV-LAB01'.*(0x8007274C)*"
        $m = Get-LastMigration 'FS1'
        $m.Status | Should -Be 'Failed'
        $m.PercentComplete | Should -BeGreaterThan 0
        Get-HostOfVM 'FS1' | Should -Be @('HV-LAB01')
        (Get-VM -Name FS1).State | Should -Be 'Running'
        foreach ($f in $files) { Test-Path -LiteralPath $f | Should -BeTrue }
        @(Get-ChildItem -LiteralPath (Join-Path $script:Dir2 'Virtual Hard Disks') -Filter 'FS1*' -Force).Count | Should -Be 0
    }

    It 'Stop-Job before the blackout cancels it; the VM stays on the source' {
        $job = Move-VM -Name FS1 -DestinationHost HV-LAB02 -IncludeStorage -AsJob
        Wait-Until { $null -ne (& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq 'FS1' -and $_.Status -eq 'Running' }) }
        Set-LabClock -Advance 00:00:20
        Stop-Job $job
        $m = Get-LastMigration 'FS1'
        $m.Status | Should -Be 'Cancelled'
        Set-LabClock -Advance 00:05:00
        Get-HostOfVM 'FS1' | Should -Be @('HV-LAB01') -Because 'a cancelled migration never switches over'
    }
}

Describe 'Move-VMStorage' {
    It 'moves a whole VM''s files on the same host' {
        $old = Get-VMFilesOn 'HV-LAB01' 'FS1'
        $dest = Join-Path $script:Dir1 'Storage2/FS1'
        Move-VMStorage -Name FS1 -DestinationStoragePath $dest
        $paths = @((Get-VMHardDiskDrive -VMName FS1).Path)
        $paths | ForEach-Object { $_ | Should -BeLike "$dest/*"; Test-Path -LiteralPath $_ | Should -BeTrue }
        (Get-VM -Name FS1).Path | Should -Be $dest
        (Get-VM -Name FS1).State | Should -Be 'Running'
        foreach ($f in $old) { Test-Path -LiteralPath $f | Should -BeFalse }
        (Get-VHD -Path $paths[0]).Path | Should -Be $paths[0]
    }

    It 'moves one disk with -Vhds and leaves the others' {
        $drives = @(Get-VMHardDiskDrive -VMName FS1)
        $one = $drives[-1].Path
        $target = Join-Path $script:Dir1 ('Data3/' + [IO.Path]::GetFileName($one))
        Move-VMStorage -Name FS1 -Vhds @(@{ SourceFilePath = $one; DestinationFilePath = $target })
        $now = @((Get-VMHardDiskDrive -VMName FS1).Path)
        $now | Should -Contain $target
        $now | Should -Contain $drives[0].Path
        Test-Path -LiteralPath $target | Should -BeTrue
        Test-Path -LiteralPath $one | Should -BeFalse
    }

    It 'refuses a disk the VM does not have and a destination file that exists' {
        { Move-VMStorage -Name FS1 -Vhds @(@{ SourceFilePath = '/nowhere/x.vhdx'; DestinationFilePath = (Join-Path $script:Dir1 'x.vhdx') }) } | Should -Throw '*is not attached to the virtual machine*'
        $p = @((Get-VMHardDiskDrive -VMName FS1).Path)
        { Move-VMStorage -Name FS1 -Vhds @(@{ SourceFilePath = $p[0]; DestinationFilePath = $p[-1] }) } | Should -Throw '*already exists*'
    }
}

Describe 'kill -9 at every step of Move-VM -IncludeStorage' {
    BeforeAll { $script:Pool = Start-ChildPool 12 }   # 10 kill tests + the two concurrent moves below
    # After any kill the VM is on exactly one host, its record's files are whole and exist, no temporary copy is
    # left, and no journal: the next call finishes what the dead process had committed or was settling.
    It 'killed at <At>' -ForEach @(
        @{ At = 'migration-started' }
        @{ At = 'migration-before-copy' }
        @{ At = 'migration-file-1-partial' }
        @{ At = 'migration-file-2-copied' }
        @{ At = 'migration-files-copied' }
        @{ At = 'migration-before-commit' }
        @{ At = 'world-before-journal' }
        @{ At = 'world-journal-written' }
        @{ At = 'world-file-2' }
        @{ At = 'world-before-journal-delete' }
    ) {
        $from = (Get-HostOfVM 'SQL1')[0]
        $to = 'HV-LAB02'; $dir = $script:Dir1
        if ($from -eq 'HV-LAB02') { $to = 'HV-LAB01'; $dir = $script:Dir2 }
        $hashes = Get-FileHashes (Get-VMFilesOn $from 'SQL1')
        $p = Send-ChildMove $script:Pool $dir 'SQL1' $to $At
        $p.WaitForExit(60000) | Should -BeTrue
        $p.ExitCode | Should -Not -Be 0 -Because "the child was killed at $At ($($p.StandardError.ReadToEnd()))"
        $null = Get-VM   # the next call applies a journal and settles what fell due
        if (@(& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq 'SQL1' -and $_.Status -eq 'Running' }).Count -gt 0) {
            Set-LabClock -Advance 00:01:00   # killed before the switch-over was due: it comes due later
            $null = Get-VM
        }
        $where = Get-HostOfVM 'SQL1'
        $where.Count | Should -Be 1 -Because 'the VM is never on two hosts or none'
        $files = Get-VMFilesOn $where[0] 'SQL1'
        foreach ($f in $files) { Test-Path -LiteralPath $f | Should -BeTrue -Because "the record names $f" }
        (Get-FileHashes $files) | ConvertTo-Json | Should -Be ($hashes | ConvertTo-Json) -Because 'the files the record names are whole'
        Get-LeftoverCopies | Should -BeNullOrEmpty
        Test-Path (Join-Path $script:Lab.Root 'world.journal.json') | Should -BeFalse
        if ($where[0] -eq $to) {
            @(Get-ChildItem -LiteralPath (Join-Path (Split-Path $dir) "$from/Virtual Hard Disks") -Filter 'SQL1*' -Force).Count | Should -Be 0 -Because 'the source files went with the commit'
        }
        $running = @(& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -eq 'SQL1' -and $_.Status -eq 'Running' })
        $running.Count | Should -Be 0 -Because 'a migration the dead process left is settled by the next call once due'
        $where[0] | Should -Be $to -Because 'a started migration carries on without its client, as vmms does'
    }
}

Describe 'two processes moving different VMs of the same datacenter at once' {
    It 'both moves land, nothing is lost' {
        $a = (Get-HostOfVM 'WEB1')[0]; $b = (Get-HostOfVM 'LNX1')[0]
        $a | Should -Be 'HV-LAB02'
        $p1 = Send-ChildMove $script:Pool $script:Dir2 'WEB1' 'HV-LAB01' ''
        $p2 = Send-ChildMove $script:Pool $script:Dir2 'LNX1' 'HV-LAB01' ''
        $p1.WaitForExit(60000) | Should -BeTrue
        $p2.WaitForExit(60000) | Should -BeTrue
        $p1.ExitCode | Should -Be 0 -Because $p1.StandardError.ReadToEnd()
        $p2.ExitCode | Should -Be 0 -Because $p2.StandardError.ReadToEnd()
        Get-HostOfVM 'WEB1' | Should -Be @('HV-LAB01')
        Get-HostOfVM 'LNX1' | Should -Be @('HV-LAB01')
        foreach ($n in @('WEB1', 'LNX1')) { foreach ($f in (Get-VMFilesOn 'HV-LAB01' $n)) { Test-Path -LiteralPath $f | Should -BeTrue } }
        @(Get-VM).Name | Should -Contain 'WEB1'
        $done = @(& $script:Hv { Get-LabMigration } | Where-Object { $_.VMName -in @('WEB1', 'LNX1') -and $_.Status -eq 'Completed' })
        $done.Count | Should -Be 2
    }
}

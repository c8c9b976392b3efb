# The lab world (assets/lab/core/lab-world.ps1): a change to several hosts' files is atomic even when the process
# is killed at any step, two processes changing one datacenter at once lose nothing, the lab clock moves and
# freezes, due events settle on the next call, and network cuts are seen by every process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:Dir1 = $script:Lab.Hosts[0].stateDir
    Enter-TestLab $script:Dir1
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force

    # Moves the VM record named $Name to the other host in one world transaction (the shape of Move-VM's
    # commit, without its file copies), in a child pwsh that is killed at $CrashAt. Returns the child's exit code.
    function Invoke-CrashingMove([string]$Name, [string]$CrashAt) {
        $script = @"
`$env:PSModulePath = '$($script:LabModules)' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$env:HYPERDESK_LAB_STATE = '$($script:Dir1)'
`$env:HYPERDESK_LAB_CRASH_AT = '$CrashAt'
`$ErrorActionPreference = 'Stop'
Import-Module Hyper-V
& (Get-Module Hyper-V) {
    Update-LabWorld {
        param(`$tx)
        `$src = Get-LabTxHost `$tx 'HV-LAB01'
        `$dst = Get-LabTxHost `$tx 'HV-LAB02'
        `$vm = `$src['vms'] | Where-Object { `$_['name'] -eq '$Name' } | Select-Object -First 1
        if (`$null -eq `$vm) { `$src, `$dst = `$dst, `$src; `$vm = `$src['vms'] | Where-Object { `$_['name'] -eq '$Name' } | Select-Object -First 1 }
        if (`$null -eq `$vm) { throw 'no such VM' }
        `$src['vms'].Remove(`$vm)
        `$null = `$dst['vms'].Add(`$vm)
    }
}
"@
        & $script:Pwsh -NoLogo -NoProfile -NonInteractive -Command $script | Out-Null
        return $LASTEXITCODE
    }

    function Get-VMHostsOf([string]$Name) {
        $found = @()
        foreach ($h in $script:Lab.Hosts) {
            $env:HYPERDESK_LAB_STATE = $h.stateDir
            if (@(Get-VM | Where-Object Name -eq $Name).Count -eq 1) { $found += $h.name }
        }
        $env:HYPERDESK_LAB_STATE = $script:Dir1
        return , $found
    }
}

AfterAll {
    $env:HYPERDESK_LAB_CRASH_AT = $null
    Remove-TestLab $script:Lab
}

Describe 'cross-host changes under kill -9' {
    # Before the journal is on disk the change never happened; once it is, every later reader completes it.
    It 'killed at <At>, the VM is on exactly <Expect>' -ForEach @(
        @{ At = 'world-before-journal'; Expect = 'HV-LAB01'; Vm = 'DC1' }
        @{ At = 'world-journal-written'; Expect = 'HV-LAB02'; Vm = 'FS1' }
        @{ At = 'world-file-1'; Expect = 'HV-LAB02'; Vm = 'SQL1' }
        @{ At = 'world-before-journal-delete'; Expect = 'HV-LAB02'; Vm = 'DC1' }
    ) {
        $before = Get-VMHostsOf $Vm
        $code = Invoke-CrashingMove $Vm $At
        $code | Should -Not -Be 0 -Because 'the child was killed at the crash point'
        $after = Get-VMHostsOf $Vm
        $after.Count | Should -Be 1 -Because "the VM is never on two hosts or none (was on $($before -join ','))"
        if ($At -eq 'world-before-journal') { $after[0] | Should -Be $before[0] } else { $after[0] | Should -Not -Be $before[0] }
        Test-Path (Join-Path $script:Lab.Root 'world.journal.json') | Should -BeFalse -Because 'the reader applied and removed the journal'
    }

    It 'a move that is not killed applies and leaves no journal' {
        $before = Get-VMHostsOf 'DC1'
        $null = Invoke-CrashingMove 'DC1' ''
        $after = Get-VMHostsOf 'DC1'
        $after.Count | Should -Be 1
        $after[0] | Should -Not -Be $before[0]
        Test-Path (Join-Path $script:Lab.Root 'world.journal.json') | Should -BeFalse
    }
}

Describe 'two processes changing one datacenter at once' {
    It 'loses no update' {
        $script = @"
`$env:PSModulePath = '$($script:LabModules)' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$env:HYPERDESK_LAB_STATE = '{0}'
Import-Module Hyper-V
& (Get-Module Hyper-V) {{ for (`$i = 0; `$i -lt 25; `$i++) {{ Update-LabWorld {{ param(`$tx) `$s = Get-LabTxSite `$tx; `$s['counter'] = [long]`$s['counter'] + 1; `$h = Get-LabTxHost `$tx 'HV-LAB02'; `$h['counter'] = [long]`$h['counter'] + 1 }} }} }}
"@
        $a = Start-Process -FilePath $script:Pwsh -ArgumentList @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ($script -f $script:Lab.Hosts[0].stateDir)) -PassThru
        $b = Start-Process -FilePath $script:Pwsh -ArgumentList @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ($script -f $script:Lab.Hosts[1].stateDir)) -PassThru
        $a.WaitForExit(); $b.WaitForExit()
        $a.ExitCode | Should -Be 0
        $b.ExitCode | Should -Be 0
        & (Get-Module Hyper-V) { [long](Get-LabSite)['counter'] } | Should -Be 50
        & (Get-Module Hyper-V) { [long](Get-LabHostState 'HV-LAB02')['counter'] } | Should -Be 50
    }
}

Describe 'the lab clock' {
    AfterEach { Set-LabClock -Reset }

    It 'moves forward with -Advance, for every process' {
        $t0 = & (Get-Module Hyper-V) { Get-LabNowMs }
        Set-LabClock -Advance 00:15:00
        $t1 = & (Get-Module Hyper-V) { Get-LabNowMs }
        ($t1 - $t0) | Should -BeGreaterOrEqual 900000
        ($t1 - $t0) | Should -BeLessThan 960000
        $child = Invoke-TestLabChild $script:Dir1 'Import-Module Hyper-V; & (Get-Module Hyper-V) { Get-LabNowMs }'
        ([long]$child - $t0) | Should -BeGreaterOrEqual 900000
        (Get-LabClock).Offset.TotalMinutes | Should -Be 15
    }

    It 'stays put while frozen and advances exactly by -Advance' {
        Set-LabClock -Freeze
        $t0 = & (Get-Module Hyper-V) { Get-LabNowMs }
        Start-Sleep -Milliseconds 120
        & (Get-Module Hyper-V) { Reset-LabClockMemo; Get-LabNowMs } | Should -Be $t0
        Set-LabClock -Advance 00:00:30
        & (Get-Module Hyper-V) { Get-LabNowMs } | Should -Be ($t0 + 30000)
        (Get-LabClock).Frozen | Should -BeTrue
    }

    It 'refuses to move backwards' {
        { Set-LabClock -Advance ([TimeSpan]::FromMinutes(-1)) } | Should -Throw -ErrorId 'LabClockBackwards,Set-LabClock'
    }

    It 'settles a due event on the first cmdlet call after its time, once' {
        & (Get-Module Hyper-V) {
            Register-LabSettler 'test-settler' { param($tx, $now) foreach ($k in @($tx.Datacenter['due'].Keys)) { if ($k -eq 'test:one' -and [long]$tx.Datacenter['due'][$k] -le $now) { $s = Get-LabTxSite $tx; $s['settled'] = [long]$s['settled'] + 1; Clear-LabDue $tx $k } } }
            Update-LabWorld { param($tx) Set-LabDue $tx 'test:one' ((Get-LabNowMs) + 600000) }
        }
        $null = Get-VM
        & (Get-Module Hyper-V) { [long](Get-LabSite)['settled'] } | Should -Be 0 -Because 'not due yet'
        Set-LabClock -Advance 00:10:01
        $null = Get-VM
        $null = Get-VM
        & (Get-Module Hyper-V) { [long](Get-LabSite)['settled'] } | Should -Be 1
        & (Get-Module Hyper-V) { (Get-LabDatacenter)['due'].Contains('test:one') } | Should -BeFalse
    }
}

Describe 'network cuts' {
    It 'are seen between the two hosts and their site, and restored' {
        Disconnect-LabNetwork HV-LAB01 HV-LAB02
        & (Get-Module Hyper-V) { Test-LabLink 'HV-LAB02' 'HV-LAB01' } | Should -BeFalse
        @(Get-LabNetworkCut).Count | Should -Be 1
        Connect-LabNetwork HV-LAB02 HV-LAB01
        & (Get-Module Hyper-V) { Test-LabLink 'HV-LAB01' 'HV-LAB02' } | Should -BeTrue
        @(Get-LabNetworkCut).Count | Should -Be 0
    }

    It 'refuses a name that is neither host nor site' {
        { Disconnect-LabNetwork HV-LAB01 NOPE } | Should -Throw -ErrorId 'LabLinkEndNotFound,Disconnect-LabNetwork'
    }
}

Describe 'moving a VM record between hosts (Move-LabVMRecord)' {
    It 'moves the VM, its checkpoints and its disks in one change, and rewrites a storage move''s paths' {
        $m = Get-Module Hyper-V
        # WEB2 (HV-LAB02, with a checkpoint) is a VM the crash tests above did not move.
        $env:HYPERDESK_LAB_STATE = $script:Lab.Hosts[1].stateDir
        $vm = Get-VM -Name 'WEB2'
        $from = (& $m { (Get-LabState)['host']['name'] })
        $to = @('HV-LAB01', 'HV-LAB02') | Where-Object { $_ -ne $from }
        $snapCount = @(Get-VMSnapshot -VM $vm).Count
        $snapCount | Should -BeGreaterThan 0
        $oldDir = $vm.Path
        $newDir = Join-Path $script:Lab.Root 'moved'
        & $m { param($id, $f, $t, $o, $n) Update-LabWorld { param($tx) $null = Move-LabVMRecord $tx $id $f $t $o $n } } ([string]$vm.Id) $from $to $oldDir $newDir
        $env:HYPERDESK_LAB_STATE = ($script:Lab.Hosts | Where-Object name -eq $to).stateDir
        $moved = Get-VM -Id $vm.Id
        $moved.Path | Should -Be $newDir
        @(Get-VMSnapshot -VM $moved).Count | Should -Be $snapCount
        @(Get-VMHardDiskDrive -VM $moved | Where-Object { -not $_.Path.StartsWith($newDir) }).Count | Should -Be 0
        $env:HYPERDESK_LAB_STATE = ($script:Lab.Hosts | Where-Object name -eq $from).stateDir
        Get-VM -Id $vm.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        & $m { param($id) (Find-LabVMHost $id).name } ([string]$vm.Id) | Should -Be $to
        $env:HYPERDESK_LAB_STATE = $script:Dir1
    }
}

Describe 'the HyperdeskLab module' {
    It 'lists every control in its manifest, so a fresh lab terminal autoloads it by name' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1')
        $controls = & (Get-Module HyperdeskLab) { $script:LabControls.ToArray() }
        @($manifest.FunctionsToExport | Sort-Object) | Should -Be @($controls | Sort-Object)
        $out = Invoke-TestLabChild $script:Dir1 '(Get-LabClock).Datacenter'
        $out | Should -Be 'small-shop'
    }
}

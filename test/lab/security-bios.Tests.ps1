# Get-VMSecurity, the virtual TPM and its key protector (generation 2), and Get-/Set-VMBios (generation 1)
# of the lab's Hyper-V module: real types, the real rules and errors, and persistence in the host state.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:StateDir = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB02').stateDir
    Enter-TestLab $script:StateDir
    Set-TestLabTimings @{ startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 200 }
    $null = New-VM -Name 'SEC-G2' -Generation 2 -MemoryStartupBytes 1GB
    $null = New-VM -Name 'SEC-G2B' -Generation 2 -MemoryStartupBytes 1GB
    $null = New-VM -Name 'BIOS-G1' -Generation 1 -MemoryStartupBytes 1GB

    function Get-ThrownError([scriptblock]$Action) {
        try { & $Action } catch { return $_ }
        throw 'expected a terminating error'
    }
    # Rewrites one VM's firmware record as a state file from before these cmdlets were simulated.
    function Set-TestLegacyFirmware([string]$Name, [hashtable]$Set, [string[]]$Remove) {
        & (Get-Module Hyper-V) {
            param($n, $set, $remove)
            Update-LabState {
                param($s)
                foreach ($vm in $s['vms']) {
                    if ($vm['name'] -ne $n) { continue }
                    foreach ($k in $remove) { $vm['firmware'].Remove($k) }
                    foreach ($k in $set.Keys) { $vm['firmware'][$k] = $set[$k] }
                }
            }
        } $Name $Set $Remove
    }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'Get-VMSecurity' {
    It 'returns the real VMSecurity type with everything off on a new VM' {
        $sec = Get-VMSecurity -VMName 'SEC-G2'
        $sec.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMSecurity'
        $sec.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMSecurity'
        foreach ($p in 'TpmEnabled', 'KsdEnabled', 'Shielded', 'EncryptStateAndVmMigrationTraffic', 'VirtualizationBasedSecurityOptOut', 'BindToHostTpm') {
            $sec.$p | Should -BeFalse -Because $p
        }
        $sec.ComputerName | Should -Be 'HV-LAB02'
    }

    It 'binds VM objects from the pipeline and answers for generation 1 too' {
        $all = @(Get-VM -Name 'SEC-G2', 'BIOS-G1' | Get-VMSecurity)
        $all.Count | Should -Be 2
        ($all | ForEach-Object { $_.TpmEnabled }) | Should -Be @($false, $false)
    }

    It 'writes the non-terminating not-found error for an unknown VM' {
        $errs = $null
        $out = Get-VMSecurity -VMName 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMSecurity*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Key protector' {
    It 'is the 4-byte empty protector until one is set, returned as one byte[]' {
        $kp = Get-VMKeyProtector -VMName 'SEC-G2B'
        , $kp | Should -BeOfType [byte[]]
        $kp | Should -Be @(0, 0, 0, 4)
    }

    It 'gets a new local protector each time -NewLocalKeyProtector is used' {
        Set-VMKeyProtector -VMName 'SEC-G2B' -NewLocalKeyProtector
        $first = Get-VMKeyProtector -VMName 'SEC-G2B'
        $first.Length | Should -BeGreaterThan 4
        Set-VMKeyProtector -VM (Get-VM -Name 'SEC-G2B') -NewLocalKeyProtector
        $second = Get-VMKeyProtector -VMName 'SEC-G2B'
        [Convert]::ToBase64String($second) | Should -Not -Be ([Convert]::ToBase64String($first))
    }

    It 'stores a given protector as is and can restore the last known good one' {
        $given = [byte[]](1..64)
        Set-VMKeyProtector -VMName 'SEC-G2B' -KeyProtector $given
        (Get-VMKeyProtector -VMName 'SEC-G2B') | Should -Be $given
        Set-VMKeyProtector -VMName 'SEC-G2B' -RestoreLastKnownGoodKeyProtector
        (Get-VMKeyProtector -VMName 'SEC-G2B') | Should -Be $given
    }

    It 'refuses an empty protector, no mode, and a VM without a protector to restore' {
        $e = Get-ThrownError { Set-VMKeyProtector -VMName 'SEC-G2B' -KeyProtector ([byte[]](0, 0, 0, 4)) }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMKeyProtector*'
        $e = Get-ThrownError { Set-VMKeyProtector -VMName 'SEC-G2B' }
        $e.Exception.Message | Should -BeLike '*exactly one of -NewLocalKeyProtector*'
        $e = Get-ThrownError { Set-VMKeyProtector -VMName 'BIOS-G1' -RestoreLastKnownGoodKeyProtector }
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.Exception.Message | Should -BeLike '*no last known good key protector*'
    }
}

Describe 'Enable-VMTPM / Disable-VMTPM' {
    It 'refuses a VM without a key protector, leaving the TPM off' {
        $e = Get-ThrownError { Enable-VMTPM -VMName 'SEC-G2' }
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidState,Microsoft.HyperV.PowerShell.Commands.EnableVMTPM*'
        $e.Exception.Message | Should -BeLike '*key protector*'
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeFalse
    }

    It 'refuses a generation 1 VM' {
        $e = Get-ThrownError { Enable-VMTPM -VMName 'BIOS-G1' }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.EnableVMTPM*'
        $e.Exception.Message | Should -BeLike '*generation 2*'
        { Disable-VMTPM -VMName 'BIOS-G1' } | Should -Throw '*generation 2*'
    }

    It 'enables the TPM once a key protector exists, with -Passthru returning the VM' {
        Set-VMKeyProtector -VMName 'SEC-G2' -NewLocalKeyProtector
        $vm = Enable-VMTPM -VMName 'SEC-G2' -Passthru
        $vm.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VirtualMachine'
        $vm.Name | Should -Be 'SEC-G2'
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeTrue
        Enable-VMTPM -VMName 'SEC-G2' | Should -BeNullOrEmpty   # already on: nothing to do, no output
    }

    It 'changes the TPM and the key protector only while the VM is off' {
        Start-VM -Name 'SEC-G2'
        try {
            $e = Get-ThrownError { Disable-VMTPM -VMName 'SEC-G2' }
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidState,Microsoft.HyperV.PowerShell.Commands.DisableVMTPM*'
            $e.Exception.Message | Should -BeLike '*Running*'
            { Set-VMKeyProtector -VMName 'SEC-G2' -NewLocalKeyProtector } | Should -Throw '*Turn the virtual machine off first*'
            (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeTrue
        } finally { Stop-VM -Name 'SEC-G2' -TurnOff -Force }
        Disable-VMTPM -VM (Get-VM -Name 'SEC-G2')
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeFalse
        (Get-VMKeyProtector -VMName 'SEC-G2').Length | Should -BeGreaterThan 4   # the protector stays
        Enable-VMTPM -VMName 'SEC-G2'
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeTrue
    }

    It 'honours -WhatIf' {
        Disable-VMTPM -VMName 'SEC-G2' -WhatIf
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeTrue
    }
}

Describe 'Get-VMBios / Set-VMBios' {
    It 'returns the real VMBios with Hyper-V''s default startup order' {
        $bios = Get-VMBios -VMName 'BIOS-G1'
        $bios.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMBios'
        $bios.StartupOrder.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.BootDevice[]'
        @($bios.StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy')
        $bios.NumLockEnabled | Should -BeFalse
        $bios.VMName | Should -Be 'BIOS-G1'
        $bios.VMId | Should -Be (Get-VM -Name 'BIOS-G1').Id
        $bios.ComputerName | Should -Be 'HV-LAB02'
    }

    It 'refuses a generation 2 VM with the generation 1 only error' {
        $e = Get-ThrownError { Get-VMBios -VMName 'SEC-G2' }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMBios*'
        $e.Exception.Message | Should -BeLike '*generation 1*'
        { Set-VMBios -VMName 'SEC-G2' -EnableNumLock } | Should -Throw '*generation 1*'
    }

    It 'reorders the startup devices and switches NumLock, with -Passthru returning the BIOS' {
        $bios = Set-VMBios -VMName 'BIOS-G1' -StartupOrder IDE, LegacyNetworkAdapter, CD, Floppy -EnableNumLock -Passthru
        $bios.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMBios'
        @($bios.StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('IDE', 'LegacyNetworkAdapter', 'CD', 'Floppy')
        (Get-VMBios -VMName 'BIOS-G1').NumLockEnabled | Should -BeTrue
        Get-VMBios -VMName 'BIOS-G1' | Set-VMBios -DisableNumLock
        (Get-VMBios -VMName 'BIOS-G1').NumLockEnabled | Should -BeFalse
        @((Get-VMBios -VMName 'BIOS-G1').StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('IDE', 'LegacyNetworkAdapter', 'CD', 'Floppy')
    }

    It 'requires each BIOS boot device exactly once' -ForEach @(
        @{ Order = @('IDE', 'CD', 'Floppy'); Like = '*exactly once*' }
        @{ Order = @('IDE', 'CD', 'CD', 'Floppy', 'LegacyNetworkAdapter'); Like = '*exactly once*' }
        @{ Order = @('IDE', 'CD', 'VHD', 'Floppy'); Like = '*VHD*not valid for a generation 1*' }
    ) {
        $before = @((Get-VMBios -VMName 'BIOS-G1').StartupOrder | ForEach-Object { [string]$_ })
        $e = Get-ThrownError { Set-VMBios -VMName 'BIOS-G1' -StartupOrder $Order }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMBios*'
        $e.Exception.Message | Should -BeLike $Like
        @((Get-VMBios -VMName 'BIOS-G1').StartupOrder | ForEach-Object { [string]$_ }) | Should -Be $before
    }

    It 'refuses a name that is no boot device at binding, like the real enum parameter' {
        { Set-VMBios -VMName 'BIOS-G1' -StartupOrder IDE, CD, Bogus, Floppy } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
    }

    It 'refuses both NumLock switches at once' {
        { Set-VMBios -VMName 'BIOS-G1' -EnableNumLock -DisableNumLock } | Should -Throw '*either -EnableNumLock or -DisableNumLock*'
    }

    It 'changes the BIOS only while the VM is off' {
        Start-VM -Name 'BIOS-G1'
        try {
            $e = Get-ThrownError { Set-VMBios -VMName 'BIOS-G1' -StartupOrder CD, IDE, LegacyNetworkAdapter, Floppy }
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMBios*'
            { Set-VMBios -VMName 'BIOS-G1' -EnableNumLock } | Should -Throw '*Turn the virtual machine off first*'
            # Restating the current settings changes nothing, so it is allowed.
            Set-VMBios -VMName 'BIOS-G1' -StartupOrder IDE, LegacyNetworkAdapter, CD, Floppy -DisableNumLock
        } finally { Stop-VM -Name 'BIOS-G1' -TurnOff -Force }
    }

    It 'puts New-VM -BootDevice first and keeps the order in checkpoints' {
        $null = New-VM -Name 'BIOS-NET' -Generation 1 -MemoryStartupBytes 512MB -BootDevice LegacyNetworkAdapter
        @((Get-VMBios -VMName 'BIOS-NET').StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('LegacyNetworkAdapter', 'CD', 'IDE', 'Floppy')
        Checkpoint-VM -Name 'BIOS-NET' -SnapshotName 'before-reorder'
        Set-VMBios -VMName 'BIOS-NET' -StartupOrder Floppy, IDE, CD, LegacyNetworkAdapter
        $snap = Get-VMSnapshot -VMName 'BIOS-NET' -Name 'before-reorder'
        $old = Get-VMBios -VMSnapshot $snap
        @($old.StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('LegacyNetworkAdapter', 'CD', 'IDE', 'Floppy')
        $old.VMSnapshotName | Should -Be 'before-reorder'
        @((Get-VMBios -VMName 'BIOS-NET').StartupOrder | ForEach-Object { [string]$_ })[0] | Should -Be 'Floppy'
    }
}

Describe 'Persistence' {
    It 'keeps TPM, key protector and BIOS across a module re-import and in another process' {
        $kp = [Convert]::ToBase64String((Get-VMKeyProtector -VMName 'SEC-G2'))
        Remove-Module Hyper-V -Force
        Enter-TestLab $script:StateDir
        (Get-VMSecurity -VMName 'SEC-G2').TpmEnabled | Should -BeTrue
        [Convert]::ToBase64String((Get-VMKeyProtector -VMName 'SEC-G2')) | Should -Be $kp
        @((Get-VMBios -VMName 'BIOS-G1').StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('IDE', 'LegacyNetworkAdapter', 'CD', 'Floppy')
        $out = Invoke-TestLabChild $script:StateDir "Import-Module Hyper-V; `$s = Get-VMSecurity -VMName 'SEC-G2'; `$b = Get-VMBios -VMName 'BIOS-G1'; ConvertTo-Json -Compress @{ tpm = `$s.TpmEnabled; kp = [Convert]::ToBase64String((Get-VMKeyProtector -VMName 'SEC-G2')); order = @(`$b.StartupOrder | ForEach-Object { [string]`$_ }) }"
        $j = ($out -join '') | ConvertFrom-Json
        $j.tpm | Should -BeTrue
        $j.kp | Should -Be $kp
        @($j.order) | Should -Be @('IDE', 'LegacyNetworkAdapter', 'CD', 'Floppy')
    }

    It 'reads VM records written before these cmdlets were simulated' {
        $null = New-VM -Name 'OLD-G2' -Generation 2 -MemoryStartupBytes 512MB
        $null = New-VM -Name 'OLD-G1' -Generation 1 -MemoryStartupBytes 512MB
        Set-TestLegacyFirmware 'OLD-G2' @{ keyProtector = $true; tpm = $true } @()
        Set-TestLegacyFirmware 'OLD-G1' @{} @('startupOrder', 'numLock', 'tpm', 'keyProtector')
        (Get-VMSecurity -VMName 'OLD-G2').TpmEnabled | Should -BeTrue
        $legacy = Get-VMKeyProtector -VMName 'OLD-G2'
        $legacy.Length | Should -BeGreaterThan 4
        [Convert]::ToBase64String((Get-VMKeyProtector -VMName 'OLD-G2')) | Should -Be ([Convert]::ToBase64String($legacy))
        @((Get-VMBios -VMName 'OLD-G1').StartupOrder | ForEach-Object { [string]$_ }) | Should -Be @('CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy')
        (Get-VMBios -VMName 'OLD-G1').NumLockEnabled | Should -BeFalse
        (Get-VMSecurity -VMName 'OLD-G1').TpmEnabled | Should -BeFalse
        (Get-VMKeyProtector -VMName 'OLD-G1') | Should -Be @(0, 0, 0, 4)
        Set-VMBios -VMName 'OLD-G1' -EnableNumLock
        (Get-VMBios -VMName 'OLD-G1').NumLockEnabled | Should -BeTrue
    }
}

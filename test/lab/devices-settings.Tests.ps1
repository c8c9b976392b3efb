# The device edits of the settings editor in the lab's Hyper-V module: adapter VLAN, MAC, spoofing and bandwidth
# (Get/Set-VMNetworkAdapterVlan, Set-VMNetworkAdapter), adapter add/remove, disk add/remove/resize, with the
# real state rules and error categories, persisted in the host state.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:StateDir = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB02').stateDir
    Enter-TestLab $script:StateDir
    Set-TestLabTimings @{ startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 200 }
    $script:Dir = Join-Path $script:Lab.Root 'dev'
    $null = New-Item -ItemType Directory -Path $script:Dir
    $script:G2 = New-VM -Name 'DEV-G2' -Generation 2 -MemoryStartupBytes 1GB
    $script:G1 = New-VM -Name 'DEV-G1' -Generation 1 -MemoryStartupBytes 1GB
    $script:Switch = @(Get-VMSwitch)[0]
    function Get-ThrownError([scriptblock]$Action) {
        try { & $Action } catch { return $_ }
        throw 'expected a terminating error'
    }
    function Get-Nic($Vm) { @(Get-VMNetworkAdapter -VM (Get-VM -Id $Vm.Id))[0] }
    function Wait-Running($Vm) {
        Start-VM -VM (Get-VM -Id $Vm.Id)
        $end = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-VM -Id $Vm.Id).State -ne 'Running' -and [DateTime]::UtcNow -lt $end) { Start-Sleep -Milliseconds 50 }
    }
    function Stop-Now($Vm) { Stop-VM -VM (Get-VM -Id $Vm.Id) -TurnOff -Force }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'VLAN' {
    It 'starts untagged, takes an access VLAN and reads it back on the adapter and from Get-VMNetworkAdapterVlan' {
        $nic = Get-Nic $script:G2
        $nic.VlanSetting.OperationMode | Should -Be 'Untagged'
        Set-VMNetworkAdapterVlan -VMNetworkAdapter $nic -Access -VlanId 42
        $v = Get-VMNetworkAdapterVlan -VMNetworkAdapter (Get-Nic $script:G2)
        $v.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting'
        $v.OperationMode | Should -Be 'Access'
        $v.AccessVlanId | Should -Be 42
        (Get-Nic $script:G2).VlanSetting.AccessVlanId | Should -Be 42
        Set-VMNetworkAdapterVlan -VMNetworkAdapter (Get-Nic $script:G2) -Untagged
        (Get-VMNetworkAdapterVlan -VM (Get-VM -Id $script:G2.Id)).OperationMode | Should -Be 'Untagged'
    }
    It 'refuses a VLAN ID outside 1-4094 as an invalid argument' {
        $e = Get-ThrownError { Set-VMNetworkAdapterVlan -VMNetworkAdapter (Get-Nic $script:G2) -Access -VlanId 4095 }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match '1 and 4094'
    }
    It 'says trunk mode is not simulated rather than pretending' {
        $e = Get-ThrownError { Set-VMNetworkAdapterVlan -VMNetworkAdapter (Get-Nic $script:G2) -Trunk -NativeVlanId 1 -AllowedVlanIdList '1-10' }
        $e.CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}

Describe 'Set-VMNetworkAdapter' {
    It 'sets a static MAC while off, normalised to 12 hex digits, and back to dynamic' {
        Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -StaticMacAddress '00-15-5D-AA-BB-CC'
        $n = Get-Nic $script:G2
        $n.MacAddress | Should -Be '00155DAABBCC'
        $n.DynamicMacAddressEnabled | Should -BeFalse
        Set-VMNetworkAdapter -VMNetworkAdapter $n -DynamicMacAddress
        (Get-Nic $script:G2).DynamicMacAddressEnabled | Should -BeTrue
    }
    It 'refuses a multicast or malformed MAC' {
        (Get-ThrownError { Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -StaticMacAddress '01005E000001' }).CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-ThrownError { Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -StaticMacAddress 'nope' }).CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
    It 'sets MAC spoofing and a bandwidth limit; no bandwidth setting exists before one is set' {
        $n = Get-Nic $script:G2
        $n.BandwidthSetting | Should -BeNullOrEmpty
        Set-VMNetworkAdapter -VMNetworkAdapter $n -MacAddressSpoofing On -MaximumBandwidth 100000000
        $n = Get-Nic $script:G2
        [string]$n.MacAddressSpoofing | Should -Be 'On'
        $n.BandwidthSetting.MaximumBandwidth | Should -Be 100000000
    }
    It 'refuses a reservation on an adapter not connected to an Absolute-mode switch, and one above the limit' {
        Disconnect-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2)
        $e = Get-ThrownError { Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -MinimumBandwidthAbsolute 10000000 }
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        Connect-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -VMSwitch $script:Switch
        $e = Get-ThrownError { Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -MinimumBandwidthAbsolute 200000000 }
        $e.Exception.Message | Should -Match 'larger than the maximum'
    }
    It 'refuses a MAC change while the VM runs (InvalidOperation), and keeps the old one' {
        Wait-Running $script:G2
        try {
            $before = (Get-Nic $script:G2).MacAddress
            $e = Get-ThrownError { Set-VMNetworkAdapter -VMNetworkAdapter (Get-Nic $script:G2) -StaticMacAddress '00155D112233' }
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            (Get-Nic $script:G2).MacAddress | Should -Be $before
            # VLAN changes online.
            Set-VMNetworkAdapterVlan -VMNetworkAdapter (Get-Nic $script:G2) -Access -VlanId 7
            (Get-Nic $script:G2).VlanSetting.AccessVlanId | Should -Be 7
        } finally { Stop-Now $script:G2 }
    }
}

Describe 'adapters and disks while running' {
    It 'a running generation 1 VM refuses a new synthetic adapter; a running generation 2 VM takes one' {
        Wait-Running $script:G1
        try {
            $e = Get-ThrownError { Add-VMNetworkAdapter -VM (Get-VM -Id $script:G1.Id) }
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            @(Get-VMNetworkAdapter -VM (Get-VM -Id $script:G1.Id)).Count | Should -Be 1
        } finally { Stop-Now $script:G1 }
        Wait-Running $script:G2
        try {
            $new = Add-VMNetworkAdapter -VM (Get-VM -Id $script:G2.Id) -Passthru
            Remove-VMNetworkAdapter -VMNetworkAdapter $new
        } finally { Stop-Now $script:G2 }
    }
    It 'removing or resizing an IDE disk of a running VM fails; the same disk on an off VM expands' {
        $path = Join-Path $script:Dir 'ide.vhdx'
        $null = New-VHD -Path $path -SizeBytes 1GB -Dynamic
        Add-VMHardDiskDrive -VM (Get-VM -Id $script:G1.Id) -ControllerType IDE -Path $path
        Wait-Running $script:G1
        try {
            $d = Get-VMHardDiskDrive -VM (Get-VM -Id $script:G1.Id) -ControllerType IDE
            (Get-ThrownError { Remove-VMHardDiskDrive -VMHardDiskDrive $d }).CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e = Get-ThrownError { Resize-VHD -Path $path -SizeBytes 2GB }
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.Exception.Message | Should -Match 'IDE'
            (Get-VHD -Path $path).Size | Should -Be 1GB
        } finally { Stop-Now $script:G1 }
        Resize-VHD -Path $path -SizeBytes 2GB
        (Get-VHD -Path $path).Size | Should -Be 2GB
    }
    It 'a VHDX on SCSI of a running VM expands online' {
        $path = Join-Path $script:Dir 'scsi.vhdx'
        $null = New-VHD -Path $path -SizeBytes 1GB -Dynamic
        Add-VMHardDiskDrive -VM (Get-VM -Id $script:G2.Id) -Path $path
        Wait-Running $script:G2
        try {
            Resize-VHD -Path $path -SizeBytes 3GB
            (Get-VHD -Path $path).Size | Should -Be 3GB
        } finally { Stop-Now $script:G2 }
    }
}

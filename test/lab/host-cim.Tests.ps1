# The host's own root\cimv2 classes a host overview reads (impl/host-perf.ps1 through the LabCim module):
# Win32_OperatingSystem's memory follows the VMs, the hypervisor's CPU counter stays a percentage and rises with
# a booting VM, Win32_Processor has one instance per socket, Win32_Volume holds the lab's folders, and WQL
# filters and queries behave like WMI's. Computed on read from the clock: no background sampling.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:HostDir = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB01').stateDir
    Enter-TestLab $script:HostDir
    Set-TestLabTimings @{ startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 4000 }
    $script:LpClass = 'Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor'
}

AfterAll {
    Remove-Item -LiteralPath $script:Lab.Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The lab host''s root\cimv2 classes' {
    It 'answers Win32_OperatingSystem with the host''s memory, less free while a VM holds memory' {
        $os = Get-CimInstance -ClassName Win32_OperatingSystem
        $os.CimClass.CimClassName | Should -Be 'Win32_OperatingSystem'
        $os.CimSystemProperties.Namespace | Should -Be 'root/cimv2'
        [long]$os.TotalVisibleMemorySize * 1024 | Should -Be ([long](Get-VMHost).MemoryCapacity)
        $os.Caption | Should -BeLike 'Microsoft Windows Server*'
        $os.Version | Should -Match '^10\.0\.\d+$'
        $before = [long]$os.FreePhysicalMemory
        $off = Get-VM | Where-Object State -EQ 'Off' | Select-Object -First 1
        Start-VM -VM $off
        Start-Sleep -Milliseconds 100
        $after = [long](Get-CimInstance -ClassName Win32_OperatingSystem).FreePhysicalMemory
        # FS1's dynamic memory drifts meanwhile (a slow wave, whole MB): the started VM's 2 GB is what moves.
        [Math]::Abs(($before - $after) * 1024 - [long](Get-VM -Id $off.Id).MemoryAssigned) | Should -BeLessThan 256MB
        Stop-VM -VM (Get-VM -Id $off.Id) -TurnOff -Force
    }

    It 'keeps the hypervisor''s total run time a percentage that covers the VMs'' share' {
        $lp = @(Get-CimInstance -ClassName $script:LpClass -Filter "Name = '_Total'")
        $lp.Count | Should -Be 1
        $cpu = [double]$lp[0].PercentTotalRunTime
        $cpu | Should -BeGreaterThan 0
        $cpu | Should -BeLessOrEqual 100
        $lps = [int](Get-VMHost).LogicalProcessorCount
        $share = 0.0
        foreach ($vm in Get-VM) { $share += [double]$vm.CPUUsage * [double]$vm.ProcessorCount / $lps }
        $cpu | Should -BeGreaterOrEqual ([Math]::Floor($share))
        @(Get-CimInstance -ClassName $script:LpClass -Filter "Name = 'Hv LP 99'").Count | Should -Be 0
    }

    It 'has one Win32_Processor per socket, whose logical processors add up to Get-VMHost''s' {
        $sockets = @(Get-CimInstance -ClassName Win32_Processor)
        $sockets.Count | Should -Be 2
        ($sockets | Measure-Object -Property NumberOfLogicalProcessors -Sum).Sum | Should -Be ([int](Get-VMHost).LogicalProcessorCount)
    }

    It 'lists a local Win32_Volume that holds the VM folders, with its real size and free space' {
        $vmPath = (Get-VMHost).VirtualMachinePath
        $vols = @(Get-CimInstance -ClassName Win32_Volume -Filter 'DriveType = 3')
        $holding = @($vols | Where-Object { $vmPath.StartsWith(([string]$_.Name).TrimEnd('/') + '/') -or $vmPath -eq ([string]$_.Name).TrimEnd('/') })
        $holding.Count | Should -BeGreaterThan 0
        $v = $holding | Sort-Object { ([string]$_.Name).Length } | Select-Object -Last 1
        [uint64]$v.Capacity | Should -BeGreaterThan ([uint64]$v.FreeSpace)
        [uint64]$v.FreeSpace | Should -Be ([uint64]([IO.DriveInfo]::new([string]$v.Name)).AvailableFreeSpace)
    }

    It 'answers a WQL query and a default namespace like WMI; the virtualization namespace is unchanged' {
        @(Get-CimInstance -Query "SELECT * FROM $script:LpClass WHERE Name = '_Total'").Count | Should -Be 1
        @(Get-CimInstance -Namespace 'root\cimv2' -ClassName Win32_Processor).Count | Should -Be 2
        @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName Msvm_ComputerSystem).Count | Should -Be (@(Get-VM).Count + 1)
    }
}

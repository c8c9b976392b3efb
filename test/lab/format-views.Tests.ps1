# The lab ships the Hyper-V module's default table views, so `Get-VM`, `Get-VMSwitch` and friends print the
# columns an admin sees on a real host (a trainee learns the real output, not a property list).
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    Enter-TestLab ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB01').stateDir

    # The header line of the default view, the way the terminal would render it (wide enough for every column).
    function Get-TableHeader([scriptblock]$Command) {
        $text = & $Command | Out-String -Width 400
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() -ne '' })
        return ($lines[0] -replace '\x1b\[[0-9;]*m', '').Trim() -split '\s+'
    }
}

AfterAll { Remove-TestLab $script:Lab }

Describe 'Default table views' {
    It 'Get-VM prints Name, State, CPUUsage(%), MemoryAssigned(M), Uptime, Status and Version' {
        Get-TableHeader { Get-VM } | Should -Be @('Name', 'State', 'CPUUsage(%)', 'MemoryAssigned(M)', 'Uptime', 'Status', 'Version')
    }
    It 'Get-VM shows memory in MB, not bytes' {
        $vm = Get-VM -Name 'DC1'
        $row = @(($vm | Out-String -Width 400) -split "`r?`n" | Where-Object { $_ -match '^DC1\s' })[0]
        $row | Should -Match ('\s' + [long]($vm.MemoryAssigned / 1MB) + '\s')
    }
    It 'Get-VMSwitch prints Name, SwitchType and NetAdapterInterfaceDescription' {
        Get-TableHeader { Get-VMSwitch } | Should -Be @('Name', 'SwitchType', 'NetAdapterInterfaceDescription')
    }
    It 'Get-VMSnapshot prints VMName, Name, SnapshotType, CreationTime and ParentSnapshotName' {
        Get-TableHeader { Get-VMSnapshot -VMName 'DC1' } | Should -Be @('VMName', 'Name', 'SnapshotType', 'CreationTime', 'ParentSnapshotName')
    }
    It 'Get-VMNetworkAdapter prints its real columns' {
        Get-TableHeader { Get-VMNetworkAdapter -VMName 'DC1' } | Should -Be @('Name', 'IsManagementOs', 'VMName', 'SwitchName', 'MacAddress', 'Status', 'IPAddresses')
    }
    It 'Get-VMHost prints MemoryCapacity(M)' {
        Get-TableHeader { Get-VMHost } | Should -Be @('Name', 'LogicalProcessorCount', 'MemoryCapacity(M)', 'VirtualMachineMigrationEnabled')
    }
}

@{
    RootModule = 'HyperdeskLabSource.psm1'
    ModuleVersion = '1.0.0'
    GUID = '3f0c8f5e-2b7a-4d0e-9a55-6a1f3f8b2c11'
    Author = 'Hyperdesk lab'
    Description = 'Hyperdesk lab: a simulated physical Windows source machine for P2V (Storage, BitLocker, CIM reads, Win32_Process.Create)'
    PowerShellVersion = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport = @('Get-Disk', 'Get-Partition', 'Get-Volume', 'Get-BitLockerVolume', 'Get-CimInstance', 'Invoke-CimMethod', 'Confirm-SecureBootUEFI')
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
}

# The lab's own controls: the lab clock and the faults a trainer or a test injects. Not a Microsoft module.
@{
    RootModule = 'HyperdeskLab.psm1'
    ModuleVersion = '1.0.0'
    GUID = '6f1c7d1e-5d0b-4c57-9a55-2b1f3d7e9c41'
    Author = 'Hyperdesk lab'
    Description = 'Controls of the Hyperdesk lab datacenter: the lab clock (Set-LabClock) and fault injection.'
    PowerShellVersion = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Listed by name, so typing Set-LabClock in a fresh lab terminal autoloads the module; each impl/*.ps1 names its
    # controls in $script:LabControls too, and test/lab/world.Tests.ps1 keeps the two lists equal.
    FunctionsToExport = @(
        'Get-LabClock', 'Set-LabClock',
        'Get-LabNetworkCut', 'Disconnect-LabNetwork', 'Connect-LabNetwork',
        'Stop-LabNode', 'Start-LabNode', 'Get-LabClusterEvent',
        'Stop-LabGuestService', 'Start-LabGuestService', 'Get-LabGuestService',
        'Disable-LabPhysicalDisk', 'Enable-LabPhysicalDisk'
    )
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
}

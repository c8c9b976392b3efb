# The lab's own controls: the lab clock and the faults a trainer or a test injects. Not a Microsoft module.
@{
    RootModule = 'HyperdeskLab.psm1'
    ModuleVersion = '1.0.0'
    GUID = '6f1c7d1e-5d0b-4c57-9a55-2b1f3d7e9c41'
    Author = 'Hyperdesk lab'
    Description = 'Controls of the Hyperdesk lab datacenter: the lab clock (Set-LabClock) and fault injection.'
    PowerShellVersion = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Every '*-Lab*' function of impl/*.ps1 is exported by the .psm1 (each fault domain adds its own file).
    FunctionsToExport = '*'
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
}

@{
    RootModule = 'LabCim.psm1'
    ModuleVersion = '1.0.0'
    GUID = '5d7cbb2e-8a4e-4c4b-9f0e-2b8f7a3d1c61'
    Author = 'Hyperdesk lab'
    Description = 'Hyperdesk lab: Get-CimInstance, Get-CimAssociatedInstance and Invoke-CimMethod for root\virtualization\v2; other namespaces go to the real CimCmdlets where they exist.'
    PowerShellVersion = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport = @('Get-CimInstance', 'Get-CimAssociatedInstance', 'Invoke-CimMethod')
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
}

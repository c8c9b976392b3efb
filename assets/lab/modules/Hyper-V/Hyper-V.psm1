# Hyperdesk lab: the Hyper-V module. Generated declarations (generated/) dispatch to the implementations
# in impl/; shared machinery (types loader, state store, dispatch) lives in ../../core.
Set-StrictMode -Version Latest

$script:LabCoreDir = Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'core'
. (Join-Path $script:LabCoreDir 'lab-types.ps1')
Import-LabTypes -Name 'lab-core' -SourceFiles @(Join-Path $script:LabCoreDir 'LabRuntime.cs') -ProbeType 'Hyperdesk.Lab.LabJob'
Import-LabTypes -Name 'hyper-v' -SourceFiles @(Join-Path $PSScriptRoot 'generated/Hyper-V.Types.cs') -ProbeType 'Microsoft.HyperV.PowerShell.VirtualMachine'
. (Join-Path $script:LabCoreDir 'lab-state.ps1')
. (Join-Path $script:LabCoreDir 'lab-world.ps1')
. (Join-Path $script:LabCoreDir 'lab-dispatch.ps1')
foreach ($f in [IO.Directory]::GetFiles((Join-Path $PSScriptRoot 'impl'), '*.ps1')) { . $f }
. (Join-Path $PSScriptRoot 'generated/Hyper-V.Commands.ps1')

# The lab's CIM functions come with the module, so they win over the real CimCmdlets once Hyper-V is loaded.
if ($null -eq (Get-Module -Name LabCim)) { Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'LabCim/LabCim.psd1') -Global }

$manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot 'Hyper-V.psd1')
Export-ModuleMember -Function $manifest.FunctionsToExport -Alias $manifest.AliasesToExport

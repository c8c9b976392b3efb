# Hyperdesk lab: the lab's own controls. Each impl/*.ps1 adds the controls of one domain (clock, network, nodes,
# disks, guests); they change the shared world through the same door as the simulated modules (core/lab-world.ps1).
Set-StrictMode -Version Latest

$script:LabCoreDir = Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'core'
. (Join-Path $script:LabCoreDir 'lab-types.ps1')
Import-LabTypes -Name 'lab-core' -SourceFiles @(Join-Path $script:LabCoreDir 'LabRuntime.cs') -ProbeType 'Hyperdesk.Lab.LabJob'
. (Join-Path $script:LabCoreDir 'lab-state.ps1')
. (Join-Path $script:LabCoreDir 'lab-world.ps1')
. (Join-Path $script:LabCoreDir 'lab-dispatch.ps1')
# Each impl file names the controls it adds in $script:LabControls; everything else is the lab's machinery.
$script:LabControls = [Collections.Generic.List[string]]::new()
foreach ($f in [IO.Directory]::GetFiles((Join-Path $PSScriptRoot 'impl'), '*.ps1')) { . $f }

Export-ModuleMember -Function $script:LabControls.ToArray()

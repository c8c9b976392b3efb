<#
  The VM picker of the checkpoint view: each VM on the host with its checkpoint count.
#>
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$list = New-Object System.Collections.ArrayList
foreach ($vm in @(Get-VM)) {
    [void]$list.Add([ordered]@{
        id              = ([guid]$vm.Id).ToString()
        name            = [string]$vm.Name
        state           = [string]$vm.State
        checkpointCount = @(Get-VMSnapshot -VM $vm).Count
    })
}
ConvertTo-Json -InputObject $list.ToArray() -Depth 3 -Compress

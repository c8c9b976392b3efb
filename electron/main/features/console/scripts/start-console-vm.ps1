<#
  The console's "Start" / "Resume" action: starts an Off or Saved VM, resumes a Paused one. Returns the new state.
#>
param(
    [Parameter(Mandatory = $true)][string]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]::Parse($VmId))
if ([string]$vm.State -eq 'Paused') { Resume-VM -VM $vm }
else { Start-VM -VM $vm }
$after = Get-VM -Id ([guid]::Parse($VmId))
return (@{ state = [string]$after.State } | ConvertTo-Json -Compress)

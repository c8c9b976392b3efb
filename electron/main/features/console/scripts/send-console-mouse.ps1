<#
  Mouse input through Msvm_SyntheticMouse (needs the guest's integration driver: EnabledState 2).
  Coordinates are absolute pixels in the guest's current resolution. Button 1 = left, 2 = right, 3 = middle.
#>
param(
    [Parameter(Mandatory = $true)][string]$VmId,
    [Parameter(Mandatory = $true)][int]$X,
    [Parameter(Mandatory = $true)][int]$Y,
    [Parameter(Mandatory = $true)][ValidateSet('move', 'click', 'down', 'up')][string]$Action,
    [ValidateRange(1, 5)][int]$Button = 1
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$guid = [guid]::Parse($VmId).ToString()
$ns = 'root\virtualization\v2'
$vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $guid)
if ($null -eq $vm) { throw "No virtual machine with id $guid on this host." }
$mouse = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_SyntheticMouse) | Select-Object -First 1
if ($null -eq $mouse -or [int]$mouse.EnabledState -ne 2) {
    return (@{ done = $false; reason = 'no-synthetic-mouse' } | ConvertTo-Json -Compress)
}
$r = Invoke-CimMethod -InputObject $mouse -MethodName SetAbsolutePosition -Arguments @{ horizontalPosition = [int]$X; verticalPosition = [int]$Y }
$rv = [int]$r.ReturnValue
if ($rv -eq 0 -and $Action -eq 'click') {
    $rv = [int](Invoke-CimMethod -InputObject $mouse -MethodName ClickButton -Arguments @{ buttonIndex = [uint32]$Button }).ReturnValue
}
elseif ($rv -eq 0 -and $Action -ne 'move') {
    $down = $Action -eq 'down'
    $rv = [int](Invoke-CimMethod -InputObject $mouse -MethodName SetButtonState -Arguments @{ buttonIndex = [uint32]$Button; isDown = $down }).ReturnValue
}
return (@{ done = ($rv -eq 0); returnValue = $rv } | ConvertTo-Json -Compress)

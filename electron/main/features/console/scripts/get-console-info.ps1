<#
  What the console needs once when it opens: the VM's name and state, resolution, keyboard (layout, Unicode)
  and whether the synthetic mouse is usable (EnabledState 2 = the guest runs its integration driver).
#>
param(
    [Parameter(Mandatory = $true)][string]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$guid = [guid]::Parse($VmId).ToString()
$ns = 'root\virtualization\v2'

$vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $guid)
if ($null -eq $vm) {
    return (@{ found = $false } | ConvertTo-Json -Compress)
}
$head = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_VideoHead) | Select-Object -First 1
$keyboard = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_Keyboard) | Select-Object -First 1
$mouse = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_SyntheticMouse) | Select-Object -First 1

$result = @{
    found          = $true
    name           = [string]$vm.ElementName
    enabledState   = [int]$vm.EnabledState
    width          = 0
    height         = 0
    keyboard       = $null -ne $keyboard
    unicode        = $false
    layout         = ''
    mouse          = $false
}
if ($null -ne $head) {
    $result.width = [int]$head.CurrentHorizontalResolution
    $result.height = [int]$head.CurrentVerticalResolution
}
if ($null -ne $keyboard) {
    $result.unicode = [bool]$keyboard.UnicodeSupported
    $result.layout = [string]$keyboard.Layout
}
if ($null -ne $mouse) { $result.mouse = ([int]$mouse.EnabledState -eq 2) }
return ($result | ConvertTo-Json -Compress)

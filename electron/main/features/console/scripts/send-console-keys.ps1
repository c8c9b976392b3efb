<#
  Types into a VM through Msvm_Keyboard. -OpsJson is data: a JSON array of
    {op:'text', s}            TypeText (ASCII; Unicode when the keyboard supports it)
    {op:'key', vk, mods:[vk]} PressKey each modifier, TypeKey vk, then ReleaseKey in reverse - always, even on error
    {op:'cad'}                TypeCtrlAltDel
  Returns how many ops succeeded and which text could not be typed (TypeText returns 1 for an untranslatable character).
#>
param(
    [Parameter(Mandatory = $true)][string]$VmId,
    [Parameter(Mandatory = $true)][string]$OpsJson
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$guid = [guid]::Parse($VmId).ToString()
$ns = 'root\virtualization\v2'
$ops = @($OpsJson | ConvertFrom-Json)

$vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $guid)
if ($null -eq $vm) { throw "No virtual machine with id $guid on this host." }
$keyboard = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_Keyboard) | Select-Object -First 1
if ($null -eq $keyboard) { throw "The virtual machine $guid has no keyboard device." }

function Invoke-Key([string]$Method, [hashtable]$Arguments) {
    $r = Invoke-CimMethod -InputObject $keyboard -MethodName $Method -Arguments $Arguments
    return [int]$r.ReturnValue
}

$sent = 0
$notSent = New-Object System.Collections.ArrayList
foreach ($op in $ops) {
    switch ([string]$op.op) {
        'text' {
            $rv = Invoke-Key 'TypeText' @{ asciiText = [string]$op.s }
            if ($rv -eq 0) { $sent++ } else { [void]$notSent.Add([string]$op.s) }
        }
        'key' {
            $pressed = New-Object System.Collections.ArrayList
            try {
                foreach ($m in @($op.mods)) {
                    $rv = Invoke-Key 'PressKey' @{ keyCode = [uint32]$m }
                    if ($rv -ne 0) { throw "PressKey $m returned $rv" }
                    [void]$pressed.Add([uint32]$m)
                }
                $rv = Invoke-Key 'TypeKey' @{ keyCode = [uint32]$op.vk }
                if ($rv -eq 0) { $sent++ } else { [void]$notSent.Add(('key {0}' -f $op.vk)) }
            }
            finally {
                # A modifier left down would turn every later key into a shortcut inside the guest.
                for ($i = $pressed.Count - 1; $i -ge 0; $i--) {
                    [void](Invoke-CimMethod -InputObject $keyboard -MethodName ReleaseKey -Arguments @{ keyCode = $pressed[$i] })
                }
            }
        }
        'cad' {
            $rv = Invoke-Key 'TypeCtrlAltDel' @{}
            if ($rv -eq 0) { $sent++ } else { [void]$notSent.Add('Ctrl+Alt+Del') }
        }
        default { throw ('Unknown keyboard op: {0}' -f $op.op) }
    }
}
return (@{ sent = $sent; notSent = $notSent.ToArray() } | ConvertTo-Json -Compress)

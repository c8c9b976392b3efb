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

function Resolve-ConsoleKeyboard([string]$Guid) {
    $vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $Guid)
    if ($null -eq $vm) { throw "No virtual machine with id $Guid on this host." }
    $found = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_Keyboard)
    if ($found.Count -eq 0) { throw "The virtual machine $Guid has no keyboard device." }
    return $found[0]
}

# Typing is latency-sensitive (input-to-echo): the VM's Msvm_Keyboard instance is kept in a global cache of the
# session's runspace (keyed by VM id, re-resolved after $RevalidateMs), so a key press is one Invoke-CimMethod.
$RevalidateMs = 10000
if (-not (Test-Path -LiteralPath 'variable:global:HyperdeskConsoleKeyboardCache')) { $global:HyperdeskConsoleKeyboardCache = @{} }
$kbCache = $global:HyperdeskConsoleKeyboardCache
$now = [DateTime]::UtcNow
$cached = $kbCache[$guid]
# One holder the functions below update in place (a fresh instance replaces a stale one for the later ops).
$kb = @{ Instance = $null; Fresh = $true }
if ($null -ne $cached -and ($now - $cached.CheckedAt).TotalMilliseconds -lt $RevalidateMs) {
    $kb.Instance = $cached.Keyboard
    $kb.Fresh = $false
} else {
    $kb.Instance = Resolve-ConsoleKeyboard $guid
    foreach ($k in @($kbCache.Keys)) { if (($now - $kbCache[$k].CheckedAt).TotalMinutes -gt 5) { $kbCache.Remove($k) } }
    $kbCache[$guid] = @{ Keyboard = $kb.Instance; CheckedAt = $now }
}

function Invoke-Key([string]$Method, [hashtable]$Arguments) {
    try { $r = Invoke-CimMethod -InputObject $kb.Instance -MethodName $Method -Arguments $Arguments }
    catch {
        # A cached instance that went stale (VM deleted or re-created, host service restarted) throws before the
        # key reaches the guest: resolve the keyboard afresh and send once more. A fresh instance's error stands.
        if ($kb.Fresh) { throw }
        $kbCache.Remove($guid)
        $kb.Instance = Resolve-ConsoleKeyboard $guid
        $kb.Fresh = $true
        $kbCache[$guid] = @{ Keyboard = $kb.Instance; CheckedAt = [DateTime]::UtcNow }
        $r = Invoke-CimMethod -InputObject $kb.Instance -MethodName $Method -Arguments $Arguments
    }
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
                    [void](Invoke-CimMethod -InputObject $kb.Instance -MethodName ReleaseKey -Arguments @{ keyCode = $pressed[$i] })
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

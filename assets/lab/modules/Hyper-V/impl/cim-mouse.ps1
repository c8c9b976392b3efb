# Hyperdesk lab: Msvm_SyntheticMouse methods (added by the console work, beside L's cim-console.ps1).
# The lab has no pointer to draw, so the mouse keeps its absolute position and button states in the VM's
# console record (kept in its console file, see cim-console-store.ps1); a real host would move the guest's
# cursor. Return codes follow the CIM convention (0 ok, 32773 invalid parameter, 32775 invalid state).

function Invoke-LabMouse($InputObject, [string]$MethodName, $Arguments) {
    $vmId = ([string]$InputObject.SystemName).ToLowerInvariant()
    $s0 = Get-LabState
    $vm0 = Find-LabVMRecord $s0 $vmId
    if ($null -eq $vm0 -or (Get-LabVMState $vm0 (Get-LabNowMs)) -ne 'Running') { return New-LabCimResult 32775 $null }
    if ($MethodName -eq 'GetButtonState') {
        $down = $false
        $m0 = (Get-LabConsole $vm0)['mouse']
        if ($null -ne $m0) { $down = [bool]$m0['buttons'][[string][int]$Arguments['buttonIndex']] }
        return New-LabCimResult 0 @{ buttonState = $down }
    }
    if ($MethodName -notin @('SetAbsolutePosition', 'ClickButton', 'SetButtonState', 'SetScrollPosition')) {
        throw [NotImplementedException]::new("The method Msvm_SyntheticMouse.$MethodName is not simulated in the lab.")
    }
    $button = 0
    if ($null -ne $Arguments['buttonIndex']) {
        $button = [int]$Arguments['buttonIndex']
        if ($button -lt 1 -or $button -gt 5) { return New-LabCimResult 32773 $null }
    }
    $done = Update-LabConsole $vmId {
        param($c)
        if ($null -eq $c['mouse']) { $c['mouse'] = @{ x = 0; y = 0; scroll = 0; clicks = 0; buttons = @{} } }
        $m = $c['mouse']
        switch ($MethodName) {
            'SetAbsolutePosition' { $m['x'] = [int]$Arguments['horizontalPosition']; $m['y'] = [int]$Arguments['verticalPosition'] }
            'ClickButton' { $m['clicks'] = [int]$m['clicks'] + 1 }
            'SetButtonState' { $m['buttons'][[string]$button] = [bool]$Arguments['isDown'] }
            'SetScrollPosition' { $m['scroll'] = [int]$Arguments['scrollPosition'] }
        }
    }
    if (-not $done) { return New-LabCimResult 32775 $null }   # the VM was removed meanwhile
    return New-LabCimResult 0 $null
}

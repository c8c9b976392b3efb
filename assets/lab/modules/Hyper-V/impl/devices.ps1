# Hard disk drives, DVD drives, network adapters, firmware and integration services of a VM (TPM: security.ps1).
Set-StrictMode -Version Latest

function Get-LabDriveSlots($Vm) {
    $used = @{}
    foreach ($d in @($Vm['hardDrives']) + @($Vm['dvdDrives'])) { $used['{0}/{1}/{2}' -f $d['controllerType'], $d['controllerNumber'], $d['controllerLocation']] = $true }
    return $used
}

# Picks a free slot like Hyper-V: first free location on the requested (or first) controller.
function Select-LabDriveSlot($Inv, $Vm, $Type, $Number, $Location) {
    $gen = [int]$Vm['generation']
    if ($null -eq $Type) { if ($gen -eq 2) { $Type = 'SCSI' } else { $Type = 'IDE' } }
    $Type = [string]$Type
    if ($gen -eq 2 -and $Type -eq 'IDE') { Stop-LabCmdlet $Inv "Failed to add device '$Type controller'.`nGeneration 2 virtual machines have no IDE controller." 'InvalidParameter' InvalidArgument ([string]$Vm['name']) }
    $maxN = 4; $maxL = 64
    if ($Type -eq 'IDE') { $maxN = 2; $maxL = 2 }
    $used = Get-LabDriveSlots $Vm
    $ns = @(0..($maxN - 1)); if ($null -ne $Number) { $ns = @([int]$Number) }
    foreach ($n in $ns) {
        $ls = @(0..($maxL - 1)); if ($null -ne $Location) { $ls = @([int]$Location) }
        foreach ($l in $ls) { if (-not $used.ContainsKey("$Type/$n/$l")) { return @{ controllerType = $Type; controllerNumber = $n; controllerLocation = $l } } }
    }
    Stop-LabCmdlet $Inv "Failed to add device '$Type'.`nThe requested controller location is in use or there is no free location." 'InvalidParameter' ResourceExists ([string]$Vm['name'])
}

function Assert-LabHotPlug($Inv, $Vm, [string]$ControllerType) {
    if ($ControllerType -ne 'SCSI' -and (Test-LabVMActive (Get-LabVMState $Vm (Get-LabNowMs)))) {
        Stop-LabCmdlet $Inv "Failed to modify devices of '$($Vm['name'])'.`nIDE devices can only be changed while the virtual machine is off." 'InvalidState' InvalidOperation ([string]$Vm['name'])
    }
}

function Find-LabDrive($List, $Type, $Number, $Location) {
    foreach ($d in $List) {
        if (($null -eq $Type -or $d['controllerType'] -eq [string]$Type) -and ($null -eq $Number -or [int]$d['controllerNumber'] -eq [int]$Number) -and ($null -eq $Location -or [int]$d['controllerLocation'] -eq [int]$Location)) { return $d }
    }
    return $null
}

# --- hard disk drives ---
Register-LabImpl 'Get-VMHardDiskDrive' {
    param($Inv, $B)
    if ($B.ContainsKey('VMDriveController')) { Stop-LabCmdlet $Inv 'Get-VMHardDiskDrive -VMDriveController is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    Invoke-LabComponentGet $Inv $B {
        param($s, $vm, $rec, $snap)
        foreach ($d in $rec['hardDrives']) {
            if ($B.ContainsKey('ControllerType') -and $null -ne $B['ControllerType'] -and $d['controllerType'] -ne [string]$B['ControllerType']) { continue }
            if ($B.ContainsKey('ControllerNumber') -and $null -ne $B['ControllerNumber'] -and [int]$d['controllerNumber'] -ne $B['ControllerNumber']) { continue }
            if ($B.ContainsKey('ControllerLocation') -and $null -ne $B['ControllerLocation'] -and [int]$d['controllerLocation'] -ne $B['ControllerLocation']) { continue }
            New-LabHddObject $vm $d $snap ([string]$s['host']['name'])
        }
    }
}

Register-LabImpl 'Add-VMHardDiskDrive' {
    param($Inv, $B)
    if ($B.ContainsKey('VMDriveController') -or $B.ContainsKey('DiskNumber')) { Stop-LabCmdlet $Inv 'Add-VMHardDiskDrive with -VMDriveController or a pass-through -DiskNumber is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $s0 = Get-LabState
    $path = $null
    if ($B.ContainsKey('Path') -and $B['Path']) {
        $path = Resolve-LabPath $s0 ([string]$B['Path']) $null
        if (-not [IO.File]::Exists($path)) { Stop-LabCmdlet $Inv "Failed to add device 'Virtual Hard Disk'.`nThe system cannot find the file specified: '$path'." 'ObjectNotFound' ObjectNotFound $path }
    }
    foreach ($t in (Resolve-LabVMs $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Add-VMHardDiskDrive')) { continue }
        $targetId = [string]$t['id']
        $slot = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            $ct = $null; $cn = $null; $cl = $null
            if ($B.ContainsKey('ControllerType')) { $ct = $B['ControllerType'] }
            if ($B.ContainsKey('ControllerNumber')) { $cn = $B['ControllerNumber'] }
            if ($B.ContainsKey('ControllerLocation')) { $cl = $B['ControllerLocation'] }
            $slot = Select-LabDriveSlot $Inv $vm $ct $cn $cl
            Assert-LabHotPlug $Inv $vm $slot.controllerType
            if ($null -ne $path) {
                $other = Test-LabVhdAttached $s $path
                if ($null -ne $other) { Stop-LabCmdlet $Inv "Failed to add device 'Virtual Hard Disk'.`nThe disk '$path' is already attached to '$($other['name'])'." 'InvalidParameter' ResourceBusy $path }
                if ($null -eq (Get-LabVhdRecord $s $path)) { New-LabVhdFile $s $path 0 'Dynamic' $null -NoFile | Out-Null }
            }
            $slot['path'] = $path
            $null = $vm['hardDrives'].Add($slot)
            return $slot
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; $vm1 = Find-LabVMRecord $s1 $targetId; New-LabHddObject $vm1 (Find-LabDrive $vm1['hardDrives'] $slot.controllerType $slot.controllerNumber $slot.controllerLocation) $null ([string]$s1['host']['name']) }
    }
}

function Get-LabDriveTargets($Inv, $B, [string]$ObjParam, [string]$ListKey) {
    # (vmId, controllerType, number, location) of each drive named by object or by VMName + position.
    $out = @()
    if ($B.ContainsKey($ObjParam)) {
        foreach ($o in @($B[$ObjParam])) { $out += @{ vmId = [string]$o.VMId; type = [string]$o.ControllerType; number = $o.ControllerNumber; location = $o.ControllerLocation } }
        return $out
    }
    $s = Get-LabState
    foreach ($vm in (Resolve-LabVMs $Inv @{ VMName = $B['VMName'] } $s)) {
        $type = $null
        if ($B.ContainsKey('ControllerType')) { $type = [string]$B['ControllerType'] }
        if ($ListKey -eq 'dvdDrives' -and $null -eq $type) { if ([int]$vm['generation'] -eq 2) { $type = 'SCSI' } else { $type = 'IDE' } }
        $d = Find-LabDrive $vm[$ListKey] $type $B['ControllerNumber'] $B['ControllerLocation']
        if ($null -eq $d) { Stop-LabCmdlet $Inv "No drive was found at the given controller location on '$($vm['name'])'." 'ObjectNotFound' ObjectNotFound ([string]$vm['name']) }
        $out += @{ vmId = [string]$vm['id']; type = [string]$d['controllerType']; number = [int]$d['controllerNumber']; location = [int]$d['controllerLocation'] }
    }
    return $out
}

Register-LabImpl 'Remove-VMHardDiskDrive' {
    param($Inv, $B)
    foreach ($t in (Get-LabDriveTargets $Inv $B 'VMHardDiskDrive' 'hardDrives')) {
        if (-not $Inv.Cmdlet.ShouldProcess("$($t.type) $($t.number):$($t.location)", 'Remove-VMHardDiskDrive')) { continue }
        Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            $d = Find-LabDrive $vm['hardDrives'] $t.type $t.number $t.location
            if ($null -eq $d) { Stop-LabCmdlet $Inv 'The hard disk drive no longer exists.' 'ObjectNotFound' ObjectNotFound $null }
            Assert-LabHotPlug $Inv $vm $t.type
            $vm['hardDrives'].Remove($d)
        }
    }
}

Register-LabImpl 'Set-VMHardDiskDrive' {
    param($Inv, $B)
    foreach ($t in (Get-LabDriveTargets $Inv $B 'VMHardDiskDrive' 'hardDrives')) {
        if (-not $Inv.Cmdlet.ShouldProcess("$($t.type) $($t.number):$($t.location)", 'Set-VMHardDiskDrive')) { continue }
        $final = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            $d = Find-LabDrive $vm['hardDrives'] $t.type $t.number $t.location
            if ($B.ContainsKey('Path')) {
                $p = Resolve-LabPath $s ([string]$B['Path']) $null
                if (-not [IO.File]::Exists($p)) { Stop-LabCmdlet $Inv "The system cannot find the file specified: '$p'." 'ObjectNotFound' ObjectNotFound $p }
                Assert-LabHotPlug $Inv $vm $t.type
                $d['path'] = $p
            }
            if ($B.ContainsKey('ToControllerType') -or $B.ContainsKey('ToControllerNumber') -or $B.ContainsKey('ToControllerLocation')) {
                Assert-LabHotPlug $Inv $vm 'IDE'
                $vm['hardDrives'].Remove($d)
                $slot = Select-LabDriveSlot $Inv $vm $B['ToControllerType'] $B['ToControllerNumber'] $B['ToControllerLocation']
                $slot['path'] = $d['path']
                $null = $vm['hardDrives'].Add($slot)
                $d = $slot
            }
            return $d
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabHddObject (Find-LabVMRecord $s1 $t.vmId) $final $null ([string]$s1['host']['name']) }
    }
}

# --- DVD drives ---
Register-LabImpl 'Get-VMDvdDrive' {
    param($Inv, $B)
    if ($B.ContainsKey('VMDriveController')) { Stop-LabCmdlet $Inv 'Get-VMDvdDrive -VMDriveController is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    Invoke-LabComponentGet $Inv $B {
        param($s, $vm, $rec, $snap)
        foreach ($d in $rec['dvdDrives']) {
            if ($B.ContainsKey('ControllerNumber') -and $null -ne $B['ControllerNumber'] -and [int]$d['controllerNumber'] -ne $B['ControllerNumber']) { continue }
            if ($B.ContainsKey('ControllerLocation') -and $null -ne $B['ControllerLocation'] -and [int]$d['controllerLocation'] -ne $B['ControllerLocation']) { continue }
            New-LabDvdObject $vm $d $snap ([string]$s['host']['name'])
        }
    }
}

function Assert-LabIso($Inv, $State, $Path) {
    if ([string]::IsNullOrEmpty([string]$Path)) { return $null }
    $p = Resolve-LabPath $State ([string]$Path) (Get-Location).Path
    if (-not [IO.File]::Exists($p)) { Stop-LabCmdlet $Inv "Failed to add device 'Virtual CD/DVD Disk'.`nThe system cannot find the file specified: '$p'." 'ObjectNotFound' ObjectNotFound $p }
    return $p
}

Register-LabImpl 'Add-VMDvdDrive' {
    param($Inv, $B)
    if ($B.ContainsKey('VMDriveController')) { Stop-LabCmdlet $Inv 'Add-VMDvdDrive -VMDriveController is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $s0 = Get-LabState
    $iso = Assert-LabIso $Inv $s0 $B['Path']
    foreach ($t in (Resolve-LabVMs $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Add-VMDvdDrive')) { continue }
        $targetId = [string]$t['id']
        $slot = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            $slot = Select-LabDriveSlot $Inv $vm $null $B['ControllerNumber'] $B['ControllerLocation']
            Assert-LabHotPlug $Inv $vm $slot.controllerType
            $slot['path'] = $iso
            $null = $vm['dvdDrives'].Add($slot)
            return $slot
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabDvdObject (Find-LabVMRecord $s1 $targetId) $slot $null ([string]$s1['host']['name']) }
    }
}

Register-LabImpl 'Set-VMDvdDrive' {
    param($Inv, $B)
    $s0 = Get-LabState
    $iso = $null
    if ($B.ContainsKey('Path')) { $iso = Assert-LabIso $Inv $s0 $B['Path'] }
    foreach ($t in (Get-LabDriveTargets $Inv $B 'VMDvdDrive' 'dvdDrives')) {
        if (-not $Inv.Cmdlet.ShouldProcess("$($t.type) $($t.number):$($t.location)", 'Set-VMDvdDrive')) { continue }
        $final = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            $d = Find-LabDrive $vm['dvdDrives'] $t.type $t.number $t.location
            if ($B.ContainsKey('Path')) { $d['path'] = $iso }   # -Path $null ejects the media
            if ($B.ContainsKey('ToControllerNumber') -or $B.ContainsKey('ToControllerLocation')) {
                Assert-LabHotPlug $Inv $vm 'IDE'
                $vm['dvdDrives'].Remove($d)
                $slot = Select-LabDriveSlot $Inv $vm $t.type $B['ToControllerNumber'] $B['ToControllerLocation']
                $slot['path'] = $d['path']
                $null = $vm['dvdDrives'].Add($slot)
                $d = $slot
            }
            return $d
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabDvdObject (Find-LabVMRecord $s1 $t.vmId) $final $null ([string]$s1['host']['name']) }
    }
}

Register-LabImpl 'Remove-VMDvdDrive' {
    param($Inv, $B)
    foreach ($t in (Get-LabDriveTargets $Inv $B 'VMDvdDrive' 'dvdDrives')) {
        if (-not $Inv.Cmdlet.ShouldProcess("$($t.type) $($t.number):$($t.location)", 'Remove-VMDvdDrive')) { continue }
        Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            $d = Find-LabDrive $vm['dvdDrives'] $t.type $t.number $t.location
            Assert-LabHotPlug $Inv $vm $t.type
            $vm['dvdDrives'].Remove($d)
        }
    }
}

# --- network adapters ---
function New-LabManagementOsNic($State, $Sw) {
    $o = [Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter]::new()
    $o.Name = [string]$Sw['name']
    $o.SwitchName = [string]$Sw['name']
    $o.SwitchId = [Guid]$Sw['id']
    $o.IsManagementOs = $true
    $o.Id = 'Microsoft:{0}' -f ([string]$Sw['id']).ToUpperInvariant()
    $o.ComputerName = [string]$State['host']['name']
    return $o
}

Register-LabImpl 'Get-VMNetworkAdapter' {
    param($Inv, $B)
    $s = Get-LabState
    $set = $Inv.Cmdlet.ParameterSetName
    $pat = $null
    if ($B.ContainsKey('Name') -and $B['Name']) { $pat = [Management.Automation.WildcardPattern]::new([string]$B['Name'], [Management.Automation.WildcardOptions]::IgnoreCase) }
    if ($set -eq 'ManagementOS' -or $set -eq 'All') {
        foreach ($sw in $s['switches']) {
            if ($sw['switchType'] -eq 'Private' -or ($sw['switchType'] -eq 'External' -and -not $sw['allowManagementOS'])) { continue }
            if ($B.ContainsKey('SwitchName') -and $sw['name'] -ne $B['SwitchName']) { continue }
            if ($null -ne $pat -and -not $pat.IsMatch([string]$sw['name'])) { continue }
            New-LabManagementOsNic $s $sw
        }
        if ($set -eq 'ManagementOS') { return }
        $B = @{}
    }
    Invoke-LabComponentGet $Inv $B {
        param($s, $vm, $rec, $snap)
        $cached = Get-LabCachedVMParts $s $vm $snap
        $live = $null
        if ($null -eq $cached) { $live = (Get-LabLive $s['host'] $vm (Get-LabNowMs)).State }
        $i = -1
        foreach ($n in $rec['networkAdapters']) {
            $i++
            if ($null -ne $pat -and -not $pat.IsMatch([string]$n['name'])) { continue }
            if ($B.ContainsKey('IsLegacy') -and [bool]$n['isLegacy'] -ne [bool]$B['IsLegacy']) { continue }
            if ($null -ne $cached) { [Hyperdesk.Lab.LabUtil]::CloneOutput($cached.NetworkAdapters[$i]); continue }
            New-LabNicObject $s $vm $n $snap ([string]$s['host']['name']) $live
        }
    }
}

function Assert-LabSwitchExists($Inv, $State, [string]$Name) {
    foreach ($sw in $State['switches']) { if ($sw['name'] -eq $Name) { return } }
    Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual switch with name `"$Name`"." 'InvalidParameter' ObjectNotFound $Name
}

Register-LabImpl 'Add-VMNetworkAdapter' {
    param($Inv, $B)
    if ($B.ContainsKey('ManagementOS') -and $B['ManagementOS']) { Stop-LabCmdlet $Inv 'Add-VMNetworkAdapter -ManagementOS is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $s0 = Get-LabState
    $sw = $null
    if ($B.ContainsKey('SwitchName') -and $B['SwitchName']) { $sw = [string]$B['SwitchName']; Assert-LabSwitchExists $Inv $s0 $sw }
    $legacy = $B.ContainsKey('IsLegacy') -and [bool]$B['IsLegacy']
    $name = 'Network Adapter'
    if ($legacy) { $name = 'Legacy Network Adapter' }
    if ($B.ContainsKey('Name') -and $B['Name']) { $name = [string]$B['Name'] }
    foreach ($t in (Resolve-LabVMs $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Add-VMNetworkAdapter')) { continue }
        $targetId = [string]$t['id']
        $nicId = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            if ($legacy -and [int]$vm['generation'] -eq 2) { Stop-LabCmdlet $Inv 'Generation 2 virtual machines do not support legacy network adapters.' 'InvalidParameter' InvalidArgument ([string]$vm['name']) }
            if ($legacy -and (Test-LabVMActive (Get-LabVMState $vm (Get-LabNowMs)))) { Assert-LabHotPlug $Inv $vm 'IDE' }
            # Hot add of a synthetic adapter is a generation 2 feature: a running generation 1 VM refuses it.
            if (-not $legacy -and [int]$vm['generation'] -eq 1 -and (Test-LabVMActive (Get-LabVMState $vm (Get-LabNowMs)))) {
                Stop-LabCmdlet $Inv "Failed to add device 'Synthetic Ethernet Port'.`nNetwork adapters can be added to a running virtual machine of generation 2 only; turn '$($vm['name'])' off first." 'InvalidState' InvalidOperation ([string]$vm['name'])
            }
            $nic = New-LabNicRecord $s $vm $name $sw $legacy
            if ($B.ContainsKey('StaticMacAddress') -and $B['StaticMacAddress']) { $nic['macAddress'] = ([string]$B['StaticMacAddress']).Replace('-', '').Replace(':', '').ToUpperInvariant(); $nic['dynamicMac'] = $false }
            $null = $vm['networkAdapters'].Add($nic)
            return [string]$nic['id']
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) {
            $s1 = Get-LabState; $vm1 = Find-LabVMRecord $s1 $targetId
            foreach ($n in $vm1['networkAdapters']) { if ($n['id'] -eq $nicId) { New-LabNicObject $s1 $vm1 $n $null ([string]$s1['host']['name']) (Get-LabVMState $vm1 (Get-LabNowMs)) } }
        }
    }
}

function Get-LabNicTargets($Inv, $B, [string]$ObjParam) {
    $out = @()
    if ($B.ContainsKey($ObjParam)) {
        foreach ($o in @($B[$ObjParam])) {
            if ($o.IsManagementOs) { Stop-LabCmdlet $Inv 'Management OS adapters are not simulated here.' 'NotSimulatedInLab' NotImplemented $o }
            $out += @{ vmId = [string]$o.VMId; id = [string]$o.Id }
        }
        return $out
    }
    $s = Get-LabState
    $vmB = @{}
    if ($B.ContainsKey('VM')) { $vmB['VM'] = $B['VM'] } else { $vmB['VMName'] = $B['VMName'] }
    foreach ($vm in (Resolve-LabVMs $Inv $vmB $s)) {
        foreach ($n in $vm['networkAdapters']) {
            if ($B.ContainsKey('Name') -and $B['Name']) {
                $ok = $false
                foreach ($nm in @($B['Name'])) { if (([Management.Automation.WildcardPattern]::new([string]$nm, [Management.Automation.WildcardOptions]::IgnoreCase)).IsMatch([string]$n['name'])) { $ok = $true } }
                if (-not $ok) { continue }
            }
            $out += @{ vmId = [string]$vm['id']; id = [string]$n['id'] }
        }
    }
    return $out
}

function Set-LabNicSwitch($Inv, $B, [string]$ObjParam, $SwitchName, [string]$Action) {
    foreach ($t in (Get-LabNicTargets $Inv $B $ObjParam)) {
        if (-not $Inv.Cmdlet.ShouldProcess($t.id, $Action)) { continue }
        Update-LabState {
            param($s)
            if ($null -ne $SwitchName) { Assert-LabSwitchExists $Inv $s $SwitchName }
            $vm = Find-LabVMRecord $s $t.vmId
            foreach ($n in $vm['networkAdapters']) { if ($n['id'] -eq $t.id) { $n['switchName'] = $SwitchName } }
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) {
            $s1 = Get-LabState; $vm1 = Find-LabVMRecord $s1 $t.vmId
            foreach ($n in $vm1['networkAdapters']) { if ($n['id'] -eq $t.id) { New-LabNicObject $s1 $vm1 $n $null ([string]$s1['host']['name']) (Get-LabVMState $vm1 (Get-LabNowMs)) } }
        }
    }
}

Register-LabImpl 'Connect-VMNetworkAdapter' {
    param($Inv, $B)
    if ($B.ContainsKey('UseAutomaticConnection')) { Stop-LabCmdlet $Inv 'Connect-VMNetworkAdapter -UseAutomaticConnection (resource pools) is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    $sw = $null
    if ($B.ContainsKey('VMSwitch')) { $sw = [string]$B['VMSwitch'].Name } else { $sw = [string]$B['SwitchName'] }
    Set-LabNicSwitch $Inv $B 'VMNetworkAdapter' $sw 'Connect-VMNetworkAdapter'
}

Register-LabImpl 'Disconnect-VMNetworkAdapter' { param($Inv, $B) Set-LabNicSwitch $Inv $B 'VMNetworkAdapter' $null 'Disconnect-VMNetworkAdapter' }

Register-LabImpl 'Remove-VMNetworkAdapter' {
    param($Inv, $B)
    if ($B.ContainsKey('ManagementOS')) { Stop-LabCmdlet $Inv 'Remove-VMNetworkAdapter -ManagementOS is not simulated in the lab.' 'NotSimulatedInLab' NotImplemented $null }
    foreach ($t in (Get-LabNicTargets $Inv $B 'VMNetworkAdapter')) {
        if (-not $Inv.Cmdlet.ShouldProcess($t.id, 'Remove-VMNetworkAdapter')) { continue }
        Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            foreach ($n in @($vm['networkAdapters'])) {
                if ($n['id'] -ne $t.id) { continue }
                if ($n['isLegacy']) { Assert-LabHotPlug $Inv $vm 'IDE' }
                elseif ((Test-LabVMActive (Get-LabVMState $vm (Get-LabNowMs))) -and [int]$vm['generation'] -eq 1) { Assert-LabHotPlug $Inv $vm 'IDE' }
                $vm['networkAdapters'].Remove($n)
            }
        }
    }
}

# --- firmware (generation 2), integration services ---
function Assert-LabGen2($Inv, $Vm) {
    if ([int]$Vm['generation'] -ne 2) { Stop-LabCmdlet $Inv "The virtual machine '$($Vm['name'])' is a generation 1 virtual machine: firmware settings apply to generation 2 only (use Get-VMBios/Set-VMBios)." 'InvalidParameter' InvalidArgument ([string]$Vm['name']) }
}

function New-LabFirmwareObject($State, $Vm, $Rec, $Snap) {
    $cn = [string]$State['host']['name']
    $fw = $Rec['firmware']
    $o = [Microsoft.HyperV.PowerShell.VMFirmware]::new()
    $o.SecureBoot = [string]$fw['secureBoot']
    $o.SecureBootTemplate = [string]$fw['secureBootTemplate']
    $tid = @{ MicrosoftWindows = '1734c6e8-3154-4dda-ba5f-a874cc483422'; MicrosoftUEFICertificateAuthority = '272e7447-90a4-4563-a4b9-8e4ab00526ce'; OpenSourceShieldedVM = '4292ae2b-ee2c-42b5-a969-dd8f8689f6f3' }
    if ($tid.ContainsKey($o.SecureBootTemplate)) { $o.SecureBootTemplateId = [Guid]$tid[$o.SecureBootTemplate] }
    $o.PreferredNetworkBootProtocol = [string]$fw['preferredNetworkBootProtocol']
    $o.ConsoleMode = 'Default'
    $o.PauseAfterBootFailure = 'Off'
    $o.BootOrder = [Microsoft.HyperV.PowerShell.VMBootSource[]]@(Get-LabBootOrder $State $Vm $Rec $Snap)
    Set-LabComponentIds $o $Vm $Snap $cn
    return $o
}

# Boot entries: the order recorded by Set-VMFirmware (device ids), else DVD, disks, then network.
function Get-LabBootOrder($State, $Vm, $Rec, $Snap) {
    $cn = [string]$State['host']['name']
    $devices = @()
    foreach ($d in $Rec['dvdDrives']) { $devices += (New-LabDvdObject $Vm $d $Snap $cn) }
    foreach ($d in $Rec['hardDrives']) { $devices += (New-LabHddObject $Vm $d $Snap $cn) }
    foreach ($n in $Rec['networkAdapters']) { $devices += (New-LabNicObject $State $Vm $n $Snap $cn 'Off') }
    $order = $Rec['firmware']['bootOrder']
    if ($null -ne $order) {
        $sorted = @()
        foreach ($id in $order) { $sorted += @($devices | Where-Object { $_.Id -eq $id }) }
        foreach ($d in $devices) { if ($sorted -notcontains $d) { $sorted += $d } }
        $devices = $sorted
    } elseif ($Rec['firmware']['firstBoot'] -eq 'NetworkAdapter') {
        $devices = @($devices | Where-Object { $_ -is [Microsoft.HyperV.PowerShell.VMNetworkAdapter] }) + @($devices | Where-Object { $_ -isnot [Microsoft.HyperV.PowerShell.VMNetworkAdapter] })
    } elseif ($Rec['firmware']['firstBoot'] -eq 'VHD') {
        $devices = @($devices | Where-Object { $_ -is [Microsoft.HyperV.PowerShell.HardDiskDrive] }) + @($devices | Where-Object { $_ -isnot [Microsoft.HyperV.PowerShell.HardDiskDrive] })
    }
    foreach ($d in $devices) {
        $b = [Microsoft.HyperV.PowerShell.VMBootSource]::new()
        $b.Device = $d
        $b.Name = $d.Name
        $b.Id = $d.Id
        if ($d -is [Microsoft.HyperV.PowerShell.VMNetworkAdapter]) { $b.BootType = 'Network'; $b.Description = 'EFI Network (' + $d.Name + ')' }
        else { $b.BootType = 'Drive'; $b.Description = 'EFI SCSI Device' }
        $b.FirmwarePath = '\AcpiEx(VMBus,0,0)\VenHw(9B17E5A2-0891-42DD-B653-80B5C22809BA,' + (Get-LabHash $d.Id) + ')'
        Set-LabComponentIds $b $Vm $Snap $cn
        $b
    }
}

Register-LabImpl 'Get-VMFirmware' {
    param($Inv, $B)
    Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) Assert-LabGen2 $Inv $vm; New-LabFirmwareObject $s $vm $rec $snap }
}

Register-LabImpl 'Set-VMFirmware' {
    param($Inv, $B)
    if ($B.ContainsKey('VMFirmware')) { $B = Get-LabTargetsFromComponents $B 'VMFirmware' }
    $templates = @('MicrosoftWindows', 'MicrosoftUEFICertificateAuthority', 'OpenSourceShieldedVM')
    if ($B.ContainsKey('SecureBootTemplate') -and [string]$B['SecureBootTemplate'] -notin $templates) { Stop-LabCmdlet $Inv "The secure boot template '$($B['SecureBootTemplate'])' does not exist on this host." 'InvalidParameter' InvalidArgument $B['SecureBootTemplate'] }
    $ids = $null
    if ($B.ContainsKey('BootOrder')) { $ids = @($B['BootOrder'] | ForEach-Object { if ($_ -is [Microsoft.HyperV.PowerShell.VMBootSource]) { $_.Device.Id } else { $_.Id } }) }
    if ($B.ContainsKey('FirstBootDevice')) { $ids = @($B['FirstBootDevice'].Id) }
    Invoke-LabVMChange $Inv $B 'Set-VMFirmware' {
        param($vm, $s, $now)
        Assert-LabGen2 $Inv $vm
        $fw = $vm['firmware']
        $off = -not (Test-LabVMActive (Get-LabVMState $vm $now))
        if ($B.ContainsKey('EnableSecureBoot') -and $null -ne $B['EnableSecureBoot']) { if (-not $off) { Assert-LabVMOff $Inv $vm 'secure boot' }; $fw['secureBoot'] = [string]$B['EnableSecureBoot'] }
        if ($B.ContainsKey('SecureBootTemplate')) { if (-not $off) { Assert-LabVMOff $Inv $vm 'the secure boot template' }; $fw['secureBootTemplate'] = [string]$B['SecureBootTemplate'] }
        if ($B.ContainsKey('PreferredNetworkBootProtocol') -and $null -ne $B['PreferredNetworkBootProtocol']) { $fw['preferredNetworkBootProtocol'] = [string]$B['PreferredNetworkBootProtocol'] }
        if ($null -ne $ids) {
            foreach ($o in @($B['BootOrder']) + @($B['FirstBootDevice'])) { if ($null -ne $o -and [string]$o.VMId -ne [string]$vm['id'] -and $o -isnot [Microsoft.HyperV.PowerShell.VMBootSource]) { Stop-LabCmdlet $Inv "The boot device '$($o.Name)' does not belong to '$($vm['name'])'." 'InvalidParameter' InvalidArgument $o } }
            if ($B.ContainsKey('FirstBootDevice')) {
                $rest = @((Get-LabBootOrder $s $vm $vm $null) | ForEach-Object { $_.Device.Id } | Where-Object { $_ -ne $ids[0] })
                $ids = @($ids) + $rest
            }
            $fw['bootOrder'] = @($ids)
        }
    } -NoOutput
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $B.Remove('Passthru') | Out-Null; Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabFirmwareObject $s $vm $rec $snap } }
}

Register-LabImpl 'Get-VMIntegrationService' {
    param($Inv, $B)
    Invoke-LabComponentGet $Inv $B {
        param($s, $vm, $rec, $snap)
        $live = $null
        if ($null -eq $snap) { $live = Get-LabLive $s['host'] $vm (Get-LabNowMs) }
        foreach ($o in (New-LabISObjects $vm $snap ([string]$s['host']['name']) $live)) {
            if ($B.ContainsKey('Name') -and $B['Name']) {
                $hit = $false
                foreach ($n in @($B['Name'])) { if (([Management.Automation.WildcardPattern]::new([string]$n, [Management.Automation.WildcardOptions]::IgnoreCase)).IsMatch($o.Name)) { $hit = $true } }
                if (-not $hit) { continue }
            }
            $o
        }
    }
}

function Set-LabIntegrationService($Inv, $B, [bool]$Enabled, [string]$Action) {
    if ($B.ContainsKey('VMIntegrationService')) {
        $names = @($B['VMIntegrationService'] | ForEach-Object { $_.Name })
        $B = Get-LabTargetsFromComponents $B 'VMIntegrationService'
        $B['Name'] = $names
    }
    Invoke-LabVMChange $Inv $B $Action {
        param($vm, $s, $now)
        foreach ($n in @($B['Name'])) {
            $key = $script:LabISNames | Where-Object { $_ -eq $n } | Select-Object -First 1
            if ($null -eq $key) { Stop-LabCmdlet $Inv "The integration service '$n' does not exist." 'ObjectNotFound' ObjectNotFound $n }
            $vm['integrationServices'][$key] = $Enabled
        }
    } -NoOutput
}
Register-LabImpl 'Enable-VMIntegrationService' { param($Inv, $B) Set-LabIntegrationService $Inv $B $true 'Enable-VMIntegrationService' }
Register-LabImpl 'Disable-VMIntegrationService' { param($Inv, $B) Set-LabIntegrationService $Inv $B $false 'Disable-VMIntegrationService' }

# --- adapter policies: VLAN (Get/Set-VMNetworkAdapterVlan), MAC, MAC spoofing and bandwidth (Set-VMNetworkAdapter) ---
# A NIC record keeps vlanId (0 = untagged), macSpoofing ('On'/'Off'), maximumBandwidth and minimumBandwidthAbsolute
# (bits per second, $null = no policy). Records written before these keys existed read as the defaults.
function New-LabVlanSetting($Nic, [string]$ComputerName) {
    $v = [Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting]::new()
    $id = 0
    if ($null -ne $Nic['vlanId']) { $id = [int]$Nic['vlanId'] }
    if ($id -gt 0) { $v.OperationMode = 'Access' } else { $v.OperationMode = 'Untagged' }
    $v.AccessVlanId = $id
    $v.AllowedVlanIdList = [System.Collections.Generic.List[int]]::new()
    $v.AllowedVlanIdListString = ''
    $v.SecondaryVlanIdList = [System.Collections.Generic.List[int]]::new()
    $v.SecondaryVlanIdListString = ''
    $v.ComputerName = $ComputerName
    return $v
}

# Fills the policy members of an adapter object from its record. Hyper-V has no bandwidth setting object until
# a policy was set, so BandwidthSetting stays $null without one (scripts must allow for that).
function Set-LabNicPolicy($O, $Nic, [string]$ComputerName) {
    if ($Nic['macSpoofing'] -eq 'On') { $O.MacAddressSpoofing = 'On' } else { $O.MacAddressSpoofing = 'Off' }
    $O.VlanSetting = New-LabVlanSetting $Nic $ComputerName
    if ($null -ne $Nic['maximumBandwidth'] -or $null -ne $Nic['minimumBandwidthAbsolute']) {
        $bw = [Microsoft.HyperV.PowerShell.VMNetworkAdapterBandwidthSetting]::new()
        $bw.MaximumBandwidth = [long]$Nic['maximumBandwidth']
        $bw.MinimumBandwidthAbsolute = [long]$Nic['minimumBandwidthAbsolute']
        $bw.ComputerName = $ComputerName
        $O.BandwidthSetting = $bw
    }
}

function Find-LabNicRecord($Vm, [string]$Id) {
    foreach ($n in $Vm['networkAdapters']) { if ([string]$n['id'] -eq $Id) { return $n } }
    return $null
}

# The adapters a *-VMNetworkAdapter* cmdlet names (by object, -VM or -VMName with -Name / -VMNetworkAdapterName).
function Get-LabNicPolicyTargets($Inv, $B) {
    if ($B.ContainsKey('ManagementOS') -or $B.ContainsKey('VMSnapshot')) { Stop-LabCmdlet $Inv "$($Inv.Name) -ManagementOS or -VMSnapshot is not simulated in the lab." 'NotSimulatedInLab' NotImplemented $null }
    $b2 = @{}
    foreach ($k in @('VMNetworkAdapter', 'VM', 'VMName')) { if ($B.ContainsKey($k)) { $b2[$k] = $B[$k] } }
    if ($B.ContainsKey('Name')) { $b2['Name'] = $B['Name'] }
    if ($B.ContainsKey('VMNetworkAdapterName')) { $b2['Name'] = $B['VMNetworkAdapterName'] }
    return @(Get-LabNicTargets $Inv $b2 'VMNetworkAdapter')
}

Register-LabImpl 'Get-VMNetworkAdapterVlan' {
    param($Inv, $B)
    $s = Get-LabState
    foreach ($t in (Get-LabNicPolicyTargets $Inv $B)) {
        $vm = Find-LabVMRecord $s $t.vmId
        $n = $null
        if ($null -ne $vm) { $n = Find-LabNicRecord $vm $t.id }
        if ($null -eq $n) { Stop-LabCmdlet $Inv 'The network adapter no longer exists.' 'ObjectNotFound' ObjectNotFound $t.id }
        New-LabVlanSetting $n ([string]$s['host']['name'])
    }
}

Register-LabImpl 'Set-VMNetworkAdapterVlan' {
    param($Inv, $B)
    foreach ($k in @('Trunk', 'Isolated', 'Promiscuous', 'Community', 'NativeVlanId', 'AllowedVlanIdList', 'PrimaryVlanId', 'SecondaryVlanId', 'SecondaryVlanIdList')) {
        if ($B.ContainsKey($k)) { Stop-LabCmdlet $Inv "Set-VMNetworkAdapterVlan -$k (trunk and private VLAN modes) is not simulated in the lab." 'NotSimulatedInLab' NotImplemented $null }
    }
    $access = $B.ContainsKey('Access') -and [bool]$B['Access']
    $untagged = $B.ContainsKey('Untagged') -and [bool]$B['Untagged']
    if ($access -eq $untagged) { Stop-LabCmdlet $Inv 'Specify exactly one VLAN operation mode: -Access or -Untagged.' 'InvalidParameter' InvalidArgument $null }
    $vlan = 0
    if ($access) {
        if (-not $B.ContainsKey('VlanId') -or $null -eq $B['VlanId']) { Stop-LabCmdlet $Inv 'The -VlanId parameter is required with -Access.' 'InvalidParameter' InvalidArgument $null }
        $vlan = [int]$B['VlanId']
        if ($vlan -lt 1 -or $vlan -gt 4094) { Stop-LabCmdlet $Inv "Failed to set VLAN.`nThe VLAN ID $vlan is not valid: it must be between 1 and 4094." 'InvalidParameter' InvalidArgument $vlan }
    }
    foreach ($t in (Get-LabNicPolicyTargets $Inv $B)) {
        if (-not $Inv.Cmdlet.ShouldProcess($t.id, 'Set-VMNetworkAdapterVlan')) { continue }
        Update-LabState {
            param($s)
            $n = Find-LabNicRecord (Find-LabVMRecord $s $t.vmId) $t.id
            if ($null -eq $n) { Stop-LabCmdlet $Inv 'The network adapter no longer exists.' 'ObjectNotFound' ObjectNotFound $t.id }
            $n['vlanId'] = $vlan
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; New-LabVlanSetting (Find-LabNicRecord (Find-LabVMRecord $s1 $t.vmId) $t.id) ([string]$s1['host']['name']) }
    }
}

# A static MAC as Hyper-V takes it: 12 hex digits (separators allowed), a unicast address that is not all zeros.
function ConvertTo-LabStaticMac($Inv, [string]$Value) {
    $hex = $Value.Replace('-', '').Replace(':', '').ToUpperInvariant()
    $bad = $hex -notmatch '^[0-9A-F]{12}$'
    if (-not $bad) { $bad = ($hex -eq '000000000000') -or (([Convert]::ToInt32($hex.Substring(0, 2), 16) -band 1) -eq 1) }
    if ($bad) { Stop-LabCmdlet $Inv "Failed to modify device 'Network Adapter'.`nThe MAC address '$Value' is not valid: use 12 hexadecimal digits of a unicast address that is not all zeros." 'InvalidParameter' InvalidArgument $Value }
    return $hex
}

$script:LabNicSimulated = @('VMNetworkAdapter', 'VM', 'VMName', 'Name', 'Passthru', 'MacAddressSpoofing', 'MaximumBandwidth', 'MinimumBandwidthAbsolute', 'StaticMacAddress', 'DynamicMacAddress', 'VirtualSubnetId', 'ComputerName', 'WhatIf', 'Confirm', 'ErrorAction', 'WarningAction', 'InformationAction', 'Verbose', 'Debug', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction')

Register-LabImpl 'Set-VMNetworkAdapter' {
    param($Inv, $B)
    foreach ($k in @($B.Keys)) { if ($script:LabNicSimulated -notcontains $k) { Stop-LabCmdlet $Inv "Set-VMNetworkAdapter -$k is not simulated in the lab." 'NotSimulatedInLab' NotImplemented $null } }
    $mac = $null
    if ($B.ContainsKey('StaticMacAddress')) { $mac = ConvertTo-LabStaticMac $Inv ([string]$B['StaticMacAddress']) }
    foreach ($k in @('MaximumBandwidth', 'MinimumBandwidthAbsolute')) {
        if ($B.ContainsKey($k) -and $null -ne $B[$k] -and [long]$B[$k] -lt 0) { Stop-LabCmdlet $Inv "The value of -$k must not be negative." 'InvalidParameter' InvalidArgument $B[$k] }
    }
    if ($B.ContainsKey('VirtualSubnetId') -and $null -ne $B['VirtualSubnetId']) {
        # Hyper-V accepts 0 (no virtualization) or an HNV virtual subnet ID in 4096..16777214 (24 bits, 0xFFFFFF reserved).
        $v = [uint32]$B['VirtualSubnetId']
        if ($v -ne 0 -and ($v -lt 4096 -or $v -gt 16777214)) {
            Stop-LabCmdlet $Inv "Failed to modify device 'Ethernet Connection'.`nThe virtual subnet ID $v is not valid. Specify 0 or a value from 4096 through 16777214." 'InvalidParameter' InvalidArgument $v
        }
    }
    foreach ($t in (Get-LabNicPolicyTargets $Inv $B)) {
        if (-not $Inv.Cmdlet.ShouldProcess($t.id, 'Set-VMNetworkAdapter')) { continue }
        Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $t.vmId
            $n = Find-LabNicRecord $vm $t.id
            if ($null -eq $n) { Stop-LabCmdlet $Inv 'The network adapter no longer exists.' 'ObjectNotFound' ObjectNotFound $t.id }
            if ($null -ne $mac -or ($B.ContainsKey('DynamicMacAddress') -and $B['DynamicMacAddress'])) {
                # Hyper-V changes an adapter's MAC address only while the VM is off.
                Assert-LabVMOff $Inv $vm 'the MAC address'
                if ($null -ne $mac) { $n['macAddress'] = $mac; $n['dynamicMac'] = $false } else { $n['dynamicMac'] = $true }
            }
            if ($B.ContainsKey('MacAddressSpoofing') -and $null -ne $B['MacAddressSpoofing']) { $n['macSpoofing'] = [string]$B['MacAddressSpoofing'] }
            if ($B.ContainsKey('VirtualSubnetId') -and $null -ne $B['VirtualSubnetId']) { $n['virtualSubnetId'] = [long][uint32]$B['VirtualSubnetId'] }
            if ($B.ContainsKey('MinimumBandwidthAbsolute') -and $null -ne $B['MinimumBandwidthAbsolute'] -and [long]$B['MinimumBandwidthAbsolute'] -gt 0) {
                # A reservation in bits per second needs the adapter on a switch created with -MinimumBandwidthMode Absolute.
                $sw = $null
                foreach ($x in $s['switches']) { if ($x['name'] -eq $n['switchName']) { $sw = $x } }
                if ($null -eq $sw -or [string]$sw['bandwidthMode'] -ne 'Absolute') {
                    Stop-LabCmdlet $Inv "Failed to set the minimum bandwidth of '$($n['name'])'.`nThe adapter's virtual switch is not in the Absolute minimum bandwidth mode." 'InvalidOperation' InvalidOperation $t.id
                }
            }
            $max = $n['maximumBandwidth']; $min = $n['minimumBandwidthAbsolute']
            if ($B.ContainsKey('MaximumBandwidth') -and $null -ne $B['MaximumBandwidth']) { $max = [long]$B['MaximumBandwidth'] }
            if ($B.ContainsKey('MinimumBandwidthAbsolute') -and $null -ne $B['MinimumBandwidthAbsolute']) { $min = [long]$B['MinimumBandwidthAbsolute'] }
            if ($null -ne $max -and $null -ne $min -and [long]$max -gt 0 -and [long]$min -gt [long]$max) {
                Stop-LabCmdlet $Inv "Failed to set the bandwidth of '$($n['name'])'.`nThe minimum bandwidth $min is larger than the maximum bandwidth $max." 'InvalidParameter' InvalidArgument $t.id
            }
            $n['maximumBandwidth'] = $max
            $n['minimumBandwidthAbsolute'] = $min
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) {
            $s1 = Get-LabState; $vm1 = Find-LabVMRecord $s1 $t.vmId
            New-LabNicObject $s1 $vm1 (Find-LabNicRecord $vm1 $t.id) $null ([string]$s1['host']['name']) (Get-LabVMState $vm1 (Get-LabNowMs))
        }
    }
}

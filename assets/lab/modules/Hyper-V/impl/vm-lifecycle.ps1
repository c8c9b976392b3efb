# Get/New/Remove/Rename-VM and the power transitions (Start, Stop, Save, Suspend, Resume, Restart).
# Transitions are written once with a "transition" window (Starting/Stopping/Saving until a timestamp);
# readers see the in-between state lazily, and the calling cmdlet waits the window out like the real one.
Set-StrictMode -Version Latest

function Stop-LabInvalidState($Inv, $Vm, [string]$Action) {
    Stop-LabCmdlet $Inv ("'{0}' failed to {1}.`nThe operation cannot be performed while the object is in its current state." -f $Vm['name'], $Action) 'InvalidState' InvalidOperation ([string]$Vm['name'])
}

function Wait-LabTransition($Vm) {
    if ($null -eq $Vm -or $null -eq $Vm['transition']) { return }
    $left = [long]$Vm['transition']['until'] - (Get-LabNowMs)
    if ($left -gt 0) { Start-Sleep -Milliseconds $left }
}

function Write-LabVMOutput($Inv, $Bound, [string]$Id) {
    if ($Bound.ContainsKey('Passthru') -and $Bound['Passthru']) {
        $s = Get-LabState
        New-LabVMObject $s (Find-LabVMRecord $s $Id) (Get-LabNowMs)
    }
}

# Runs $Change(vmRecord, state, nowMs) under the lock for each targeted VM, honouring -WhatIf/-Confirm.
function Invoke-LabVMChange($Inv, $Bound, [string]$Action, [scriptblock]$Change, [switch]$NoOutput) {
    $snapshot = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $Bound $snapshot)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], $Action)) { continue }
        $targetId = [string]$t['id']
        $after = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            if ($null -eq $vm) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual machine with ID `"$targetId`"." 'InvalidParameter' ObjectNotFound $targetId }
            & $Change $vm $s (Get-LabNowMs)
            return $vm
        }
        Wait-LabTransition $after
        if (-not $NoOutput) { Write-LabVMOutput $Inv $Bound $targetId }
    }
}

function Set-LabTransition($Vm, [string]$State, [string]$Transient, [long]$NowMs, [long]$DurationMs) {
    $Vm['state'] = $State
    if ($DurationMs -gt 0) { $Vm['transition'] = @{ state = $Transient; until = $NowMs + $DurationMs } } else { $Vm['transition'] = $null }
}

Register-LabImpl 'Get-VM' {
    param($Inv, $B)
    if ($B.ContainsKey('ClusterObject')) { Stop-LabCmdlet $Inv 'Get-VM -ClusterObject is not simulated in the lab (no FailoverClusters objects yet).' 'NotSimulatedInLab' NotImplemented $null }
    $s = Get-LabState
    $now = Get-LabNowMs
    New-LabVMObjects $s (Resolve-LabVMs $Inv $B $s) $now
}

Register-LabImpl 'Start-VM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Start-VM' {
        param($vm, $s, $now)
        $st = Get-LabVMState $vm $now
        $timings = $s['host']['timings']
        if ($st -eq 'Paused') { Set-LabTransition $vm 'Running' 'Resuming' $now 0; return }
        if ($st -notin @('Off', 'Saved')) { Stop-LabInvalidState $Inv $vm 'start' }
        $used = [long]0
        foreach ($o in $s['vms']) { if (Test-LabVMActive (Get-LabVMState $o $now)) { $used += [long]$o['memory']['startup'] } }
        $free = [long]$s['host']['memoryCapacity'] - [long]$s['host']['hostReserveBytes'] - $used
        if ([long]$vm['memory']['startup'] -gt $free) {
            Stop-LabCmdlet $Inv ("'{0}' failed to start.`nNot enough memory in the system to start the virtual machine {0}." -f $vm['name']) 'OutOfMemory' ResourceUnavailable ([string]$vm['name'])
        }
        if ($st -eq 'Saved') {
            $vm['startedAt'] = $now - [long]$timings['guestBootMs']   # restored from saved state: already booted
        } else {
            $vm['startedAt'] = $now
            $vm['console'] = @{ text = ''; ctrlAltDel = $false; shift = $false }
        }
        Set-LabTransition $vm 'Running' 'Starting' $now ([long]$timings['startMs'])
    }
}

Register-LabImpl 'Stop-VM' {
    param($Inv, $B)
    $turnOff = $B.ContainsKey('TurnOff') -and $B['TurnOff']
    $save = $B.ContainsKey('Save') -and $B['Save']
    $force = $B.ContainsKey('Force') -and $B['Force']
    $snapshot = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $B $snapshot)) {
        # A saved VM loses its saved state on Stop-VM: the real cmdlet asks first unless -Force/-TurnOff.
        if ((Get-LabVMState $t (Get-LabNowMs)) -eq 'Saved' -and -not $save -and -not $force -and -not $turnOff) {
            if (-not $Inv.Cmdlet.ShouldContinue("The virtual machine '$($t['name'])' is in saved state. Stopping it deletes the saved state.", 'Delete saved state?')) { continue }
        }
        $one = @{ VM = $null; Passthru = $B.ContainsKey('Passthru') -and $B['Passthru'] }
        $one.Remove('VM'); $one['Id'] = [Guid]$t['id']
        Invoke-LabVMChange $Inv $one 'Stop-VM' {
            param($vm, $s, $now)
            $st = Get-LabVMState $vm $now
            $timings = $s['host']['timings']
            if ($save) {
                if ($st -notin @('Running', 'Starting', 'Paused')) { Stop-LabInvalidState $Inv $vm 'save' }
                Set-LabTransition $vm 'Saved' 'Saving' $now ([long]$timings['saveMs'])
                return
            }
            if ($turnOff) {
                if ($st -eq 'Off') { Stop-LabInvalidState $Inv $vm 'turn off' }
                Set-LabTransition $vm 'Off' 'Stopping' $now 0
                $vm['startedAt'] = [long]0
                return
            }
            if ($st -eq 'Saved') { Set-LabTransition $vm 'Off' 'Stopping' $now 0; return }
            if ($st -notin @('Running', 'Starting')) { Stop-LabInvalidState $Inv $vm 'shut down' }
            $live = Get-LabLive $s['host'] $vm $now
            if (-not $vm['integrationServices']['Shutdown'] -or $live.Heartbeat -ne 'OkApplicationsHealthy') {
                Stop-LabCmdlet $Inv ("'{0}' failed to shut down.`nThe virtual machine could not be shut down: the guest operating system did not respond to the shutdown request (Shutdown integration service not available). Use -TurnOff to power it off." -f $vm['name']) 'OperationFailed' NotSpecified ([string]$vm['name'])
            }
            Set-LabTransition $vm 'Off' 'Stopping' $now ([long]$timings['stopMs'])
            $vm['startedAt'] = [long]0
        }
    }
}

Register-LabImpl 'Save-VM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Save-VM' {
        param($vm, $s, $now)
        if ((Get-LabVMState $vm $now) -notin @('Running', 'Starting', 'Paused')) { Stop-LabInvalidState $Inv $vm 'save' }
        Set-LabTransition $vm 'Saved' 'Saving' $now ([long]$s['host']['timings']['saveMs'])
    }
}

Register-LabImpl 'Suspend-VM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Suspend-VM' {
        param($vm, $s, $now)
        if ((Get-LabVMState $vm $now) -notin @('Running', 'Starting')) { Stop-LabInvalidState $Inv $vm 'pause' }
        Set-LabTransition $vm 'Paused' 'Pausing' $now 0
    }
}

Register-LabImpl 'Resume-VM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Resume-VM' {
        param($vm, $s, $now)
        if ((Get-LabVMState $vm $now) -ne 'Paused') { Stop-LabInvalidState $Inv $vm 'resume' }
        Set-LabTransition $vm 'Running' 'Resuming' $now 0
    }
}

Register-LabImpl 'Restart-VM' {
    param($Inv, $B)
    $force = $B.ContainsKey('Force') -and $B['Force']
    $snapshot = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $B $snapshot)) {
        if (-not $force -and -not $Inv.Cmdlet.ShouldContinue("Restart the virtual machine '$($t['name'])'?", 'Restart-VM')) { continue }
        $one = @{ Id = [Guid]$t['id']; Passthru = $B.ContainsKey('Passthru') -and $B['Passthru'] }
        Invoke-LabVMChange $Inv $one 'Restart-VM' {
            param($vm, $s, $now)
            if ((Get-LabVMState $vm $now) -notin @('Running', 'Starting')) { Stop-LabInvalidState $Inv $vm 'restart' }
            $vm['startedAt'] = $now
            $vm['console'] = @{ text = ''; ctrlAltDel = $false; shift = $false }
            Set-LabTransition $vm 'Running' 'Starting' $now ([long]$s['host']['timings']['startMs'])
        }
    }
}

Register-LabImpl 'Rename-VM' {
    param($Inv, $B)
    $newName = [string]$B['NewName']
    Invoke-LabVMChange $Inv $B 'Rename-VM' { param($vm, $s, $now) $vm['name'] = $newName }
}

Register-LabImpl 'Remove-VM' {
    param($Inv, $B)
    $force = $B.ContainsKey('Force') -and $B['Force']
    $snapshot = Get-LabState
    foreach ($t in (Resolve-LabVMs $Inv $B $snapshot)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Remove-VM')) { continue }
        if (-not $force -and -not $Inv.Cmdlet.ShouldContinue("Are you sure you want to remove the virtual machine '$($t['name'])'?", 'Remove-VM')) { continue }
        $targetId = [string]$t['id']
        $gone = Update-LabState {
            param($s)
            $vm = Find-LabVMRecord $s $targetId
            if ($null -eq $vm) { return $null }
            if (Test-LabVMActive (Get-LabVMState $vm (Get-LabNowMs))) {
                Stop-LabCmdlet $Inv ("'{0}' failed to delete the virtual machine.`nThe operation cannot be performed while the virtual machine is in its current state ({1})." -f $vm['name'], (Get-LabVMState $vm (Get-LabNowMs))) 'InvalidState' InvalidOperation ([string]$vm['name'])
            }
            # Like Hyper-V: the configuration and checkpoints go, the virtual hard disk files stay.
            $keep = [Collections.ArrayList]::new()
            foreach ($x in $s['snapshots']) { if ($x['vmId'] -ne $targetId) { $null = $keep.Add($x) } }
            $s['snapshots'] = $keep
            $s['vms'].Remove($vm)
            return $vm
        }
        if ($null -ne $gone) { Remove-LabConsoleFiles $targetId }
        if ($null -ne $gone -and $B.ContainsKey('Passthru') -and $B['Passthru']) {
            $o = New-LabVMObject (Get-LabState) $gone (Get-LabNowMs)
            $o.IsDeleted = $true
            $o
        }
    }
}

Register-LabImpl 'New-VM' {
    param($Inv, $B)
    $name = 'New Virtual Machine'
    if ($B.ContainsKey('Name') -and -not [string]::IsNullOrEmpty($B['Name'])) { $name = [string]$B['Name'] }
    $gen = 1
    if ($B.ContainsKey('Generation') -and $null -ne $B['Generation']) { $gen = [int]$B['Generation'] }
    if ($gen -notin @(1, 2)) { Stop-LabCmdlet $Inv "The generation '$gen' is not valid: use 1 or 2." 'InvalidParameter' InvalidArgument $gen }
    $mem = [long]1073741824
    if ($B.ContainsKey('MemoryStartupBytes') -and $null -ne $B['MemoryStartupBytes']) { $mem = [long]$B['MemoryStartupBytes'] }
    if ($mem -lt 33554432 -or ($mem % 2097152) -ne 0) { Stop-LabCmdlet $Inv "Invalid startup memory $mem bytes: it must be at least 32 MB and a multiple of 2 MB." 'InvalidParameter' InvalidArgument $mem }
    $boot = $null
    if ($B.ContainsKey('BootDevice') -and $null -ne $B['BootDevice']) { $boot = [string]$B['BootDevice'] }
    if ($gen -eq 2 -and $boot -in @('Floppy', 'IDE', 'LegacyNetworkAdapter')) { Stop-LabCmdlet $Inv "Generation 2 virtual machines cannot boot from '$boot'." 'InvalidParameter' InvalidArgument $boot }
    if ($gen -eq 1 -and $boot -in @('VHD', 'NetworkAdapter')) { Stop-LabCmdlet $Inv "Generation 1 virtual machines cannot boot from '$boot'; use IDE or LegacyNetworkAdapter." 'InvalidParameter' InvalidArgument $boot }
    if ($B.ContainsKey('Version') -and [string]$B['Version'] -notin @('8.0', '9.0', '10.0')) { Stop-LabCmdlet $Inv "The configuration version '$($B['Version'])' is not supported on this host." 'InvalidParameter' InvalidArgument $B['Version'] }
    if (-not $Inv.Cmdlet.ShouldProcess($name, 'New-VM')) { return }
    $s0 = Get-LabState
    if ($B.ContainsKey('SwitchName') -and -not [string]::IsNullOrEmpty($B['SwitchName'])) {
        $found = $false
        foreach ($sw in $s0['switches']) { if ($sw['name'] -eq $B['SwitchName']) { $found = $true } }
        if (-not $found) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual switch with name `"$($B['SwitchName'])`"." 'InvalidParameter' ObjectNotFound $B['SwitchName'] }
    }
    $vhdPath = $null
    if ($B.ContainsKey('NewVHDPath')) {
        $vhdPath = Resolve-LabPath $s0 ([string]$B['NewVHDPath']) $null
        if ([IO.File]::Exists($vhdPath)) { Stop-LabCmdlet $Inv "Failed to create the virtual hard disk: the file '$vhdPath' already exists." 'InvalidParameter' ResourceExists $vhdPath }
    }
    if ($B.ContainsKey('VHDPath')) {
        $vhdPath = Resolve-LabPath $s0 ([string]$B['VHDPath']) $null
        if (-not [IO.File]::Exists($vhdPath)) { Stop-LabCmdlet $Inv "The system cannot find the file specified: '$vhdPath'." 'ObjectNotFound' ObjectNotFound $vhdPath }
    }
    $root = $null
    if ($B.ContainsKey('Path') -and -not [string]::IsNullOrEmpty($B['Path'])) { $root = Join-Path (Resolve-LabPath $s0 ([string]$B['Path']) (Get-Location).Path) $name }
    $id = Update-LabState {
        param($s)
        $vm = New-LabVMRecord $s $name $gen $mem $root
        if ($B.ContainsKey('Version')) { $vm['version'] = [string]$B['Version'] }
        if ($null -ne $vhdPath) {
            if ($B.ContainsKey('NewVHDPath')) { New-LabVhdFile $s $vhdPath ([uint64]$B['NewVHDSizeBytes']) 'Dynamic' $null | Out-Null }
            $ct = 'SCSI'
            if ($gen -eq 1) { $ct = 'IDE' }
            $null = $vm['hardDrives'].Add(@{ controllerType = $ct; controllerNumber = 0; controllerLocation = 0; path = $vhdPath })
        }
        if ($gen -eq 2 -and $boot -eq 'CD') { $null = $vm['dvdDrives'].Add(@{ controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 1; path = $null }) }
        $sw = $null
        if ($B.ContainsKey('SwitchName')) { $sw = [string]$B['SwitchName'] }
        $null = $vm['networkAdapters'].Add((New-LabNicRecord $s $vm 'Network Adapter' $sw ($boot -eq 'LegacyNetworkAdapter')))
        if ($null -ne $boot) { $vm['firmware']['firstBoot'] = $boot }
        $null = $s['vms'].Add($vm)
        return [string]$vm['id']
    }
    $s1 = Get-LabState
    New-LabVMObject $s1 (Find-LabVMRecord $s1 $id) (Get-LabNowMs)
}

function New-LabNicRecord($State, $Vm, [string]$Name, [string]$SwitchName, [bool]$Legacy) {
    return @{
        id = 'Microsoft:{0}\{1}' -f $Vm['id'].ToUpperInvariant(), [Guid]::NewGuid().ToString().ToUpperInvariant()
        name = $Name; switchName = $SwitchName; macAddress = (New-LabMac $State); dynamicMac = $true; isLegacy = $Legacy; ipAddresses = @()
    }
}

# Set-VM, Get/Set-VMProcessor, Get/Set-VMMemory with the real rules: processor count, static memory
# size and the dynamic memory switch change only while the VM is off; memory limits must stay ordered.
Set-StrictMode -Version Latest

function Assert-LabVMOff($Inv, $Vm, [string]$What) {
    $st = Get-LabVMState $Vm (Get-LabNowMs)
    if ($st -ne 'Off') {
        Stop-LabCmdlet $Inv ("Failed to modify device '{0}'.`nCannot change {1} of '{2}' while it is {3}. Turn the virtual machine off first." -f $What, $What, $Vm['name'], $st) 'InvalidState' InvalidOperation ([string]$Vm['name'])
    }
}

function Set-LabMemory($Inv, $Vm, $Startup, $Minimum, $Maximum, $Dynamic, $Buffer, $Priority) {
    $m = $Vm['memory']
    $mb2 = [long]2097152
    if ($null -ne $Dynamic -and [bool]$Dynamic -ne [bool]$m['dynamic']) { Assert-LabVMOff $Inv $Vm 'dynamic memory'; $m['dynamic'] = [bool]$Dynamic }
    if ($null -ne $Startup) {
        if (-not $m['dynamic']) { Assert-LabVMOff $Inv $Vm 'startup memory' }
        $m['startup'] = [long]$Startup
    }
    if ($null -ne $Minimum) { $m['minimum'] = [long]$Minimum }
    if ($null -ne $Maximum) { $m['maximum'] = [long]$Maximum }
    if ($null -ne $Buffer) { $m['buffer'] = [int]$Buffer }
    if ($null -ne $Priority) { $m['priority'] = [int]$Priority }
    foreach ($v in @($m['startup'], $m['minimum'], $m['maximum'])) {
        if (([long]$v % $mb2) -ne 0) { Stop-LabCmdlet $Inv "Invalid memory value $v bytes: memory must be a multiple of 2 MB." 'InvalidParameter' InvalidArgument $v }
    }
    if ($m['dynamic'] -and -not ([long]$m['minimum'] -le [long]$m['startup'] -and [long]$m['startup'] -le [long]$m['maximum'])) {
        Stop-LabCmdlet $Inv ("Failed to modify memory of '{0}'.`nThe minimum ({1} MB) must not exceed the startup ({2} MB), and the startup must not exceed the maximum ({3} MB)." -f $Vm['name'], ([long]$m['minimum'] / 1MB), ([long]$m['startup'] / 1MB), ([long]$m['maximum'] / 1MB)) 'InvalidParameter' InvalidArgument ([string]$Vm['name'])
    }
}

function Get-LabBoundOrNull($B, [string]$Name) { if ($B.ContainsKey($Name)) { return $B[$Name] } return $null }

Register-LabImpl 'Set-VM' {
    param($Inv, $B)
    if ($B.ContainsKey('DynamicMemory') -and $B.ContainsKey('StaticMemory')) { Stop-LabCmdlet $Inv 'Specify either -DynamicMemory or -StaticMemory, not both.' 'InvalidParameter' InvalidArgument $null }
    $dyn = $null
    if ($B.ContainsKey('DynamicMemory') -and $B['DynamicMemory']) { $dyn = $true }
    if ($B.ContainsKey('StaticMemory') -and $B['StaticMemory']) { $dyn = $false }
    Invoke-LabVMChange $Inv $B 'Set-VM' {
        param($vm, $s, $now)
        if ($B.ContainsKey('ProcessorCount') -and $null -ne $B['ProcessorCount']) {
            $n = [long]$B['ProcessorCount']
            if ($n -lt 1 -or $n -gt [long]$s['host']['logicalProcessorCount']) { Stop-LabCmdlet $Inv "The processor count $n is not valid on this host (1 to $($s['host']['logicalProcessorCount']))." 'InvalidParameter' InvalidArgument $n }
            if ($n -ne [long]$vm['processorCount']) { Assert-LabVMOff $Inv $vm 'the processor count'; $vm['processorCount'] = $n }
        }
        Set-LabMemory $Inv $vm (Get-LabBoundOrNull $B 'MemoryStartupBytes') (Get-LabBoundOrNull $B 'MemoryMinimumBytes') (Get-LabBoundOrNull $B 'MemoryMaximumBytes') $dyn $null $null
        foreach ($pair in @(@('AutomaticStartAction', 'automaticStartAction'), @('AutomaticStopAction', 'automaticStopAction'), @('CheckpointType', 'checkpointType'))) {
            if ($B.ContainsKey($pair[0]) -and $null -ne $B[$pair[0]]) { $vm[$pair[1]] = [string]$B[$pair[0]] }
        }
        if ($B.ContainsKey('AutomaticStartDelay') -and $null -ne $B['AutomaticStartDelay']) { $vm['automaticStartDelay'] = [int]$B['AutomaticStartDelay'] }
        if ($B.ContainsKey('AutomaticCheckpointsEnabled') -and $null -ne $B['AutomaticCheckpointsEnabled']) { $vm['automaticCheckpointsEnabled'] = [bool]$B['AutomaticCheckpointsEnabled'] }
        if ($B.ContainsKey('Notes')) { $vm['notes'] = [string]$B['Notes'] }
        if ($B.ContainsKey('NewVMName') -and -not [string]::IsNullOrEmpty($B['NewVMName'])) { $vm['name'] = [string]$B['NewVMName'] }
        if ($B.ContainsKey('SnapshotFileLocation')) { Assert-LabVMOff $Inv $vm 'the checkpoint file location'; $vm['snapshotFileLocation'] = [string]$B['SnapshotFileLocation'] }
        if ($B.ContainsKey('SmartPagingFilePath')) { $vm['smartPagingFilePath'] = [string]$B['SmartPagingFilePath'] }
    }
}

function New-LabProcessorObject($State, $Vm, $Rec, $Snap) {
    $o = [Microsoft.HyperV.PowerShell.VMProcessor]::new()
    $p = $Rec['processor']
    $o.Count = [long]$Rec['processorCount']
    $o.Reserve = [long]$p['reserve']
    $o.Maximum = [long]$p['maximum']
    $o.RelativeWeight = [int]$p['relativeWeight']
    $o.ExposeVirtualizationExtensions = [bool]$p['exposeVirtualizationExtensions']
    $o.CompatibilityForMigrationEnabled = [bool]$p['compatibilityForMigrationEnabled']
    $o.HwThreadCountPerCore = 1
    $o.MaximumCountPerNumaNode = [long]$State['host']['logicalProcessorCount'] / [long]$State['host']['numaNodes']
    $o.MaximumCountPerNumaSocket = $o.MaximumCountPerNumaNode
    $o.EnableHostResourceProtection = $false
    $o.Name = 'Processor'
    $o.Id = 'Microsoft:{0}\b637f346-6a0e-4dec-af52-bd70cb80a21d\0' -f $Vm['id'].ToUpperInvariant()
    $o.OperationalStatus = [Collections.Generic.List[Microsoft.HyperV.PowerShell.VMProcessorOperationalStatus]]::new()
    $o.StatusDescription = [Collections.Generic.List[string]]::new()
    Set-LabComponentIds $o $Vm $Snap ([string]$State['host']['name'])
    return $o
}

function New-LabMemoryObject($State, $Vm, $Rec, $Snap) {
    $o = [Microsoft.HyperV.PowerShell.VMMemory]::new()
    $m = $Rec['memory']
    $o.Startup = [long]$m['startup']
    $o.Minimum = [long]$m['minimum']
    $o.Maximum = [long]$m['maximum']
    $o.DynamicMemoryEnabled = [bool]$m['dynamic']
    $o.Buffer = [int]$m['buffer']
    $o.Priority = [int]$m['priority']
    $o.MaximumPerNumaNode = [long]$State['host']['memoryCapacity'] / [long]$State['host']['numaNodes'] / 1MB
    $o.Name = 'Memory'
    $o.Id = 'Microsoft:{0}\4764334d-e001-4176-82ee-5594ec9b530e' -f $Vm['id'].ToUpperInvariant()
    Set-LabComponentIds $o $Vm $Snap ([string]$State['host']['name'])
    return $o
}

# Runs $Build(state, vmRecord, configRecord, snapshotRecordOrNull) for the VMs or the checkpoint bound.
function Invoke-LabComponentGet($Inv, $B, [scriptblock]$Build) {
    $s = Get-LabState
    if ($B.ContainsKey('VMSnapshot')) {
        $snap = Find-LabSnapshotRecord $s ([string]$B['VMSnapshot'].Id)
        if ($null -eq $snap) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a checkpoint with ID `"$($B['VMSnapshot'].Id)`"." 'InvalidParameter' ObjectNotFound $B['VMSnapshot'] }
        & $Build $s (Find-LabVMRecord $s ([string]$snap['vmId'])) $snap['config'] $snap
        return
    }
    foreach ($vm in (Resolve-LabVMs $Inv $B $s)) { & $Build $s $vm $vm $null }
}

function Get-LabTargetsFromComponents($B, [string]$ParamName) {
    # Component objects (VMProcessor, VMMemory, ...) carry VMId: select their VMs.
    $ids = @(@($B[$ParamName]) | ForEach-Object { $_.VMId })
    $h = @{}
    foreach ($k in $B.Keys) { if ($k -ne $ParamName) { $h[$k] = $B[$k] } }
    $h['VM'] = @($ids | Select-Object -Unique | ForEach-Object { $o = [Microsoft.HyperV.PowerShell.VirtualMachine]::new(); $o.Id = $_; $o })
    return $h
}

Register-LabImpl 'Get-VMProcessor' { param($Inv, $B) Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabProcessorObject $s $vm $rec $snap } }
Register-LabImpl 'Get-VMMemory' { param($Inv, $B) Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabMemoryObject $s $vm $rec $snap } }

Register-LabImpl 'Set-VMProcessor' {
    param($Inv, $B)
    if ($B.ContainsKey('VMProcessor')) { $B = Get-LabTargetsFromComponents $B 'VMProcessor' }
    Invoke-LabVMChange $Inv $B 'Set-VMProcessor' {
        param($vm, $s, $now)
        if ($B.ContainsKey('Count') -and $null -ne $B['Count']) {
            $n = [long]$B['Count']
            if ($n -lt 1 -or $n -gt [long]$s['host']['logicalProcessorCount']) { Stop-LabCmdlet $Inv "The processor count $n is not valid on this host (1 to $($s['host']['logicalProcessorCount']))." 'InvalidParameter' InvalidArgument $n }
            if ($n -ne [long]$vm['processorCount']) { Assert-LabVMOff $Inv $vm 'the processor count'; $vm['processorCount'] = $n }
        }
        $p = $vm['processor']
        foreach ($pair in @(@('Reserve', 'reserve'), @('Maximum', 'maximum'), @('RelativeWeight', 'relativeWeight'))) {
            if ($B.ContainsKey($pair[0]) -and $null -ne $B[$pair[0]]) { $p[$pair[1]] = [long]$B[$pair[0]] }
        }
        if ($B.ContainsKey('ExposeVirtualizationExtensions') -and $null -ne $B['ExposeVirtualizationExtensions']) { Assert-LabVMOff $Inv $vm 'nested virtualization'; $p['exposeVirtualizationExtensions'] = [bool]$B['ExposeVirtualizationExtensions'] }
        if ($B.ContainsKey('CompatibilityForMigrationEnabled') -and $null -ne $B['CompatibilityForMigrationEnabled']) { Assert-LabVMOff $Inv $vm 'processor compatibility'; $p['compatibilityForMigrationEnabled'] = [bool]$B['CompatibilityForMigrationEnabled'] }
    } -NoOutput
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $B.Remove('Passthru') | Out-Null; Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabProcessorObject $s $vm $rec $snap } }
}

Register-LabImpl 'Set-VMMemory' {
    param($Inv, $B)
    if ($B.ContainsKey('VMMemory')) { $B = Get-LabTargetsFromComponents $B 'VMMemory' }
    $dyn = $null
    if ($B.ContainsKey('DynamicMemoryEnabled')) { $dyn = [bool]$B['DynamicMemoryEnabled'] }
    Invoke-LabVMChange $Inv $B 'Set-VMMemory' {
        param($vm, $s, $now)
        Set-LabMemory $Inv $vm (Get-LabBoundOrNull $B 'StartupBytes') (Get-LabBoundOrNull $B 'MinimumBytes') (Get-LabBoundOrNull $B 'MaximumBytes') $dyn (Get-LabBoundOrNull $B 'Buffer') (Get-LabBoundOrNull $B 'Priority')
    } -NoOutput
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $B.Remove('Passthru') | Out-Null; Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabMemoryObject $s $vm $rec $snap } }
}

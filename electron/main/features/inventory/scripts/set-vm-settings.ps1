<#
  Applies a settings change to one VM. Only parameters that were passed are changed, each with the cmdlet
  Hyper-V uses for it (Set-VMProcessor, Set-VMMemory, Set-VM, Connect-/Disconnect-VMNetworkAdapter,
  Set-VMDvdDrive, Set-VMBios/Set-VMFirmware, Enable-/Disable-VMTPM). The first refusal stops the change and
  comes back as the host's own error; the result lists the groups applied before it.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$VmId,
    [Nullable[long]]$ProcessorCount,
    [Nullable[bool]]$DynamicMemory,
    [Nullable[long]]$MemoryStartupBytes,
    [Nullable[long]]$MemoryMinimumBytes,
    [Nullable[long]]$MemoryMaximumBytes,
    [Nullable[int]]$MemoryBuffer,
    [Nullable[int]]$MemoryPriority,
    [string]$Notes,
    [ValidateSet('Disabled', 'Production', 'ProductionOnly', 'Standard')]
    [string]$CheckpointType,
    [ValidateSet('Nothing', 'StartIfRunning', 'Start')]
    [string]$AutomaticStartAction,
    [Nullable[int]]$AutomaticStartDelay,
    [ValidateSet('TurnOff', 'Save', 'ShutDown')]
    [string]$AutomaticStopAction,
    # Items: @{ id = <adapter id>; and any of: switchName = <name or $null to disconnect>; vlanId = <1-4094, 0 untagged>;
    #   mac = <12 hex digits, or $null for a dynamic MAC>; macSpoofing = <bool>; maximumBandwidth / minimumBandwidthAbsolute = <bits/s, 0 none> }
    [object[]]$NetworkAdapters,
    # Items: @{ switchName = <name or $null> }: a new synthetic adapter each.
    [object[]]$AddNetworkAdapters,
    # Adapter Ids to remove.
    [string[]]$RemoveNetworkAdapters,
    # Items: @{ controllerNumber; controllerLocation; path = <iso or $null to eject> }
    [object[]]$DvdDrives,
    # A new DVD drive (for a VM that has none), with this ISO in it; '' = empty.
    [string]$AddDvdDrivePath,
    # Items: @{ kind = 'new' | 'existing'; path; sizeBytes (new only) }
    [object[]]$AddHardDrives,
    # Items: @{ controllerType; controllerNumber; controllerLocation; sizeBytes }
    [object[]]$ResizeHardDrives,
    # Items: @{ controllerType; controllerNumber; controllerLocation; deleteFile = <bool> }
    [object[]]$RemoveHardDrives,
    # Gen1: BootDevice names in order. Gen2: the first entry names the kind to boot first (VHD, CD, NetworkAdapter).
    [string[]]$BootOrder,
    [Nullable[bool]]$SecureBoot,
    [string]$SecureBootTemplate,
    [Nullable[bool]]$Tpm
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-Field($Item, [string]$Name) {
    if ($Item -is [System.Collections.IDictionary]) { return $Item[$Name] }
    $p = $Item.PSObject.Properties[$Name]
    if ($null -eq $p) { return $null }
    return $p.Value
}

# Whether a change item names a field at all ($null is a value: disconnect, dynamic MAC).
function Test-Field($Item, [string]$Name) {
    if ($Item -is [System.Collections.IDictionary]) { return $Item.Contains($Name) }
    return $null -ne $Item.PSObject.Properties[$Name]
}

# The adapter by its Id among the VM's own: never by name (names repeat and may hold wildcards).
function Get-AdapterById($Vm, [string]$Id) {
    foreach ($a in @(Get-VMNetworkAdapter -VM $Vm)) { if ([string]$a.Id -eq $Id) { return $a } }
    throw [System.Management.Automation.ItemNotFoundException]::new("The VM has no network adapter with id '$Id'.")
}

# A switch by exact name, as an object: a name is never left to a look-up that treats [ ] * ? as wildcards.
function Get-SwitchByName([string]$Name) {
    $switch = @(Get-VMSwitch | Where-Object { $_.Name -eq $Name }) | Select-Object -First 1
    if ($null -eq $switch) { throw [System.Management.Automation.ItemNotFoundException]::new("Hyper-V was unable to find a virtual switch with name `"$Name`".") }
    return $switch
}

# A disk by its place on the VM's controllers (ControllerType/Number/Location), read from the VM object.
function Get-DiskAt($Vm, $Item) {
    $drive = Get-VMHardDiskDrive -VM $Vm -ControllerType ([string](Get-Field $Item 'controllerType')) -ControllerNumber ([int](Get-Field $Item 'controllerNumber')) -ControllerLocation ([int](Get-Field $Item 'controllerLocation'))
    if ($null -eq $drive) { throw [System.Management.Automation.ItemNotFoundException]::new('The VM has no hard disk at that controller location.') }
    return $drive
}

$applied = New-Object System.Collections.Generic.List[string]
# A half-done change is reported, not hidden: the groups applied before a refusal are named with it.
trap {
    if ($applied.Count -gt 0) { Write-Warning ('Applied before the failure: ' + ($applied -join ', ')) }
    break
}
$vm = Get-VM -Id ([guid]$VmId)

if ($null -ne $ProcessorCount) {
    Write-Progress -Activity 'Settings' -Status 'Processor' -PercentComplete 10
    Set-VMProcessor -VM $vm -Count $ProcessorCount
    $applied.Add('processor')
}

if ($null -ne $DynamicMemory) {
    Write-Progress -Activity 'Settings' -Status 'Memory' -PercentComplete 25
    $memory = @{ VM = $vm; DynamicMemoryEnabled = [bool]$DynamicMemory }
    if ($null -ne $MemoryStartupBytes) { $memory['StartupBytes'] = $MemoryStartupBytes }
    if ($DynamicMemory) {
        if ($null -ne $MemoryMinimumBytes) { $memory['MinimumBytes'] = $MemoryMinimumBytes }
        if ($null -ne $MemoryMaximumBytes) { $memory['MaximumBytes'] = $MemoryMaximumBytes }
        if ($null -ne $MemoryBuffer) { $memory['Buffer'] = $MemoryBuffer }
    }
    if ($null -ne $MemoryPriority) { $memory['Priority'] = $MemoryPriority }
    Set-VMMemory @memory
    $applied.Add('memory')
}

$general = @{}
if ($PSBoundParameters.ContainsKey('Notes')) { $general['Notes'] = $Notes }
if ($CheckpointType) { $general['CheckpointType'] = $CheckpointType }
if ($AutomaticStartAction) { $general['AutomaticStartAction'] = $AutomaticStartAction }
if ($null -ne $AutomaticStartDelay) { $general['AutomaticStartDelay'] = $AutomaticStartDelay }
if ($AutomaticStopAction) { $general['AutomaticStopAction'] = $AutomaticStopAction }
if ($general.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'General' -PercentComplete 40
    Set-VM -VM $vm @general
    $applied.Add('general')
}

if ($null -ne $NetworkAdapters) {
    Write-Progress -Activity 'Settings' -Status 'Network' -PercentComplete 50
    foreach ($change in $NetworkAdapters) {
        $adapter = Get-AdapterById $vm ([string](Get-Field $change 'id'))
        if (Test-Field $change 'switchName') {
            $switchName = Get-Field $change 'switchName'
            if ($null -eq $switchName -or [string]$switchName -eq '') { Disconnect-VMNetworkAdapter -VMNetworkAdapter $adapter }
            else { Connect-VMNetworkAdapter -VMNetworkAdapter $adapter -VMSwitch (Get-SwitchByName ([string]$switchName)) }
        }
        if (Test-Field $change 'vlanId') {
            $vlan = [int](Get-Field $change 'vlanId')
            if ($vlan -gt 0) { Set-VMNetworkAdapterVlan -VMNetworkAdapter $adapter -Access -VlanId $vlan }
            else { Set-VMNetworkAdapterVlan -VMNetworkAdapter $adapter -Untagged }
        }
        $policy = @{}
        if (Test-Field $change 'mac') {
            $mac = Get-Field $change 'mac'
            if ($null -eq $mac -or [string]$mac -eq '') { $policy['DynamicMacAddress'] = $true } else { $policy['StaticMacAddress'] = [string]$mac }
        }
        if (Test-Field $change 'macSpoofing') {
            $policy['MacAddressSpoofing'] = 'Off'
            if ([bool](Get-Field $change 'macSpoofing')) { $policy['MacAddressSpoofing'] = 'On' }
        }
        if (Test-Field $change 'maximumBandwidth') { $policy['MaximumBandwidth'] = [long](Get-Field $change 'maximumBandwidth') }
        if (Test-Field $change 'minimumBandwidthAbsolute') { $policy['MinimumBandwidthAbsolute'] = [long](Get-Field $change 'minimumBandwidthAbsolute') }
        if ($policy.Count -gt 0) { Set-VMNetworkAdapter -VMNetworkAdapter $adapter @policy }
    }
    $applied.Add('network')
}

if ($null -ne $RemoveNetworkAdapters -and $RemoveNetworkAdapters.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Remove network adapters' -PercentComplete 55
    foreach ($id in $RemoveNetworkAdapters) { Remove-VMNetworkAdapter -VMNetworkAdapter (Get-AdapterById $vm $id) }
    $applied.Add('removeAdapters')
}

if ($null -ne $AddNetworkAdapters -and $AddNetworkAdapters.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Add network adapters' -PercentComplete 58
    foreach ($item in $AddNetworkAdapters) {
        $switchName = Get-Field $item 'switchName'
        # The switch is checked before the adapter exists, so a wrong name adds nothing.
        $switch = $null
        if ($null -ne $switchName -and [string]$switchName -ne '') { $switch = Get-SwitchByName ([string]$switchName) }
        $new = Add-VMNetworkAdapter -VM $vm -Passthru
        if ($null -ne $switch) { Connect-VMNetworkAdapter -VMNetworkAdapter $new -VMSwitch $switch }
    }
    $applied.Add('addAdapters')
}

if ($null -ne $DvdDrives) {
    Write-Progress -Activity 'Settings' -Status 'DVD' -PercentComplete 65
    foreach ($change in $DvdDrives) {
        $drive = Get-VMDvdDrive -VM $vm -ControllerNumber ([int](Get-Field $change 'controllerNumber')) -ControllerLocation ([int](Get-Field $change 'controllerLocation'))
        if ($null -eq $drive) { throw 'The VM has no DVD drive at that controller location.' }
        $isoPath = Get-Field $change 'path'
        if ($null -eq $isoPath -or [string]$isoPath -eq '') { Set-VMDvdDrive -VMDvdDrive $drive -Path $null }
        else { Set-VMDvdDrive -VMDvdDrive $drive -Path ([string]$isoPath) }
    }
    $applied.Add('dvd')
}

if ($PSBoundParameters.ContainsKey('AddDvdDrivePath')) {
    Write-Progress -Activity 'Settings' -Status 'Add DVD drive' -PercentComplete 66
    if ($AddDvdDrivePath) { Add-VMDvdDrive -VM $vm -Path $AddDvdDrivePath } else { Add-VMDvdDrive -VM $vm }
    $applied.Add('addDvd')
}

if ($null -ne $RemoveHardDrives -and $RemoveHardDrives.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Remove disks' -PercentComplete 67
    foreach ($item in $RemoveHardDrives) {
        $drive = Get-DiskAt $vm $item
        $file = [string]$drive.Path
        Remove-VMHardDiskDrive -VMHardDiskDrive $drive
        # Detached first: Hyper-V keeps the file; deleting it is the user's separate, confirmed choice.
        if ([bool](Get-Field $item 'deleteFile') -and $file -ne '') {
            if ($file -match '\.a(vhd|vhdx)$') { throw "Refused to delete '$file': it is a checkpoint's differencing disk." }
            Remove-Item -LiteralPath $file -Force
        }
    }
    $applied.Add('removeDisks')
}

if ($null -ne $ResizeHardDrives -and $ResizeHardDrives.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Expand disks' -PercentComplete 68
    foreach ($item in $ResizeHardDrives) {
        $drive = Get-DiskAt $vm $item
        Resize-VHD -Path ([string]$drive.Path) -SizeBytes ([uint64](Get-Field $item 'sizeBytes'))
    }
    $applied.Add('resizeDisks')
}

if ($null -ne $AddHardDrives -and $AddHardDrives.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Add disks' -PercentComplete 70
    foreach ($item in $AddHardDrives) {
        $path = [string](Get-Field $item 'path')
        if ([string](Get-Field $item 'kind') -eq 'new') {
            $null = New-VHD -Path $path -SizeBytes ([uint64](Get-Field $item 'sizeBytes')) -Dynamic
            try {
                Add-VMHardDiskDrive -VM $vm -Path $path
            } catch {
                # Nothing left half-made: the file this change created goes when it cannot be attached.
                Remove-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
                throw
            }
        } else {
            Add-VMHardDiskDrive -VM $vm -Path $path
        }
    }
    $applied.Add('addDisks')
}

if ($null -ne $BootOrder -and $BootOrder.Count -gt 0) {
    Write-Progress -Activity 'Settings' -Status 'Boot order' -PercentComplete 75
    if ([int]$vm.Generation -eq 1) {
        Set-VMBios -VM $vm -StartupOrder $BootOrder
    } else {
        $first = $null
        switch ($BootOrder[0]) {
            'VHD' { $first = @(Get-VMHardDiskDrive -VM $vm) | Select-Object -First 1 }
            'CD' { $first = @(Get-VMDvdDrive -VM $vm) | Select-Object -First 1 }
            'NetworkAdapter' { $first = @(Get-VMNetworkAdapter -VM $vm) | Select-Object -First 1 }
            default { throw "Unknown boot device kind '$($BootOrder[0])'." }
        }
        if ($null -eq $first) { throw "The VM has no $($BootOrder[0]) device to boot from." }
        Set-VMFirmware -VM $vm -FirstBootDevice $first
    }
    $applied.Add('boot')
}

if ($null -ne $SecureBoot) {
    Write-Progress -Activity 'Settings' -Status 'Secure Boot' -PercentComplete 85
    $fw = @{ VM = $vm; EnableSecureBoot = 'Off' }
    if ($SecureBoot) { $fw['EnableSecureBoot'] = 'On' }
    if ($SecureBoot -and $SecureBootTemplate) { $fw['SecureBootTemplate'] = $SecureBootTemplate }
    Set-VMFirmware @fw
    $applied.Add('secureBoot')
}

if ($null -ne $Tpm) {
    Write-Progress -Activity 'Settings' -Status 'TPM' -PercentComplete 95
    if ($Tpm) {
        # A TPM needs a key protector first; a local one is what Hyper-V Manager creates. Only when the VM has
        # none (Get-VMKeyProtector returns the 4-byte empty protector): replacing an existing one would lock
        # the guest out of what its TPM sealed before (BitLocker recovery).
        $keyProtector = Get-VMKeyProtector -VM $vm
        if (@($keyProtector).Count -le 4) { Set-VMKeyProtector -VM $vm -NewLocalKeyProtector }
        Enable-VMTPM -VM $vm
    } else {
        Disable-VMTPM -VM $vm
    }
    $applied.Add('tpm')
}
Write-Progress -Activity 'Settings' -Completed

$after = Get-VM -Id ([guid]$VmId)
ConvertTo-Json -Compress -Depth 3 -InputObject ([ordered]@{ id = [string]$after.Id; state = [string]$after.State; applied = $applied.ToArray() })

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
    # Items: @{ id = <adapter id>; switchName = <name or $null to disconnect> }
    [object[]]$NetworkAdapters,
    # Items: @{ controllerNumber; controllerLocation; path = <iso or $null to eject> }
    [object[]]$DvdDrives,
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

$applied = New-Object System.Collections.Generic.List[string]
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
    Write-Progress -Activity 'Settings' -Status 'Network' -PercentComplete 55
    $adapters = @(Get-VMNetworkAdapter -VM $vm)
    foreach ($change in $NetworkAdapters) {
        $adapterId = [string](Get-Field $change 'id')
        $switchName = Get-Field $change 'switchName'
        $adapter = $null
        foreach ($a in $adapters) { if ([string]$a.Id -eq $adapterId) { $adapter = $a } }
        if ($null -eq $adapter) { throw "The VM has no network adapter with id '$adapterId'." }
        if ($null -eq $switchName -or [string]$switchName -eq '') { Disconnect-VMNetworkAdapter -VMNetworkAdapter $adapter }
        else {
            # The switch by exact name, then as an object: a name is never left to a look-up that treats [ ] * ? as wildcards.
            $switch = @(Get-VMSwitch | Where-Object { $_.Name -eq [string]$switchName }) | Select-Object -First 1
            if ($null -eq $switch) { throw [System.Management.Automation.ItemNotFoundException]::new("Hyper-V was unable to find a virtual switch with name `"$switchName`".") }
            Connect-VMNetworkAdapter -VMNetworkAdapter $adapter -VMSwitch $switch
        }
    }
    $applied.Add('network')
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

<#
  Creates a VM the way the new-VM wizard describes it: New-VM (no disk, new VHDX or existing disk),
  processors, dynamic memory, an ISO in a DVD drive (booted first on Gen2). Returns the new VM's id.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$Name,
    [Parameter(Mandatory = $true)]
    [ValidateSet(1, 2)]
    [int]$Generation,
    [Parameter(Mandatory = $true)]
    [long]$MemoryStartupBytes,
    [bool]$DynamicMemory = $false,
    [Parameter(Mandatory = $true)]
    [long]$ProcessorCount,
    [string]$SwitchName,
    [ValidateSet('new', 'existing', 'none')]
    [string]$DiskKind = 'none',
    [string]$DiskPath,
    [long]$DiskSizeBytes = 0,
    [string]$IsoPath,
    [string]$Path
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The switch is found by exact name before anything is made: -SwitchName on New-VM would leave the look-up to
# Hyper-V, and a name is never trusted to address an object. Connecting the returned VM's adapter to the switch
# object acts on exactly that switch.
$switch = $null
if ($SwitchName) {
    $switch = @(Get-VMSwitch | Where-Object { $_.Name -eq $SwitchName }) | Select-Object -First 1
    if ($null -eq $switch) { throw [System.Management.Automation.ItemNotFoundException]::new("Hyper-V was unable to find a virtual switch with name `"$SwitchName`".") }
}
# A new disk that is already there belongs to someone else: New-VM refuses it, and the clean-up must not remove it.
$madeDisk = $DiskKind -eq 'new' -and -not (Test-Path -LiteralPath $DiskPath)

$create = @{ Name = $Name; MemoryStartupBytes = $MemoryStartupBytes; Generation = [int16]$Generation }
if ($Path) { $create['Path'] = $Path }
switch ($DiskKind) {
    'new' { $create['NewVHDPath'] = $DiskPath; $create['NewVHDSizeBytes'] = [uint64]$DiskSizeBytes }
    'existing' { $create['VHDPath'] = $DiskPath }
    default { $create['NoVHD'] = $true }
}

# Leave nothing half-made: on any failure remove the VM object New-VM returned (never a look-up by name, which
# treats [ ] * ? as wildcards) and the VHDX this call created; an existing disk is the user's and stays.
function Remove-HalfMade($Vm) {
    if ($null -ne $Vm) {
        try { Remove-VM -VM $Vm -Force } catch { Write-Warning ("could not remove the half-made VM {0}: {1}" -f $Name, $_.Exception.Message) }
    }
    if ($madeDisk -and (Test-Path -LiteralPath $DiskPath)) {
        try { Remove-Item -LiteralPath $DiskPath -Force } catch { Write-Warning ("could not remove the new disk {0}: {1}" -f $DiskPath, $_.Exception.Message) }
    }
}

Write-Progress -Activity 'New-VM' -Status $Name -PercentComplete 10
$vm = $null
try {
    $vm = New-VM @create
    if ($null -ne $switch) {
        Write-Progress -Activity 'New-VM' -Status 'Network' -PercentComplete 40
        foreach ($adapter in @(Get-VMNetworkAdapter -VM $vm)) { Connect-VMNetworkAdapter -VMNetworkAdapter $adapter -VMSwitch $switch }
    }
    Write-Progress -Activity 'New-VM' -Status 'Processor and memory' -PercentComplete 60
    Set-VMProcessor -VM $vm -Count $ProcessorCount
    if ($DynamicMemory) { Set-VMMemory -VM $vm -DynamicMemoryEnabled $true }
    if ($IsoPath) {
        Write-Progress -Activity 'New-VM' -Status 'DVD' -PercentComplete 80
        $dvd = @(Get-VMDvdDrive -VM $vm) | Select-Object -First 1
        if ($null -eq $dvd) { $dvd = Add-VMDvdDrive -VM $vm -Path $IsoPath -Passthru }
        else { Set-VMDvdDrive -VMDvdDrive $dvd -Path $IsoPath }
        if ($Generation -eq 2) { Set-VMFirmware -VM $vm -FirstBootDevice $dvd }
    }
} catch {
    # The wizard reports the host's error and the user retries with the same name.
    $failure = $_
    Remove-HalfMade $vm
    throw $failure
}
Write-Progress -Activity 'New-VM' -Completed

$vm = Get-VM -Id $vm.Id
ConvertTo-Json -Compress -InputObject ([ordered]@{ id = [string]$vm.Id; name = [string]$vm.Name; state = [string]$vm.State })

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

$create = @{ Name = $Name; MemoryStartupBytes = $MemoryStartupBytes; Generation = [int16]$Generation }
if ($Path) { $create['Path'] = $Path }
if ($SwitchName) { $create['SwitchName'] = $SwitchName }
switch ($DiskKind) {
    'new' { $create['NewVHDPath'] = $DiskPath; $create['NewVHDSizeBytes'] = [uint64]$DiskSizeBytes }
    'existing' { $create['VHDPath'] = $DiskPath }
    default { $create['NoVHD'] = $true }
}

Write-Progress -Activity 'New-VM' -Status $Name -PercentComplete 10
$vm = New-VM @create
try {
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
    # Leave no half-made VM behind: the wizard reports the host's error and the user retries from scratch.
    $failure = $_
    Remove-VM -VM $vm -Force
    throw $failure
}
Write-Progress -Activity 'New-VM' -Completed

ConvertTo-Json -Compress -InputObject ([ordered]@{ id = [string]$vm.Id; name = [string]$vm.Name; state = [string]$vm.State })

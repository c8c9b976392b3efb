# Creates the P2V virtual machine from the captured disk: Gen 1 (BIOS/MBR source: disk on IDE 0:0) or Gen 2
# (UEFI/GPT source: disk on SCSI, first boot device, Secure Boot with the template for the guest OS). Its only
# network adapter goes on an isolated private switch for the first boot, and a checkpoint is taken before it
# ever starts, so a failed boot rolls back in one click. The VM's notes carry the job id: a retry after a
# crash removes the half-made VM of the same job first, and any failure here removes what this call created.
param(
    [Parameter(Mandatory = $true)][string]$Name,
    [Parameter(Mandatory = $true)][ValidateSet(1, 2)][int]$Generation,
    [Parameter(Mandatory = $true)][string]$VhdPath,
    [Parameter(Mandatory = $true)][long]$MemoryStartupBytes,
    [Parameter(Mandatory = $true)][int]$ProcessorCount,
    [Parameter(Mandatory = $true)][string]$IsolatedSwitchName,
    [Parameter(Mandatory = $true)][string]$JobId,
    [ValidateSet('MicrosoftWindows', 'MicrosoftUEFICertificateAuthority')][string]$SecureBootTemplate = 'MicrosoftWindows',
    [string]$CheckpointName = 'Before first boot (Hyperdesk P2V)'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$tag = "Hyperdesk P2V job $JobId"

# Exact name match (Get-VM -Name treats [ ] * ? as wildcards).
$existing = Get-VM | Where-Object { $_.Name -eq $Name } | Select-Object -First 1
if ($null -ne $existing) {
    if (([string]$existing.Notes).Contains($tag)) { Remove-VM -Name $Name -Force }
    else { throw [System.InvalidOperationException]::new("A virtual machine named '$Name' already exists on this host") }
}
if (-not (Test-Path -LiteralPath $VhdPath -PathType Leaf)) { throw [System.IO.FileNotFoundException]::new("The captured disk is not on the host: $VhdPath") }
if ($null -eq (Get-VMSwitch -Name $IsolatedSwitchName -ErrorAction SilentlyContinue)) {
    New-VMSwitch -Name $IsolatedSwitchName -SwitchType Private -Notes 'Isolated network for first boots of P2V machines (Hyperdesk)' | Out-Null
}

$created = $false
try {
    if ($Generation -eq 1) {
        New-VM -Name $Name -Generation 1 -MemoryStartupBytes $MemoryStartupBytes -VHDPath $VhdPath -SwitchName $IsolatedSwitchName | Out-Null
        $created = $true
    } else {
        New-VM -Name $Name -Generation 2 -MemoryStartupBytes $MemoryStartupBytes -NoVHD -SwitchName $IsolatedSwitchName | Out-Null
        $created = $true
        Add-VMHardDiskDrive -VMName $Name -ControllerType SCSI -Path $VhdPath
        $disk = Get-VMHardDiskDrive -VMName $Name | Select-Object -First 1
        Set-VMFirmware -VMName $Name -FirstBootDevice $disk -EnableSecureBoot On -SecureBootTemplate $SecureBootTemplate
    }
    Set-VM -Name $Name -ProcessorCount $ProcessorCount -Notes $tag
    Checkpoint-VM -Name $Name -SnapshotName $CheckpointName
} catch {
    $failure = $_
    if ($created) {
        try { Remove-VM -Name $Name -Force } catch { Write-Warning ("could not remove the half-made VM {0}: {1}" -f $Name, $_.Exception.Message) }
    }
    throw $failure
}
$vm = Get-VM -Name $Name
$drive = Get-VMHardDiskDrive -VMName $Name | Select-Object -First 1
$secureBoot = $null
$template = $null
if ($Generation -eq 2) {
    $fw = Get-VMFirmware -VMName $Name
    $secureBoot = [string]$fw.SecureBoot
    $template = [string]$fw.SecureBootTemplate
}
[ordered]@{
    vmId = [string]$vm.Id; name = [string]$vm.Name; generation = [int]$vm.Generation; state = [string]$vm.State
    controllerType = [string]$drive.ControllerType; controllerNumber = [int]$drive.ControllerNumber; controllerLocation = [int]$drive.ControllerLocation
    secureBoot = $secureBoot; secureBootTemplate = $template; checkpointName = $CheckpointName; switchName = $IsolatedSwitchName
} | ConvertTo-Json -Compress

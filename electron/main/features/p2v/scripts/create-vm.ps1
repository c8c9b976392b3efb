# Creates the P2V virtual machine from the captured disk: Gen 1 (BIOS/MBR source: disk on IDE 0:0) or Gen 2
# (UEFI/GPT source: disk on SCSI, first boot device, Secure Boot with the template for the guest OS). Its only
# network adapter goes on an isolated private switch for the first boot, and a checkpoint is taken before it
# ever starts, so a failed boot rolls back in one click. The VM's notes carry the job id: a retry after a
# crash removes the half-made VM of the same job first, and any failure here removes what this call created
# (the VM and a switch it made), never the captured disk: that is the user's data. Every object is addressed by
# the Id or the object the creating cmdlet returned, never by -Name: Hyper-V treats [ ] * ? in names as
# wildcards, and 'LEGACY-AP[P]' would act on 'LEGACY-APP' too.
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

# Exact name match (Get-VM -Name treats [ ] * ? as wildcards). A VM of the same name left by a crashed try of
# this same job is removed, as that object; anyone else's VM of that name stops the job.
foreach ($existing in @(Get-VM | Where-Object { $_.Name -eq $Name })) {
    if (([string]$existing.Notes).Contains($tag)) { Remove-VM -VM $existing -Force }
    else { throw [System.InvalidOperationException]::new("A virtual machine named '$Name' already exists on this host") }
}
if (-not (Test-Path -LiteralPath $VhdPath -PathType Leaf)) { throw [System.IO.FileNotFoundException]::new("The captured disk is not on the host: $VhdPath") }
$switch = @(Get-VMSwitch | Where-Object { $_.Name -eq $IsolatedSwitchName }) | Select-Object -First 1
$madeSwitch = $null
if ($null -eq $switch) {
    $madeSwitch = New-VMSwitch -Name $IsolatedSwitchName -SwitchType Private -Notes 'Isolated network for first boots of P2V machines (Hyperdesk)'
    $switch = $madeSwitch
}

$vm = $null
$snapshot = $null
try {
    if ($Generation -eq 1) {
        $vm = New-VM -Name $Name -Generation 1 -MemoryStartupBytes $MemoryStartupBytes -VHDPath $VhdPath
    } else {
        $vm = New-VM -Name $Name -Generation 2 -MemoryStartupBytes $MemoryStartupBytes -NoVHD
    }
    # The job's tag first: a crash from here on leaves a VM the retry recognises as its own.
    Set-VM -VM $vm -ProcessorCount $ProcessorCount -Notes $tag
    foreach ($adapter in @(Get-VMNetworkAdapter -VM $vm)) { Connect-VMNetworkAdapter -VMNetworkAdapter $adapter -VMSwitch $switch }
    if ($Generation -eq 2) {
        $disk = Add-VMHardDiskDrive -VM $vm -ControllerType SCSI -Path $VhdPath -Passthru
        Set-VMFirmware -VM $vm -FirstBootDevice $disk -EnableSecureBoot On -SecureBootTemplate $SecureBootTemplate
    }
    $snapshot = Checkpoint-VM -VM $vm -SnapshotName $CheckpointName -Passthru
} catch {
    $failure = $_
    if ($null -ne $vm) {
        try { Remove-VM -VM $vm -Force } catch { Write-Warning ("could not remove the half-made VM {0}: {1}" -f $Name, $_.Exception.Message) }
    }
    if ($null -ne $madeSwitch) {
        try { Remove-VMSwitch -VMSwitch $madeSwitch -Force } catch { Write-Warning ("could not remove the switch {0}: {1}" -f $IsolatedSwitchName, $_.Exception.Message) }
    }
    throw $failure
}
$vm = Get-VM -Id $vm.Id
$drive = @(Get-VMHardDiskDrive -VM $vm) | Select-Object -First 1
$secureBoot = $null
$template = $null
if ($Generation -eq 2) {
    $fw = Get-VMFirmware -VM $vm
    $secureBoot = [string]$fw.SecureBoot
    $template = [string]$fw.SecureBootTemplate
}
[ordered]@{
    vmId = [string]$vm.Id; name = [string]$vm.Name; generation = [int]$vm.Generation; state = [string]$vm.State
    controllerType = [string]$drive.ControllerType; controllerNumber = [int]$drive.ControllerNumber; controllerLocation = [int]$drive.ControllerLocation
    secureBoot = $secureBoot; secureBootTemplate = $template; checkpointName = $CheckpointName; checkpointId = [string]$snapshot.Id; switchName = $IsolatedSwitchName
} | ConvertTo-Json -Compress

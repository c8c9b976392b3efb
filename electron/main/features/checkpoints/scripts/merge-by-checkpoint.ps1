<#
  The safe way to merge a VM's lingering differencing chain: take a checkpoint and delete it at once.
  Hyper-V then merges the whole chain into the base disk itself, with the VM's configuration kept
  consistent; nothing here touches a VHD file directly (no Merge-VHD).
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$SnapshotName,
    [int]$WaitSeconds = 600
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]$VMId)
if ([string]$vm.CheckpointType -eq 'Disabled') {
    throw ("Checkpoints are disabled for VM '{0}'; Hyper-V cannot be asked to merge the chain this way." -f $vm.Name)
}
$activity = 'Merge differencing disks of ' + [string]$vm.Name
Write-Progress -Activity $activity -Status 'Taking a temporary checkpoint' -PercentComplete 10
$snapshot = @(Checkpoint-VM -VM $vm -SnapshotName $SnapshotName -Passthru)[0]
Write-Progress -Activity $activity -Status 'Deleting it: Hyper-V merges the chain' -PercentComplete 40
Remove-VMSnapshot -VMSnapshot $snapshot -Confirm:$false

$deadline = [DateTime]::UtcNow.AddSeconds($WaitSeconds)
$vm = Get-VM -Id $vm.Id
while ([string]$vm.PrimaryOperationalStatus -eq 'MergingDisks' -and [DateTime]::UtcNow -lt $deadline) {
    Write-Progress -Activity $activity -Status 'Hyper-V is merging' -PercentComplete 70
    Start-Sleep -Seconds 1
    $vm = Get-VM -Id $vm.Id
}
Write-Progress -Activity $activity -Status 'Done' -PercentComplete 100

$depths = New-Object System.Collections.ArrayList
foreach ($d in @(Get-VMHardDiskDrive -VM $vm)) {
    if (-not $d.Path) { continue }
    $depth = 0
    $next = [string]$d.Path
    while ($next -and $depth -lt 512 -and (Test-Path -LiteralPath $next)) {
        $vhd = Get-VHD -Path $next
        if ([string]$vhd.VhdType -ne 'Differencing') { break }
        $depth++
        $next = [string]$vhd.ParentPath
    }
    [void]$depths.Add([ordered]@{ path = [string]$d.Path; depth = $depth })
}
[ordered]@{ vmName = [string]$vm.Name; stillMerging = ([string]$vm.PrimaryOperationalStatus -eq 'MergingDisks'); disks = $depths.ToArray() } | ConvertTo-Json -Depth 4 -Compress

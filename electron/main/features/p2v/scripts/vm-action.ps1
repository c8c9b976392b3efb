# The P2V first-boot actions on the new VM: start it, roll back to the safety checkpoint, move its network
# adapter to the production switch, or delete the safety checkpoint. Returns the VM's state afterwards.
# The VM is addressed by its Id, the checkpoint by its Id (or, for jobs made before ids were kept, by exact
# name among this VM's own checkpoints), the switch as an object found by exact name: a -Name parameter treats
# [ ] * ? as wildcards, so 'LEGACY-AP[P]' would also act on 'LEGACY-APP'.
param(
    [Parameter(Mandatory = $true)][string]$VmId,
    [Parameter(Mandatory = $true)][ValidateSet('start', 'rollback', 'production', 'remove-checkpoint')][string]$Action,
    [string]$CheckpointId = '',
    [string]$CheckpointName = '',
    [string]$SwitchName = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$vm = Get-VM -Id ([guid]$VmId)

function Get-SafetyCheckpoint {
    if ($CheckpointId) {
        $snapshot = Get-VMSnapshot -Id ([guid]$CheckpointId)
        if ([string]$snapshot.VMId -ne [string]$vm.Id) { throw [System.InvalidOperationException]::new("The checkpoint $CheckpointId does not belong to the virtual machine '$($vm.Name)'.") }
        return $snapshot
    }
    $hits = @(Get-VMSnapshot -VM $vm | Where-Object { $_.Name -eq $CheckpointName })
    if ($hits.Count -ne 1) { throw [System.InvalidOperationException]::new("The virtual machine '$($vm.Name)' has $($hits.Count) checkpoints named '$CheckpointName'; expected exactly one.") }
    return $hits[0]
}

switch ($Action) {
    'start' { Start-VM -VM $vm }
    'rollback' {
        # Restoring needs the VM off; the checkpoint was taken before the first boot.
        $snapshot = Get-SafetyCheckpoint
        if ([string](Get-VM -Id $vm.Id).State -ne 'Off') { Stop-VM -VM $vm -TurnOff -Force }
        Restore-VMSnapshot -VMSnapshot $snapshot -Confirm:$false
    }
    'production' {
        if (-not $SwitchName) { throw [System.ArgumentException]::new('SwitchName is required') }
        $switch = @(Get-VMSwitch | Where-Object { $_.Name -eq $SwitchName }) | Select-Object -First 1
        if ($null -eq $switch) { throw [System.Management.Automation.ItemNotFoundException]::new("Hyper-V was unable to find a virtual switch with name `"$SwitchName`".") }
        foreach ($adapter in @(Get-VMNetworkAdapter -VM $vm)) { Connect-VMNetworkAdapter -VMNetworkAdapter $adapter -VMSwitch $switch }
    }
    'remove-checkpoint' { Remove-VMSnapshot -VMSnapshot (Get-SafetyCheckpoint) -Confirm:$false }
}
$vm = Get-VM -Id $vm.Id
$adapter = @(Get-VMNetworkAdapter -VM $vm) | Select-Object -First 1
$snaps = @(Get-VMSnapshot -VM $vm | ForEach-Object { [string]$_.Name })
$switchName = ''
if ($null -ne $adapter) { $switchName = [string]$adapter.SwitchName }
[ordered]@{ state = [string]$vm.State; switchName = $switchName; checkpoints = $snaps } | ConvertTo-Json -Compress

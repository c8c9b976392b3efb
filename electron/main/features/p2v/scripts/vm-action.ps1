# The P2V first-boot actions on the new VM: start it, roll back to the safety checkpoint, move its network
# adapter to the production switch, or delete the safety checkpoint. Returns the VM's state afterwards.
param(
    [Parameter(Mandatory = $true)][string]$Name,
    [Parameter(Mandatory = $true)][ValidateSet('start', 'rollback', 'production', 'remove-checkpoint')][string]$Action,
    [string]$CheckpointName = '',
    [string]$SwitchName = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
switch ($Action) {
    'start' { Start-VM -Name $Name }
    'rollback' {
        # A running VM is turned off first: the checkpoint was taken before the first boot.
        $vm = Get-VM -Name $Name
        if ([string]$vm.State -ne 'Off') { Stop-VM -Name $Name -TurnOff -Force }
        Restore-VMSnapshot -Name $CheckpointName -VMName $Name -Confirm:$false
    }
    'production' {
        if (-not $SwitchName) { throw [System.ArgumentException]::new('SwitchName is required') }
        Connect-VMNetworkAdapter -VMName $Name -SwitchName $SwitchName
    }
    'remove-checkpoint' { Remove-VMSnapshot -VMName $Name -Name $CheckpointName -Confirm:$false }
}
$vm = Get-VM -Name $Name
$adapter = Get-VMNetworkAdapter -VMName $Name | Select-Object -First 1
$snaps = @(Get-VMSnapshot -VMName $Name | ForEach-Object { [string]$_.Name })
[ordered]@{ state = [string]$vm.State; switchName = [string]$adapter.SwitchName; checkpoints = $snaps } | ConvertTo-Json -Compress

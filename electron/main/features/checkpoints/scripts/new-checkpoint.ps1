<#
  Creates a checkpoint of the requested kind. Checkpoint-VM has no type parameter: the type is the VM's
  CheckpointType setting, so it is switched for this one checkpoint (ProductionOnly for production, so
  Hyper-V fails rather than silently falling back to a standard checkpoint) and put back afterwards.
  Kind Default keeps the VM's own setting (used for the safety checkpoint before an Apply).
  OverrideReason is the user's reason for overriding a safety rule; it is echoed so the ledger keeps it.
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$SnapshotName,
    [Parameter(Mandatory = $true)][ValidateSet('Standard', 'Production', 'Default')][string]$Kind,
    [string]$OverrideReason
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$inv = [System.Globalization.CultureInfo]::InvariantCulture
$vm = Get-VM -Id ([guid]$VMId)
$previous = [string]$vm.CheckpointType
if ($previous -eq 'Disabled') {
    throw ("Checkpoints are disabled for VM '{0}' (CheckpointType Disabled); enable them in the VM settings first." -f $vm.Name)
}
$wanted = $previous
if ($Kind -eq 'Standard') { $wanted = 'Standard' }
if ($Kind -eq 'Production') { $wanted = 'ProductionOnly' }

$snapshot = $null
$changed = $false
try {
    if ($previous -ne $wanted) {
        Set-VM -VM $vm -CheckpointType $wanted
        $changed = $true
    }
    $snapshot = Checkpoint-VM -VM $vm -SnapshotName $SnapshotName -Passthru
}
finally {
    if ($changed) { Set-VM -VM $vm -CheckpointType $previous }
}
$snapshot = @($snapshot)[0]
if ($null -eq $snapshot) { throw ("Checkpoint-VM returned no checkpoint for VM '{0}'." -f $vm.Name) }

[ordered]@{
    vmName         = [string]$vm.Name
    checkpointId   = ([guid]$snapshot.Id).ToString()
    checkpointName = [string]$snapshot.Name
    kind           = $Kind
    snapshotType   = [string]$snapshot.SnapshotType
    creationTime   = ([datetime]$snapshot.CreationTime).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', $inv)
    overrideReason = $OverrideReason
} | ConvertTo-Json -Depth 3 -Compress

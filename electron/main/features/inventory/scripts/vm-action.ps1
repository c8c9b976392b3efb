<#
  One power/checkpoint action on one or more VMs of this host (a bulk action sends all of a host's VMs in
  one call). Each VM succeeds or fails on its own: the result lists, per VM id, the outcome, the state after,
  and the host's own error (message, FullyQualifiedErrorId, category) when it refused.
#>
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('start', 'shutdown', 'turnoff', 'save', 'suspend', 'resume', 'restart', 'checkpoint')]
    [string]$Action,
    [Parameter(Mandatory = $true)]
    [string[]]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$results = New-Object System.Collections.Generic.List[object]
$index = 0
foreach ($id in $VmId) {
    $index++
    Write-Progress -Activity $Action -Status $id -PercentComplete ([int](100 * ($index - 1) / $VmId.Count))
    $entry = [ordered]@{ id = $id; ok = $false; state = $null; error = $null }
    try {
        $vm = Get-VM -Id ([guid]$id)
        switch ($Action) {
            'start' { Start-VM -VM $vm }
            # -Force: no interactive question on a host without a console; the guest still shuts down cleanly.
            'shutdown' { Stop-VM -VM $vm -Force }
            'turnoff' { Stop-VM -VM $vm -TurnOff -Force }
            'save' { Save-VM -VM $vm }
            'suspend' { Suspend-VM -VM $vm }
            'resume' { Resume-VM -VM $vm }
            'restart' { Restart-VM -VM $vm -Force }
            'checkpoint' { Checkpoint-VM -VM $vm }
        }
        $entry.ok = $true
        $entry.state = [string](Get-VM -Id ([guid]$id)).State
    } catch {
        $entry.error = [ordered]@{
            message  = $_.Exception.Message
            fqid     = [string]$_.FullyQualifiedErrorId
            category = [string]$_.CategoryInfo.Category
        }
    }
    $results.Add($entry)
}
Write-Progress -Activity $Action -Completed

ConvertTo-Json -InputObject @{ results = $results.ToArray() } -Depth 5 -Compress

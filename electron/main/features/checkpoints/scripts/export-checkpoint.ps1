<#
  Exports a checkpoint as a VM (configuration + disks) under Path, as a Hyper-V job whose progress is
  relayed with Write-Progress. Cancelling the call stops the job (finally runs when the pipeline stops).
  Nothing is left half-made: when the export fails or is cancelled, what it wrote under Path\<VM name> is
  removed (a folder it created goes whole; in a folder that existed only the new entries go), so a retry
  to the same folder works.
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId,
    [Parameter(Mandatory = $true)][string]$CheckpointId,
    [Parameter(Mandatory = $true)][string]$Path
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$vm = Get-VM -Id ([guid]$VMId)
$snapshot = Get-VMSnapshot -Id ([guid]$CheckpointId)
if ($snapshot.VMId -ne $vm.Id) {
    throw ("Checkpoint '{0}' belongs to VM '{1}', not to '{2}'." -f $snapshot.Name, $snapshot.VMName, $vm.Name)
}

function Get-LastProgress($Job) {
    $last = $null
    foreach ($j in @($Job) + @($Job.ChildJobs)) {
        if ($j.Progress.Count -gt 0) { $last = $j.Progress[$j.Progress.Count - 1] }
    }
    return $last
}

# Export-VMSnapshot writes into Path\<VM name>: note what is there before, to remove only what this export adds.
$dest = Join-Path $Path ([string]$vm.Name)
$destExisted = Test-Path -LiteralPath $dest
$entriesBefore = @()
if ($destExisted) { $entriesBefore = @(Get-ChildItem -LiteralPath $dest -Force | ForEach-Object { $_.FullName }) }

function Remove-ExportLeftovers {
    if (-not (Test-Path -LiteralPath $dest)) { return }
    if (-not $destExisted) { Remove-Item -LiteralPath $dest -Recurse -Force; return }
    foreach ($e in @(Get-ChildItem -LiteralPath $dest -Force)) {
        if ($entriesBefore -notcontains $e.FullName) { Remove-Item -LiteralPath $e.FullName -Recurse -Force }
    }
}

$activity = 'Export checkpoint ' + [string]$snapshot.Name
$job = Export-VMSnapshot -VMSnapshot $snapshot -Path $Path -AsJob
$completed = $false
try {
    $seen = -2
    while ($job.State -eq 'NotStarted' -or $job.State -eq 'Running') {
        $p = Get-LastProgress $job
        if ($null -ne $p -and $p.PercentComplete -ne $seen) {
            $seen = $p.PercentComplete
            Write-Progress -Activity $activity -Status ([string]$p.StatusDescription) -PercentComplete ([Math]::Max(-1, [Math]::Min(100, $p.PercentComplete)))
        }
        Start-Sleep -Milliseconds 200
    }
    # Receive-Job rethrows what failed inside the job (terminating under ErrorActionPreference Stop).
    Receive-Job -Job $job -Wait | Out-Null
    if ($job.State -ne 'Completed') { throw ("The export job ended in state {0}." -f $job.State) }
    $completed = $true
    Write-Progress -Activity $activity -Status 'Completed' -PercentComplete 100
}
finally {
    if (-not $completed -and ($job.State -eq 'Running' -or $job.State -eq 'NotStarted')) { Stop-Job -Job $job }
    Remove-Job -Job $job -Force
    if (-not $completed) {
        # The job is stopped and gone: its partial copy can go too. A clean-up problem must not hide the export's own error.
        try { Remove-ExportLeftovers }
        catch { Write-Warning ('The partial export under ' + $dest + ' could not be removed: ' + $_.Exception.Message) }
    }
}

[ordered]@{ vmName = [string]$vm.Name; checkpointName = [string]$snapshot.Name; path = $Path } | ConvertTo-Json -Depth 3 -Compress

# Data Deduplication of a site's volumes (site.json 'dedup'): volumes[] (one per deduplicated volume) and jobs[].
# Savings are computed on read: a volume's optimized fraction grows with its optimization job's progress, which
# follows the lab clock from the job's start (no background process). A job is over when the clock passes its end;
# completed jobs leave Get-DedupJob's list, as on a real server.
#   volumes[] volumeId, volume (label), usageType, enabledMs, inPolicyFilesCount, inPolicyBytes, savingsRate
#             (what full optimization saves), baseFraction (optimized before any job here), lastOptimizationMs
#   jobs[]    id, type, volumeId, startMs, durationMs, fromFraction (optimization: where it started)
Set-StrictMode -Version Latest

# Optimization throughput the lab assumes (bytes of in-policy data per second, one job per volume).
$script:LabDedupBytesPerSec = [double](200MB)

function New-LabDedupRecord($Volume, [string]$UsageType, [long]$NowMs, $Figures) {
    $files = [long]0; $bytes = [uint64]0; $rate = 0.5
    if ($null -ne $Figures) { $files = [long]$Figures.inPolicyFilesCount; $bytes = [uint64]$Figures.inPolicyBytes; $rate = [double]$Figures.savingsRate }
    # Hyper-V (VDI) virtual disks dedup well; general files about half.
    return @{ volumeId = [string]$Volume['uniqueId']; volume = [string]$Volume['label']; usageType = $UsageType; enabledMs = $NowMs
        inPolicyFilesCount = $files; inPolicyBytes = $bytes; savingsRate = $rate; baseFraction = 0.0; lastOptimizationMs = $null }
}

function Get-LabDedupJobProgress($Job, [long]$NowMs) {
    $dur = [long]$Job['durationMs']
    if ($dur -le 0) { return 1.0 }
    return [math]::Min(1.0, [math]::Max(0.0, ($NowMs - [long]$Job['startMs']) / [double]$dur))
}

# The fraction of a volume's in-policy data optimized at $NowMs: the latest optimization job's progress.
function Get-LabDedupFraction($Dedup, $Rec, [long]$NowMs) {
    $f = [double]$Rec['baseFraction']
    $last = $null
    foreach ($j in @(Get-LabStorageList $Dedup 'jobs')) {
        if ($j['volumeId'] -ne $Rec['volumeId'] -or $j['type'] -ne 'Optimization' -or [long]$j['startMs'] -gt $NowMs) { continue }
        if ($null -eq $last -or [long]$j['startMs'] -ge [long]$last['startMs']) { $last = $j }
    }
    if ($null -ne $last) {
        $from = [double]$last['fromFraction']
        $f = $from + (1.0 - $from) * (Get-LabDedupJobProgress $last $NowMs)
    }
    return @{ Fraction = $f; LastJob = $last }
}

# What Get-DedupStatus reports at $NowMs (bytes), from the volume's size and its dedup record.
function Get-LabDedupFigures($Dedup, $Rec, $Volume, [long]$NowMs) {
    $fr = Get-LabDedupFraction $Dedup $Rec $NowMs
    $optimizedBytes = [uint64]([double]$Rec['inPolicyBytes'] * $fr.Fraction)
    $saved = [uint64]($optimizedBytes * [double]$Rec['savingsRate'])
    $logical = [uint64]$Volume['usedBytes']
    $used = [uint64]([math]::Max(0.0, [double]$logical - [double]$saved))
    $lastOpt = $null
    if ($null -ne $fr.LastJob -and (Get-LabDedupJobProgress $fr.LastJob $NowMs) -ge 1.0) { $lastOpt = [long]$fr.LastJob['startMs'] + [long]$fr.LastJob['durationMs'] }
    $rate = 0
    if ($logical -gt 0) { $rate = [uint32][math]::Floor(100.0 * $saved / $logical) }
    $optRate = 0
    if ($optimizedBytes -gt 0) { $optRate = [uint32][math]::Floor(100.0 * $saved / $optimizedBytes) }
    return @{ Capacity = [uint64]$Volume['size']; UsedSpace = $used; FreeSpace = [uint64]([uint64]$Volume['size'] - $used); SavedSpace = $saved
        SavingsRate = $rate; UnoptimizedSize = $logical; OptimizedFilesCount = [long]([double]$Rec['inPolicyFilesCount'] * $fr.Fraction)
        OptimizedFilesSize = $optimizedBytes; OptimizedFilesSavingsRate = $optRate; InPolicyFilesCount = [long]$Rec['inPolicyFilesCount']
        InPolicyFilesSize = [uint64]$Rec['inPolicyBytes']; LastOptimizationMs = $lastOpt }
}

# Starts an optimization job on a volume now; returns the job record.
function Start-LabDedupOptimization($Dedup, $Rec, [long]$NowMs) {
    $from = (Get-LabDedupFraction $Dedup $Rec $NowMs).Fraction
    $todo = [double]$Rec['inPolicyBytes'] * (1.0 - $from)
    $job = @{ id = ('{' + [Guid]::NewGuid().ToString().ToUpperInvariant() + '}'); type = 'Optimization'; volumeId = [string]$Rec['volumeId']
        startMs = $NowMs; durationMs = [long][math]::Max(1000, [math]::Ceiling($todo / $script:LabDedupBytesPerSec * 1000)); fromFraction = $from }
    $Dedup['jobs'] = @(Get-LabStorageList $Dedup 'jobs') + @($job)
    return $job
}

# Data Deduplication on the site's volumes (core/world/dedup.ps1 holds the records and the arithmetic). A volume is
# named as on Windows: its path (a CSV's folder, as the cluster reports it), its drive letter ('R:') or its
# \\?\Volume{GUID}\ id. Savings grow with the optimization job's progress, computed from the lab clock on read.
Set-StrictMode -Version Latest

$script:LabDedupNs = 'ROOT/Microsoft/Windows/Deduplication'

function Get-LabDedupSelf { return [string](Get-LabState)['host']['name'] }

# The storage volumes this host sees (the pools it is attached to).
function Get-LabDedupVolumes($Site) {
    $storage = Get-LabStorageDoc $Site
    $self = Get-LabDedupSelf
    $pools = @(Get-LabStorageList $storage 'pools' | Where-Object { Test-LabPoolVisible $_ $self } | ForEach-Object { [string]$_['uniqueId'] })
    $vds = @(Get-LabStorageList $storage 'virtualDisks' | Where-Object { $pools -contains [string]$_['pool'] } | ForEach-Object { [string]$_['uniqueId'] })
    return @(Get-LabStorageList $storage 'volumes' | Where-Object { $vds -contains [string]$_['virtualDisk'] })
}

# What Windows shows as the volume's name: its drive letter ('R:') or, for a CSV, its mount folder.
function Get-LabDedupVolumeName($Volume) {
    if ($Volume['driveLetter']) { return ([string]$Volume['driveLetter']) + ':' }
    return [IO.Path]::GetFullPath([IO.Path]::Combine((Get-LabWorldInfo).SiteDir, [string]$Volume['folder']))
}

function Find-LabDedupVolume($Site, [string]$Name) {
    $n = $Name.TrimEnd('\', '/')
    foreach ($v in (Get-LabDedupVolumes $Site)) {
        if ([string]$v['uniqueId'] -eq $Name) { return $v }
        $vn = Get-LabDedupVolumeName $v
        if ([string]::Equals($vn.TrimEnd('\', '/'), $n, [StringComparison]::OrdinalIgnoreCase)) { return $v }
    }
    return $null
}

# The dedup service's refusal for a volume it does not know (HRESULT 0x8056530b: the volume is not found or not
# supported); PowerShell appends the cmdlet to the id.
function Stop-LabDedupVolumeNotFound($Inv, [string]$Name) {
    $msg = "MSFT_DedupVolume.Volume='$Name' - HRESULT 0x8056530b, The specified volume is not supported. Make sure volume is in a supported state and mounted."
    $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $msg -ErrorId 'HRESULT 0x8056530b' -Category InvalidArgument -Target $Name -Exception ([Microsoft.Management.Infrastructure.CimException]::new($msg))))
}

function Get-LabDedupTargets($Inv, $B, $Site, [bool]$EnabledOnly) {
    $dedup = $null; if ($Site.Contains('dedup')) { $dedup = $Site['dedup'] }
    $recs = @(Get-LabStorageList $dedup 'volumes')
    $out = [Collections.ArrayList]::new()
    $names = @()
    if ($B.ContainsKey('Volume')) { $names = @($B['Volume']) } elseif ($B.ContainsKey('VolumeId')) { $names = @($B['VolumeId']) }
    if ($names.Count -eq 0) {
        foreach ($v in (Get-LabDedupVolumes $Site)) { $r = @($recs | Where-Object { $_['volumeId'] -eq $v['uniqueId'] }); if ($r.Count -gt 0) { $null = $out.Add(@{ Volume = $v; Rec = $r[0] }) } }
        return @($out)
    }
    foreach ($n in $names) {
        $v = Find-LabDedupVolume $Site ([string]$n)
        if ($null -eq $v) { Stop-LabDedupVolumeNotFound $Inv ([string]$n) }
        $r = @($recs | Where-Object { $_['volumeId'] -eq $v['uniqueId'] })
        if ($r.Count -eq 0 -and $EnabledOnly) {
            $msg = "MSFT_DedupVolume.Volume='$n' - HRESULT 0x80565323, Data deduplication is not enabled on the volume."
            $Inv.Cmdlet.WriteError((New-LabErrorRecord -Message $msg -ErrorId 'HRESULT 0x80565323' -Category InvalidOperation -Target $n -Exception ([Microsoft.Management.Infrastructure.CimException]::new($msg))))
            continue
        }
        $rec = $null; if ($r.Count -gt 0) { $rec = $r[0] }
        $null = $out.Add(@{ Volume = $v; Rec = $rec })
    }
    return @($out)
}

function ConvertTo-LabDedupVolumeCim($Site, $T) {
    $f = Get-LabDedupFigures $Site['dedup'] $T.Rec $T.Volume (Get-LabNowMs)
    $hv = ($T.Rec['usageType'] -ne 'Default')
    return New-LabCimObject -Namespace $script:LabDedupNs -ClassName 'MSFT_DedupVolume' -ComputerName (Get-LabDedupSelf) -Key @('VolumeId') -Properties ([ordered]@{
        VolumeId = [string]$T.Volume['uniqueId']; Volume = (Get-LabDedupVolumeName $T.Volume); Enabled = $true; DataAccessEnabled = $true
        NoCompress = $false; Verify = $false; OptimizeInUseFiles = $hv; OptimizePartialFiles = ($T.Rec['usageType'] -eq 'HyperV')
        UsageType = [string]$T.Rec['usageType']; MinimumFileAgeDays = [uint32]3; MinimumFileSize = [uint32]32768; ChunkRedundancyThreshold = [uint32]100
        InputOutputScale = [uint32]0; ExcludeFolder = [string[]]@(); ExcludeFileType = [string[]]@(); ExcludeFileTypeDefault = [string[]]@('edb', 'jrs')
        NoCompressionFileType = [string[]]@('asf', 'mov', 'wma', 'wmv', 'ace', 'arj', 'bhx', 'bz2', 'cab', 'gz', 'gzip', 'hqx', 'jpg', 'lha', 'lzh', 'mp3', 'mp4', 'rar', 'tgz', 'zip')
        Capacity = [uint64]$f.Capacity; FreeSpace = [uint64]$f.FreeSpace; UsedSpace = [uint64]$f.UsedSpace; UnoptimizedSize = [uint64]$f.UnoptimizedSize
        SavedSpace = [uint64]$f.SavedSpace; SavingsRate = [uint32]$f.SavingsRate })
}

function ConvertTo-LabDedupStatusCim($Site, $T) {
    $f = Get-LabDedupFigures $Site['dedup'] $T.Rec $T.Volume (Get-LabNowMs)
    $lastOpt = $null; if ($null -ne $f.LastOptimizationMs) { $lastOpt = ConvertFrom-LabMs $f.LastOptimizationMs }
    $res = $null; $resMsg = $null
    if ($null -ne $lastOpt) { $res = [uint32]0; $resMsg = 'The operation completed successfully.' }
    return New-LabCimObject -Namespace $script:LabDedupNs -ClassName 'MSFT_DedupVolumeStatus' -ComputerName (Get-LabDedupSelf) -Key @('VolumeId') -Properties ([ordered]@{
        VolumeId = [string]$T.Volume['uniqueId']; Volume = (Get-LabDedupVolumeName $T.Volume); Capacity = [uint64]$f.Capacity; FreeSpace = [uint64]$f.FreeSpace
        UsedSpace = [uint64]$f.UsedSpace; SavedSpace = [uint64]$f.SavedSpace; SavingsRate = [uint32]$f.SavingsRate; OptimizedFilesCount = [uint64]$f.OptimizedFilesCount
        OptimizedFilesSize = [uint64]$f.OptimizedFilesSize; OptimizedFilesSavingsRate = [uint32]$f.OptimizedFilesSavingsRate; InPolicyFilesCount = [uint64]$f.InPolicyFilesCount
        InPolicyFilesSize = [uint64]$f.InPolicyFilesSize; LastOptimizationTime = $lastOpt; LastOptimizationResult = $res; LastOptimizationResultMessage = $resMsg
        LastGarbageCollectionTime = $null; LastGarbageCollectionResult = $null; LastGarbageCollectionResultMessage = $null
        LastScrubbingTime = $null; LastScrubbingResult = $null; LastScrubbingResultMessage = $null; UnoptimizedSize = [uint64]$f.UnoptimizedSize })
}

function ConvertTo-LabDedupJobCim($Site, $Job, $Volume, [long]$NowMs) {
    $p = Get-LabDedupJobProgress $Job $NowMs
    $state = 'Running'; if ($NowMs -le [long]$Job['startMs']) { $state = 'Queued' } elseif ($p -ge 1.0) { $state = 'Completed' }
    return New-LabCimObject -Namespace $script:LabDedupNs -ClassName 'MSFT_DedupJob' -ComputerName (Get-LabDedupSelf) -Key @('Id') -Properties ([ordered]@{
        Id = [string]$Job['id']; ProcessId = [uint32]4711; Volume = (Get-LabDedupVolumeName $Volume); VolumeId = [string]$Volume['uniqueId']; Type = [string]$Job['type']
        ScheduleType = 'Manual'; StopWhenSystemBusy = $false; Priority = 'Normal'; Memory = [uint32]25; Cores = [uint32]0; InputOutputThrottle = [uint32]0
        InputOutputThrottleLevel = 'None'; State = $state; Progress = [uint32][math]::Floor($p * 100); StartTime = (ConvertFrom-LabMs ([long]$Job['startMs']))
        Full = $false; ReadOnly = $false })
}

Register-LabImpl 'Enable-DedupVolume' {
    param($Inv, $B)
    $site = Get-LabSite
    $usage = 'Default'; if ($B.ContainsKey('UsageType')) { $usage = [string]$B['UsageType'] }
    $targets = Get-LabDedupTargets $Inv $B $site $false
    $ids = @($targets | ForEach-Object { [string]$_.Volume['uniqueId'] })
    Update-LabWorld {
        param($tx)
        $s = Get-LabTxSite $tx
        if (-not $s.Contains('dedup') -or $null -eq $s['dedup']) { $s['dedup'] = @{ volumes = @(); jobs = @() } }
        $now = Get-LabNowMs
        $list = @(Get-LabStorageList $s['dedup'] 'volumes')
        foreach ($v in @(Get-LabStorageList (Get-LabStorageDoc $s) 'volumes' | Where-Object { $ids -contains [string]$_['uniqueId'] })) {
            $r = @($list | Where-Object { $_['volumeId'] -eq $v['uniqueId'] })
            if ($r.Count -gt 0) { $r[0]['usageType'] = $usage } else { $list += @(New-LabDedupRecord $v $usage $now @{ inPolicyFilesCount = 0; inPolicyBytes = [uint64]([uint64]$v['usedBytes'] * 0.9); savingsRate = 0.5 }) }
            $v['dedupMode'] = $usage
        }
        $s['dedup']['volumes'] = $list
    }
    $site = Get-LabSite
    foreach ($t in (Get-LabDedupTargets $Inv $B $site $true)) { $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupVolumeCim $site $t)) }
}

Register-LabImpl 'Get-DedupVolume' {
    param($Inv, $B)
    $site = Get-LabSite
    foreach ($t in (Get-LabDedupTargets $Inv $B $site $true)) { $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupVolumeCim $site $t)) }
}

Register-LabImpl 'Get-DedupStatus' {
    param($Inv, $B)
    $site = Get-LabSite
    foreach ($t in (Get-LabDedupTargets $Inv $B $site $true)) { $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupStatusCim $site $t)) }
}

# Update-DedupStatus rescans and answers the status; the lab's figures are already current at each read.
Register-LabImpl 'Update-DedupStatus' {
    param($Inv, $B)
    $site = Get-LabSite
    foreach ($t in (Get-LabDedupTargets $Inv $B $site $true)) { $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupStatusCim $site $t)) }
}

Register-LabImpl 'Start-DedupJob' {
    param($Inv, $B)
    $site = Get-LabSite
    $type = [string]$B['Type']
    $targets = Get-LabDedupTargets $Inv $B $site $true
    foreach ($t in $targets) {
        $vid = [string]$t.Volume['uniqueId']
        $job = Update-LabWorld {
            param($tx)
            $s = Get-LabTxSite $tx
            $now = Get-LabNowMs
            $rec = @(Get-LabStorageList $s['dedup'] 'volumes' | Where-Object { $_['volumeId'] -eq $vid })[0]
            if ($type -eq 'Optimization') { return (Start-LabDedupOptimization $s['dedup'] $rec $now) }
            # Garbage collection and scrubbing change no savings figure here; they take a minute per TB.
            $j = @{ id = ('{' + [Guid]::NewGuid().ToString().ToUpperInvariant() + '}'); type = $type; volumeId = $vid; startMs = $now
                durationMs = [long][math]::Max(1000, [double]$t.Volume['usedBytes'] / 1TB * 60000); fromFraction = 0.0 }
            $s['dedup']['jobs'] = @(Get-LabStorageList $s['dedup'] 'jobs') + @($j)
            return $j
        }
        $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupJobCim $site $job $t.Volume (Get-LabNowMs)))
    }
}

# Jobs that have not finished; completed jobs leave the list, as on a real server.
Register-LabImpl 'Get-DedupJob' {
    param($Inv, $B)
    $site = Get-LabSite
    $now = Get-LabNowMs
    $targets = Get-LabDedupTargets $Inv $B $site $true
    foreach ($t in $targets) {
        foreach ($j in @(Get-LabStorageList $site['dedup'] 'jobs' | Where-Object { $_['volumeId'] -eq $t.Volume['uniqueId'] })) {
            if ((Get-LabDedupJobProgress $j $now) -ge 1.0) { continue }
            if ($B.ContainsKey('Type') -and @($B['Type']) -notcontains [string]$j['type']) { continue }
            $Inv.Cmdlet.WriteObject((ConvertTo-LabDedupJobCim $site $j $t.Volume $now))
        }
    }
}

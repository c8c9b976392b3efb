# Storage Spaces of a site (site.json 'storage'): pools on shared JBODs, their physical disks, tiers, virtual disks,
# volumes and repair jobs. Pure data rules on the world documents; the Storage module turns them into MSFT_* objects.
#
# Records (sizes in bytes):
#   pools[]         uniqueId, objectId, friendlyName, nodes[] (hosts that see it), resiliencyDefault, clustered
#   physicalDisks[] uniqueId, deviceId, friendlyName, serialNumber, size, mediaType ('SSD'|'HDD'|'Unspecified'),
#                   busType, pool (pool uniqueId or $null), usage, lost (bool, Disable-LabPhysicalDisk), slot
#   tiers[]         uniqueId, friendlyName, pool, mediaType, resiliency
#   virtualDisks[]  uniqueId, friendlyName, pool, resiliency, copies, size, footprint (media -> bytes on the pool),
#                   tiers[] (@{ tier; size }), needsRepair (bool), repair (@{ startMs; durationMs }) or $null
#   volumes[]       uniqueId, virtualDisk, label, fileSystem, size, usedBytes, folder (relative to the site folder)
# Health is never stored: it is derived on read from the disks' 'lost' flags and the repair job's times against the
# lab clock, so a repair finishes by itself when the clock passes its end.
Set-StrictMode -Version Latest

# Storage Spaces rebuild speed the lab assumes for a repair (bytes of footprint per second).
$script:LabRepairBytesPerSec = [double](400MB)

function Get-LabStorageDoc($Site) {
    if ($null -eq $Site -or -not $Site.Contains('storage') -or $null -eq $Site['storage']) { return $null }
    return $Site['storage']
}

# The same list, never $null (documents read back from JSON may hold an empty list or none).
function Get-LabStorageList($Storage, [string]$Key) {
    if ($null -eq $Storage -or -not $Storage.Contains($Key) -or $null -eq $Storage[$Key]) { return @() }
    return @($Storage[$Key] | Where-Object { $null -ne $_ })
}

function Get-LabDataCopies([string]$Resiliency, $Copies) {
    if ($null -ne $Copies -and [int]$Copies -gt 0) { return [int]$Copies }
    switch ($Resiliency) { 'Simple' { return 1 } 'Parity' { return 1 } default { return 2 } }
}

# Footprint of $Size bytes of data with a resiliency: parity (single) costs a third more, mirror a copy each.
function Get-LabFootprint([string]$Resiliency, [int]$Copies, [uint64]$Size) {
    if ($Resiliency -eq 'Parity') { return [uint64][math]::Ceiling($Size * 1.5) }
    return [uint64]($Size * [uint64]$Copies)
}

function Get-LabPoolDisks($Storage, [string]$PoolId) { return @(Get-LabStorageList $Storage 'physicalDisks' | Where-Object { $_['pool'] -eq $PoolId }) }

# Capacity of a pool per media type: raw, allocated (the footprints), free. A lost disk still counts, as in
# Storage Spaces, until it is retired and removed from the pool.
function Get-LabPoolCapacity($Storage, [string]$PoolId) {
    $raw = @{}; $alloc = @{}; $total = [uint64]0; $allocTotal = [uint64]0
    foreach ($d in (Get-LabPoolDisks $Storage $PoolId)) {
        $m = [string]$d['mediaType']
        if (-not $raw.ContainsKey($m)) { $raw[$m] = [uint64]0 }
        $raw[$m] += [uint64]$d['size']
        $total += [uint64]$d['size']
    }
    foreach ($v in @(Get-LabStorageList $Storage 'virtualDisks' | Where-Object { $_['pool'] -eq $PoolId })) {
        foreach ($m in @($v['footprint'].Keys)) {
            if (-not $alloc.ContainsKey($m)) { $alloc[$m] = [uint64]0 }
            $alloc[$m] += [uint64]$v['footprint'][$m]
            $allocTotal += [uint64]$v['footprint'][$m]
        }
    }
    return @{ Raw = $raw; Allocated = $alloc; Size = $total; AllocatedSize = $allocTotal }
}

function Get-LabMediaFree($Cap, [string]$Media) {
    $r = [uint64]0; $a = [uint64]0
    if ($Cap.Raw.ContainsKey($Media)) { $r = $Cap.Raw[$Media] }
    if ($Cap.Allocated.ContainsKey($Media)) { $a = $Cap.Allocated[$Media] }
    if ($a -ge $r) { return [uint64]0 }
    return [uint64]($r - $a)
}

# What a physical disk holds: its share of its media type's allocation in its pool.
function Get-LabDiskAllocated($Storage, $Disk) {
    if ($null -eq $Disk['pool']) { return [uint64]0 }
    $cap = Get-LabPoolCapacity $Storage ([string]$Disk['pool'])
    $m = [string]$Disk['mediaType']
    if (-not $cap.Raw.ContainsKey($m) -or $cap.Raw[$m] -eq 0 -or -not $cap.Allocated.ContainsKey($m)) { return [uint64]0 }
    $share = [double]$Disk['size'] / [double]$cap.Raw[$m]
    return [uint64][math]::Min([double]$Disk['size'], [math]::Floor($cap.Allocated[$m] * $share))
}

# Places a new virtual disk's footprint on the pool's media, or returns $null when it does not fit.
# Tiered: each tier's footprint on its media type. Untiered: HDD first, then SSD, then anything else.
function Get-LabPlacement($Storage, [string]$PoolId, [string]$Resiliency, [int]$Copies, [uint64]$Size, $TierSizes) {
    $cap = Get-LabPoolCapacity $Storage $PoolId
    $fp = [ordered]@{}
    if ($null -ne $TierSizes -and @($TierSizes).Count -gt 0) {
        foreach ($ts in @($TierSizes)) {
            $m = [string]$ts.MediaType
            $need = Get-LabFootprint $Resiliency $Copies ([uint64]$ts.Size)
            $have = Get-LabMediaFree $cap $m
            if ($fp.Contains($m)) { $have = [uint64]([math]::Max(0.0, [double]$have - [double]$fp[$m])) }
            if ($need -gt $have) { return $null }
            if ($fp.Contains($m)) { $fp[$m] += $need } else { $fp[$m] = $need }
        }
        return $fp
    }
    $need = Get-LabFootprint $Resiliency $Copies $Size
    $order = @('HDD', 'SSD') + @($cap.Raw.Keys | Where-Object { $_ -ne 'HDD' -and $_ -ne 'SSD' } | Sort-Object)
    foreach ($m in $order) {
        if ($need -eq 0) { break }
        $free = Get-LabMediaFree $cap $m
        if ($free -eq 0) { continue }
        $take = [uint64][math]::Min([double]$free, [double]$need)
        $fp[$m] = $take
        $need -= $take
    }
    if ($need -gt 0) { return $null }
    return $fp
}

# The largest size a new untiered virtual disk could have (UseMaximumSize).
function Get-LabPoolMaxSize($Storage, [string]$PoolId, [string]$Resiliency, [int]$Copies) {
    $cap = Get-LabPoolCapacity $Storage $PoolId
    $free = [uint64]0
    foreach ($m in @($cap.Raw.Keys)) { $free += Get-LabMediaFree $cap $m }
    if ($Resiliency -eq 'Parity') { return [uint64][math]::Floor($free / 1.5) }
    return [uint64][math]::Floor($free / [double]$Copies)
}

# ---- health, derived on read ----

function Test-LabPoolHasLostDisk($Storage, [string]$PoolId) {
    foreach ($d in (Get-LabPoolDisks $Storage $PoolId)) { if ($d['lost']) { return $true } }
    return $false
}

# Repair job state of a virtual disk at $NowMs: $null (none), or @{ Percent; Done; StartMs; EndMs; Bytes; Total }.
function Get-LabRepairProgress($VDisk, [long]$NowMs) {
    if (-not $VDisk.Contains('repair') -or $null -eq $VDisk['repair']) { return $null }
    $r = $VDisk['repair']
    $start = [long]$r['startMs']; $dur = [long]$r['durationMs']
    $total = [uint64]$r['bytesTotal']
    $frac = 1.0
    if ($dur -gt 0) { $frac = [math]::Min(1.0, [math]::Max(0.0, ($NowMs - $start) / [double]$dur)) }
    return @{ Percent = [int][math]::Floor($frac * 100); Done = ($frac -ge 1.0); StartMs = $start; EndMs = $start + $dur; Bytes = [uint64]($total * $frac); Total = $total }
}

# 'Healthy'/'OK', 'Warning'/'Degraded' (a disk is lost, or data written meanwhile is not repaired yet),
# 'Warning'/'In Service' (a repair is running).
function Get-LabVirtualDiskHealth($Storage, $VDisk, [long]$NowMs) {
    if (Test-LabPoolHasLostDisk $Storage ([string]$VDisk['pool'])) {
        if ([int]$VDisk['copies'] -le 1 -and $VDisk['resiliency'] -eq 'Simple') { return @{ Health = 'Unhealthy'; Status = 'Detached' } }
        return @{ Health = 'Warning'; Status = 'Degraded' }
    }
    if ($VDisk['needsRepair']) {
        $p = Get-LabRepairProgress $VDisk $NowMs
        if ($null -eq $p) { return @{ Health = 'Warning'; Status = 'Degraded' } }
        if (-not $p.Done) { return @{ Health = 'Warning'; Status = 'In Service' } }
    }
    return @{ Health = 'Healthy'; Status = 'OK' }
}

function Get-LabPoolHealth($Storage, [string]$PoolId, [long]$NowMs) {
    if (Test-LabPoolHasLostDisk $Storage $PoolId) { return @{ Health = 'Warning'; Status = 'Degraded' } }
    foreach ($v in @(Get-LabStorageList $Storage 'virtualDisks' | Where-Object { $_['pool'] -eq $PoolId })) {
        if ((Get-LabVirtualDiskHealth $Storage $v $NowMs).Health -ne 'Healthy') { return @{ Health = 'Warning'; Status = 'OK' } }
    }
    return @{ Health = 'Healthy'; Status = 'OK' }
}

# Starts (or restarts) the repair of a virtual disk: the footprint is rebuilt at the lab's rebuild speed.
function Start-LabVirtualDiskRepair($VDisk, [long]$NowMs) {
    $total = [uint64]0
    foreach ($m in @($VDisk['footprint'].Keys)) { $total += [uint64]$VDisk['footprint'][$m] }
    # Only the copy that missed writes is rebuilt: one copy's worth.
    $copies = [math]::Max(1, [int]$VDisk['copies'])
    $bytes = [uint64][math]::Ceiling($total / [double]$copies)
    $VDisk['repair'] = @{ startMs = $NowMs; durationMs = [long][math]::Ceiling($bytes / $script:LabRepairBytesPerSec * 1000); bytesTotal = $bytes }
}

# The site whose storage this host sees: pools list the hosts attached to their JBOD.
function Test-LabPoolVisible($Pool, [string]$HostName) {
    foreach ($n in @($Pool['nodes'])) { if ([string]::Equals([string]$n, $HostName, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
    return $false
}

function New-LabStorageId { return [Guid]::NewGuid().ToString().ToUpperInvariant() }

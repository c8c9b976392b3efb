# The seeder 'storage' (registered by modules/Storage/impl/seed.ps1, Order 10, before the cluster's CSVs): a scenario's storage.json becomes each site's site.json
# 'storage' (pools, disks, tiers, virtual disks, volumes), 'smb' (shares) and 'dedup' (deduplicated volumes).
# Volume and share folders are made real, as the cluster reports them (CSV <site>/ClusterStorage/VolumeN).
Set-StrictMode -Version Latest

# A WWN-like unique id (5000C500 + 8 hex digits), stable for a seed: derived from the site, pool and disk index.
function Get-LabSeedWwn([string]$Seed) {
    $md5 = [Security.Cryptography.MD5]::Create()
    try { $h = $md5.ComputeHash([Text.Encoding]::UTF8.GetBytes($Seed)) } finally { $md5.Dispose() }
    return '5000C500' + (($h[0..3] | ForEach-Object { $_.ToString('X2') }) -join '')
}

function Get-LabSeedGuid([string]$Seed) {
    $md5 = [Security.Cryptography.MD5]::Create()
    try { $h = $md5.ComputeHash([Text.Encoding]::UTF8.GetBytes($Seed)) } finally { $md5.Dispose() }
    return ([Guid]::new($h)).ToString().ToUpperInvariant()
}

function Add-LabSeedStorage($Site, [string]$SiteName, [string]$SiteDir, $Spec, [long]$NowMs) {
    $pools = [Collections.ArrayList]::new(); $disks = [Collections.ArrayList]::new(); $tiers = [Collections.ArrayList]::new()
    $vds = [Collections.ArrayList]::new(); $vols = [Collections.ArrayList]::new()
    $poolIds = @{}; $tierRecs = @{}
    $deviceId = 1000
    foreach ($p in @($Spec['pools'])) {
        if ($null -eq $p) { continue }
        $poolId = Get-LabSeedGuid "$SiteName/pool/$($p['friendlyName'])"
        $poolIds[[string]$p['friendlyName']] = $poolId
        $null = $pools.Add(@{ uniqueId = $poolId; friendlyName = [string]$p['friendlyName']; nodes = @($p['nodes']); clustered = [bool]$p['clustered']
            resiliencyDefault = [string]$p['resiliencyDefault']; createdMs = $NowMs })
        $slot = 0
        foreach ($g in @($p['disks'])) {
            for ($i = 0; $i -lt [int]$g['count']; $i++) {
                $seed = "$SiteName/$($p['friendlyName'])/$slot"
                $wwn = Get-LabSeedWwn $seed
                $spindle = 0
                if ($g.Contains('spindleSpeed')) { $spindle = [long]$g['spindleSpeed'] } elseif ([string]$g['mediaType'] -ne 'SSD') { $spindle = 4294967295 }
                $null = $disks.Add(@{ uniqueId = $wwn; deviceId = [string]$deviceId; friendlyName = "$($g['manufacturer']) $($g['model'])"
                    serialNumber = ('Z' + $wwn.Substring(8)); size = [uint64]$g['sizeBytes']; mediaType = [string]$g['mediaType']
                    busType = [string]$g['busType']; model = [string]$g['model']; manufacturer = [string]$g['manufacturer']; firmware = [string]$g['firmware']
                    spindleSpeed = $spindle; pool = $poolId; usage = 'Auto-Select'; lost = $false; slot = $slot; enclosure = 1 })
                $slot++; $deviceId++
            }
        }
    }
    foreach ($t in @($Spec['tiers'])) {
        if ($null -eq $t) { continue }
        $rec = @{ uniqueId = ('{' + (Get-LabSeedGuid "$SiteName/tier/$($t['friendlyName'])") + '}'); friendlyName = [string]$t['friendlyName']
            pool = $poolIds[[string]$t['pool']]; mediaType = [string]$t['mediaType']; resiliency = [string]$t['resiliency'] }
        $tierRecs[$rec.friendlyName] = $rec
        $null = $tiers.Add($rec)
    }
    $Site['storage'] = @{ pools = $pools.ToArray(); physicalDisks = $disks.ToArray(); tiers = $tiers.ToArray(); virtualDisks = @(); volumes = @() }
    $storage = $Site['storage']
    foreach ($v in @($Spec['virtualDisks'])) {
        if ($null -eq $v) { continue }
        $poolId = $poolIds[[string]$v['pool']]
        $res = [string]$v['resiliency']; $copies = Get-LabDataCopies $res $null
        $tierSizes = @(); $size = [uint64]0; $tierList = [Collections.ArrayList]::new()
        if ($v.Contains('tiers') -and $null -ne $v['tiers']) {
            $tierSizes = @(foreach ($ts in @($v['tiers'])) {
                $tr = $tierRecs[[string]$ts['tier']]
                $size += [uint64]$ts['sizeBytes']
                $null = $tierList.Add(@{ tier = $tr.uniqueId; size = [uint64]$ts['sizeBytes'] })
                [pscustomobject]@{ MediaType = $tr.mediaType; Size = [uint64]$ts['sizeBytes'] }
            })
        } else { $size = [uint64]$v['sizeBytes'] }
        $fp = Get-LabPlacement $storage $poolId $res $copies $size $tierSizes
        if ($null -eq $fp) { throw "storage.json: virtual disk '$($v['friendlyName'])' does not fit in pool '$($v['pool'])'." }
        $vid = '{' + (Get-LabSeedGuid "$SiteName/vd/$($v['friendlyName'])") + '}'
        $storage['virtualDisks'] = @($storage['virtualDisks']) + @(@{ uniqueId = $vid; friendlyName = [string]$v['friendlyName']; pool = $poolId; resiliency = $res
            copies = $copies; size = $size; footprint = $fp; tiers = $tierList.ToArray(); needsRepair = $false; repair = $null; provisioning = 'Fixed'; createdMs = $NowMs })
        if ($v.Contains('volume') -and $null -ne $v['volume']) {
            $vol = $v['volume']
            $folder = [string]$vol['folder']
            [IO.Directory]::CreateDirectory([IO.Path]::Combine($SiteDir, $folder)) | Out-Null
            $letter = $null
            if ($vol.Contains('driveLetter')) { $letter = [string]$vol['driveLetter'] }
            $storage['volumes'] = @($storage['volumes']) + @(@{ uniqueId = ('\\?\Volume{' + (Get-LabSeedGuid "$SiteName/vol/$($v['friendlyName'])").ToLowerInvariant() + '}\')
                virtualDisk = $vid; label = [string]$vol['label']; fileSystem = [string]$vol['fileSystem']; size = [uint64]($size - 1073741824)
                usedBytes = [uint64]$vol['usedBytes']; folder = $folder; driveLetter = $letter; dedupMode = 'Disabled' })
        }
    }
}

function Add-LabSeedShares($Site, [string]$SiteName, [string]$SiteDir, $Spec) {
    $shares = [Collections.ArrayList]::new()
    foreach ($s in @($Spec['smb'])) {
        if ($null -eq $s) { continue }
        [IO.Directory]::CreateDirectory([IO.Path]::Combine($SiteDir, [string]$s['folder'])) | Out-Null
        $acl = @(foreach ($a in @($s['access'])) { @{ account = [string]$a['account']; type = 'Allow'; right = [string]$a['right'] } })
        $null = $shares.Add(@{ name = [string]$s['name']; scopeName = [string]$s['scopeName']; folder = [string]$s['folder']; volume = [string]$s['volume']
            continuouslyAvailable = [bool]$s['continuouslyAvailable']; description = [string]$s['description']; access = $acl; encrypt = $false
            cachingMode = 'Manual'; folderEnumerationMode = 'Unrestricted'; nodes = $null })
    }
    $Site['smb'] = @{ shares = $shares.ToArray() }
}

function Add-LabSeedDedup($Site, $Spec, [long]$NowMs) {
    $list = [Collections.ArrayList]::new()
    foreach ($d in @($Spec['dedup'])) {
        if ($null -eq $d) { continue }
        $vol = @(Get-LabStorageList $Site['storage'] 'volumes' | Where-Object { $_['label'] -eq [string]$d['volume'] })[0]
        $vol['dedupMode'] = [string]$d['usageType']
        $null = $list.Add((New-LabDedupRecord $vol ([string]$d['usageType']) $NowMs @{ inPolicyFilesCount = [long]$d['inPolicyFilesCount']
            inPolicyBytes = [uint64]$d['inPolicyBytes']; savingsRate = [double]$d['savingsRate'] }))
    }
    $Site['dedup'] = @{ volumes = $list.ToArray(); jobs = @() }
}

# New-/Get-StorageTier, New-/Get-VirtualDisk, Get-Volume, Repair-VirtualDisk, Get-StorageJob. Capacity is
# checked per media type against what the pool's answering disks hold (core/world/storage.ps1); a repair is a
# job whose progress is computed from its start and the lab clock.
Set-StrictMode -Version Latest

# The pool a New-* cmdlet targets: piped pool object, or -StoragePoolFriendlyName / -StoragePoolUniqueId / -StoragePoolName.
function Resolve-LabTargetPool($Inv, $B, $View) {
    if ($B.ContainsKey('InputObject')) { $p = Find-LabPoolRecord $View @($B['InputObject'])[0] }
    elseif ($B.ContainsKey('StoragePool')) { $p = Find-LabPoolRecord $View $B['StoragePool'] }
    elseif ($B.ContainsKey('StoragePoolUniqueId')) {
        $id = ([string]$B['StoragePoolUniqueId']).Trim('{', '}')
        $p = @($View.Pools | Where-Object { $_['uniqueId'] -eq $id })[0]
        if ($null -eq $p) { $Inv.Cmdlet.ThrowTerminatingError((New-LabCimNotFoundError 'MSFT_StoragePool' 'UniqueId' $B['StoragePoolUniqueId'])) }
    } else {
        $key = 'StoragePoolFriendlyName'; if ($B.ContainsKey('StoragePoolName')) { $key = 'StoragePoolName' }
        $p = @($View.Pools | Where-Object { Test-LabLike ([string]$_['friendlyName']) @($B[$key]) })[0]
        if ($null -eq $p) { $Inv.Cmdlet.ThrowTerminatingError((New-LabCimNotFoundError 'MSFT_StoragePool' 'FriendlyName' $B[$key])) }
    }
    if ($null -eq $p) { Stop-LabStorageWmi $Inv 'The storage pool could not be found.' 40001 ObjectNotFound }
    return $p
}

# The Storage provider's method errors, as the cmdletized module writes them ('StorageWMI <code>,<cmdlet>').
function Stop-LabStorageWmi($Inv, [string]$Message, [int]$Code, [Management.Automation.ErrorCategory]$Category) {
    $ex = [Microsoft.Management.Infrastructure.CimException]::new($Message)
    $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $Message -ErrorId "StorageWMI $Code" -Category $Category -Target $null -Exception $ex))
}

Register-LabImpl 'New-StorageTier' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $pool = Resolve-LabTargetPool $Inv $B $view
    $media = 'Unspecified'; if ($B.ContainsKey('MediaType')) { $media = [string]$B['MediaType'] }
    $res = $null; if ($B.ContainsKey('ResiliencySettingName')) { $res = [string]$B['ResiliencySettingName'] }
    $rec = @{ uniqueId = '{' + (New-LabStorageId) + '}'; friendlyName = [string]$B['FriendlyName']; pool = [string]$pool['uniqueId']; mediaType = $media; resiliency = $res }
    Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        $storage['tiers'] = @(Get-LabStorageList $storage 'tiers') + @($rec)
    }
    $Inv.Cmdlet.WriteObject((ConvertTo-LabTierCim (Get-LabVisibleStorage).Storage $rec))
}

Register-LabImpl 'Get-StorageTier' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $ids = @($view.Pools | ForEach-Object { [string]$_['uniqueId'] })
    $tiers = @(Get-LabStorageList $view.Storage 'tiers' | Where-Object { $ids -contains [string]$_['pool'] })
    if ($B.ContainsKey('StoragePool')) { $p = Find-LabPoolRecord $view $B['StoragePool']; $tiers = @($tiers | Where-Object { $null -ne $p -and $_['pool'] -eq $p['uniqueId'] }) }
    if ($B.ContainsKey('MediaType')) { $tiers = @($tiers | Where-Object { @($B['MediaType']) -contains $_['mediaType'] }) }
    if ($B.ContainsKey('UniqueId')) { $tiers = @($tiers | Where-Object { Test-LabLike ([string]$_['uniqueId']) $B['UniqueId'] }) }
    if ($B.ContainsKey('FriendlyName')) {
        foreach ($n in @($B['FriendlyName'])) {
            if (@($tiers | Where-Object { Test-LabLike ([string]$_['friendlyName']) @($n) }).Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
                $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_StorageTier' 'FriendlyName' $n))
            }
        }
        $tiers = @($tiers | Where-Object { Test-LabLike ([string]$_['friendlyName']) $B['FriendlyName'] })
    }
    foreach ($t in $tiers) { $Inv.Cmdlet.WriteObject((ConvertTo-LabTierCim $view.Storage $t)) }
}

Register-LabImpl 'New-VirtualDisk' {
    param($Inv, $B)
    $rec = New-LabVirtualDiskRecord $Inv $B
    $Inv.Cmdlet.WriteObject((ConvertTo-LabVirtualDiskCim (Get-LabVisibleStorage).Storage $rec (Get-LabNowMs)))
}

# The virtual disk New-VirtualDisk and New-Volume make: placed on the pool's media in one world write, or refused
# with the provider's error when it does not fit. Returns the record.
function New-LabVirtualDiskRecord($Inv, $B) {
    $view = Get-LabVisibleStorage
    $pool = Resolve-LabTargetPool $Inv $B $view
    $poolId = [string]$pool['uniqueId']
    $res = [string]$pool['resiliencyDefault']; if ($B.ContainsKey('ResiliencySettingName')) { $res = [string]$B['ResiliencySettingName'] }
    if (@('Simple', 'Mirror', 'Parity') -notcontains $res) { Stop-LabStorageWmi $Inv 'The specified resiliency setting is not supported by this storage pool.' 48014 InvalidArgument }
    $copies = Get-LabDataCopies $res $B['NumberOfDataCopies']
    $tierSizes = @(); $tierList = [Collections.ArrayList]::new(); $size = [uint64]0
    if ($B.ContainsKey('StorageTiers')) {
        $tiers = @($B['StorageTiers']); $sizes = @($B['StorageTierSizes'])
        if ($sizes.Count -ne $tiers.Count) { Stop-LabStorageWmi $Inv 'Invalid Parameter' 5 InvalidArgument }
        $recs = Get-LabStorageList $view.Storage 'tiers'
        $tierSizes = @(for ($i = 0; $i -lt $tiers.Count; $i++) {
            $tid = [string](Get-LabCimKey $tiers[$i] 'UniqueId')
            $tr = @($recs | Where-Object { $_['uniqueId'] -eq $tid -and $_['pool'] -eq $poolId })[0]
            if ($null -eq $tr) { Stop-LabStorageWmi $Inv 'The storage tier could not be found in this storage pool.' 50001 ObjectNotFound }
            $size += [uint64]$sizes[$i]
            $null = $tierList.Add(@{ tier = $tid; size = [uint64]$sizes[$i] })
            [pscustomobject]@{ MediaType = [string]$tr['mediaType']; Size = [uint64]$sizes[$i] }
        })
    } elseif ($B.ContainsKey('UseMaximumSize') -and $B['UseMaximumSize']) {
        $size = Get-LabPoolMaxSize $view.Storage $poolId $res $copies
    } elseif ($B.ContainsKey('Size')) { $size = [uint64]$B['Size'] }
    else { Stop-LabStorageWmi $Inv 'Invalid Parameter' 5 InvalidArgument }
    # Slabs are 256 MB: sizes round up to whole slabs, as Storage Spaces does.
    $slab = [uint64]268435456
    if ($B.ContainsKey('UseMaximumSize') -and $B['UseMaximumSize']) { $size = [uint64]([math]::Floor($size / [double]$slab) * $slab) }
    elseif ($tierSizes.Count -eq 0) { $size = [uint64]([math]::Ceiling($size / [double]$slab) * $slab) }
    $rec = @{ uniqueId = '{' + (New-LabStorageId) + '}'; friendlyName = [string]$B['FriendlyName']; pool = $poolId; resiliency = $res; copies = $copies
        size = $size; footprint = $null; tiers = $tierList.ToArray(); needsRepair = $false; repair = $null; provisioning = 'Fixed'; createdMs = (Get-LabNowMs) }
    if ($B.ContainsKey('ProvisioningType') -and [string]$B['ProvisioningType'] -eq 'Thin') { $rec.provisioning = 'Thin' }
    $made = Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        $fp = Get-LabPlacement $storage $poolId $res $copies $size $tierSizes
        if ($null -eq $fp) { return $null }
        $rec.footprint = $fp
        $storage['virtualDisks'] = @(Get-LabStorageList $storage 'virtualDisks') + @($rec)
        return $rec
    }
    if ($null -eq $made) { Stop-LabStorageWmi $Inv 'Not enough available capacity' 40002 NotSpecified }
    return $rec
}

function Get-LabVisibleVirtualDisks($View) {
    $ids = @($View.Pools | ForEach-Object { [string]$_['uniqueId'] })
    return @(Get-LabStorageList $View.Storage 'virtualDisks' | Where-Object { $ids -contains [string]$_['pool'] })
}

function Select-LabVirtualDisks($Inv, $B, $View) {
    $vds = Get-LabVisibleVirtualDisks $View
    if ($B.ContainsKey('InputObject')) {
        $want = @($B['InputObject'] | ForEach-Object { [string](Get-LabCimKey $_ 'UniqueId') })
        return @($vds | Where-Object { $want -contains ([string]$_['uniqueId']).Trim('{', '}').Replace('-', '') })
    }
    if ($B.ContainsKey('StoragePool')) { $p = Find-LabPoolRecord $View $B['StoragePool']; $vds = @($vds | Where-Object { $null -ne $p -and $_['pool'] -eq $p['uniqueId'] }) }
    if ($B.ContainsKey('UniqueId')) { $vds = @($vds | Where-Object { Test-LabLike (([string]$_['uniqueId']).Trim('{', '}').Replace('-', '')) @($B['UniqueId']) }) }
    if ($B.ContainsKey('FriendlyName')) {
        foreach ($n in @($B['FriendlyName'])) {
            if (@($vds | Where-Object { Test-LabLike ([string]$_['friendlyName']) @($n) }).Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
                $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_VirtualDisk' 'FriendlyName' $n))
            }
        }
        $vds = @($vds | Where-Object { Test-LabLike ([string]$_['friendlyName']) @($B['FriendlyName']) })
    }
    return $vds
}

Register-LabImpl 'Get-VirtualDisk' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $now = Get-LabNowMs
    foreach ($v in (Select-LabVirtualDisks $Inv $B $view)) {
        $o = ConvertTo-LabVirtualDiskCim $view.Storage $v $now
        if ($B.ContainsKey('HealthStatus') -and @($B['HealthStatus']) -notcontains $o.HealthStatus) { continue }
        $Inv.Cmdlet.WriteObject($o)
    }
}

Register-LabImpl 'Get-Volume' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $now = Get-LabNowMs
    $vdIds = @(Get-LabVisibleVirtualDisks $view | ForEach-Object { [string]$_['uniqueId'] })
    $vols = @(Get-LabStorageList $view.Storage 'volumes' | Where-Object { $vdIds -contains [string]$_['virtualDisk'] })
    if ($B.ContainsKey('FileSystemLabel')) { $vols = @($vols | Where-Object { Test-LabLike ([string]$_['label']) @($B['FileSystemLabel']) }) }
    if ($B.ContainsKey('UniqueId')) { $vols = @($vols | Where-Object { @($B['UniqueId']) -contains [string]$_['uniqueId'] }) }
    if ($B.ContainsKey('Path')) { $vols = @($vols | Where-Object { @($B['Path']) -contains [string]$_['uniqueId'] }) }
    if ($B.ContainsKey('DriveLetter')) { $vols = @($vols | Where-Object { $null -ne $_['driveLetter'] -and (@($B['DriveLetter']) | ForEach-Object { [string]$_ }) -contains [string]$_['driveLetter'] }) }
    if ($B.ContainsKey('FilePath')) {
        # The volume that holds a path: the CSV folder it is under (<site>/ClusterStorage/VolumeN).
        $siteDir = (Get-LabWorldInfo).SiteDir
        $full = [IO.Path]::GetFullPath([string]$B['FilePath'])
        $vols = @($vols | Where-Object { $f = [IO.Path]::GetFullPath([IO.Path]::Combine($siteDir, [string]$_['folder'])); $full -eq $f -or $full.StartsWith($f + [IO.Path]::DirectorySeparatorChar) })
    }
    if ($B.ContainsKey('StoragePool')) {
        $p = Find-LabPoolRecord $view $B['StoragePool']
        $inPool = @(Get-LabVisibleVirtualDisks $view | Where-Object { $null -ne $p -and $_['pool'] -eq $p['uniqueId'] } | ForEach-Object { [string]$_['uniqueId'] })
        $vols = @($vols | Where-Object { $inPool -contains [string]$_['virtualDisk'] })
    }
    $site = Get-LabSite
    foreach ($v in $vols) { $Inv.Cmdlet.WriteObject((ConvertTo-LabVolumeCim $view.Storage $v $now $site)) }
}

# Repair-VirtualDisk starts the rebuild and returns; its progress is Get-StorageJob's (PercentComplete from the
# lab clock) and the disk reads In Service until the job's end, then Healthy.
Register-LabImpl 'Repair-VirtualDisk' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $targets = @(Select-LabVirtualDisks $Inv $B $view | ForEach-Object { [string]$_['uniqueId'] })
    if ($targets.Count -eq 0) { return }
    if (-not $Inv.Cmdlet.ShouldProcess(($targets -join ', '), 'Repair')) { return }
    Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        $now = Get-LabNowMs
        foreach ($v in @(Get-LabStorageList $storage 'virtualDisks')) {
            if ($targets -notcontains [string]$v['uniqueId'] -or -not $v['needsRepair']) { continue }
            $p = Get-LabRepairProgress $v $now
            if ($null -ne $p -and -not $p.Done) { continue }   # already running: Storage Spaces keeps the one job
            Start-LabVirtualDiskRepair $v $now
        }
    }
    if ($B.ContainsKey('PassThru') -and $B['PassThru']) {
        $view = Get-LabVisibleStorage
        foreach ($v in (Get-LabVisibleVirtualDisks $view)) { if ($targets -contains [string]$v['uniqueId']) { $Inv.Cmdlet.WriteObject((ConvertTo-LabVirtualDiskCim $view.Storage $v (Get-LabNowMs))) } }
    }
}

Register-LabImpl 'Get-StorageJob' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $now = Get-LabNowMs
    $map = @{ OperationalStatus = $script:LabCimOpStatus; JobState = 'UInt16:2=New,3=Starting,4=Running,5=Suspended,6=Shutting Down,7=Completed,8=Terminated,9=Killed,10=Exception,11=Service' }
    foreach ($v in (Get-LabVisibleVirtualDisks $view)) {
        $p = Get-LabRepairProgress $v $now
        if ($null -eq $p) { continue }
        $state = 'Running'; if ($p.Done) { $state = 'Completed' }
        $name = 'Repair'
        if ($B.ContainsKey('Name') -and -not (Test-LabLike $name @($B['Name']))) { continue }
        $elapsed = [TimeSpan]::FromMilliseconds([math]::Min($now, $p.EndMs) - $p.StartMs)
        $o = New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_StorageJob' -ComputerName (Get-LabSelfName) -ValueMap $map -Properties ([ordered]@{
            ObjectId = (Get-LabObjectId 'StorageJob' ([string]$v['uniqueId'] + ':Repair')); UniqueId = ([string]$v['uniqueId'] + ':Repair')
            BytesProcessed = [uint64]$p.Bytes; BytesTotal = [uint64]$p.Total; DeleteOnCompletion = $true; Description = "Repair of $($v['friendlyName'])"
            ElapsedTime = $elapsed; ErrorCode = [uint16]0; ErrorDescription = $null; IsBackgroundTask = $false; JobState = $state; JobStatus = $null
            LocalOrUtcTime = [uint16]2; Name = $name; OperationalStatus = @('OK'); PercentComplete = [uint16]$p.Percent; RecoveryAction = [uint16]0
            StartTime = (ConvertFrom-LabMs $p.StartMs); TimeSubmitted = (ConvertFrom-LabMs $p.StartMs); TimeOfLastStateChange = (ConvertFrom-LabMs ([math]::Min($now, $p.EndMs))) })
        $Inv.Cmdlet.WriteObject($o)
    }
}

# New-Volume on a pool: a virtual disk (tiered with -StorageTierFriendlyNames/-StorageTiers and -StorageTierSizes,
# else -Size) and its formatted volume in one step. A CSVFS volume on a clustered pool becomes the next Cluster
# Shared Volume folder of the site (<site>/ClusterStorage/VolumeN, a real folder); any other gets a folder under
# the host, named by its drive letter or label.
Register-LabImpl 'New-Volume' {
    param($Inv, $B)
    if (-not ($B.ContainsKey('StoragePool') -or $B.ContainsKey('StoragePoolFriendlyName') -or $B.ContainsKey('StoragePoolUniqueId') -or $B.ContainsKey('StoragePoolName'))) {
        Stop-LabStorageWmi $Inv 'New-Volume on a disk is not simulated in the lab; create it on a storage pool.' 1 NotImplemented
    }
    $view = Get-LabVisibleStorage
    $pool = Resolve-LabTargetPool $Inv $B $view
    $fsIn = 'NTFS'; if ($B.ContainsKey('FileSystem')) { $fsIn = [string]$B['FileSystem'] }
    $vdArgs = @{ StoragePoolUniqueId = '{' + [string]$pool['uniqueId'] + '}'; FriendlyName = [string]$B['FriendlyName'] }
    foreach ($k in 'ResiliencySettingName', 'ProvisioningType', 'NumberOfDataCopies', 'Size', 'UseMaximumSize', 'StorageTierSizes') { if ($B.ContainsKey($k)) { $vdArgs[$k] = $B[$k] } }
    if ($B.ContainsKey('StorageTiers')) { $vdArgs['StorageTiers'] = $B['StorageTiers'] }
    elseif ($B.ContainsKey('StorageTierFriendlyNames')) {
        $vdArgs['StorageTiers'] = @(foreach ($n in @($B['StorageTierFriendlyNames'])) {
            $t = @(Get-LabStorageList $view.Storage 'tiers' | Where-Object { $_['friendlyName'] -eq [string]$n -and $_['pool'] -eq $pool['uniqueId'] })
            if ($t.Count -eq 0) { $Inv.Cmdlet.ThrowTerminatingError((New-LabCimNotFoundError 'MSFT_StorageTier' 'FriendlyName' $n)) }
            ConvertTo-LabTierCim $view.Storage $t[0]
        })
    }
    # The virtual disk is made by the same rules (and refusals) as New-VirtualDisk.
    $vdRec = New-LabVirtualDiskRecord $Inv $vdArgs
    $siteDir = (Get-LabWorldInfo).SiteDir
    $letter = $null; if ($B.ContainsKey('DriveLetter')) { $letter = [string]$B['DriveLetter'] }
    $rec = Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        $v = @(Get-LabStorageList $storage 'virtualDisks' | Where-Object { $_['uniqueId'] -eq $vdRec.uniqueId })[0]
        $folder = $null
        if ($fsIn -like 'CSVFS_*' -and $pool['clustered']) {
            $n = 1
            while (@(Get-LabStorageList $storage 'volumes' | Where-Object { $_['folder'] -eq "ClusterStorage/Volume$n" }).Count -gt 0 -or [IO.Directory]::Exists([IO.Path]::Combine($siteDir, "ClusterStorage/Volume$n"))) { $n++ }
            $folder = "ClusterStorage/Volume$n"
        } else {
            $name = $letter; if (-not $name) { $name = [string]$B['FriendlyName'] }
            $folder = (Get-LabSelfName) + '/' + $name
        }
        $r = @{ uniqueId = ('\\?\Volume{' + [Guid]::NewGuid().ToString() + '}\'); virtualDisk = [string]$v['uniqueId']; label = [string]$B['FriendlyName']
            fileSystem = $fsIn; size = [uint64]([uint64]$v['size'] - [math]::Min([double]$v['size'] / 2, 1073741824)); usedBytes = [uint64]0; folder = $folder
            driveLetter = $letter; dedupMode = 'Disabled' }
        $storage['volumes'] = @(Get-LabStorageList $storage 'volumes') + @($r)
        return $r
    }
    [IO.Directory]::CreateDirectory([IO.Path]::Combine($siteDir, [string]$rec['folder'])) | Out-Null
    $Inv.Cmdlet.WriteObject((ConvertTo-LabVolumeCim (Get-LabVisibleStorage).Storage $rec (Get-LabNowMs) (Get-LabSite)))
}

# MSFT_* instances of the Storage module from the site's storage records (core/world/storage.ps1). Health and
# progress are derived at the lab clock's now, so every read agrees with the disks' state and a repair's times.
Set-StrictMode -Version Latest

$script:LabStorageNs = 'ROOT/Microsoft/Windows/Storage'

function Get-LabSelfName { return [string](Get-LabState)['host']['name'] }

# The site's storage as this host sees it: @{ Storage; Pools (visible) }; $null storage on a host outside any site.
function Get-LabVisibleStorage {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { return @{ Storage = $null; Pools = @() } }
    $storage = Get-LabStorageDoc (Get-LabSite)
    $self = Get-LabSelfName
    return @{ Storage = $storage; Pools = @(Get-LabStorageList $storage 'pools' | Where-Object { Test-LabPoolVisible $_ $self }) }
}

function Get-LabObjectId([string]$Kind, [string]$Id) {
    return '{1}\\' + (Get-LabSelfName) + '\root/Microsoft/Windows/Storage/Providers_v2\SPACES_' + $Kind + '.ObjectId="{' + '5E7C0BCB-9F5B-4C4B-A9A8-3C6F1D2E4A10' + '}:' + $Id + '"'
}

function ConvertTo-LabPoolCim($Storage, $Pool, [long]$NowMs) {
    $cap = Get-LabPoolCapacity $Storage ([string]$Pool['uniqueId'])
    $h = Get-LabPoolHealth $Storage ([string]$Pool['uniqueId']) $NowMs
    $id = '{' + [string]$Pool['uniqueId'] + '}'
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_StoragePool' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'StoragePool' $id); PassThroughClass = $null; PassThroughIds = $null; PassThroughNamespace = $null; PassThroughServer = $null
        UniqueId = $id; AllocatedSize = [uint64]$cap.AllocatedSize; ClearOnDeallocate = $false; EnclosureAwareDefault = $false
        FaultDomainAwarenessDefault = 'PhysicalDisk'; FriendlyName = [string]$Pool['friendlyName']; HealthStatus = $h.Health
        IsClustered = [bool]$Pool['clustered']; IsPowerProtected = $false; IsPrimordial = $false; IsReadOnly = $false
        LogicalSectorSize = [uint64]4096; MediaTypeDefault = 'Unspecified'; Name = $null; OperationalStatus = @($h.Status)
        OtherOperationalStatusDescription = $null; OtherUsageDescription = $null; PhysicalSectorSize = [uint64]4096
        ProvisioningTypeDefault = 'Fixed'; ReadOnlyReason = [uint16]0; RepairPolicy = [uint16]1; ResiliencySettingNameDefault = [string]$Pool['resiliencyDefault']
        RetireMissingPhysicalDisks = [uint16]1; Size = [uint64]$cap.Size; SupportedProvisioningTypes = @('Thin', 'Fixed'); SupportsDeduplication = $true
        ThinProvisioningAlertThresholds = [uint16[]]@(70); Usage = [uint16]2; Version = [uint16]16; WriteCacheSizeDefault = [uint64]0
        WriteCacheSizeMax = [uint64]0; WriteCacheSizeMin = [uint64]0 })
}

# The primordial pool: every disk this host sees, pooled or not (Get-StoragePool lists it beside the concrete pools).
function ConvertTo-LabPrimordialCim($Storage, $Disks) {
    $size = [uint64]0; foreach ($d in $Disks) { $size += [uint64]$d['size'] }
    $id = '{' + (Get-LabSelfName) + '-Primordial}'
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_StoragePool' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'StoragePool' $id); UniqueId = $id; AllocatedSize = $size; FriendlyName = 'Primordial'; HealthStatus = 'Healthy'
        IsClustered = $false; IsPrimordial = $true; IsReadOnly = $false; OperationalStatus = @('OK'); ResiliencySettingNameDefault = $null
        Size = $size; SupportsDeduplication = $false; Usage = [uint16]2; Version = [uint16]16 })
}

function ConvertTo-LabPhysicalDiskCim($Storage, $Disk) {
    $health = 'Healthy'; $status = 'OK'; $details = @()
    if ($Disk['lost']) { $health = 'Unhealthy'; $status = 'Lost Communication'; $details = @('Lost Communication') }
    $canPool = ($null -eq $Disk['pool'] -and -not $Disk['lost'])
    $cannot = @()
    if (-not $canPool) { if ($null -ne $Disk['pool']) { $cannot = @('In a Pool') } else { $cannot = @('Not Healthy') } }
    $alloc = Get-LabDiskAllocated $Storage $Disk
    $poolUid = $null; if ($null -ne $Disk['pool']) { $poolUid = '{' + [string]$Disk['pool'] + '}' }
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_PhysicalDisk' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'PhysicalDisk' ([string]$Disk['uniqueId'])); PassThroughClass = $null; PassThroughIds = $null
        PassThroughNamespace = $null; PassThroughServer = $null; UniqueId = [string]$Disk['uniqueId']; AdapterSerialNumber = $null
        AllocatedSize = [uint64]$alloc; BusType = [string]$Disk['busType']; CannotPoolReason = $cannot; CanPool = $canPool
        Description = ''; DeviceId = [string]$Disk['deviceId']; EnclosureNumber = [uint16]$Disk['enclosure']; FirmwareVersion = [string]$Disk['firmware']
        FriendlyName = [string]$Disk['friendlyName']; HealthStatus = $health; IsIndicationEnabled = $null; IsPartial = $false
        LogicalSectorSize = [uint64]512; Manufacturer = [string]$Disk['manufacturer']; MediaType = [string]$Disk['mediaType']; Model = [string]$Disk['model']
        OperationalDetails = [string[]]$details; OperationalStatus = @($status); OtherCannotPoolReasonDescription = $null; PartNumber = $null
        PhysicalLocation = ('Enclosure ' + $Disk['enclosure'] + ', Slot ' + $Disk['slot']); PhysicalSectorSize = [uint64]4096
        SerialNumber = [string]$Disk['serialNumber']; Size = [uint64]$Disk['size']; SlotNumber = [uint16]$Disk['slot']; SoftwareVersion = $null
        SpindleSpeed = [uint32]$Disk['spindleSpeed']; StoragePoolUniqueId = $poolUid; SupportedUsages = @('Auto-Select', 'Manual-Select', 'Hot Spare', 'Retired', 'Journal')
        UniqueIdFormat = [uint16]3; Usage = [string]$Disk['usage']; VirtualDiskFootprint = [uint64]$alloc })
}

function Get-LabTierUsage($Storage, $Tier) {
    $size = [uint64]0
    foreach ($v in @(Get-LabStorageList $Storage 'virtualDisks')) {
        foreach ($t in @($v['tiers'])) { if ($null -ne $t -and $t['tier'] -eq $Tier['uniqueId']) { $size += [uint64]$t['size'] } }
    }
    return $size
}

function ConvertTo-LabTierCim($Storage, $Tier) {
    $res = [string]$Tier['resiliency']
    $copies = [uint16]0
    if ($res) { $copies = [uint16](Get-LabDataCopies $res $null) }
    $size = Get-LabTierUsage $Storage $Tier
    $fp = [uint64]0; if ($res) { $fp = Get-LabFootprint $res $copies $size }
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_StorageTier' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'StorageTier' ([string]$Tier['uniqueId'])); PassThroughClass = $null; PassThroughIds = $null; PassThroughNamespace = $null
        PassThroughServer = $null; UniqueId = [string]$Tier['uniqueId']; AllocatedSize = $size; AllocationUnitSize = [uint64]268435456
        ColumnIsolation = 'PhysicalDisk'; Description = ''; FaultDomainAwareness = 'PhysicalDisk'; FootprintOnPool = $fp; FriendlyName = [string]$Tier['friendlyName']
        Interleave = [uint64]262144; MediaType = [string]$Tier['mediaType']; NumberOfColumns = [uint16]0; NumberOfDataCopies = $copies; NumberOfGroups = [uint16]1
        ParityLayout = [uint16]0; PhysicalDiskRedundancy = [uint16]([math]::Max(0, [int]$copies - 1)); ProvisioningType = 'Fixed'
        ResiliencySettingName = $res; Size = $size; TierClass = [uint16]0; Usage = [uint16]1 })
}

function ConvertTo-LabVirtualDiskCim($Storage, $VDisk, [long]$NowMs) {
    $h = Get-LabVirtualDiskHealth $Storage $VDisk $NowMs
    $fp = [uint64]0; foreach ($m in @($VDisk['footprint'].Keys)) { $fp += [uint64]$VDisk['footprint'][$m] }
    $avail = [uint16]$VDisk['copies']
    if ($h.Status -eq 'Degraded') { $avail = [uint16]([math]::Max(0, [int]$VDisk['copies'] - 1)) }
    $tiered = @($VDisk['tiers'] | Where-Object { $null -ne $_ }).Count -gt 0
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_VirtualDisk' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'VirtualDisk' ([string]$VDisk['uniqueId'])); PassThroughClass = $null; PassThroughIds = $null; PassThroughNamespace = $null
        PassThroughServer = $null; UniqueId = ([string]$VDisk['uniqueId']).Trim('{', '}').Replace('-', ''); Access = [uint16]2; AllocatedSize = [uint64]$VDisk['size']
        AllocationUnitSize = [uint64]268435456; ColumnIsolation = 'PhysicalDisk'; DetachedReason = [uint16]0; FaultDomainAwareness = 'PhysicalDisk'; FootprintOnPool = $fp
        FriendlyName = [string]$VDisk['friendlyName']; HealthStatus = $h.Health; Interleave = [uint64]262144; IsDeduplicationEnabled = $false; IsEnclosureAware = $false
        IsManualAttach = $false; IsSnapshot = $false; IsTiered = $tiered; LogicalSectorSize = [uint64]4096; MediaType = 'Unspecified'; Name = $null; NameFormat = $null
        NumberOfAvailableCopies = $avail; NumberOfColumns = [uint16]1; NumberOfDataCopies = [uint16]$VDisk['copies']; NumberOfGroups = [uint16]1
        OperationalStatus = @($h.Status); OtherOperationalStatusDescription = $null; OtherUsageDescription = $null; ParityLayout = [uint16]0
        PhysicalDiskRedundancy = [uint16]([math]::Max(0, [int]$VDisk['copies'] - 1)); PhysicalSectorSize = [uint64]4096; ProvisioningType = [string]$VDisk['provisioning']
        ReadCacheSize = [uint64]0; RequestNoSinglePointOfFailure = $false; ResiliencySettingName = [string]$VDisk['resiliency']; Size = [uint64]$VDisk['size']
        UniqueIdFormat = [uint16]8; UniqueIdFormatDescription = $null; Usage = [uint16]2; WriteCacheSize = [uint64]0 })
}

# A CSV volume's FileSystem is CSVFS (its FileSystemType says CSVFS_ReFS); a local one is its own.
function ConvertTo-LabVolumeCim($Storage, $Volume, [long]$NowMs, $Site) {
    $vd = @(Get-LabStorageList $Storage 'virtualDisks' | Where-Object { $_['uniqueId'] -eq $Volume['virtualDisk'] })
    $health = 'Healthy'; $status = 'OK'
    if ($vd.Count -gt 0) {
        $h = Get-LabVirtualDiskHealth $Storage $vd[0] $NowMs
        if ($h.Health -eq 'Unhealthy') { $health = 'Unhealthy'; $status = 'Offline' } elseif ($h.Health -ne 'Healthy') { $health = 'Warning'; $status = 'OK' }
    }
    $fsType = [string]$Volume['fileSystem']
    $fs = $fsType; if ($fsType -like 'CSVFS_*') { $fs = 'CSVFS' }
    $used = [uint64]$Volume['usedBytes']
    $dedupMode = 'Disabled'
    if ($null -ne $Site -and $Site.Contains('dedup') -and $null -ne $Site['dedup']) {
        $rec = @(Get-LabStorageList $Site['dedup'] 'volumes' | Where-Object { $_['volumeId'] -eq $Volume['uniqueId'] })
        if ($rec.Count -gt 0) {
            $dedupMode = [string]$rec[0]['usageType']; if ($dedupMode -eq 'Default') { $dedupMode = 'GeneralPurpose' }
            $used = (Get-LabDedupFigures $Site['dedup'] $rec[0] $Volume $NowMs).UsedSpace
        }
    }
    $letter = $null; if ($Volume['driveLetter']) { $letter = [char]([string]$Volume['driveLetter'])[0] }
    return New-LabCimObject -Namespace $script:LabStorageNs -ClassName 'MSFT_Volume' -ComputerName (Get-LabSelfName) -Properties ([ordered]@{
        ObjectId = (Get-LabObjectId 'Volume' ([string]$Volume['uniqueId'])); PassThroughClass = $null; PassThroughIds = $null; PassThroughNamespace = $null
        PassThroughServer = $null; UniqueId = [string]$Volume['uniqueId']; AllocationUnitSize = [uint32]4096; DedupMode = $dedupMode; DriveLetter = $letter
        DriveType = 'Fixed'; FileSystem = $fs; FileSystemLabel = [string]$Volume['label']; FileSystemType = $fsType; HealthStatus = $health
        OperationalStatus = @($status); Path = [string]$Volume['uniqueId']; Size = [uint64]$Volume['size']; SizeRemaining = [uint64]([uint64]$Volume['size'] - $used) })
}

# The id a piped CIM object or a record carries (CimInstanceProperties first: that is what CDXML reads).
function Get-LabCimKey($Object, [string]$Name) {
    if ($null -eq $Object) { return $null }
    $p = $Object.PSObject.Properties['CimInstanceProperties']
    if ($null -ne $p -and $null -ne $p.Value) {
        foreach ($cp in $p.Value) { if ($cp.Name -eq $Name) { return $cp.Value } }
    }
    $q = $Object.PSObject.Properties[$Name]
    if ($null -ne $q) { return $q.Value }
    return $null
}

function Test-LabLike([string]$Value, $Patterns) {
    foreach ($p in @($Patterns)) { if ([Management.Automation.WildcardPattern]::new([string]$p, [Management.Automation.WildcardOptions]::IgnoreCase).IsMatch($Value)) { return $true } }
    return $false
}

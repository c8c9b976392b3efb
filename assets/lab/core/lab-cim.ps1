# CIM instances for the CDXML modules' cmdlets (Storage, SmbShare, Deduplication, NetAdapter, NetLbfo, NetWNV):
#   New-LabCimObject -Namespace 'ROOT/Microsoft/Windows/Storage' -ClassName 'MSFT_PhysicalDisk' -Properties ([ordered]@{...}) [-ComputerName HV-C01]
# A real [Microsoft.Management.Infrastructure.CimInstance] needs the native MI library (libmi), which PowerShell on
# Linux no longer ships, so this is a PSObject with the CimInstance surface: the real PSTypeNames (namespace-qualified
# and bare, for the class and each superclass, then CimInstance), CimClass, CimInstanceProperties (typed values with
# their CimType), CimSystemProperties, PSComputerName, ToString like CimInstance's. The lab's declarations type CIM
# parameters [psobject] + [PSTypeName('...CimInstance#<Class>')], so these bind where a real host's would.
# Enum-coded properties: the CIM value stays the number (CimInstanceProperties['X'].Value, UInt16/UInt32), and the
# property read from PowerShell is a ScriptProperty that switches the number to its name, as the real modules'
# types.ps1xml do (Get-Volume | Get-Member: "DriveType ScriptProperty ... {get=switch ($this.psBase.CimInstanceProperties...").
# A caller may pass either the number or the name for such a property.
Set-StrictMode -Version Latest

Import-LabTypes -Name 'lab-cim' -SourceFiles @(Join-Path (Split-Path $PSScriptRoot -Parent) 'modules/LabCim/LabCimInstance.cs') -ProbeType 'Hyperdesk.Lab.LabCimPropertyCollection'

# Superclass chains (nearest first) of the classes the lab returns; they appear in PSTypeNames as on a real host.
$script:LabCimSuperClasses = @{
    'MSFT_PhysicalDisk' = @('MSFT_StorageFaultDomain', 'MSFT_StorageObject')
    'MSFT_StoragePool' = @('MSFT_StorageObject'); 'MSFT_VirtualDisk' = @('MSFT_StorageObject'); 'MSFT_StorageTier' = @('MSFT_StorageObject')
    'MSFT_Volume' = @('MSFT_StorageObject'); 'MSFT_Disk' = @('MSFT_StorageObject'); 'MSFT_Partition' = @('MSFT_StorageObject')
    'MSFT_StorageSubSystem' = @('MSFT_StorageFaultDomain', 'MSFT_StorageObject'); 'MSFT_StorageJob' = @('MSFT_StorageObject')
    'MSFT_NetAdapter' = @('CIM_NetworkAdapter', 'CIM_NetworkPort', 'CIM_LogicalPort', 'CIM_LogicalDevice', 'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement')
    'MSFT_NetAdapterVmqSettingData' = @('MSFT_NetAdapterSettingData', 'CIM_SettingData', 'CIM_ManagedElement')
    'MSFT_NetAdapterSriovSettingData' = @('MSFT_NetAdapterSettingData', 'CIM_SettingData', 'CIM_ManagedElement')
    'MSFT_NetAdapterRdmaSettingData' = @('MSFT_NetAdapterSettingData', 'CIM_SettingData', 'CIM_ManagedElement')
    'MSFT_NetAdapterRssSettingData' = @('MSFT_NetAdapterSettingData', 'CIM_SettingData', 'CIM_ManagedElement')
    'MSFT_NetLbfoTeamMember' = @('MSFT_NetImPlatAdapter', 'CIM_ManagedElement'); 'MSFT_NetLbfoTeamNic' = @('MSFT_NetImPlatAdapter', 'CIM_ManagedElement')
    'MSFT_NetLbfoTeam' = @('CIM_ManagedElement')
    'MSFT_NetVirtualizationLookupRecordSettingData' = @('MSFT_NetSettingData', 'CIM_ManagedElement')
    'MSFT_NetVirtualizationProviderAddressSettingData' = @('MSFT_NetSettingData', 'CIM_ManagedElement')
    'MSFT_NetVirtualizationCustomerRouteSettingData' = @('MSFT_NetSettingData', 'CIM_ManagedElement')
    'MSFT_NetVirtualizationProviderRouteSettingData' = @('MSFT_NetSettingData', 'CIM_ManagedElement')
    'MSFT_NetVirtualizationGlobalSettingData' = @('MSFT_NetSettingData', 'CIM_ManagedElement')
}

# Value maps, '<CimType>:<code>=<name>,...' (hyperv-objects-2.md §3-§5, the documented MOF value maps). A domain adds
# its own with Register-LabCimValueMap (or -ValueMap per call).
$script:LabCimHealth = 'UInt16:0=Healthy,1=Warning,2=Unhealthy,5=Unknown'
$script:LabCimOpStatus = 'UInt16:0=Unknown,1=Other,2=OK,3=Degraded,4=Stressed,5=Predictive Failure,6=Error,7=Non-Recoverable Error,8=Starting,9=Stopping,10=Stopped,11=In Service,12=No Contact,13=Lost Communication,14=Aborted,15=Dormant,16=Supporting Entity in Error,17=Completed,18=Power Mode'
$script:LabCimMedia = 'UInt16:0=Unspecified,3=HDD,4=SSD,5=SCM'
$script:LabCimProvisioning = 'UInt16:0=Unknown,1=Thin,2=Fixed'
$script:LabCimFaultDomain = 'UInt16:1=PhysicalDisk,2=StorageEnclosure,3=StorageScaleUnit,4=StorageChassis,5=StorageRack'
$script:LabCimValueMapText = @{
    'MSFT_PhysicalDisk' = @{
        HealthStatus = $script:LabCimHealth; OperationalStatus = $script:LabCimOpStatus; MediaType = $script:LabCimMedia
        Usage = 'UInt16:0=Unknown,1=Auto-Select,2=Manual-Select,3=Hot Spare,4=Retired,5=Journal'
        SupportedUsages = 'UInt16:0=Unknown,1=Auto-Select,2=Manual-Select,3=Hot Spare,4=Retired,5=Journal'
        BusType = 'UInt16:0=Unknown,1=SCSI,2=ATAPI,3=ATA,4=1394,5=SSA,6=Fibre Channel,7=USB,8=RAID,9=iSCSI,10=SAS,11=SATA,12=SD,13=MMC,14=MAX,15=File Backed Virtual,16=Storage Spaces,17=NVMe'
        CannotPoolReason = 'UInt16:0=Unknown,1=Other,2=In a Pool,3=Not Healthy,4=Removable Media,5=In Use by Cluster,6=Offline,7=Insufficient Capacity,8=Spare Disk,9=Reserved by subsystem,10=Starting'
    }
    'MSFT_StoragePool' = @{
        HealthStatus = $script:LabCimHealth; OperationalStatus = $script:LabCimOpStatus; MediaTypeDefault = $script:LabCimMedia
        ProvisioningTypeDefault = $script:LabCimProvisioning; SupportedProvisioningTypes = $script:LabCimProvisioning
        FaultDomainAwarenessDefault = $script:LabCimFaultDomain
    }
    'MSFT_VirtualDisk' = @{
        HealthStatus = $script:LabCimHealth; OperationalStatus = $script:LabCimOpStatus; MediaType = $script:LabCimMedia
        ProvisioningType = $script:LabCimProvisioning; FaultDomainAwareness = $script:LabCimFaultDomain
    }
    'MSFT_StorageTier' = @{ MediaType = $script:LabCimMedia; ProvisioningType = $script:LabCimProvisioning; FaultDomainAwareness = $script:LabCimFaultDomain }
    'MSFT_Volume' = @{
        HealthStatus = $script:LabCimHealth; OperationalStatus = $script:LabCimOpStatus
        DedupMode = 'UInt32:0=Disabled,1=GeneralPurpose,2=HyperV,3=Backup,4=NotAvailable'
        DriveType = 'UInt32:0=Unknown,1=Invalid Root Path,2=Removable,3=Fixed,4=Remote,5=CD-ROM,6=RAM Disk'
        FileSystemType = 'UInt16:0=Unknown,1=Threshold,2=UFS,3=HFS,4=FAT,5=FAT16,6=FAT32,7=NTFS4,8=NTFS5,9=XFS,10=AFS,11=EXT2,12=EXT3,13=ReiserFS,14=NTFS,15=ReFS,32768=CSVFS_NTFS,32769=CSVFS_ReFS'
    }
    'MSFT_DedupVolume' = @{ UsageType = 'UInt32:1=Default,2=HyperV,3=Backup' }
    'MSFT_DedupJob' = @{
        Type = 'UInt32:1=Optimization,2=GarbageCollection,3=Scrubbing,4=Unoptimization'; ScheduleType = 'UInt32:1=Scheduled,2=Manual'
        Priority = 'UInt32:1=Low,2=Normal,3=High'; InputOutputThrottleLevel = 'UInt32:1=None,2=Low,3=Medium,4=High,5=Maximum'
        State = 'UInt32:1=Queued,2=Initializing,3=Running,4=Completed,5=PendingCancel,6=Canceled,7=Failed'
    }
    'MSFT_DedupJobSchedule' = @{
        Type = 'UInt32:1=Optimization,2=GarbageCollection,3=Scrubbing,4=Unoptimization'
        Priority = 'UInt32:1=Low,2=Normal,3=High'; InputOutputThrottleLevel = 'UInt32:1=None,2=Low,3=Medium,4=High,5=Maximum'
    }
    'MSFT_SmbShare' = @{
        AvailabilityType = 'UInt32:0=NonClustered,1=Clustered,2=ScaleOut,3=CSV,4=DFS'
        CachingMode = 'UInt32:0=None,1=Manual,2=Documents,3=Programs,4=BranchCache,5=Unknown'
        FolderEnumerationMode = 'UInt32:0=AccessBased,1=Unrestricted'; ShareState = 'UInt32:0=Pending,1=Online,2=Offline'
        ShareType = 'UInt32:0=FileSystemDirectory,1=PrintQueue,2=CommunicationDevice,3=InterprocessCommunication,4=Unknown'
        SmbInstance = 'UInt32:0=Default,1=CSV,2=SBL,3=SR'
    }
    'MSFT_SmbShareAccessControlEntry' = @{ AccessControlType = 'UInt32:0=Allow,1=Deny'; AccessRight = 'UInt32:0=Full,1=Change,2=Read,3=Custom' }
}
# The CIM types of the numeric properties (hyperv-objects-2.md §3-§4), so a value given as a PowerShell number
# (800GB is an Int64, 3 an Int32) is stored as the class declares it. -CimTypes adds or overrides per call.
$script:LabCimStorageSizes = @{ AllocatedSize = 'UInt64'; Size = 'UInt64'; LogicalSectorSize = 'UInt64'; PhysicalSectorSize = 'UInt64' }
$script:LabCimPropertyTypes = @{
    'MSFT_PhysicalDisk' = $script:LabCimStorageSizes + @{ VirtualDiskFootprint = 'UInt64'; SpindleSpeed = 'UInt32'; EnclosureNumber = 'UInt16'; SlotNumber = 'UInt16'; UniqueIdFormat = 'UInt16' }
    'MSFT_StoragePool' = $script:LabCimStorageSizes + @{ WriteCacheSizeDefault = 'UInt64'; WriteCacheSizeMax = 'UInt64'; WriteCacheSizeMin = 'UInt64'; ThinProvisioningAlertThresholds = 'UInt16[]'; RepairPolicy = 'UInt16'; RetireMissingPhysicalDisks = 'UInt16'; Version = 'UInt16'; Usage = 'UInt16'; ReadOnlyReason = 'UInt16' }
    'MSFT_VirtualDisk' = $script:LabCimStorageSizes + @{ AllocationUnitSize = 'UInt64'; FootprintOnPool = 'UInt64'; Interleave = 'UInt64'; ReadCacheSize = 'UInt64'; WriteCacheSize = 'UInt64'; NumberOfAvailableCopies = 'UInt16'; NumberOfColumns = 'UInt16'; NumberOfDataCopies = 'UInt16'; NumberOfGroups = 'UInt16'; PhysicalDiskRedundancy = 'UInt16'; ParityLayout = 'UInt16'; Access = 'UInt16'; DetachedReason = 'UInt16'; UniqueIdFormat = 'UInt16'; ColumnIsolation = 'UInt16' }
    'MSFT_StorageTier' = @{ AllocatedSize = 'UInt64'; AllocationUnitSize = 'UInt64'; FootprintOnPool = 'UInt64'; Interleave = 'UInt64'; Size = 'UInt64'; NumberOfColumns = 'UInt16'; NumberOfDataCopies = 'UInt16'; NumberOfGroups = 'UInt16'; PhysicalDiskRedundancy = 'UInt16'; ParityLayout = 'UInt16'; TierClass = 'UInt16'; Usage = 'UInt16'; ColumnIsolation = 'UInt16' }
    'MSFT_Volume' = @{ AllocationUnitSize = 'UInt32'; Size = 'UInt64'; SizeRemaining = 'UInt64' }
    'MSFT_StorageJob' = @{ BytesProcessed = 'UInt64'; BytesTotal = 'UInt64'; PercentComplete = 'UInt16'; JobState = 'UInt16' }
    'MSFT_DedupVolume' = @{ Capacity = 'UInt64'; FreeSpace = 'UInt64'; UsedSpace = 'UInt64'; UnoptimizedSize = 'UInt64'; SavedSpace = 'UInt64'; SavingsRate = 'UInt32'; MinimumFileAgeDays = 'UInt32'; MinimumFileSize = 'UInt32'; ChunkRedundancyThreshold = 'UInt32'; InputOutputScale = 'UInt32' }
    'MSFT_DedupVolumeStatus' = @{ Capacity = 'UInt64'; FreeSpace = 'UInt64'; UsedSpace = 'UInt64'; UnoptimizedSize = 'UInt64'; SavedSpace = 'UInt64'; SavingsRate = 'UInt32'; OptimizedFilesCount = 'UInt64'; OptimizedFilesSize = 'UInt64'; InPolicyFilesCount = 'UInt64'; InPolicyFilesSize = 'UInt64'; OptimizedFilesSavingsRate = 'UInt32'; LastOptimizationResult = 'UInt32'; LastGarbageCollectionResult = 'UInt32'; LastScrubbingResult = 'UInt32' }
}
$script:LabCimValueMaps = @{}     # class -> property -> @{ Type; ByCode; ByName; Getter } (parsed once)

function ConvertFrom-LabCimValueMapText([string]$Property, [string]$Text) {
    $i = $Text.IndexOf(':')
    $byCode = [ordered]@{}; $byName = @{}
    foreach ($pair in $Text.Substring($i + 1).Split(',')) {
        $kv = $pair.Split('=', 2)
        $byCode[[long]$kv[0]] = $kv[1]; $byName[$kv[1]] = [long]$kv[0]
    }
    # The getter is self-contained text (no module function), so it runs in whatever scope reads the property.
    $cases = ($byCode.Keys | ForEach-Object { "$_ {'" + $byCode[$_].Replace("'", "''") + "'}" }) -join ' '
    $getter = [scriptblock]::Create("switch (`$this.CimInstanceProperties['$Property'].Value) { $cases default {`$_} }")
    return @{ Type = $Text.Substring(0, $i); ByCode = $byCode; ByName = $byName; Getter = $getter }
}

function Register-LabCimValueMap([string]$ClassName, [string]$Property, [string]$Map) {
    if (-not $script:LabCimValueMapText.ContainsKey($ClassName)) { $script:LabCimValueMapText[$ClassName] = @{} }
    $script:LabCimValueMapText[$ClassName][$Property] = $Map
    if ($script:LabCimValueMaps.ContainsKey($ClassName)) { $script:LabCimValueMaps[$ClassName].Remove($Property) }
}

function Get-LabCimValueMap([string]$ClassName, [string]$Property) {
    if (-not $script:LabCimValueMaps.ContainsKey($ClassName)) { $script:LabCimValueMaps[$ClassName] = @{} }
    $maps = $script:LabCimValueMaps[$ClassName]
    if ($maps.ContainsKey($Property)) { return $maps[$Property] }
    $text = $null
    if ($script:LabCimValueMapText.ContainsKey($ClassName)) { $text = $script:LabCimValueMapText[$ClassName][$Property] }
    $m = $null
    if ($text) { $m = ConvertFrom-LabCimValueMapText $Property $text }
    $maps[$Property] = $m
    return $m
}

$script:LabCimTypeOf = @{
    'System.UInt64' = 'UInt64'; 'System.UInt32' = 'UInt32'; 'System.UInt16' = 'UInt16'; 'System.Byte' = 'UInt8'
    'System.Int64' = 'SInt64'; 'System.Int32' = 'SInt32'; 'System.Int16' = 'SInt16'; 'System.SByte' = 'SInt8'
    'System.Boolean' = 'Boolean'; 'System.String' = 'String'; 'System.Char' = 'Char16'; 'System.DateTime' = 'DateTime'
    'System.TimeSpan' = 'DateTime'; 'System.Double' = 'Real64'; 'System.Single' = 'Real32'
}
$script:LabCimNetType = @{
    UInt64 = [uint64]; UInt32 = [uint32]; UInt16 = [uint16]; UInt8 = [byte]; SInt64 = [long]; SInt32 = [int]; SInt16 = [int16]; SInt8 = [sbyte]
    Boolean = [bool]; String = [string]; Char16 = [char]; DateTime = [datetime]; Real64 = [double]; Real32 = [single]
}

# A value given by name for an enum-coded property becomes its code; an unknown name is the caller's bug.
function ConvertTo-LabCimCode($Map, [string]$ClassName, [string]$Property, $Value) {
    $t = $script:LabCimNetType[$Map.Type]
    if ($Value -is [string]) {
        if (-not $Map.ByName.ContainsKey($Value)) { throw "New-LabCimObject: '$Value' is not a value of $ClassName.$Property" }
        return ($Map.ByName[$Value] -as $t)
    }
    return ($Value -as $t)
}

# CimInstance.ToString(): 'MSFT_PhysicalDisk (ObjectId = "{1}\\HV-C01\...")', the class and its key values. One shared
# script method: it reads the Key-flagged properties when called, so building an object parses nothing.
$script:LabCimToString = {
    $keys = New-Object System.Collections.Generic.List[string]
    foreach ($p in $this.CimInstanceProperties) {
        if (($p.Flags -band [Microsoft.Management.Infrastructure.CimFlags]::Key) -ne 0) { $keys.Add(('{0} = "{1}"' -f $p.Name, $p.Value)) }
    }
    if ($keys.Count -eq 0) { return $this.CimClass.CimClassName }
    return '{0} ({1})' -f $this.CimClass.CimClassName, ($keys -join ', ')
}
$script:LabCimFlagProperty = [Microsoft.Management.Infrastructure.CimFlags]::Property
$script:LabCimFlagKey = [Microsoft.Management.Infrastructure.CimFlags]::Property -bor [Microsoft.Management.Infrastructure.CimFlags]::Key

function Get-LabCimTypeOfValue($Value) {
    if ($null -eq $Value) { return 'String' }
    $full = $Value.GetType().FullName
    if ($script:LabCimTypeOf.ContainsKey($full)) { return $script:LabCimTypeOf[$full] }
    if ($Value -is [psobject] -and $Value.PSObject.TypeNames.Contains('Microsoft.Management.Infrastructure.CimInstance')) { return 'Instance' }
    return $null
}

function New-LabCimObject {
    param(
        [Parameter(Mandatory = $true)][string]$Namespace,
        [Parameter(Mandatory = $true)][string]$ClassName,
        [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Properties,
        [string]$ComputerName,
        # Nearest first; defaults to the lab's table.
        [string[]]$SuperClass,
        # Property -> CimType name ('UInt64', 'UInt16[]', ...): converts a value given as another number type.
        [hashtable]$CimTypes,
        # Property -> '<CimType>:<code>=<name>,...' for enum-coded properties not in the lab's table.
        [hashtable]$ValueMap,
        # Key properties (CimFlags.Key; ToString prints them); default the first of ObjectId, InstanceID, Name present.
        [string[]]$Key
    )
    $ns = $Namespace.Replace('\', '/').Trim('/')
    if ($null -eq $SuperClass) { $SuperClass = $script:LabCimSuperClasses[$ClassName]; if ($null -eq $SuperClass) { $SuperClass = @() } }
    if ($ValueMap) { foreach ($p in $ValueMap.Keys) { Register-LabCimValueMap $ClassName $p $ValueMap[$p] } }
    if (-not $Key) { foreach ($k in @('ObjectId', 'InstanceID', 'Name')) { if ($Properties.Contains($k)) { $Key = @($k); break } } }
    $server = $null
    if ($ComputerName) { $server = $ComputerName }
    $super = $null
    if ($SuperClass.Count -gt 0) { $super = $SuperClass[0] }

    $o = New-Object psobject
    $names = $o.PSObject.TypeNames
    $names.Clear()
    foreach ($c in @($ClassName) + $SuperClass) {
        $names.Add("Microsoft.Management.Infrastructure.CimInstance#$ns/$c")
        $names.Add("Microsoft.Management.Infrastructure.CimInstance#$c")
    }
    $names.Add('Microsoft.Management.Infrastructure.CimInstance')
    $names.Add('System.Object')

    $cimProps = [Hyperdesk.Lab.LabCimPropertyCollection]::new()
    $members = $o.PSObject.Properties
    # Per-class cache of parsed maps ($null for a plain property): a hashtable look-up per property, no function call.
    if (-not $script:LabCimValueMaps.ContainsKey($ClassName)) { $script:LabCimValueMaps[$ClassName] = @{} }
    $classMaps = $script:LabCimValueMaps[$ClassName]
    $classTypes = $script:LabCimPropertyTypes[$ClassName]
    if ($null -ne $CimTypes) { if ($null -eq $classTypes) { $classTypes = $CimTypes } else { $classTypes = $classTypes + @{}; foreach ($k in $CimTypes.Keys) { $classTypes[$k] = $CimTypes[$k] } } }
    foreach ($name in $Properties.Keys) {
        $value = $Properties[$name]
        if ($classMaps.ContainsKey($name)) { $map = $classMaps[$name] } else { $map = Get-LabCimValueMap $ClassName $name }
        $cimType = $null
        if ($null -ne $map) {
            $cimType = $map.Type
            $t = $script:LabCimNetType[$cimType]
            if ($value -is [array]) {
                $codes = [Array]::CreateInstance($t, $value.Count)
                for ($i = 0; $i -lt $value.Count; $i++) { $codes[$i] = ConvertTo-LabCimCode $map $ClassName $name $value[$i] }
                $value = $codes; $cimType += 'Array'
            } elseif ($value -is [string]) { $value = ConvertTo-LabCimCode $map $ClassName $name $value }
            elseif ($null -ne $value) { $value = $value -as $t }
        } elseif ($null -ne $classTypes -and $classTypes.ContainsKey($name)) {
            $want = [string]$classTypes[$name]
            $isArr = $want.EndsWith('[]')
            $cimType = $want.TrimEnd('[', ']')
            $t = $script:LabCimNetType[$cimType]
            if ($null -ne $value) { if ($isArr) { $value = @($value) -as $t.MakeArrayType() } else { $value = $value -as $t } }
            if ($isArr) { $cimType += 'Array' }
        } elseif ($value -is [array]) {
            $elem = $null
            foreach ($v in $value) { if ($null -ne $v) { $elem = Get-LabCimTypeOfValue $v; break } }
            if ($null -eq $elem) { $elem = 'String' }
            $cimType = $elem + 'Array'
        } elseif ($null -eq $value) {
            $cimType = 'String'
        } else {
            $cimType = $script:LabCimTypeOf[$value.GetType().FullName]
            if ($null -eq $cimType) { $cimType = Get-LabCimTypeOfValue $value }
            if ($null -eq $cimType) { $cimType = 'String'; $value = [string]$value }
        }
        $flags = $script:LabCimFlagProperty
        if ($null -ne $Key -and $Key -contains $name) { $flags = $script:LabCimFlagKey }
        $cimProps.Add([Hyperdesk.Lab.LabCimProperty]::new($name, $value, [Microsoft.Management.Infrastructure.CimType]$cimType, $flags))
        if ($null -ne $map) { $members.Add([System.Management.Automation.PSScriptProperty]::new($name, $map.Getter)) }
        else { $members.Add([System.Management.Automation.PSNoteProperty]::new($name, $value)) }
    }
    $members.Add([System.Management.Automation.PSNoteProperty]::new('PSComputerName', $server))
    $members.Add([System.Management.Automation.PSNoteProperty]::new('CimClass', [Hyperdesk.Lab.LabCimClass]::new($ns, $ClassName, $super, $server)))
    $members.Add([System.Management.Automation.PSNoteProperty]::new('CimInstanceProperties', $cimProps))
    $members.Add([System.Management.Automation.PSNoteProperty]::new('CimSystemProperties', [Hyperdesk.Lab.LabCimSystemProperties]::new($ns, $server, $ClassName)))
    $o.PSObject.Methods.Add([System.Management.Automation.PSScriptMethod]::new('ToString', $script:LabCimToString))
    return $o
}

# Builders of the real output types (Microsoft.HyperV.PowerShell.*) from state records.
Set-StrictMode -Version Latest

$script:LabISNames = @('Guest Service Interface', 'Heartbeat', 'Key-Value Pair Exchange', 'Shutdown', 'Time Synchronization', 'VSS')

function Set-LabComponentIds($Obj, $Vm, $Snap, [string]$ComputerName) {
    $Obj.VMId = [Guid]$Vm['id']
    $Obj.VMName = [string]$Vm['name']
    if ($null -ne $Snap) {
        $Obj.VMSnapshotId = [Guid]$Snap['id']
        $Obj.VMSnapshotName = [string]$Snap['name']
    }
    $Obj.ComputerName = $ComputerName
}

function New-LabHddObject($Vm, $Drive, $Snap, [string]$ComputerName) {
    $o = [Microsoft.HyperV.PowerShell.HardDiskDrive]::new()
    $ct = [string]$Drive['controllerType']
    $o.ControllerType = $ct
    $o.ControllerNumber = [int]$Drive['controllerNumber']
    $o.ControllerLocation = [int]$Drive['controllerLocation']
    $o.Path = [string]$Drive['path']
    $o.Name = 'Hard Drive on {0} controller number {1} at location {2}' -f $ct, $Drive['controllerNumber'], $Drive['controllerLocation']
    $o.Id = 'Microsoft:{0}\{1}\{2}\{3}\D' -f $Vm['id'].ToUpperInvariant(), $ct, $Drive['controllerNumber'], $Drive['controllerLocation']
    $o.PoolName = 'Primordial'
    Set-LabComponentIds $o $Vm $Snap $ComputerName
    return $o
}

function New-LabDvdObject($Vm, $Drive, $Snap, [string]$ComputerName) {
    $o = [Microsoft.HyperV.PowerShell.DvdDrive]::new()
    $ct = [string]$Drive['controllerType']
    $o.ControllerType = $ct
    $o.ControllerNumber = [int]$Drive['controllerNumber']
    $o.ControllerLocation = [int]$Drive['controllerLocation']
    $o.Path = [string]$Drive['path']
    if ([string]::IsNullOrEmpty([string]$Drive['path'])) { $o.DvdMediaType = 'None'; $o.Path = $null } else { $o.DvdMediaType = 'ISO' }
    $o.Name = 'DVD Drive on {0} controller number {1} at location {2}' -f $ct, $Drive['controllerNumber'], $Drive['controllerLocation']
    $o.Id = 'Microsoft:{0}\{1}\{2}\{3}\L' -f $Vm['id'].ToUpperInvariant(), $ct, $Drive['controllerNumber'], $Drive['controllerLocation']
    $o.PoolName = 'Primordial'
    Set-LabComponentIds $o $Vm $Snap $ComputerName
    return $o
}

function New-LabNicObject($State, $Vm, $Nic, $Snap, [string]$ComputerName, [string]$LiveState) {
    $o = [Microsoft.HyperV.PowerShell.VMNetworkAdapter]::new()
    $o.Name = [string]$Nic['name']
    $o.Id = [string]$Nic['id']
    $o.AdapterId = ([string]$Nic['id']).Split('\')[-1]
    $o.MacAddress = [string]$Nic['macAddress']
    $o.DynamicMacAddressEnabled = [bool]$Nic['dynamicMac']
    $o.SwitchName = [string]$Nic['switchName']
    $o.Connected = -not [string]::IsNullOrEmpty([string]$Nic['switchName'])
    if ($o.Connected) {
        foreach ($sw in $State['switches']) { if ($sw['name'] -eq $Nic['switchName']) { $o.SwitchId = [Guid]$sw['id'] } }
    }
    $o.IsLegacy = [bool]$Nic['isLegacy']
    $o.IsSynthetic = -not $o.IsLegacy
    $o.IsManagementOs = $false
    $o.DhcpGuard = 'Off'; $o.RouterGuard = 'Off'; $o.DeviceNaming = 'Off'
    $o.AllowTeaming = 'Off'; $o.IeeePriorityTag = 'Off'; $o.FixSpeed10G = 'Off'
    $o.VMQWeight = 100
    $o.PoolName = ''
    Set-LabNicPolicy $o $Nic $ComputerName   # MAC spoofing, VLAN, bandwidth (devices.ps1)
    # HNVv1 virtual subnet (0 = not virtualized); the NetWNV lookup records are derived from it.
    $o.VirtualSubnetId = [uint32]0
    if ($Nic.Contains('virtualSubnetId') -and $null -ne $Nic['virtualSubnetId']) { $o.VirtualSubnetId = [uint32]$Nic['virtualSubnetId'] }
    if ($LiveState -eq 'Running' -and $o.Connected) {
        $o.IPAddresses = [string[]]@($Nic['ipAddresses'])
        $o.Status = [Microsoft.HyperV.PowerShell.VMNetworkAdapterOperationalStatus[]]@('Ok')
        $o.StatusDescription = [string[]]@('OK')
    } else {
        $o.IPAddresses = [string[]]@()
        $o.Status = [Microsoft.HyperV.PowerShell.VMNetworkAdapterOperationalStatus[]]@()
        $o.StatusDescription = [string[]]@()
    }
    Set-LabComponentIds $o $Vm $Snap $ComputerName
    return $o
}

function New-LabISObjects($Vm, $Snap, [string]$ComputerName, $Live) {
    $list = [Collections.Generic.List[Microsoft.HyperV.PowerShell.VMIntegrationComponent]]::new()
    $vmId = [Guid]$Vm['id']
    $upper = ([string]$Vm['id']).ToUpperInvariant()
    $heartbeatOk = $null -ne $Live -and $Live.Heartbeat -eq 'OkApplicationsHealthy'
    $snapId = [Guid]::Empty; $snapName = $null
    if ($null -ne $Snap) { $snapId = [Guid]$Snap['id']; $snapName = [string]$Snap['name'] }
    foreach ($name in $script:LabISNames) {
        $enabled = [bool]$Vm['integrationServices'][$name]
        $p = @{ Name = $name; Enabled = $enabled; Id = ('Microsoft:{0}\{1}' -f $upper, (Get-LabHash $name)); VMId = $vmId; VMName = [string]$Vm['name']; VMSnapshotId = $snapId; VMSnapshotName = $snapName; ComputerName = $ComputerName }
        if ($enabled -and $heartbeatOk) { $p['OperationalStatus'] = @('Ok'); $p['PrimaryOperationalStatus'] = 'Ok'; $p['PrimaryStatusDescription'] = 'OK'; $p['StatusDescription'] = @('OK') }
        else { $p['OperationalStatus'] = @(); $p['StatusDescription'] = @() }
        $list.Add([Hyperdesk.Lab.LabUtil]::Fill([Microsoft.HyperV.PowerShell.VMIntegrationComponent]::new(), $p))
    }
    return , $list
}

# Device objects of a VM depend only on the state file and the live state/heartbeat, so repeated Get-VM
# calls (the app polls inventory) reuse them until the state changes; the VM objects are always new.
$script:LabPartsCache = @{ Stamp = $null; Items = @{} }
function Get-LabDeviceParts($State, $Rec, $Vm, $Snap, [string]$ComputerName, $Live, [string]$LiveState, $Heartbeat) {
    $stamp = $script:LabStateCache.Stamp
    $snapKey = ''
    if ($null -ne $Snap) { $snapKey = [string]$Snap['id'] }
    $key = '{0}|{1}|{2}|{3}' -f $Vm['id'], $snapKey, $LiveState, $Heartbeat
    if ($null -ne $stamp -and [object]::ReferenceEquals($State, $script:LabStateCache.State)) {
        if ($script:LabPartsCache.Stamp -ne $stamp) { $script:LabPartsCache = @{ Stamp = $stamp; Items = @{} } }
        $hit = $script:LabPartsCache.Items[$key]
        if ($null -ne $hit) { return $hit }
    } else { $stamp = $null }
    $hdd = [Collections.Generic.List[Microsoft.HyperV.PowerShell.HardDiskDrive]]::new()
    foreach ($d in $Rec['hardDrives']) { $hdd.Add((New-LabHddObject $Vm $d $Snap $ComputerName)) }
    $dvd = [Collections.Generic.List[Microsoft.HyperV.PowerShell.DvdDrive]]::new()
    foreach ($d in $Rec['dvdDrives']) { $dvd.Add((New-LabDvdObject $Vm $d $Snap $ComputerName)) }
    $nics = [Collections.Generic.List[Microsoft.HyperV.PowerShell.VMNetworkAdapter]]::new()
    foreach ($n in $Rec['networkAdapters']) { $nics.Add((New-LabNicObject $State $Vm $n $Snap $ComputerName $LiveState)) }
    $parts = @{ HardDrives = $hdd.ToArray(); DVDDrives = $dvd.ToArray(); NetworkAdapters = $nics; IS = (New-LabISObjects $Vm $Snap $ComputerName $Live) }
    if ($null -ne $stamp) { $script:LabPartsCache.Items[$key] = $parts }
    return $parts
}

# The device objects Get-VM put in a VM's object (built with the VM's live state now), or $null when $State is
# not the cached snapshot or $Snap is a checkpoint: Get-VMNetworkAdapter then returns copies of them
# (LabUtil.CloneOutput) instead of rebuilding every adapter (about 25 properties each) on each call.
function Get-LabCachedVMParts($State, $Vm, $Snap) {
    if ($null -ne $Snap -or $null -eq $script:LabStateCache.Stamp -or -not [object]::ReferenceEquals($State, $script:LabStateCache.State)) { return $null }
    $live = [Hyperdesk.Lab.LabSim]::Live($State['host'], $Vm, (Get-LabNowMs))
    return Get-LabDeviceParts $State $Vm $Vm $null ([string]$State['host']['name']) $live $live.State $live.Heartbeat
}

# Fields VirtualMachine and VMSnapshot share (VirtualMachineBase), from a VM record or a snapshot's copy.
function Set-LabVMBase($O, $State, $Rec, $Vm, $Snap, [string]$ComputerName, $Live) {
    $mem = $Rec['memory']
    $O.Generation = [int]$Rec['generation']
    $O.Version = [string]$Rec['version']
    $O.Notes = [string]$Rec['notes']
    $O.ProcessorCount = [long]$Rec['processorCount']
    $O.DynamicMemoryEnabled = [bool]$mem['dynamic']
    $O.MemoryStartup = [long]$mem['startup']
    $O.MemoryMinimum = [long]$mem['minimum']
    $O.MemoryMaximum = [long]$mem['maximum']
    $O.Path = [string]$Vm['path']
    $O.ComputerName = $ComputerName
    $O.CreationTime = ConvertFrom-LabMs ([long]$Rec['creationTime'])
    $O.SizeOfSystemFiles = [long]28672
    $O.LowMemoryMappedIoSpace = [uint32]134217728
    $O.HighMemoryMappedIoSpace = [uint64]536870912
    $O.IsClustered = $false
    $ls = 'Off'
    $hb = $null
    if ($null -ne $Live) { $ls = $Live.State; $hb = $Live.Heartbeat }
    $parts = Get-LabDeviceParts $State $Rec $Vm $Snap $ComputerName $Live $ls $hb
    $O.HardDrives = $parts.HardDrives
    $O.DVDDrives = $parts.DVDDrives
    $O.NetworkAdapters = $parts.NetworkAdapters
    $O.VMIntegrationService = $parts.IS
    $O.FibreChannelHostBusAdapters = [Collections.Generic.List[Microsoft.HyperV.PowerShell.VMFibreChannelHba]]::new()
    $parentId = $Rec['parentSnapshotId']
    if ($null -ne $Snap) { $parentId = $Snap['parentId'] }
    if ($null -ne $parentId) {
        $O.ParentSnapshotId = [Guid]$parentId
        $p = Find-LabSnapshotRecord $State ([string]$parentId)
        if ($null -ne $p) { $O.ParentSnapshotName = [string]$p['name'] }
    }
}

# Get-VM is polled: a VM object is built once per state version and live state, then each call returns a
# fresh shallow copy with the figures that move with time (CPU, memory, uptime) filled in.
$script:LabVMCache = @{ Stamp = $null; Items = @{} }
function New-LabVMObject($State, $Vm, [long]$NowMs) { New-LabVMObjects $State @(, $Vm) $NowMs }

# The VM objects of several records (one pass: Get-VM on a fleet host calls this once for 64 VMs).
function New-LabVMObjects($State, $Vms, [long]$NowMs) {
    $hostRec = $State['host']
    $stamp = $script:LabStateCache.Stamp
    $cacheable = $null -ne $stamp -and [object]::ReferenceEquals($State, $script:LabStateCache.State)
    if ($cacheable -and $script:LabVMCache.Stamp -ne $stamp) { $script:LabVMCache = @{ Stamp = $stamp; Items = @{} } }
    $items = $script:LabVMCache.Items
    foreach ($vm in $Vms) {
        $live = [Hyperdesk.Lab.LabSim]::Live($hostRec, $vm, $NowMs)
        $key = [string]$vm['id'] + '|' + $live.State + '|' + $live.Heartbeat
        $proto = $null
        if ($cacheable) { $proto = $items[$key] }
        if ($null -eq $proto) {
            $proto = New-LabVMObjectCore $State $vm $live
            if ($cacheable) { $items[$key] = $proto }
        }
        $o = [Hyperdesk.Lab.LabUtil]::CloneWithLive($proto, $live)
        if ($vm.Contains('replicationMode') -and [string]$vm['replicationMode'] -ne 'None') { Set-LabVMReplicationView $o $vm $NowMs }
        $o
    }
}

# A replicated VM's ReplicationMode/State/Health on Get-VM: the mode is the record's, state and health move with the
# lab clock (core/world/replication.ps1), so they are filled after the cached copy, only for replicated VMs.
function Set-LabVMReplicationView($O, $Vm, [long]$NowMs) {
    $O.ReplicationMode = [string]$Vm['replicationMode']
    $dc = Get-LabDatacenter
    foreach ($rel in (Get-LabReplicationList $dc)) {
        if ($null -eq $rel -or [string]$rel['vmId'] -ne [string]$Vm['id']) { continue }
        $O.ReplicationState = [string]$rel['state']
        $O.ReplicationHealth = [string](Get-LabReplicationFigures $dc $rel $NowMs).Health
        return
    }
}

function New-LabVMObjectCore($State, $Vm, $Live) {
    $hostRec = $State['host']
    $cn = [string]$hostRec['name']
    $live = $Live
    $o = [Microsoft.HyperV.PowerShell.VirtualMachine]::new()
    $o.Name = [string]$Vm['name']
    $o.Id = [Guid]$Vm['id']
    $o.State = $live.State
    Set-LabVMBase $o $State $Vm $Vm $null $cn $live
    $o.ConfigurationLocation = [string]$Vm['path']
    $o.SnapshotFileLocation = [string]$Vm['snapshotFileLocation']
    $o.SmartPagingFilePath = [string]$Vm['smartPagingFilePath']
    $o.AutomaticStartAction = [string]$Vm['automaticStartAction']
    $o.AutomaticStartDelay = [int]$Vm['automaticStartDelay']
    $o.AutomaticStopAction = [string]$Vm['automaticStopAction']
    $o.AutomaticCriticalErrorAction = 'Pause'
    $o.AutomaticCriticalErrorActionTimeout = 30
    $o.AutomaticCheckpointsEnabled = [bool]$Vm['automaticCheckpointsEnabled']
    $o.CheckpointType = [string]$Vm['checkpointType']
    $o.CPUUsage = $live.Cpu
    $o.MemoryAssigned = $live.Assigned
    $o.MemoryDemand = $live.Demand
    if ([bool]$Vm['memory']['dynamic'] -and $live.State -eq 'Running') { $o.MemoryStatus = 'OK' } else { $o.MemoryStatus = '' }
    $o.Uptime = [TimeSpan]::FromSeconds([Math]::Floor($live.UptimeMs / 1000))
    if ($null -ne $live.Heartbeat) { $o.Heartbeat = $live.Heartbeat }
    if ($live.State -eq 'Running' -and $Vm['guest']['integrationServices'] -and $live.Heartbeat -eq 'OkApplicationsHealthy') {
        $o.IntegrationServicesVersion = [Version]([string]$Vm['guest']['isVersion'] + '')
        $o.IntegrationServicesState = 'Up to date'
    } else {
        $o.IntegrationServicesVersion = [Version]'0.0'
        $o.IntegrationServicesState = ''
    }
    $o.NumaAligned = $null
    $o.NumaNodesCount = 1
    $o.NumaSocketCount = 1
    $o.OperationalStatus = [Microsoft.HyperV.PowerShell.VMOperationalStatus[]]@('Ok')
    $o.PrimaryOperationalStatus = 'Ok'
    $o.StatusDescriptions = [string[]]@('Operating normally')
    $o.PrimaryStatusDescription = 'Operating normally'
    $o.Status = 'Operating normally'
    $o.ReplicationHealth = 'NotApplicable'
    $o.ReplicationMode = 'None'
    $o.ReplicationState = 'Disabled'
    $o.EnhancedSessionTransportType = 'VMBus'
    $o.VirtualMachineType = 'RealizedVirtualMachine'
    $o.VirtualMachineSubType = 'Generation' + $Vm['generation']
    $o.Groups = [Collections.Generic.List[Microsoft.HyperV.PowerShell.VMGroup]]::new()
    $o.LockOnDisconnect = 'Off'
    return $o
}

function New-LabSnapshotObject($State, $Snap) {
    $cn = [string]$State['host']['name']
    $vm = Find-LabVMRecord $State ([string]$Snap['vmId'])
    $o = [Microsoft.HyperV.PowerShell.VMSnapshot]::new()
    $o.Id = [Guid]$Snap['id']
    $o.Name = [string]$Snap['name']
    $o.VMId = [Guid]$Snap['vmId']
    $o.VMName = [string]$vm['name']
    $o.SnapshotType = [string]$Snap['snapshotType']
    $o.IsAutomaticCheckpoint = [bool]$Snap['isAutomatic']
    $o.State = [string]$Snap['vmState']
    $cfg = $Snap['config']
    Set-LabVMBase $o $State $cfg $vm $Snap $cn $null
    $o.CreationTime = ConvertFrom-LabMs ([long]$Snap['creationTime'])
    $o.Path = [string]$vm['snapshotFileLocation']
    return $o
}

function New-LabSwitchObject($State, $Sw) {
    $o = [Microsoft.HyperV.PowerShell.VMSwitch]::new()
    $o.Name = [string]$Sw['name']
    $o.Id = [Guid]$Sw['id']
    $o.Notes = [string]$Sw['notes']
    $o.SwitchType = [string]$Sw['switchType']
    $o.AllowManagementOS = [bool]$Sw['allowManagementOS']
    $o.NetAdapterInterfaceDescription = [string]$Sw['netAdapterInterfaceDescription']
    if ($Sw['switchType'] -eq 'External') {
        $o.NetAdapterInterfaceDescriptions = [string[]]@([string]$Sw['netAdapterInterfaceDescription'])
        $o.NetAdapterInterfaceGuid = [Guid[]]@([Guid]$Sw['netAdapterGuid'])
    } else {
        $o.NetAdapterInterfaceDescriptions = [string[]]@()
        $o.NetAdapterInterfaceGuid = [Guid[]]@()
    }
    $o.BandwidthReservationMode = [string]$Sw['bandwidthMode']
    $o.Extensions = [Microsoft.HyperV.PowerShell.VMSwitchExtension[]]@()
    $o.IovSupportReasons = [string[]]@()
    $o.ComputerName = [string]$State['host']['name']
    return $o
}

function New-LabHostObject($State) {
    $h = $State['host']
    $o = [Microsoft.HyperV.PowerShell.VMHost]::new()
    $o.Name = [string]$h['name']
    $o.ComputerName = [string]$h['name']
    $o.FullyQualifiedDomainName = [string]$h['fqdn']
    $o.LogicalProcessorCount = [int]$h['logicalProcessorCount']
    $o.MemoryCapacity = [long]$h['memoryCapacity']
    $o.NumaSpanningEnabled = [bool]$h['numaSpanningEnabled']
    $o.VirtualHardDiskPath = [string]$h['virtualHardDiskPath']
    $o.VirtualMachinePath = [string]$h['virtualMachinePath']
    $o.MacAddressMinimum = [string]$h['macAddressMinimum']
    $o.MacAddressMaximum = [string]$h['macAddressMaximum']
    $o.EnableEnhancedSessionMode = [bool]$h['enableEnhancedSessionMode']
    $o.MaximumStorageMigrations = [uint32]$h['maximumStorageMigrations']
    $o.MaximumVirtualMachineMigrations = [uint32]$h['maximumVirtualMachineMigrations']
    $o.UseAnyNetworkForMigration = [bool]$h['useAnyNetworkForMigration']
    $o.VirtualMachineMigrationEnabled = [bool]$h['virtualMachineMigrationEnabled']
    $o.VirtualMachineMigrationAuthenticationType = [string]$h['migrationAuthenticationType']
    $o.VirtualMachineMigrationPerformanceOption = [string]$h['migrationPerformanceOption']
    $o.ResourceMeteringSaveInterval = [TimeSpan]::FromHours(1)
    $o.SupportedVmVersions = [Collections.Generic.List[string]]::new([string[]]@('8.0', '9.0', '10.0'))
    $o.IovSupport = $false
    $o.IovSupportReasons = [string[]]@('To use SR-IOV on this system, the system BIOS must be updated to allow Windows to control PCI Express.')
    $o.HostNumaStatus = [Microsoft.HyperV.PowerShell.VMHostNumaNode[]]@(Get-LabNumaNodes $State)
    return $o
}

function Get-LabNumaNodes($State) {
    $h = $State['host']
    $nodes = [int]$h['numaNodes']
    $lps = [int]$h['logicalProcessorCount']
    $totalMb = [long]$h['memoryCapacity'] / 1048576
    $usedMb = [long]0
    $nowMs = Get-LabNowMs
    foreach ($vm in $State['vms']) { $usedMb += ([Hyperdesk.Lab.LabSim]::Live($h, $vm, $nowMs)).Assigned / 1048576 }
    for ($i = 0; $i -lt $nodes; $i++) {
        $n = [Microsoft.HyperV.PowerShell.VMHostNumaNode]::new()
        $n.NodeId = $i
        $n.MemoryTotal = [int]($totalMb / $nodes)
        $n.MemoryAvailable = [int][Math]::Max(0, ($totalMb - $usedMb - 4096) / $nodes)
        $per = [int]($lps / $nodes)
        $avail = [Collections.Generic.List[int]]::new()
        foreach ($k in 1..$per) { $avail.Add(90 + ((Get-LabHash "$i/$k") % 10)) }
        $n.ProcessorsAvailability = $avail.ToArray()
        $n.ComputerName = [string]$h['name']
        $n
    }
}

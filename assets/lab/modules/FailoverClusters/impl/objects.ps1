# FailoverClusters objects built from the world when read: the .NET types of FailoverClusters.Types.cs (beside this
# file), the owner of a VM role derived from where its VM record lives.
Set-StrictMode -Version Latest

# A read of the cluster for one call: the cluster record, its site's hosts' states, where each VM lives.
function Get-LabClusterView($Inv) {
    $c = Get-LabCluster
    if ($null -eq $c) {
        $self = [string](Get-LabState)['host']['name']
        $ex = [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new("The cluster service is not running.  Make sure that the service is running on all nodes in the cluster.`n    There are no more endpoints available from the endpoint mapper")
        $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $ex.Message -ErrorId ($Inv.Name + ',' + $Inv.Class) -Category ConnectionError -Target $self -Exception $ex))
    }
    $states = @{}; $vmHost = @{}; $vms = @{}
    foreach ($n in @($c['nodes'])) {
        $st = Get-LabHostState ([string]$n['name'])
        $states[[string]$n['name']] = $st
        foreach ($v in $st['vms']) { $vmHost[[string]$v['id']] = [string]$n['name']; $vms[[string]$v['id']] = $v }
    }
    $view = @{ C = $c; States = $states; VmHost = $vmHost; Vms = $vms; Dc = Get-LabDatacenter; Now = Get-LabNowMs; Nodes = @{} }
    $view.Cluster = New-LabClusterObject $c
    foreach ($n in @($c['nodes'])) { $view.Nodes[[string]$n['name']] = New-LabClusterNodeObject $view $n }
    return $view
}

function New-LabClusterObject($C) {
    $o = [Microsoft.FailoverClusters.PowerShell.Cluster]::new()
    $o.Name = [string]$C['name']; $o.Id = [string]$C['id']; $o.Domain = [string]$C['domain']; $o.Description = ''
    $o.SharedVolumesRoot = [string]$C['sharedVolumesRoot']; $o.EnableSharedVolumes = 'Enabled'
    $o.AdministrativeAccessPoint = 'ActiveDirectoryAndDns'; $o.DynamicQuorum = 1; $o.WitnessDynamicWeight = 1
    $o.MaximumParallelMigrations = 1; $o.AutoBalancerMode = 2; $o.AutoBalancerLevel = 1; $o.DrainOnShutdown = 1
    $o.ResiliencyDefaultPeriod = 240; $o.QuarantineThreshold = 3; $o.QuarantineDuration = 7200
    $o.SameSubnetDelay = 1000; $o.SameSubnetThreshold = 10; $o.CrossSubnetDelay = 1000; $o.CrossSubnetThreshold = 20
    $o.ShutdownTimeoutInMinutes = 20; $o.ClusterFunctionalLevel = 11; $o.ClusterUpgradeVersion = 3
    return $o
}

function New-LabClusterNodeObject($View, $N) {
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterNode]::new()
    $name = [string]$N['name']
    $o.Name = $name; $o.NodeName = $name; $o.Id = [string]$N['id']; $o.Cluster = $View.Cluster
    $o.State = Get-LabClusterNodeState $N $View.States[$name]
    $o.DrainStatus = Get-LabDrainStatus $N $View.Dc
    $o.FailbackStatus = 'NotInitiated'
    $o.BuildNumber = 20348; $o.MajorVersion = 10; $o.MinorVersion = 0; $o.CSDVersion = ''
    $o.NodeWeight = 1; $o.DynamicWeight = [uint32]$(if ($o.State -eq 'Up' -or $o.State -eq 'Paused') { 1 } else { 0 })
    $o.NodeHighestVersion = 720907; $o.NodeLowestVersion = 720907; $o.NodeInstanceID = [string]$N['instanceId']
    $o.Manufacturer = 'Dell Inc.'; $o.Model = 'PowerEdge R750'; $o.SerialNumber = [string]$N['serial']; $o.Description = ''
    $o.Type = 'Node'; $o.DetectedCloudPlatform = 'None'; $o.HyperthreadingEnabled = 1; $o.UniqueID = [string]$N['id']
    $info = [Microsoft.FailoverClusters.PowerShell.ClusterNodeStatusInformation]::Normal
    switch ([string]$o.DrainStatus) { 'InProgress' { $info = 'DrainInProgress' } 'Completed' { $info = 'DrainCompleted' } 'Failed' { $info = 'DrainFailed' } }
    $o.StatusInformation = $info
    if ($o.DrainStatus -ne 'NotInitiated' -and $N['drain'].Contains('target')) { $o.DrainTarget = [uint32]$N['drain']['target'] }
    return $o
}

# The node that owns a group: a VM role's is where its VM is; others keep their owner in the record.
function Get-LabGroupOwnerName($View, $G) {
    if ([string]$G['type'] -eq 'VirtualMachine') { return $View.VmHost[[string]$G['vmId']] }
    return [string]$G['ownerNode']
}

function Get-LabGroupStateName($View, $G) {
    if ([string]$G['type'] -eq 'VirtualMachine') {
        $vm = $View.Vms[[string]$G['vmId']]
        if ($null -eq $vm) { return 'Failed' }
        $st = [Hyperdesk.Lab.LabSim]::VMState($vm, $View.Now)
        if ($st -in @('Running', 'Paused')) { return 'Online' }
        if ($st -in @('Starting', 'Stopping', 'Saving', 'Resuming')) { return 'Pending' }
        return 'Offline'
    }
    $owner = Get-LabGroupOwnerName $View $G
    if ($null -ne $owner -and $View.Nodes.ContainsKey($owner) -and $View.Nodes[$owner].State -eq 'Down') { return 'Offline' }
    return [string]$G['state']
}

function New-LabClusterGroupObject($View, $G) {
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterGroup]::new()
    $o.Name = [string]$G['name']; $o.Id = [string]$G['id']; $o.Cluster = $View.Cluster
    $o.GroupType = [string]$G['type']; $o.IsCoreGroup = [string]$G['type'] -in @('Cluster', 'AvailableStorage')
    $owner = Get-LabGroupOwnerName $View $G
    if ($null -ne $owner -and $View.Nodes.ContainsKey($owner)) { $o.OwnerNode = $View.Nodes[$owner] }
    $o.State = Get-LabGroupStateName $View $G
    $o.AntiAffinityClassNames = [Collections.Specialized.StringCollection]::new()
    $o.AutoFailbackType = [uint32]$G['autoFailbackType']; $o.FailoverThreshold = [uint32]::MaxValue; $o.FailoverPeriod = 6
    $o.Priority = 2000; $o.ColdStartSetting = 0; $o.DefaultOwner = [uint32]::MaxValue; $o.PersistentState = [uint32]$(if ($o.State -eq 'Online') { 1 } else { 0 })
    $o.FailbackWindowStart = [uint32]::MaxValue; $o.FailbackWindowEnd = [uint32]::MaxValue; $o.FaultDomain = 0
    $o.PlacementOptions = 0; $o.ResiliencyPeriod = 0; $o.UpdateDomain = 0; $o.LockedFromMoving = 0; $o.Description = ''
    $o.StatusInformation = 0
    return $o
}

function New-LabResourceTypeObject($View, [string]$Name) {
    $t = [Microsoft.FailoverClusters.PowerShell.ClusterResourceType]::new()
    $t.Name = $Name; $t.DisplayName = $Name; $t.Cluster = $View.Cluster
    $dll = @{ 'Virtual Machine' = 'vmclusres.dll'; 'Virtual Machine Configuration' = 'vmclusres.dll'; 'Physical Disk' = 'clusres.dll'; 'IP Address' = 'clusres.dll'; 'Network Name' = 'clusres.dll'; 'Scale Out File Server' = 'clusres2.dll'; 'Distributed Network Name' = 'clusres.dll'; 'File Share Witness' = 'clusres.dll' }
    $t.DllName = [string]$dll[$Name]
    return $t
}

# Every resource of the cluster: stored ones (core, disks, SOFS) and, per VM role, "Virtual Machine <name>" and
# "Virtual Machine Configuration <name>".
function Get-LabClusterResourceRecs($View) {
    $out = [Collections.ArrayList]::new()
    foreach ($r in @($View.C['resources'])) { if ($null -ne $r) { $null = $out.Add($r) } }
    foreach ($g in @($View.C['groups'])) {
        if ([string]$g['type'] -ne 'VirtualMachine') { continue }
        $null = $out.Add(@{ name = 'Virtual Machine ' + $g['name']; id = [string]$g['resourceId']; type = 'Virtual Machine'; group = [string]$g['name']; vmId = [string]$g['vmId'] })
        $null = $out.Add(@{ name = 'Virtual Machine Configuration ' + $g['name']; id = [string]$g['configResourceId']; type = 'Virtual Machine Configuration'; group = [string]$g['name']; vmId = [string]$g['vmId'] })
    }
    return , $out.ToArray()
}

function New-LabClusterResourceObject($View, $R) {
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterResource]::new()
    $o.Name = [string]$R['name']; $o.Id = [string]$R['id']; $o.Cluster = $View.Cluster
    $o.ResourceType = New-LabResourceTypeObject $View ([string]$R['type'])
    $g = Find-LabClusterGroupRec $View.C ([string]$R['group'])
    if ($null -ne $g) {
        $o.OwnerGroup = New-LabClusterGroupObject $View $g
        $o.OwnerNode = $o.OwnerGroup.OwnerNode
        $gs = [string]$o.OwnerGroup.State
        $o.State = @{ Online = 'Online'; Offline = 'Offline'; Failed = 'Failed'; Pending = 'OnlinePending'; PartialOnline = 'Online' }[$gs]
    } else { $o.State = 'Online' }
    if ($R.Contains('state') -and [string]$R['state'] -eq 'Offline') { $o.State = 'Offline' }
    $o.IsCoreResource = [string]$R['group'] -eq 'Cluster Group'
    $o.IsStorageClassResource = [string]$R['type'] -eq 'Physical Disk'
    $o.IsNetworkClassResource = [string]$R['type'] -in @('IP Address', 'Network Name')
    $o.RestartAction = 2; $o.RestartDelay = 500; $o.RestartPeriod = 900000; $o.RestartThreshold = 1
    $o.RetryPeriodOnFailure = 3600000; $o.PendingTimeout = 180000; $o.DeadlockTimeout = 300000
    $o.IsAlivePollInterval = [uint32]::MaxValue; $o.LooksAlivePollInterval = [uint32]::MaxValue; $o.EmbeddedFailureAction = 2
    $o.Description = ''; $o.ResourceSpecificStatus = ''; $o.StatusInformation = 0
    return $o
}

# Partition figures of a CSV: its stated size, the space its real folder's files stand for taken from it.
function New-LabCsvObject($View, $Csv) {
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume]::new()
    $o.Name = [string]$Csv['name']; $o.Id = [string]$Csv['id']
    $owner = [string]$Csv['ownerNode']
    if ($View.Nodes.ContainsKey($owner) -and $View.Nodes[$owner].State -eq 'Down') {
        # the CSV moves to a surviving node, as the cluster would
        foreach ($n in $View.Nodes.Values) { if ($n.State -ne 'Down') { $owner = $n.Name; break } }
    }
    if ($View.Nodes.ContainsKey($owner)) { $o.OwnerNode = $View.Nodes[$owner] }
    $o.State = 'Online'
    $size = [uint64]$Csv['sizeBytes']
    $used = [uint64]$Csv['usedBytes']
    foreach ($st in $View.States.Values) {
        foreach ($k in @($st['vhds'].Keys)) {
            $rec = $st['vhds'][$k]
            if (([string]$rec['path']).StartsWith([string]$Csv['path'] + '/', [StringComparison]::Ordinal)) {
                if ($rec.Contains('minimumSize') -and $null -ne $rec['minimumSize']) { $used += [uint64]$rec['minimumSize'] } else { $used += [uint64]([uint64]$rec['size'] / 4) }
            }
        }
    }
    if ($used -gt $size) { $used = $size }
    $p = [Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo]::new()
    $p.Name = [string]$Csv['volumeGuidPath']; $p.FileSystem = 'CSVFS'; $p.Size = $size; $p.UsedSpace = $used; $p.FreeSpace = $size - $used
    $p.PercentFree = [Math]::Round(100.0 * $p.FreeSpace / [Math]::Max([double]1, [double]$size), 6)
    $i = [Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo]::new()
    $i.FriendlyVolumeName = [string]$Csv['path']; $i.Partition = $p
    $list = [Collections.Generic.List[Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo]]::new()
    $list.Add($i)
    $o.SharedVolumeInfo = $list
    return $o
}

function New-LabClusterNetworkObject($View, $N) {
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterNetwork]::new()
    $o.Name = [string]$N['name']; $o.Id = [string]$N['id']; $o.Cluster = $View.Cluster
    $o.Address = [string]$N['address']; $o.AddressMask = [string]$N['mask']; $o.Role = [string]$N['role']
    $o.Metric = [uint32]$N['metric']; $o.AutoMetric = $true; $o.State = 'Up'; $o.Description = ''
    $o.Ipv4Addresses = @([string]$N['address']); $o.Ipv4PrefixLengths = @([int]$N['prefixLength']); $o.Ipv6Addresses = @(); $o.Ipv6PrefixLengths = @()
    return $o
}

# The real module's error: a ClusterCmdletException, category NotSpecified, FullyQualifiedErrorId
# '<Cmdlet>,Microsoft.FailoverClusters.PowerShell.<Cmdlet>Command'.
function Stop-LabClusterCmdlet($Inv, [string]$Message, $Target, [Management.Automation.ErrorCategory]$Category = 'NotSpecified') {
    $ex = [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new($Message)
    $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $Message -ErrorId ($Inv.Name + ',' + $Inv.Class) -Category $Category -Target $Target -Exception $ex))
}

function Write-LabClusterError($Inv, [string]$Message, $Target, [Management.Automation.ErrorCategory]$Category = 'ObjectNotFound') {
    $ex = [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new($Message)
    $Inv.Cmdlet.WriteError((New-LabErrorRecord -Message $Message -ErrorId ($Inv.Name + ',' + $Inv.Class) -Category $Category -Target $Target -Exception $ex))
}

function Get-LabInputName($Value) {
    if ($null -eq $Value) { return $null }
    $b = $Value.PSObject.BaseObject
    if ($b -is [string]) { return $b }
    if ($null -ne $b.PSObject.Properties['Name']) { return [string]$b.Name }
    return [string]$b
}

# Node names from -Name (names or node objects), or every node.
function Resolve-LabClusterNodes($Inv, $B, $View) {
    $out = [Collections.ArrayList]::new()
    $names = @()
    if ($B.ContainsKey('Name') -and $null -ne $B['Name']) { $names = @($B['Name'] | ForEach-Object { Get-LabInputName $_ }) }
    elseif ($B.ContainsKey('InputObject') -and $null -ne $B['InputObject'] -and $B['InputObject'].PSObject.BaseObject -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]) { $names = @($B['InputObject'].Name) }
    if ($names.Count -eq 0) { foreach ($n in @($View.C['nodes'])) { $null = $out.Add($n) }; return , $out.ToArray() }
    foreach ($nm in $names) {
        $n = Find-LabClusterNodeRec $View.C $nm
        if ($null -eq $n) { Write-LabClusterError $Inv "The cluster node '$nm' was not found." $nm; continue }
        $null = $out.Add($n)
    }
    return , $out.ToArray()
}

# Group records from -Name / -VMId / -InputObject (a group, a node: its groups, a VM: its role).
function Resolve-LabClusterGroups($Inv, $B, $View, [switch]$VmOnly) {
    $out = [Collections.ArrayList]::new()
    $all = @($View.C['groups'])
    if ($B.ContainsKey('VMId') -and $null -ne $B['VMId']) {
        $id = ([string]$B['VMId']).ToLowerInvariant()
        foreach ($g in $all) { if ([string]$g['vmId'] -eq $id) { $null = $out.Add($g) } }
        if ($out.Count -eq 0) { Stop-LabClusterCmdlet $Inv "A virtual machine with Id '$id' is not a clustered role in the cluster '$($View.C['name'])'." $id 'ObjectNotFound' }
        return , $out.ToArray()
    }
    $io = $null; if ($B.ContainsKey('InputObject') -and $null -ne $B['InputObject']) { $io = $B['InputObject'].PSObject.BaseObject }
    if ($B.ContainsKey('Name') -and $null -ne $B['Name']) {
        foreach ($nm in @($B['Name'] | ForEach-Object { Get-LabInputName $_ })) {
            $g = Find-LabClusterGroupRec $View.C $nm
            if ($null -eq $g) { Write-LabClusterError $Inv "The cluster group '$nm' was not found." $nm; continue }
            $null = $out.Add($g)
        }
        return , $out.ToArray()
    }
    if ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]) { $g = Find-LabClusterGroupRec $View.C $io.Name; if ($null -ne $g) { $null = $out.Add($g) }; return , $out.ToArray() }
    if ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]) {
        foreach ($g in $all) { if ((Get-LabGroupOwnerName $View $g) -eq $io.Name) { $null = $out.Add($g) } }
        return , $out.ToArray()
    }
    if ($null -ne $io -and $null -ne $io.PSObject.Properties['VMId']) {
        $id = ([string]$io.VMId).ToLowerInvariant()
        foreach ($g in $all) { if ([string]$g['vmId'] -eq $id) { $null = $out.Add($g) } }
        return , $out.ToArray()
    }
    foreach ($g in $all) { if (-not $VmOnly -or [string]$g['type'] -eq 'VirtualMachine') { $null = $out.Add($g) } }
    return , $out.ToArray()
}

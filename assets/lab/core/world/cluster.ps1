# The failover cluster of a site (site.json 'cluster'): nodes, groups (roles), CSVs, networks, quorum, monitored
# items and a bounded event list. The owner of a VM role is never stored: it is the host whose state holds the VM
# record (Find-LabVMHost), so a Move-VM, a live migration or a failover moves the owner with the record.
# A node is Down when its host is powered off (Stop-LabNode) or its cluster service is stopped (Stop-ClusterNode).
# Failover is applied in the transaction that brings the node down: each running clustered VM restarts on the first
# Up possible owner in preferred-owner order (its boot is computed from the lab clock); with none left it is Offline.
# Monitoring (Add-ClusterVMMonitoredItem): a monitored guest service that fails follows the MSCS chain - the guest's
# SCM restarts it on the 1st and 2nd failure, then the cluster restarts the VM, then fails it over - each step a
# 'due' time applied by the 'cluster' settler.
Set-StrictMode -Version Latest

# MSCS defaults (services configured by the cluster's VM monitoring; Virtual Machine resource restart policy).
$script:LabClusterDefaults = @{ scmRestartDelayMs = 60000; detectMs = 60000; restartThreshold = 1; restartPeriodMs = 900000; failoverDetectMs = 10000; eventsKept = 200 }

function Get-LabClusterTiming($Cluster, [string]$Name) {
    $t = $null
    if ($Cluster.Contains('timings')) { $t = $Cluster['timings'] }
    if ($null -ne $t -and $t.Contains($Name)) { return [long]$t[$Name] }
    return [long]$script:LabClusterDefaults[$Name]
}

# The cluster of this host's site (read-only), or $null.
function Get-LabCluster {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { return $null }
    $site = Get-LabSite
    if (-not $site.Contains('cluster')) { return $null }
    return $site['cluster']
}

function Find-LabClusterNodeRec($Cluster, [string]$Name) {
    foreach ($n in @($Cluster['nodes'])) { if ([string]::Equals([string]$n['name'], $Name.Split('.')[0], [StringComparison]::OrdinalIgnoreCase)) { return $n } }
    return $null
}

function Find-LabClusterGroupRec($Cluster, [string]$Name) {
    foreach ($g in @($Cluster['groups'])) { if ([string]::Equals([string]$g['name'], $Name, [StringComparison]::OrdinalIgnoreCase)) { return $g } }
    return $null
}

# Up, Down or Paused: Down when the host is off or its cluster service is stopped.
function Get-LabClusterNodeState($NodeRec, $HostState) {
    if ($null -ne $HostState -and $HostState['host'].Contains('power') -and [string]$HostState['host']['power'] -eq 'Off') { return 'Down' }
    if ([string]$NodeRec['service'] -eq 'Stopped') { return 'Down' }
    if ([bool]$NodeRec['paused']) { return 'Paused' }
    return 'Up'
}

function Get-LabTxClusterNodeState($Tx, $NodeRec) { return Get-LabClusterNodeState $NodeRec (Get-LabTxHost $Tx ([string]$NodeRec['name'])) }

function Add-LabClusterEvent($Cluster, [long]$NowMs, [int]$Id, [string]$Level, [string]$Message) {
    if (-not $Cluster.Contains('events') -or $null -eq $Cluster['events']) { $Cluster['events'] = [Collections.ArrayList]::new() }
    $null = $Cluster['events'].Add(@{ timeMs = $NowMs; id = $Id; level = $Level; message = $Message })
    $keep = Get-LabClusterTiming $Cluster 'eventsKept'
    while ($Cluster['events'].Count -gt $keep) { $Cluster['events'].RemoveAt(0) }
}

# The VM record and its host inside a transaction: @{ Host; Vm } or $null.
function Find-LabTxVM($Tx, [string]$VmId) {
    foreach ($h in (Get-LabWorldHosts)) {
        $st = Get-LabTxHost $Tx $h.name
        foreach ($v in $st['vms']) { if ([string]$v['id'] -eq $VmId) { return @{ Host = [string]$st['host']['name']; Vm = $v; State = $st } } }
    }
    return $null
}

# The target of a role leaving $From: the first Up node in preferred-owner order, then the other possible owners
# in node order; $null when none is left.
function Select-LabClusterTarget($Tx, $Cluster, $Group, [string]$From) {
    $order = [Collections.Generic.List[string]]::new()
    foreach ($p in @($Group['preferredOwners'])) { if ($null -ne $p) { $order.Add([string]$p) } }
    foreach ($n in @($Cluster['nodes'])) { if (-not $order.Contains([string]$n['name'])) { $order.Add([string]$n['name']) } }
    $possible = @($Group['possibleOwners'] | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
    foreach ($name in $order) {
        if ($name -eq $From) { continue }
        if ($possible.Count -gt 0 -and $possible -notcontains $name) { continue }
        $node = Find-LabClusterNodeRec $Cluster $name
        if ($null -eq $node) { continue }
        if ((Get-LabTxClusterNodeState $Tx $node) -eq 'Up') { return $name }
    }
    return $null
}

# A VM that restarts after a failure: its boot begins once the cluster has noticed (detection), computed from the clock.
function Set-LabVMRestart($HostState, $Vm, [long]$NowMs, [long]$DelayMs) {
    $startMs = [long]400
    if ($HostState['host']['timings'].Contains('startMs')) { $startMs = [long]$HostState['host']['timings']['startMs'] }
    $Vm['state'] = 'Running'
    $Vm['startedAt'] = $NowMs + $DelayMs
    $Vm['transition'] = @{ state = 'Starting'; until = $NowMs + $DelayMs + $startMs }
    $Vm['console'] = @{ text = ''; ctrlAltDel = $false; shift = $false }
    if ($Vm.Contains('guestServices') -and $null -ne $Vm['guestServices']) { foreach ($k in @($Vm['guestServices'].Keys)) { $Vm['guestServices'][$k]['state'] = 'Running' } }
}

function Set-LabVMOff($Vm) { $Vm['state'] = 'Off'; $Vm['transition'] = $null; $Vm['startedAt'] = [long]0 }

# Node $Node went down ($Reason 'power' or 'service'): every VM role on it fails over (a clean service stop keeps the
# VM's state, as the roles are moved before the service stops; a power loss restarts them), others are off.
function Invoke-LabClusterNodeDown($Tx, [string]$Node, [string]$Reason, [long]$NowMs) {
    $site = Get-LabTxSite $Tx
    if (-not $site.Contains('cluster')) { return }
    $cluster = $site['cluster']
    $st = Get-LabTxHost $Tx $Node
    $nodeName = [string]$st['host']['name']
    if ($Reason -eq 'power') { Add-LabClusterEvent $cluster $NowMs 1135 'Critical' "Cluster node '$nodeName' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster." }
    $clustered = @{}
    foreach ($g in @($cluster['groups'])) { if ([string]$g['type'] -eq 'VirtualMachine' -and $g['vmId']) { $clustered[[string]$g['vmId']] = $g } }
    foreach ($vm in @($st['vms'])) {
        $id = [string]$vm['id']
        $running = [string]$vm['state'] -in @('Running', 'Paused')
        if (-not $clustered.ContainsKey($id)) { if ($Reason -eq 'power') { Set-LabVMOff $vm }; continue }
        $g = $clustered[$id]
        $target = Select-LabClusterTarget $Tx $cluster $g $nodeName
        if ($null -eq $target) {
            if ($Reason -eq 'power' -or $running) { Set-LabVMOff $vm }
            if ($running) {
                $g['pendingOnline'] = $true
                Add-LabClusterEvent $cluster $NowMs 1205 'Error' "The Cluster service failed to bring clustered role '$($g['name'])' completely online or offline. One or more resources may be in a failed state. This may impact the availability of the clustered role."
            }
            continue
        }
        $moved = Move-LabVMRecord $Tx $id $nodeName $target
        if ($running) {
            if ($Reason -eq 'power') { Set-LabVMRestart (Get-LabTxHost $Tx $target) $moved $NowMs (Get-LabClusterTiming $cluster 'failoverDetectMs') }
            Add-LabClusterEvent $cluster $NowMs 1153 'Information' "Cluster service is attempting to failover the clustered role '$($g['name'])' from node '$nodeName' to node '$target'."
        }
    }
}

# A node that comes back: roles left Offline for want of an owner come online on it when it may own them.
function Invoke-LabClusterNodeUp($Tx, [string]$Node, [long]$NowMs) {
    $site = Get-LabTxSite $Tx
    if (-not $site.Contains('cluster')) { return }
    $cluster = $site['cluster']
    $nodeName = [string](Get-LabTxHost $Tx $Node)['host']['name']
    foreach ($g in @($cluster['groups'])) {
        if (-not ($g.Contains('pendingOnline') -and [bool]$g['pendingOnline'])) { continue }
        $possible = @($g['possibleOwners'] | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        if ($possible.Count -gt 0 -and $possible -notcontains $nodeName) { continue }
        $loc = Find-LabTxVM $Tx ([string]$g['vmId'])
        if ($null -eq $loc) { continue }
        $vm = $loc.Vm
        if ($loc.Host -ne $nodeName) { $vm = Move-LabVMRecord $Tx ([string]$g['vmId']) $loc.Host $nodeName }
        Set-LabVMRestart (Get-LabTxHost $Tx $nodeName) $vm $NowMs 0
        $g['pendingOnline'] = $false
        Add-LabClusterEvent $cluster $NowMs 1201 'Information' "The Cluster service successfully brought the clustered role '$($g['name'])' online."
    }
}

# ---- guest services and VM monitoring ----

function Get-LabGuestServiceRec($Vm, [string]$Name) {
    if (-not $Vm.Contains('guestServices') -or $null -eq $Vm['guestServices']) { $Vm['guestServices'] = New-LabDict }
    if (-not $Vm['guestServices'].Contains($Name)) { $Vm['guestServices'][$Name] = @{ state = 'Running'; failures = 0; firstFailureMs = $null; next = $null } }
    return $Vm['guestServices'][$Name]
}

function Test-LabMonitored($Cluster, [string]$VmId, [string]$Service) {
    if ($null -eq $Cluster) { return $false }
    foreach ($g in @($Cluster['groups'])) {
        if ([string]$g['vmId'] -ne $VmId) { continue }
        foreach ($m in @($g['monitored'])) { if ($null -ne $m -and [string]::Equals([string]$m, $Service, [StringComparison]::OrdinalIgnoreCase)) { return $g } }
    }
    return $null
}

# The service fails in the guest (Stop-LabGuestService): its next recovery step is scheduled.
function Invoke-LabGuestServiceFailure($Tx, [string]$VmId, [string]$Service, [long]$NowMs) {
    $loc = Find-LabTxVM $Tx $VmId
    $svc = Get-LabGuestServiceRec $loc.Vm $Service
    $site = Get-LabTxSite $Tx
    $cluster = $null; if ($site.Contains('cluster')) { $cluster = $site['cluster'] }
    # SCM resets the failure count after a day without failure (the service's ResetPeriod).
    if ($null -ne $svc['firstFailureMs'] -and $NowMs - [long]$svc['firstFailureMs'] -gt 86400000) { $svc['failures'] = 0; $svc['firstFailureMs'] = $null }
    $svc['state'] = 'Stopped'
    $svc['failures'] = [int]$svc['failures'] + 1
    if ($null -eq $svc['firstFailureMs']) { $svc['firstFailureMs'] = $NowMs }
    $scmDelay = [long]60000; $detect = [long]60000
    if ($null -ne $cluster) { $scmDelay = Get-LabClusterTiming $cluster 'scmRestartDelayMs'; $detect = Get-LabClusterTiming $cluster 'detectMs' }
    $group = Test-LabMonitored $cluster $VmId $Service
    if ([int]$svc['failures'] -le 2) { $svc['next'] = @{ action = 'ScmRestart'; atMs = $NowMs + $scmDelay } }
    elseif ($null -ne $group) {
        # The 3rd failure: SCM takes no action; the cluster sees the critical state and recovers the VM.
        $recent = @($group['vmRestarts'] | Where-Object { $null -ne $_ -and $NowMs - [long]$_ -lt (Get-LabClusterTiming $cluster 'restartPeriodMs') })
        $action = 'VmRestart'
        if ($recent.Count -ge (Get-LabClusterTiming $cluster 'restartThreshold')) { $action = 'Failover' }
        $svc['next'] = @{ action = $action; atMs = $NowMs + $detect }
    } else { $svc['next'] = $null }
    if ($null -ne $svc['next']) { Set-LabDue $Tx ("cluster-guest:$VmId/$Service") ([long]$svc['next']['atMs']) }
}

function Complete-LabGuestStep($Tx, [string]$VmId, [string]$Service, [long]$NowMs) {
    Clear-LabDue $Tx ("cluster-guest:$VmId/$Service")
    $loc = Find-LabTxVM $Tx $VmId
    if ($null -eq $loc) { return }
    $svc = Get-LabGuestServiceRec $loc.Vm $Service
    $next = $svc['next']
    if ($null -eq $next) { return }
    $svc['next'] = $null
    $site = Get-LabTxSite $Tx
    $cluster = $null; if ($site.Contains('cluster')) { $cluster = $site['cluster'] }
    $group = Test-LabMonitored $cluster $VmId $Service
    $at = [long]$next['atMs']
    switch ([string]$next['action']) {
        'ScmRestart' { $svc['state'] = 'Running' }
        'VmRestart' {
            Add-LabClusterEvent $cluster $at 1250 'Error' "Cluster resource 'Virtual Machine $($group['name'])' in clustered role '$($group['name'])' has received a critical state notification. For a virtual machine this indicates that an application or service inside the virtual machine is in an unhealthy state. Verify the functionality of the service or application being monitored within the virtual machine."
            Set-LabVMRestart $loc.State $loc.Vm $at 0
            if (-not $group.Contains('vmRestarts') -or $null -eq $group['vmRestarts']) { $group['vmRestarts'] = [Collections.ArrayList]::new() }
            $null = $group['vmRestarts'].Add($at)
            $svc['failures'] = 0; $svc['firstFailureMs'] = $null
        }
        'Failover' {
            Add-LabClusterEvent $cluster $at 1250 'Error' "Cluster resource 'Virtual Machine $($group['name'])' in clustered role '$($group['name'])' has received a critical state notification. For a virtual machine this indicates that an application or service inside the virtual machine is in an unhealthy state. Verify the functionality of the service or application being monitored within the virtual machine."
            $target = Select-LabClusterTarget $Tx $cluster $group $loc.Host
            $vm = $loc.Vm; $st = $loc.State
            if ($null -ne $target) {
                $vm = Move-LabVMRecord $Tx $VmId $loc.Host $target
                $st = Get-LabTxHost $Tx $target
                Add-LabClusterEvent $cluster $at 1153 'Information' "Cluster service is attempting to failover the clustered role '$($group['name'])' from node '$($loc.Host)' to node '$target'."
            }
            Set-LabVMRestart $st $vm $at 0
            $group['vmRestarts'] = [Collections.ArrayList]::new()
            $s2 = Get-LabGuestServiceRec $vm $Service
            $s2['failures'] = 0; $s2['firstFailureMs'] = $null; $s2['state'] = 'Running'
        }
    }
}

Register-LabSettler 'cluster' {
    param($Tx, [long]$NowMs)
    $due = $Tx.Datacenter['due']
    if ($null -eq $due) { return }
    $keys = @($due.Keys | Where-Object { ([string]$_).StartsWith('cluster-guest:') -and [long]$due[$_] -le $NowMs } | Sort-Object { [long]$due[$_] })
    foreach ($k in $keys) {
        $rest = ([string]$k).Substring('cluster-guest:'.Length)
        $slash = $rest.IndexOf('/')
        Complete-LabGuestStep $Tx $rest.Substring(0, $slash) $rest.Substring($slash + 1) $NowMs
    }
}

# ---- drain: a suspended node's roles leave through the migration engine; its status is read from their records ----

function Get-LabDrainStatus($NodeRec, $Dc) {
    if (-not $NodeRec.Contains('drain') -or $null -eq $NodeRec['drain']) { return 'NotInitiated' }
    $d = $NodeRec['drain']
    if ([bool]$d['failed']) { return 'Failed' }
    $migs = @{}
    foreach ($m in (Get-LabMigrationList $Dc)) { $migs[[string]$m['id']] = $m }
    foreach ($id in @($d['migrations'])) {
        if ($null -eq $id) { continue }
        $m = $migs[[string]$id]
        if ($null -eq $m) { continue }
        if ([string]$m['status'] -eq 'Running') { return 'InProgress' }
        if ([string]$m['status'] -ne 'Completed') { return 'Failed' }
    }
    return 'Completed'
}

# Get-Cluster, -ClusterNode, -ClusterGroup, -ClusterResource, -ClusterSharedVolume, -ClusterNetwork,
# -ClusterQuorum, -ClusterOwnerNode, -ClusterParameter, -ClusterVMMonitoredItem: snapshots of the world.
Set-StrictMode -Version Latest

Register-LabImpl 'Get-Cluster' { param($Inv, $B); $v = Get-LabClusterView $Inv; $Inv.Cmdlet.WriteObject($v.Cluster) }

Register-LabImpl 'Get-ClusterNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($n in (Resolve-LabClusterNodes $Inv $B $v)) { $Inv.Cmdlet.WriteObject($v.Nodes[[string]$n['name']]) }
}

Register-LabImpl 'Get-ClusterGroup' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($g in (Resolve-LabClusterGroups $Inv $B $v)) { $Inv.Cmdlet.WriteObject((New-LabClusterGroupObject $v $g)) }
}

Register-LabImpl 'Get-ClusterResource' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $recs = Get-LabClusterResourceRecs $v
    $io = $null; if ($B.ContainsKey('InputObject') -and $null -ne $B['InputObject']) { $io = $B['InputObject'].PSObject.BaseObject }
    if ($B.ContainsKey('Name') -and $null -ne $B['Name']) {
        foreach ($nm in @($B['Name'] | ForEach-Object { Get-LabInputName $_ })) {
            $r = @($recs | Where-Object { [string]::Equals([string]$_['name'], $nm, [StringComparison]::OrdinalIgnoreCase) })
            if ($r.Count -eq 0) { Write-LabClusterError $Inv "The cluster resource '$nm' could not be found." $nm; continue }
            $Inv.Cmdlet.WriteObject((New-LabClusterResourceObject $v $r[0]))
        }
        return
    }
    foreach ($r in $recs) {
        if ($B.ContainsKey('VMId') -and $null -ne $B['VMId'] -and -not ($r.Contains('vmId') -and [string]$r['vmId'] -eq ([string]$B['VMId']).ToLowerInvariant())) { continue }
        if ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup] -and [string]$r['group'] -ne $io.Name) { continue }
        if ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]) {
            $g = Find-LabClusterGroupRec $v.C ([string]$r['group'])
            if ($null -eq $g -or (Get-LabGroupOwnerName $v $g) -ne $io.Name) { continue }
        }
        $Inv.Cmdlet.WriteObject((New-LabClusterResourceObject $v $r))
    }
}

Register-LabImpl 'Get-ClusterSharedVolume' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($c in @($v.C['csvs'])) {
        if ($B.ContainsKey('Name') -and $null -ne $B['Name'] -and @($B['Name'] | ForEach-Object { Get-LabInputName $_ }) -notcontains [string]$c['name']) { continue }
        $Inv.Cmdlet.WriteObject((New-LabCsvObject $v $c))
    }
}

Register-LabImpl 'Get-ClusterNetwork' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($n in @($v.C['networks'])) {
        if ($B.ContainsKey('Name') -and $null -ne $B['Name'] -and @($B['Name'] | ForEach-Object { Get-LabInputName $_ }) -notcontains [string]$n['name']) { continue }
        $Inv.Cmdlet.WriteObject((New-LabClusterNetworkObject $v $n))
    }
}

Register-LabImpl 'Get-ClusterQuorum' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $q = [Microsoft.FailoverClusters.PowerShell.ClusterQuorumSettings]::new()
    $q.Cluster = $v.Cluster
    $q.QuorumType = 'Majority'
    $res = [string]$v.C['quorum']['resource']
    if (-not [string]::IsNullOrEmpty($res)) {
        $r = @((Get-LabClusterResourceRecs $v) | Where-Object { [string]$_['name'] -eq $res })
        if ($r.Count -gt 0) { $q.QuorumResource = New-LabClusterResourceObject $v $r[0] }
    }
    $Inv.Cmdlet.WriteObject($q)
}

# Owners: of a group, its preferred owners; of a resource, its possible owners (every node when none are set).
Register-LabImpl 'Get-ClusterOwnerNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $io = $null; if ($B.ContainsKey('InputObject') -and $null -ne $B['InputObject']) { $io = $B['InputObject'].PSObject.BaseObject }
    $groupName = $null; $resName = $null
    if ($B.ContainsKey('Group')) { $groupName = [string]$B['Group'] } elseif ($B.ContainsKey('Resource')) { $resName = [string]$B['Resource'] }
    elseif ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]) { $groupName = $io.Name } elseif ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterResource]) { $resName = $io.Name }
    $list = [Collections.Generic.List[Microsoft.FailoverClusters.PowerShell.ClusterNode]]::new()
    $o = [Microsoft.FailoverClusters.PowerShell.ClusterOwnerNodeList]::new()
    if ($null -ne $groupName) {
        $g = Find-LabClusterGroupRec $v.C $groupName
        if ($null -eq $g) { Stop-LabClusterCmdlet $Inv "The cluster group '$groupName' was not found." $groupName 'ObjectNotFound' }
        foreach ($p in @($g['preferredOwners'])) { if ($null -ne $p -and $v.Nodes.ContainsKey([string]$p)) { $list.Add($v.Nodes[[string]$p]) } }
        $o.ClusterObject = New-LabClusterGroupObject $v $g
    } elseif ($null -ne $resName) {
        $r = @((Get-LabClusterResourceRecs $v) | Where-Object { [string]::Equals([string]$_['name'], $resName, [StringComparison]::OrdinalIgnoreCase) })
        if ($r.Count -eq 0) { Stop-LabClusterCmdlet $Inv "The cluster resource '$resName' could not be found." $resName 'ObjectNotFound' }
        $g = Find-LabClusterGroupRec $v.C ([string]$r[0]['group'])
        $possible = @(); if ($null -ne $g -and $g.Contains('possibleOwners')) { $possible = @($g['possibleOwners'] | Where-Object { $null -ne $_ }) }
        if ($possible.Count -eq 0) { $possible = @($v.C['nodes'] | ForEach-Object { [string]$_['name'] }) }
        foreach ($p in $possible) { if ($v.Nodes.ContainsKey([string]$p)) { $list.Add($v.Nodes[[string]$p]) } }
        $o.ClusterObject = New-LabClusterResourceObject $v $r[0]
    } else { Stop-LabClusterCmdlet $Inv 'Specify a resource or a group (-Resource, -Group or -InputObject).' $null 'InvalidArgument' }
    $o.OwnerNodes = $list
    $Inv.Cmdlet.WriteObject($o)
}

# Private properties of a "Virtual Machine" resource (MSCS Virtual Machine Private Properties); MigrationProgress
# and MigrationState come from the VM's running migration, computed now.
Register-LabImpl 'Get-ClusterParameter' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $io = $null; if ($B.ContainsKey('InputObject') -and $null -ne $B['InputObject']) { $io = $B['InputObject'].PSObject.BaseObject }
    if (-not ($io -is [Microsoft.FailoverClusters.PowerShell.ClusterResource])) { Stop-LabClusterCmdlet $Inv 'Get-ClusterParameter in the lab reads the private properties of a cluster resource: pipe Get-ClusterResource into it.' $io 'InvalidArgument' }
    $r = @((Get-LabClusterResourceRecs $v) | Where-Object { [string]$_['name'] -eq $io.Name })[0]
    $params = [ordered]@{}
    if ([string]$r['type'] -eq 'Virtual Machine') {
        $vm = $v.Vms[[string]$r['vmId']]
        $progress = [uint32]0; $mstate = [uint32]0
        foreach ($m in (Get-LabMigrationList $v.Dc)) {
            if ([string]$m['vmId'] -ne [string]$r['vmId'] -or [string]$m['status'] -ne 'Running') { continue }
            $p = Get-LabMigrationProgress $m $v.Now
            $progress = [uint32]$p.PercentComplete; $mstate = [uint32]1
        }
        $vmState = 'Off'; if ($null -ne $vm) { $vmState = [Hyperdesk.Lab.LabSim]::VMState($vm, $v.Now) }
        $params['VmId'] = @('String', [string]$r['vmId']); $params['OfflineAction'] = @('UInt32', [uint32]1); $params['ShutdownAction'] = @('UInt32', [uint32]0)
        $params['DefaultMoveType'] = @('UInt32', [uint32]4294967295); $params['CheckHeartbeat'] = @('UInt32', [uint32]1)
        $params['MigrationState'] = @('UInt32', $mstate); $params['MigrationProgress'] = @('UInt32', $progress); $params['MigrationFailureReason'] = @('UInt32', [uint32]0)
        $params['VmState'] = @('UInt32', [uint32]$(switch ($vmState) { 'Running' { 2 } 'Paused' { 9 } 'Saved' { 6 } default { 3 } }))
        $params['StartMemory'] = @('UInt32', [uint32]$(if ($null -ne $vm) { [long]$vm['memory']['startup'] / 1MB } else { 0 }))
        $params['VirtualNumaCount'] = @('UInt32', [uint32]1); $params['CheckApplicationHealth'] = @('UInt32', [uint32]1)
    } elseif ([string]$r['type'] -eq 'Virtual Machine Configuration') {
        $vm = $v.Vms[[string]$r['vmId']]
        $params['VmId'] = @('String', [string]$r['vmId'])
        $params['ConfigStoreRootPath'] = @('String', $(if ($null -ne $vm) { [string]$vm['path'] } else { '' }))
    } elseif ($r.Contains('parameters') -and $null -ne $r['parameters']) {
        foreach ($k in $r['parameters'].Keys) { $params[$k] = @('String', [string]$r['parameters'][$k]) }
    }
    $names = $null; if ($B.ContainsKey('Name') -and $null -ne $B['Name']) { $names = @($B['Name'] | ForEach-Object { [string]$_ }) }
    foreach ($k in $params.Keys) {
        if ($null -ne $names -and $names -notcontains $k) { continue }
        $p = [Microsoft.FailoverClusters.PowerShell.ClusterParameter]::new()
        $p.ClusterObject = $io; $p.Name = $k; $p.IsReadOnly = $k -in @('VmId', 'MigrationState', 'MigrationProgress', 'MigrationFailureReason', 'VmState')
        $p.ParameterType = $params[$k][0]; $p.Value = $params[$k][1]
        $Inv.Cmdlet.WriteObject($p)
    }
}

function Resolve-LabMonitoredGroup($Inv, $B, $View) {
    $g = $null
    if ($B.ContainsKey('VirtualMachine')) { $g = Find-LabClusterGroupRec $View.C ([string]$B['VirtualMachine']) }
    else { $found = (Resolve-LabClusterGroups $Inv $B $View -VmOnly); if ($found.Count -gt 0) { $g = $found[0] } }
    if ($null -eq $g -or [string]$g['type'] -ne 'VirtualMachine') { Stop-LabClusterCmdlet $Inv "The virtual machine '$($B['VirtualMachine'])' is not a clustered virtual machine." $B['VirtualMachine'] 'ObjectNotFound' }
    return $g
}

Register-LabImpl 'Get-ClusterVMMonitoredItem' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $g = Resolve-LabMonitoredGroup $Inv $B $v
    foreach ($m in @($g['monitored'])) {
        if ($null -eq $m) { continue }
        $o = [Microsoft.FailoverClusters.PowerShell.ClusterVMMonitoredItem]::new(); $o.VMName = [string]$g['name']; $o.Name = [string]$m
        $Inv.Cmdlet.WriteObject($o)
    }
}

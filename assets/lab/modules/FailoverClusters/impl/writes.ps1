# Cluster changes: VM roles (add, move), node pause/drain/resume, cluster service stop/start, VM monitoring.
# Moves go through the migration engine (core/world/migration.ps1, Origin 'cluster'); the owner follows the VM record.
Set-StrictMode -Version Latest

Register-LabImpl 'Add-ClusterVMMonitoredItem' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $g = Resolve-LabMonitoredGroup $Inv $B $v
    $names = @($B['Service'] | ForEach-Object { Get-LabInputName $_ })
    Update-LabWorld {
        param($tx)
        $gr = Find-LabClusterGroupRec (Get-LabTxSite $tx)['cluster'] ([string]$g['name'])
        if (-not $gr.Contains('monitored') -or $null -eq $gr['monitored']) { $gr['monitored'] = [Collections.ArrayList]::new() }
        foreach ($n in $names) { if (@($gr['monitored']) -notcontains $n) { $null = $gr['monitored'].Add($n) } }
    }
    foreach ($n in $names) { $o = [Microsoft.FailoverClusters.PowerShell.ClusterVMMonitoredItem]::new(); $o.VMName = [string]$g['name']; $o.Name = $n; $Inv.Cmdlet.WriteObject($o) }
}

Register-LabImpl 'Remove-ClusterVMMonitoredItem' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $g = Resolve-LabMonitoredGroup $Inv $B $v
    $names = @(); if ($B.ContainsKey('Service')) { $names = @($B['Service'] | ForEach-Object { Get-LabInputName $_ }) }
    if ($B.ContainsKey('InputObject') -and $B['InputObject'].PSObject.BaseObject -is [Microsoft.FailoverClusters.PowerShell.ClusterVMMonitoredItem]) { $names = @($B['InputObject'].Name) }
    Update-LabWorld {
        param($tx)
        $gr = Find-LabClusterGroupRec (Get-LabTxSite $tx)['cluster'] ([string]$g['name'])
        foreach ($n in $names) { $hit = @($gr['monitored']) | Where-Object { [string]::Equals([string]$_, $n, [StringComparison]::OrdinalIgnoreCase) }; foreach ($h in @($hit)) { $gr['monitored'].Remove($h) } }
    }
}

# A VM's files must be on a CSV (under the cluster's ClusterStorage folder) or an SMB share of the cluster.
Register-LabImpl 'Add-ClusterVirtualMachineRole' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $vmName = $null
    foreach ($k in @('VMName', 'VirtualMachine')) { if ($B.ContainsKey($k)) { $vmName = [string]$B[$k] } }
    $vm = $null; $hostName = $null
    foreach ($id in $v.Vms.Keys) {
        $x = $v.Vms[$id]
        if (($B.ContainsKey('VMId') -and $id -eq ([string]$B['VMId']).ToLowerInvariant()) -or ($null -ne $vmName -and [string]::Equals([string]$x['name'], $vmName, [StringComparison]::OrdinalIgnoreCase))) { $vm = $x; $hostName = $v.VmHost[$id] }
    }
    if ($null -eq $vm) { Stop-LabClusterCmdlet $Inv "There is no virtual machine named '$vmName' on any node of the cluster '$($v.C['name'])'." $vmName 'ObjectNotFound' }
    $id = [string]$vm['id']
    foreach ($g in @($v.C['groups'])) { if ([string]$g['vmId'] -eq $id) { Stop-LabClusterCmdlet $Inv "The virtual machine '$($vm['name'])' is already configured for high availability in clustered role '$($g['name'])'." $vmName 'ResourceExists' } }
    $shared = @($v.C['csvs'] | ForEach-Object { [string]$_['path'] }) + @($v.C['sharePaths'] | Where-Object { $null -ne $_ })
    $files = @([string]$vm['path']) + @($vm['hardDrives'] | ForEach-Object { [string]$_['path'] })
    foreach ($f in $files) {
        $ok = $false
        foreach ($root in $shared) { if ($f.StartsWith($root + '/', [StringComparison]::Ordinal) -or $f -eq $root) { $ok = $true } }
        if (-not $ok) {
            Stop-LabClusterCmdlet $Inv "Failed to configure virtual machine '$($vm['name'])' for high availability: the virtual machine is stored on '$f', which is not a Cluster Shared Volume or a file share of the cluster. Move the virtual machine's storage to a Cluster Shared Volume ($($shared -join ', ')) first." $vmName 'InvalidOperation'
        }
    }
    $name = [string]$vm['name']; if ($B.ContainsKey('Name')) { $name = [string]$B['Name'] }
    Update-LabWorld {
        param($tx)
        $c = (Get-LabTxSite $tx)['cluster']
        $null = $c['groups'].Add(@{ name = $name; id = [Guid]::NewGuid().ToString(); type = 'VirtualMachine'; vmId = $id; resourceId = [Guid]::NewGuid().ToString(); configResourceId = [Guid]::NewGuid().ToString()
                preferredOwners = [Collections.ArrayList]::new(); possibleOwners = [Collections.ArrayList]::new(); autoFailbackType = 0; monitored = [Collections.ArrayList]::new() })
    }
    $v = Get-LabClusterView $Inv
    $Inv.Cmdlet.WriteObject((New-LabClusterGroupObject $v (Find-LabClusterGroupRec $v.C $name)))
}

# Why a node cannot take a role, in the real words (Win32 cluster errors), or $null.
function Get-LabMoveRefusal($View, $G, [string]$Target, [string]$Owner) {
    $node = Find-LabClusterNodeRec $View.C $Target
    if ($null -eq $node) { return "The cluster node '$Target' was not found." }
    $possible = @($G['possibleOwners'] | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
    if ($possible.Count -gt 0 -and $possible -notcontains [string]$node['name']) { return "The operation failed because either the specified cluster node is not the owner of the group, or the node is not a possible owner of the group." }
    $state = $View.Nodes[[string]$node['name']].State
    if ($state -eq 'Down') { return 'A cluster node is not available for this operation.' }
    if ($state -eq 'Paused') { return 'The cluster node is paused.' }
    if ([string]$node['name'] -eq $Owner) { return "The clustered role '$($G['name'])' is already owned by node '$Owner'." }
    return $null
}

Register-LabImpl 'Move-ClusterVirtualMachineRole' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $groups = (Resolve-LabClusterGroups $Inv $B $v -VmOnly)
    if ($B.ContainsKey('InputObject') -and -not $B.ContainsKey('Name') -and -not $B.ContainsKey('VMId') -and $groups.Count -gt 1) { $groups = @() }
    $kind = 'Live'; if ($B.ContainsKey('MigrationType')) { $kind = [string]$B['MigrationType'] }
    if ($kind -notin @('Live', 'Quick')) { $kind = 'Quick' }
    foreach ($g in $groups) {
        $owner = Get-LabGroupOwnerName $v $g
        $target = $null
        if ($B.ContainsKey('Node')) { $target = (Find-LabClusterNodeRec $v.C ([string]$B['Node'])); if ($null -ne $target) { $target = [string]$target['name'] } else { $target = [string]$B['Node'] } }
        else {
            $target = Update-LabWorld { param($tx) Select-LabClusterTarget $tx $v.C $g $owner }
            if ($null -eq $target) { Stop-LabClusterCmdlet $Inv "An error occurred while moving the clustered role '$($g['name'])'.`n    A cluster node is not available for this operation." $g['name'] }
        }
        $why = Get-LabMoveRefusal $v $g $target $owner
        if ($null -ne $why) { Stop-LabClusterCmdlet $Inv "An error occurred while moving the clustered role '$($g['name'])'.`n    $why" $g['name'] }
        $rec = Update-LabWorld {
            param($tx)
            $r = Start-LabMigration -Tx $tx -VmId ([string]$g['vmId']) -From $owner -To $target -Kind $kind -Origin cluster
            Add-LabClusterEvent (Get-LabTxSite $tx)['cluster'] (Get-LabClusterNowMs $tx) 1641 'Information' "Clustered role '$($g['name'])' is moving from cluster node '$owner' to cluster node '$target'."
            $r
        }
        if ($B.ContainsKey('Wait') -and [int]$B['Wait'] -eq 0) { }
        else { $null = Wait-LabMigration $Inv ([string]$rec['id']) "Moving clustered role '$($g['name'])'" }
        $v2 = Get-LabClusterView $Inv
        $Inv.Cmdlet.WriteObject((New-LabClusterGroupObject $v2 (Find-LabClusterGroupRec $v2.C ([string]$g['name']))))
    }
}

function Get-LabClusterNowMs($Tx) { return Get-LabClockMs $Tx.Datacenter['clock'] }

# Pause; with -Drain every role leaves by preferred owners (running VMs live, the others quick), and the node's
# DrainStatus follows those migrations. A role with nowhere to go fails the drain.
Register-LabImpl 'Suspend-ClusterNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($n in (Resolve-LabClusterNodes $Inv $B $v)) {
        $name = [string]$n['name']
        if (-not $Inv.Cmdlet.ShouldProcess($name, 'Suspend-ClusterNode')) { continue }
        if ($v.Nodes[$name].State -eq 'Down') { Stop-LabClusterCmdlet $Inv "Could not pause node '$name'.`n    A cluster node is not available for this operation." $name }
        $drain = $B.ContainsKey('Drain') -and $B['Drain']
        $ids = Update-LabWorld {
            param($tx)
            $c = (Get-LabTxSite $tx)['cluster']
            $nr = Find-LabClusterNodeRec $c $name
            $nr['paused'] = $true
            $now = Get-LabClusterNowMs $tx
            if (-not $drain) { $nr['drain'] = $null; return @() }
            $d = @{ startedMs = $now; migrations = [Collections.ArrayList]::new(); failed = $false }
            $nr['drain'] = $d
            $st = Get-LabTxHost $tx $name
            foreach ($g in @($c['groups'])) {
                if ([string]$g['type'] -ne 'VirtualMachine') { continue }
                $here = @($st['vms'] | Where-Object { [string]$_['id'] -eq [string]$g['vmId'] })
                if ($here.Count -eq 0) { continue }
                $target = if ($B.ContainsKey('TargetNode')) { [string]$B['TargetNode'] } else { Select-LabClusterTarget $tx $c $g $name }
                if ($null -eq $target) {
                    $d['failed'] = $true
                    Add-LabClusterEvent $c $now 5121 'Error' "Move of cluster role '$($g['name'])' for drain could not be completed. The operation failed with error code 0x138D."
                    continue
                }
                $kind = if ([string]$here[0]['state'] -eq 'Running') { 'Live' } else { 'Quick' }
                $m = Start-LabMigration -Tx $tx -VmId ([string]$g['vmId']) -From $name -To $target -Kind $kind -Origin cluster
                $null = $d['migrations'].Add([string]$m['id'])
            }
            return @($d['migrations'])
        }
        if ($B.ContainsKey('Wait') -and $B['Wait']) { foreach ($id in @($ids)) { $null = Wait-LabMigration $Inv ([string]$id) } }
        $Inv.Cmdlet.WriteObject((Get-LabClusterView $Inv).Nodes[$name])
    }
}

# Resume; -Failback Immediate brings back the roles whose first preferred owner is this node, Policy those whose
# group allows failback (AutoFailbackType 1), NoFailback (the default) none.
Register-LabImpl 'Resume-ClusterNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    $mode = 'NoFailback'; if ($B.ContainsKey('Failback')) { $mode = [string]$B['Failback'] }
    foreach ($n in (Resolve-LabClusterNodes $Inv $B $v)) {
        $name = [string]$n['name']
        $ids = Update-LabWorld {
            param($tx)
            $c = (Get-LabTxSite $tx)['cluster']
            $nr = Find-LabClusterNodeRec $c $name
            $nr['paused'] = $false; $nr['drain'] = $null
            $out = [Collections.ArrayList]::new()
            if ($mode -eq 'NoFailback') { return @() }
            foreach ($g in @($c['groups'])) {
                if ([string]$g['type'] -ne 'VirtualMachine' -or @($g['preferredOwners']).Count -eq 0 -or [string]@($g['preferredOwners'])[0] -ne $name) { continue }
                if ($mode -eq 'Policy' -and [int]$g['autoFailbackType'] -ne 1) { continue }
                $loc = Find-LabTxVM $tx ([string]$g['vmId'])
                if ($null -eq $loc -or $loc.Host -eq $name) { continue }
                $kind = if ([string]$loc.Vm['state'] -eq 'Running') { 'Live' } else { 'Quick' }
                $m = Start-LabMigration -Tx $tx -VmId ([string]$g['vmId']) -From $loc.Host -To $name -Kind $kind -Origin cluster
                $null = $out.Add([string]$m['id'])
            }
            return @($out)
        }
        foreach ($id in @($ids)) { $null = Wait-LabMigration $Inv ([string]$id) }
        $Inv.Cmdlet.WriteObject((Get-LabClusterView $Inv).Nodes[$name])
    }
}

Register-LabImpl 'Stop-ClusterNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($n in (Resolve-LabClusterNodes $Inv $B $v)) {
        $name = [string]$n['name']
        if (-not $Inv.Cmdlet.ShouldProcess($name, 'Stop-ClusterNode')) { continue }
        Update-LabWorld {
            param($tx)
            $c = (Get-LabTxSite $tx)['cluster']
            (Find-LabClusterNodeRec $c $name)['service'] = 'Stopped'
            Invoke-LabClusterNodeDown $tx $name 'service' (Get-LabClusterNowMs $tx)
        }
        $Inv.Cmdlet.WriteObject((Get-LabClusterView $Inv).Nodes[$name])
    }
}

Register-LabImpl 'Start-ClusterNode' {
    param($Inv, $B)
    $v = Get-LabClusterView $Inv
    foreach ($n in (Resolve-LabClusterNodes $Inv $B $v)) {
        $name = [string]$n['name']
        Update-LabWorld {
            param($tx)
            $c = (Get-LabTxSite $tx)['cluster']
            (Find-LabClusterNodeRec $c $name)['service'] = 'Running'
            Invoke-LabClusterNodeUp $tx $name (Get-LabClusterNowMs $tx)
        }
        $Inv.Cmdlet.WriteObject((Get-LabClusterView $Inv).Nodes[$name])
    }
}

# Enable-VMReplication and Start-VMInitialReplication. Enabling creates the replica VM record (same VMId, Off,
# ReplicationMode Replica) on the replica host and the relationship in datacenter.json in ONE world transaction.
Set-StrictMode -Version Latest

Register-LabImpl 'Enable-VMReplication' {
    param($Inv, $B)
    $me = [string](Get-LabState)['host']['name']
    $vmName = [string]@($B['VMName'])[0]
    $target = [string]$B['ReplicaServerName']
    $fid = 'Microsoft.HyperV.PowerShell.Commands.EnableVMReplication'
    $rh = Find-LabWorldHost $target
    if ($null -eq $rh -or -not (Test-LabLink $me $target)) {
        Stop-LabCmdlet $Inv "Hyper-V failed to enable replication for virtual machine '$vmName': Hyper-V cannot connect to the specified Replica server '$target'. Verify that the specified server is enabled as a Replica server, allows inbound traffic on the specified port and supports the same authentication scheme." "ConnectionFailure" ConnectionError $target
    }
    $dc = Get-LabDatacenter
    $cfg = $null
    if ($dc.Contains('replicaServers')) { foreach ($s in @($dc['replicaServers'])) { if ($null -ne $s -and [string]$s['host'] -eq $rh.name) { $cfg = $s } } }
    if ($null -eq $cfg) {
        Stop-LabCmdlet $Inv "Hyper-V failed to enable replication for virtual machine '$vmName': The Replica server '$target' is not enabled to receive replication. Enable the server as a Replica server (Set-VMReplicationServer -ReplicationEnabled `$true)." "OperationFailed" InvalidOperation $target
    }
    if (-not (@($cfg['authorizedServers']) -contains $me)) {
        Stop-LabCmdlet $Inv "Hyper-V failed to enable replication for virtual machine '$vmName': The Replica server '$target' is not configured to accept replication from the primary server '$me'." "AccessDenied" PermissionDenied $target
    }
    $freq = 300; if ($B.ContainsKey('ReplicationFrequencySec')) { $freq = [int]$B['ReplicationFrequencySec'] }
    $now = Get-LabNowMs
    Update-LabWorld {
        param($tx)
        $hs = Get-LabTxHost $tx
        $vm = $hs['vms'] | Where-Object { $null -ne $_ -and [string]$_['name'] -eq $vmName } | Select-Object -First 1
        if ($null -eq $vm) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual machine with name `"$vmName`"." "InvalidParameter" InvalidArgument $vmName }
        foreach ($r in @($tx.Datacenter['replication'])) {
            if ($null -ne $r -and [string]$r['vmId'] -eq [string]$vm['id']) { Stop-LabCmdlet $Inv "Hyper-V failed to enable replication for virtual machine '$vmName': The operation cannot be performed while the virtual machine is enabled for replication." "InvalidState" InvalidOperation $vmName }
        }
        $vm['replicationMode'] = 'Primary'
        $rep = Get-LabTxHost $tx $rh.name
        $copy = [Hyperdesk.Lab.LabJson]::Parse(($vm | ConvertTo-Json -Depth 20 -Compress))
        $copy['replicationMode'] = 'Replica'; $copy['state'] = 'Off'
        $rep['vms'] = @(@($rep['vms']) | Where-Object { $null -ne $_ }) + @($copy)
        $rel = @{ vmId = [string]$vm['id']; vmName = $vmName; primaryServer = $me; replicaServer = [string]$rh.name; frequencySec = $freq
            state = 'ReadyForInitialReplication'; mode = 'Primary'; startMs = $now; statsFromMs = $now; recoveryHistory = 4; avgSizeBytes = [uint64](4MB); suspendedMs = 0 }
        $tx.Datacenter['replication'] = @(@($tx.Datacenter['replication']) | Where-Object { $null -ne $_ }) + @($rel)
        Invoke-LabCrashPoint 'replication-enable-written'
    }
}

Register-LabImpl 'Start-VMInitialReplication' {
    param($Inv, $B)
    $me = [string](Get-LabState)['host']['name']
    $vmName = [string]@($B['VMName'])[0]
    $now = Get-LabNowMs
    Update-LabWorld {
        param($tx)
        $r = @($tx.Datacenter['replication']) | Where-Object { $null -ne $_ -and $_['primaryServer'] -eq $me -and [string]$_['vmName'] -eq $vmName } | Select-Object -First 1
        if ($null -eq $r) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual machine with name `"$vmName`" that is enabled for replication." 'InvalidParameter' InvalidArgument $vmName }
        # Initial copy is treated as done at once; cycles count from now.
        $r['state'] = 'Replicating'; $r['startMs'] = $now; $r['statsFromMs'] = $now
    }
}

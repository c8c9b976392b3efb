# Remove-VMReplication (on the primary: drops the relationship; the replica VM stays on the replica host as on a
# real server, with its replication mode cleared) and Reset-VMReplicationStatistics (monitoring restarts now).
Set-StrictMode -Version Latest

function Edit-LabReplication($Inv, $B, [scriptblock]$Change) {
    $me = [string](Get-LabState)['host']['name']
    $names = @($B['VMName'])
    $now = Get-LabNowMs
    Update-LabWorld {
        param($tx)
        $hit = @(@($tx.Datacenter['replication']) | Where-Object { $null -ne $_ -and ($_['primaryServer'] -eq $me -or $_['replicaServer'] -eq $me) })
        $hit = @($hit | Where-Object { $n = [string]$_['vmName']; @($names | Where-Object { $n -like $_ }).Count -gt 0 })
        if ($hit.Count -eq 0) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual machine with name `"$($names -join ', ')`" that is enabled for replication." 'InvalidParameter' InvalidArgument $null }
        foreach ($r in $hit) { & $Change $tx $r $now }
    }
}

Register-LabImpl 'Remove-VMReplication' {
    param($Inv, $B)
    Edit-LabReplication $Inv $B {
        param($tx, $r, $now)
        $tx.Datacenter['replication'] = @(@($tx.Datacenter['replication']) | Where-Object { $null -ne $_ -and [string]$_['vmId'] -ne [string]$r['vmId'] })
        foreach ($hn in @([string]$r['primaryServer'], [string]$r['replicaServer'])) {
            $hs = Get-LabTxHost $tx $hn
            foreach ($v in @($hs['vms'])) { if ($null -ne $v -and [string]$v['id'] -eq [string]$r['vmId']) { $v['replicationMode'] = 'None' } }
        }
    }
}

Register-LabImpl 'Reset-VMReplicationStatistics' {
    param($Inv, $B)
    Edit-LabReplication $Inv $B { param($tx, $r, $now) $r['statsFromMs'] = $now }
}

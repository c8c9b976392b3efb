# Hyper-V Replica relationships (datacenter.json 'replication': primary and replica may be in different sites).
# Cycles are not written by a timer: on read, the cycles of ReplicationFrequencySec since the relationship's start
# are counted against the lab clock; a network cut between the two hosts (Test-LabLink, cut's atMs) stops them from
# the cut's time, so the lag grows; when the cut is removed the next read finds the relationship caught up.
#   replication[] vmId, vmName, primaryServer, replicaServer, frequencySec, state, mode, startMs, statsFromMs,
#                 recoveryHistory, avgSizeBytes
Set-StrictMode -Version Latest

function Get-LabReplicationList($Dc) {
    if ($null -eq $Dc -or -not $Dc.Contains('replication') -or $null -eq $Dc['replication']) { return @() }
    return @($Dc['replication'])
}

# Since when the link primary -> replica has been cut (ms), or $null.
function Get-LabReplicationCutMs($Dc, $Rel) {
    if (Test-LabLink ([string]$Rel['primaryServer']) ([string]$Rel['replicaServer']) $Dc) { return $null }
    $since = $null
    foreach ($c in @($Dc['links']['cuts'])) { if ($null -ne $c -and ($null -eq $since -or [long]$c['atMs'] -lt $since)) { $since = [long]$c['atMs'] } }
    return $since
}

# The figures Measure-VMReplication reports at $NowMs.
function Get-LabReplicationFigures($Dc, $Rel, [long]$NowMs) {
    $freqMs = [long]$Rel['frequencySec'] * 1000
    $start = [long]$Rel['startMs']; $from = [long]$Rel['statsFromMs']
    $cut = Get-LabReplicationCutMs $Dc $Rel
    $until = $NowMs
    if ([string]$Rel['state'] -eq 'Suspended') { $until = [long]$Rel['suspendedMs'] }
    if ($null -ne $cut -and $cut -lt $until) { $until = $cut }
    $due = [long][math]::Floor(($NowMs - $from) / [double]$freqMs)
    $done = [long][math]::Max(0, [math]::Floor(($until - $from) / [double]$freqMs))
    $missed = [long][math]::Max(0, $due - $done)
    $last = $start + [long][math]::Floor(([math]::Max($until, $start) - $start) / [double]$freqMs) * $freqMs
    $lagMs = $NowMs - $last
    $health = 'Normal'; $details = @()
    if ($lagMs -gt 3600000) {
        $health = 'Critical'; $details = @("Hyper-V Replica has not replicated changes for the virtual machine for more than an hour.")
    } elseif ($due -gt 0 -and $missed / [double]$due -gt 0.2) {
        $health = 'Warning'; $details = @("Hyper-V Replica missed more than 20% of replication cycles in the monitoring interval.")
    } elseif ([string]$Rel['state'] -eq 'Suspended') {
        $health = 'Warning'; $details = @('Replication is suspended for the virtual machine.')
    }
    return @{ LastReplicationMs = $last; LagMs = $lagMs; Successful = $done; Missed = $missed; Health = $health; Details = $details
        AvgSizeBytes = [uint64]$Rel['avgSizeBytes']; MaxSizeBytes = [uint64]([uint64]$Rel['avgSizeBytes'] * 3); FromMs = $from }
}

# Scenario seeder: replication.json { replicaServers: [{host, authorizedServers[], storage}], relationships: [{vm, replicaServer, frequencySec}] }.
Register-LabScenarioSeeder -Name 'replication' -Order 40 -Body {
    param($Tx, $Data, $Context)
    $list = [Collections.ArrayList]::new()
    foreach ($r in @($Data['relationships'])) {
        $prim = $null; $vm = $null
        foreach ($hn in @($Context.Hosts.Keys)) {
            $hs = Get-LabTxHost $Tx $hn
            foreach ($v in @($hs['vms'])) { if ($null -ne $v -and [string]$v['name'] -eq [string]$r['vm']) { $prim = $hn; $vm = $v } }
        }
        if ($null -eq $vm) { throw "replication.json: VM '$($r['vm'])' is in no host of the scenario." }
        $vm['replicationMode'] = 'Primary'
        $rep = Get-LabTxHost $Tx ([string]$r['replicaServer'])
        $copy = [Hyperdesk.Lab.LabJson]::Parse(($vm | ConvertTo-Json -Depth 20 -Compress))
        $copy['replicationMode'] = 'Replica'; $copy['state'] = 'Off'
        $rep['vms'] = @(@($rep['vms']) | Where-Object { $null -ne $_ }) + @($copy)
        $null = $list.Add(@{ vmId = [string]$vm['id']; vmName = [string]$vm['name']; primaryServer = $prim; replicaServer = [string]$r['replicaServer']
            frequencySec = [int]$r['frequencySec']; state = 'Replicating'; mode = 'Primary'; startMs = [long]$Context.NowMs; statsFromMs = [long]$Context.NowMs
            recoveryHistory = 4; avgSizeBytes = [uint64](4MB); suspendedMs = 0 })
    }
    $Tx.Datacenter['replication'] = @($list)
    $Tx.Datacenter['replicaServers'] = @($Data['replicaServers'])
}

# Get-VMReplication / Measure-VMReplication over the relationships of datacenter.json (core/world/replication.ps1).
# Both sides answer: the primary host reports its Primary record, the replica host the Replica one.
Set-StrictMode -Version Latest

function Get-LabReplicationHere($Inv, $B) {
    $me = [string](Get-LabState)['host']['name']
    $dc = Get-LabDatacenter
    $names = @(); if ($B.ContainsKey('VMName')) { $names = @($B['VMName']) } elseif ($B.ContainsKey('Name')) { $names = @($B['Name']) }
    foreach ($r in (Get-LabReplicationList $dc)) {
        if ($r['primaryServer'] -ne $me -and $r['replicaServer'] -ne $me) { continue }
        if ($names.Count -gt 0 -and -not @($names | Where-Object { [string]$r['vmName'] -like $_ })) { continue }
        [pscustomobject]@{ Rel = $r; Mode = $(if ($r['primaryServer'] -eq $me) { 'Primary' } else { 'Replica' }); Dc = $dc }
    }
}

Register-LabImpl 'Get-VMReplication' {
    param($Inv, $B)
    $now = Get-LabNowMs
    foreach ($x in @(Get-LabReplicationHere $Inv $B)) {
        $r = $x.Rel; $f = Get-LabReplicationFigures $x.Dc $r $now
        $Inv.Cmdlet.WriteObject([pscustomobject]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.VMReplication'
            VMName = [string]$r['vmName']; VMId = [guid][string]$r['vmId']; State = [string]$r['state']; Mode = $x.Mode
            ReplicationMode = $x.Mode; ReplicationState = [string]$r['state']; ReplicationHealth = $f.Health
            FrequencySec = [int]$r['frequencySec']; ReplicationFrequencySec = [int]$r['frequencySec']
            PrimaryServer = [string]$r['primaryServer']; ReplicaServer = [string]$r['replicaServer']; CurrentReplicaServerName = [string]$r['replicaServer']
            ReplicaServerPort = 80; AuthenticationType = 'Kerberos'; RecoveryHistory = [int]$r['recoveryHistory']
            LastReplicationTime = ConvertFrom-LabMs $f.LastReplicationMs; ComputerName = [string](Get-LabState)['host']['name'] })
    }
}

Register-LabImpl 'Measure-VMReplication' {
    param($Inv, $B)
    $now = Get-LabNowMs
    foreach ($x in @(Get-LabReplicationHere $Inv $B)) {
        $r = $x.Rel; $f = Get-LabReplicationFigures $x.Dc $r $now
        $Inv.Cmdlet.WriteObject([pscustomobject]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.VMReplicationHealth'
            VMName = [string]$r['vmName']; VMId = [guid][string]$r['vmId']; ReplicationState = [string]$r['state']; ReplicationMode = $x.Mode
            ReplicationHealth = $f.Health; ReplicationHealthDetails = @($f.Details)
            LastReplicationTime = ConvertFrom-LabMs $f.LastReplicationMs; MonitoringStartTime = ConvertFrom-LabMs $f.FromMs
            MonitoringInterval = [timespan]::FromMilliseconds($now - $f.FromMs); AverageReplicationSize = $f.AvgSizeBytes
            MaximumReplicationSize = $f.MaxSizeBytes; SuccessfulReplicationCount = $f.Successful; MissedReplicationCount = $f.Missed
            ReplicationLag = [timespan]::FromMilliseconds($f.LagMs); CurrentReplicaServerName = [string]$r['replicaServer']
            PrimaryServerName = [string]$r['primaryServer'] })
    }
}

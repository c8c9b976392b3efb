# Get-VMReplicationServer and Suspend-/Resume-VMReplication. The replica-server settings live in datacenter.json
# 'replicaServers' (seeded from replication.json); a host without an entry reports replication disabled.
Set-StrictMode -Version Latest

Register-LabImpl 'Get-VMReplicationServer' {
    param($Inv, $B)
    $me = [string](Get-LabState)['host']['name']
    $dc = Get-LabDatacenter
    $cfg = $null
    if ($dc.Contains('replicaServers')) { foreach ($s in @($dc['replicaServers'])) { if ($null -ne $s -and [string]$s['host'] -eq $me) { $cfg = $s } } }
    $enabled = $null -ne $cfg
    $auth = 'Kerberos'; $kport = 80; $store = ''; $allowed = @()
    if ($enabled) { $auth = [string]$cfg['authentication']; $kport = [int]$cfg['port']; $store = Join-Path ([string]$env:HYPERDESK_LAB_STATE) ([string]$cfg['storage']); $allowed = @($cfg['authorizedServers']) }
    $entries = @($allowed | ForEach-Object { [pscustomobject]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.VMReplicationAuthorizationEntry'
        AllowedPrimaryServer = [string]$_; ReplicaStorageLocation = $store; TrustGroup = 'DEFAULT'; ComputerName = $me } })
    $Inv.Cmdlet.WriteObject([pscustomobject]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.VMReplicationServer'
        ReplicationEnabled = $enabled; AllowedAuthenticationType = $auth; ReplicationAllowedFromAnyServer = $false
        KerberosAuthenticationPort = $kport; CertificateAuthenticationPort = 443; CertificateThumbprint = ''
        DefaultStorageLocation = $store; AuthorizationEntries = $entries; MonitoringInterval = [timespan]'12:00:00'
        MonitoringStartTime = [timespan]'15:00:00'; OperationalStatus = @('Ok'); StatusDescriptions = @('OK'); ComputerName = $me; IsDeleted = $false })
}

function Set-LabReplicationState($Inv, $B, [string]$To) {
    $me = [string](Get-LabState)['host']['name']
    $names = @($B['VMName'])
    $now = Get-LabNowMs
    Update-LabWorld {
        param($tx)
        $found = $false
        foreach ($r in @($tx.Datacenter['replication'])) {
            if ($null -eq $r -or $r['primaryServer'] -ne $me) { continue }
            if (-not @($names | Where-Object { [string]$r['vmName'] -like $_ })) { continue }
            $found = $true
            # A paused relationship keeps its cycles up to the pause; resuming restarts the count from now.
            if ($To -eq 'Suspended') { $r['suspendedMs'] = $now } else { $r['startMs'] = $now; $r['statsFromMs'] = $now }
            $r['state'] = $To
        }
        if (-not $found) { Stop-LabCmdlet $Inv "Hyper-V was unable to find a virtual machine with name `"$($names -join ', ')`" that is enabled for replication." 'InvalidParameter' InvalidArgument $null }
    }
}

Register-LabImpl 'Suspend-VMReplication' { param($Inv, $B) Set-LabReplicationState $Inv $B 'Suspended' }
Register-LabImpl 'Resume-VMReplication' { param($Inv, $B) Set-LabReplicationState $Inv $B 'Replicating' }

# Set-VMReplicationServer: enables/disables this host as a replica server and sets its authentication, ports and
# default storage (relative to the host's folder when not rooted).
Register-LabImpl 'Set-VMReplicationServer' {
    param($Inv, $B)
    $me = [string](Get-LabState)['host']['name']
    Update-LabWorld {
        param($tx)
        $list = @(); if ($tx.Datacenter.Contains('replicaServers')) { $list = @($tx.Datacenter['replicaServers'] | Where-Object { $null -ne $_ }) }
        $cfg = $list | Where-Object { [string]$_['host'] -eq $me } | Select-Object -First 1
        if ($null -eq $cfg) { $cfg = @{ host = $me; authentication = 'Kerberos'; port = 80; certificatePort = 443; authorizedServers = @(); storage = 'Replica'; anyServer = $false } }
        $others = @($list | Where-Object { [string]$_['host'] -ne $me })
        if ($B.ContainsKey('AllowedAuthenticationType')) { $cfg['authentication'] = [string]$B['AllowedAuthenticationType'] }
        if ($B.ContainsKey('KerberosAuthenticationPort')) { $cfg['port'] = [int]$B['KerberosAuthenticationPort'] }
        if ($B.ContainsKey('CertificateAuthenticationPort')) { $cfg['certificatePort'] = [int]$B['CertificateAuthenticationPort'] }
        if ($B.ContainsKey('DefaultStorageLocation')) { $cfg['storage'] = [string]$B['DefaultStorageLocation'] }
        if ($B.ContainsKey('ReplicationAllowedFromAnyServer')) { $cfg['anyServer'] = [bool]$B['ReplicationAllowedFromAnyServer'] }
        $enabled = $true
        if ($B.ContainsKey('ReplicationEnabled')) { $enabled = [bool]$B['ReplicationEnabled'] }
        if ($enabled) { $tx.Datacenter['replicaServers'] = @($others) + @($cfg) } else { $tx.Datacenter['replicaServers'] = @($others) }
    }
}

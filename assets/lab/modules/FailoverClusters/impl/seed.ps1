# Scenario seeder 'cluster' (Order 20): the cluster of a site from <scenario>/cluster.json - nodes, CSVs (real
# folders <site>/ClusterStorage/VolumeN), networks, the disk witness, the SOFS role, and a VM role for every VM of
# the nodes whose files are on a CSV (per-role preferred/possible owners and monitored services from "roles").
Set-StrictMode -Version Latest

Register-LabScenarioSeeder -Name 'cluster' -Order 20 -Body {
    param($Tx, $Data, $Context)
    $siteName = [string]$Data['site']
    $site = Get-LabTxSite $Tx $siteName
    $siteDir = [IO.Path]::GetDirectoryName([string]$Context.Hosts[[string]@($Data['nodes'])[0]].dir)
    $c = New-LabDict
    $c['name'] = [string]$Data['name']; $c['id'] = [Guid]::NewGuid().ToString(); $c['domain'] = [string]$Data['domain']
    $c['sharedVolumesRoot'] = [IO.Path]::Combine($siteDir, 'ClusterStorage')
    $c['nodes'] = [Collections.ArrayList]::new(); $c['groups'] = [Collections.ArrayList]::new(); $c['resources'] = [Collections.ArrayList]::new()
    $c['csvs'] = [Collections.ArrayList]::new(); $c['networks'] = [Collections.ArrayList]::new(); $c['sharePaths'] = [Collections.ArrayList]::new()
    $c['events'] = [Collections.ArrayList]::new()
    $i = 0
    foreach ($n in @($Data['nodes'])) { $i++; $null = $c['nodes'].Add(@{ name = [string]$n; id = [string]$i; instanceId = '00000000-0000-0000-0000-00000000000' + $i; serial = 'CZ2' + (1000 + $i); service = 'Running'; paused = $false; drain = $null }) }
    $null = $c['groups'].Add(@{ name = 'Cluster Group'; id = [Guid]::NewGuid().ToString(); type = 'Cluster'; ownerNode = [string]@($Data['nodes'])[0]; state = 'Online' })
    $null = $c['groups'].Add(@{ name = 'Available Storage'; id = [Guid]::NewGuid().ToString(); type = 'AvailableStorage'; ownerNode = [string]@($Data['nodes'])[0]; state = 'Offline' })
    $null = $c['resources'].Add(@{ name = 'Cluster Name'; id = [Guid]::NewGuid().ToString(); type = 'Network Name'; group = 'Cluster Group' })
    $null = $c['resources'].Add(@{ name = 'Cluster IP Address'; id = [Guid]::NewGuid().ToString(); type = 'IP Address'; group = 'Cluster Group' })
    $k = 0
    foreach ($v in @($Data['csvs'])) {
        $k++
        $path = [IO.Path]::Combine($c['sharedVolumesRoot'], [string]$v['volume'])
        $null = [IO.Directory]::CreateDirectory($path)
        $null = $c['csvs'].Add(@{ name = [string]$v['name']; id = [Guid]::NewGuid().ToString(); path = $path; sizeBytes = [long]$v['sizeGB'] * 1GB; usedBytes = [long]0; ownerNode = [string]$v['ownerNode']
                volumeGuidPath = '\\?\Volume{' + [Guid]::NewGuid().ToString() + '}\' })
    }
    if ($Data.Contains('witness') -and $null -ne $Data['witness']) {
        $null = $c['resources'].Add(@{ name = [string]$Data['witness']['name']; id = [Guid]::NewGuid().ToString(); type = 'Physical Disk'; group = 'Cluster Group' })
        $c['quorum'] = @{ type = 'NodeAndDiskMajority'; resource = [string]$Data['witness']['name'] }
    } else { $c['quorum'] = @{ type = 'NodeMajority'; resource = $null } }
    $n = 0
    foreach ($net in @($Data['networks'])) {
        $n++
        $bits = [int]$net['prefixLength']; $mask = [long](4294967296 - [Math]::Pow(2, 32 - $bits))
        $maskText = (3..0 | ForEach-Object { ($mask -shr (8 * $_)) -band 255 }) -join '.'
        $null = $c['networks'].Add(@{ name = [string]$net['name']; id = [Guid]::NewGuid().ToString(); role = [string]$net['role']; address = [string]$net['address']; prefixLength = $bits; mask = $maskText; metric = [long]$net['metric'] })
    }
    if ($Data.Contains('sofs') -and $null -ne $Data['sofs']) {
        $s = $Data['sofs']
        $null = $c['groups'].Add(@{ name = [string]$s['name']; id = [Guid]::NewGuid().ToString(); type = 'ScaleoutFileServer'; ownerNode = [string]$s['ownerNode']; state = 'Online' })
        $null = $c['resources'].Add(@{ name = [string]$s['name']; id = [Guid]::NewGuid().ToString(); type = 'Distributed Network Name'; group = [string]$s['name'] })
        $null = $c['resources'].Add(@{ name = 'Scale-Out File Server (\\' + $s['name'] + ')'; id = [Guid]::NewGuid().ToString(); type = 'Scale Out File Server'; group = [string]$s['name'] })
        $null = $c['sharePaths'].Add([IO.Path]::Combine($siteDir, [string]$s['shareFolder']))
    }
    $roles = $Data['roles']
    foreach ($node in @($Data['nodes'])) {
        $st = Get-LabTxHost $Tx ([string]$node)
        foreach ($vm in @($st['vms'])) {
            if (-not ([string]$vm['path']).StartsWith([string]$c['sharedVolumesRoot'] + '/', [StringComparison]::Ordinal)) { continue }
            $spec = $null; if ($null -ne $roles -and $roles.Contains([string]$vm['name'])) { $spec = $roles[[string]$vm['name']] }
            $g = @{ name = [string]$vm['name']; id = [Guid]::NewGuid().ToString(); type = 'VirtualMachine'; vmId = [string]$vm['id']; resourceId = [Guid]::NewGuid().ToString(); configResourceId = [Guid]::NewGuid().ToString()
                preferredOwners = [Collections.ArrayList]::new(); possibleOwners = [Collections.ArrayList]::new(); autoFailbackType = 0; monitored = [Collections.ArrayList]::new(); vmRestarts = [Collections.ArrayList]::new() }
            if ($null -ne $spec) {
                foreach ($p in @($spec['preferredOwners'])) { if ($null -ne $p) { $null = $g['preferredOwners'].Add([string]$p) } }
                if ($spec.Contains('possibleOwners')) { foreach ($p in @($spec['possibleOwners'])) { if ($null -ne $p) { $null = $g['possibleOwners'].Add([string]$p) } } }
                if ($spec.Contains('monitored')) { foreach ($p in @($spec['monitored'])) { if ($null -ne $p) { $null = $g['monitored'].Add([string]$p) } } }
                if ($spec.Contains('autoFailbackType')) { $g['autoFailbackType'] = [int]$spec['autoFailbackType'] }
            }
            $null = $c['groups'].Add($g)
        }
    }
    $site['cluster'] = $c
}

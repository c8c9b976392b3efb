# Get-StoragePool, Get-PhysicalDisk, Set-PhysicalDisk on the site's shared pools (a cluster's JBOD is seen by
# every node the pool lists). CDXML semantics: name filters take wildcards; a name that matches nothing writes the
# cmdletization "not found" error and goes on.
Set-StrictMode -Version Latest

function Find-LabPoolRecord($View, $PoolObject) {
    $id = ([string](Get-LabCimKey $PoolObject 'UniqueId')).Trim('{', '}')
    foreach ($p in $View.Pools) { if ([string]$p['uniqueId'] -eq $id) { return $p } }
    return $null
}

function Get-LabVisibleDisks($View) {
    $ids = @($View.Pools | ForEach-Object { [string]$_['uniqueId'] })
    return @(Get-LabStorageList $View.Storage 'physicalDisks' | Where-Object { $ids -contains [string]$_['pool'] })
}

# Parameter spelling (AutoSelect) to the value map's (Auto-Select).
function ConvertTo-LabDiskUsage([string]$Usage) {
    switch ($Usage) { 'AutoSelect' { return 'Auto-Select' } 'ManualSelect' { return 'Manual-Select' } 'HotSpare' { return 'Hot Spare' } default { return $Usage } }
}

Register-LabImpl 'Get-StoragePool' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $now = Get-LabNowMs
    $all = [Collections.ArrayList]::new()
    if ($view.Pools.Count -gt 0) { $null = $all.Add(@{ Primordial = $true; Pool = $null; Name = 'Primordial'; Id = '' }) }
    foreach ($p in $view.Pools) { $null = $all.Add(@{ Primordial = $false; Pool = $p; Name = [string]$p['friendlyName']; Id = '{' + [string]$p['uniqueId'] + '}' }) }
    $list = @($all)
    if ($B.ContainsKey('IsPrimordial')) { $list = @($list | Where-Object { @($B['IsPrimordial']) -contains $_.Primordial }) }
    if ($B.ContainsKey('PhysicalDisk')) {
        $uid = [string](Get-LabCimKey $B['PhysicalDisk'] 'StoragePoolUniqueId')
        $list = @($list | Where-Object { $_.Id -eq $uid })
    }
    if ($B.ContainsKey('FriendlyName')) {
        foreach ($n in @($B['FriendlyName'])) {
            $hit = @($list | Where-Object { Test-LabLike $_.Name @($n) })
            if ($hit.Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
                $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_StoragePool' 'FriendlyName' $n))
            }
        }
        $list = @($list | Where-Object { Test-LabLike $_.Name $B['FriendlyName'] })
    }
    if ($B.ContainsKey('UniqueId')) { $list = @($list | Where-Object { Test-LabLike $_.Id $B['UniqueId'] }) }
    foreach ($e in $list) {
        if ($e.Primordial) { $Inv.Cmdlet.WriteObject((ConvertTo-LabPrimordialCim $view.Storage (Get-LabVisibleDisks $view))) }
        else {
            $o = ConvertTo-LabPoolCim $view.Storage $e.Pool $now
            if ($B.ContainsKey('HealthStatus') -and @($B['HealthStatus']) -notcontains $o.HealthStatus) { continue }
            $Inv.Cmdlet.WriteObject($o)
        }
    }
}

Register-LabImpl 'Get-PhysicalDisk' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $disks = Get-LabVisibleDisks $view
    if ($B.ContainsKey('StoragePool')) {
        $pool = $B['StoragePool']
        if ([bool](Get-LabCimKey $pool 'IsPrimordial')) { $disks = Get-LabVisibleDisks $view }
        else {
            $rec = Find-LabPoolRecord $view $pool
            $disks = @(); if ($null -ne $rec) { $disks = @(Get-LabPoolDisks $view.Storage ([string]$rec['uniqueId'])) }
        }
    }
    if ($B.ContainsKey('VirtualDisk')) {
        $vid = [string](Get-LabCimKey $B['VirtualDisk'] 'UniqueId')
        $vd = @(Get-LabStorageList $view.Storage 'virtualDisks' | Where-Object { ([string]$_['uniqueId']).Trim('{', '}').Replace('-', '') -eq $vid })
        $disks = @(); if ($vd.Count -gt 0) { $disks = @(Get-LabPoolDisks $view.Storage ([string]$vd[0]['pool'])) }
    }
    foreach ($pair in @(@('FriendlyName', 'friendlyName'), @('SerialNumber', 'serialNumber'), @('UniqueId', 'uniqueId'))) {
        if (-not $B.ContainsKey($pair[0])) { continue }
        $pattern = [string]$B[$pair[0]]
        $disks = @($disks | Where-Object { Test-LabLike ([string]$_[$pair[1]]) @($pattern) })
        if ($disks.Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($pattern)) {
            $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_PhysicalDisk' $pair[0] $pattern))
        }
    }
    if ($B.ContainsKey('Usage')) { $want = ConvertTo-LabDiskUsage ([string]$B['Usage']); $disks = @($disks | Where-Object { $_['usage'] -eq $want }) }
    foreach ($d in $disks) {
        $o = ConvertTo-LabPhysicalDiskCim $view.Storage $d
        if ($B.ContainsKey('HealthStatus') -and @($B['HealthStatus']) -notcontains $o.HealthStatus) { continue }
        $Inv.Cmdlet.WriteObject($o)
    }
}

# Set-PhysicalDisk: -MediaType retypes a disk the enclosure misreports (the deck's "Size -lt 20GB" disks), -Usage,
# -NewFriendlyName, -Description. The change is one write to the site.
Register-LabImpl 'Set-PhysicalDisk' {
    param($Inv, $B)
    $view = Get-LabVisibleStorage
    $visible = Get-LabVisibleDisks $view
    $targets = [Collections.ArrayList]::new()
    if ($B.ContainsKey('InputObject')) { foreach ($o in @($B['InputObject'])) { $null = $targets.Add([string](Get-LabCimKey $o 'UniqueId')) } }
    elseif ($B.ContainsKey('UniqueId')) {
        $hit = @($visible | Where-Object { $_['uniqueId'] -eq [string]$B['UniqueId'] })
        if ($hit.Count -eq 0) { $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_PhysicalDisk' 'UniqueId' $B['UniqueId'])); return }
        foreach ($d in $hit) { $null = $targets.Add([string]$d['uniqueId']) }
    } elseif ($B.ContainsKey('FriendlyName')) {
        $hit = @($visible | Where-Object { Test-LabLike ([string]$_['friendlyName']) @($B['FriendlyName']) })
        if ($hit.Count -eq 0) { $Inv.Cmdlet.WriteError((New-LabCimNotFoundError 'MSFT_PhysicalDisk' 'FriendlyName' $B['FriendlyName'])); return }
        foreach ($d in $hit) { $null = $targets.Add([string]$d['uniqueId']) }
    }
    if ($targets.Count -eq 0) { return }
    Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        foreach ($d in @(Get-LabStorageList $storage 'physicalDisks')) {
            if ($targets -notcontains [string]$d['uniqueId']) { continue }
            if ($B.ContainsKey('MediaType')) {
                $d['mediaType'] = [string]$B['MediaType']
                if ([string]$B['MediaType'] -eq 'SSD') { $d['spindleSpeed'] = 0 }
            }
            if ($B.ContainsKey('Usage')) { $d['usage'] = ConvertTo-LabDiskUsage ([string]$B['Usage']) }
            if ($B.ContainsKey('NewFriendlyName')) { $d['friendlyName'] = [string]$B['NewFriendlyName'] }
        }
    }
}

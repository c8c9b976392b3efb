# Where a VM lives: its record, its checkpoints and its disks' records sit in the state file of the host that owns
# it. Moving a VM (Move-VM, a cluster live or quick migration, a failover) moves all three inside ONE world
# transaction, so the VM is on the source or on the destination, never both or neither.

# Every string in a record tree that starts with $From (a folder) is rewritten to start with $To: a storage move
# changes the VM's folder, its disks, its checkpoints' disks and the disks' parent links alike.
function Update-LabRecordPaths($Node, [string]$From, [string]$To) {
    if ($null -eq $Node -or [string]::IsNullOrEmpty($From)) { return }
    if ($Node -is [Collections.IDictionary]) {
        foreach ($k in @($Node.Keys)) {
            $v = $Node[$k]
            if ($v -is [string]) { if ($v.StartsWith($From, [StringComparison]::Ordinal)) { $Node[$k] = $To + $v.Substring($From.Length) } }
            else { Update-LabRecordPaths $v $From $To }
        }
    } elseif ($Node -is [Collections.IList]) {
        for ($i = 0; $i -lt $Node.Count; $i++) {
            $v = $Node[$i]
            if ($v -is [string]) { if ($v.StartsWith($From, [StringComparison]::Ordinal)) { $Node[$i] = $To + $v.Substring($From.Length) } }
            else { Update-LabRecordPaths $v $From $To }
        }
    }
}

# The disk records (host state 'vhds', keyed by lower-case full path) a VM uses: its drives, its checkpoints'
# drives, and every parent up each chain.
function Get-LabVMDiskKeys($State, $Vm) {
    $keys = [Collections.Generic.List[string]]::new()
    $paths = [Collections.Generic.List[string]]::new()
    foreach ($d in @($Vm['hardDrives'])) { if ($null -ne $d -and $d['path']) { $paths.Add([string]$d['path']) } }
    foreach ($s in @($State['snapshots'])) {
        if ($null -eq $s -or $s['vmId'] -ne $Vm['id'] -or $null -eq $s['config']) { continue }
        foreach ($d in @($s['config']['hardDrives'])) { if ($null -ne $d -and $d['path']) { $paths.Add([string]$d['path']) } }
    }
    $vhds = $State['vhds']
    while ($paths.Count -gt 0) {
        $p = $paths[0]; $paths.RemoveAt(0)
        $k = [IO.Path]::GetFullPath($p).ToLowerInvariant()
        if ($keys.Contains($k) -or $null -eq $vhds -or -not $vhds.Contains($k)) { continue }
        $keys.Add($k)
        $parent = [string]$vhds[$k]['parent']
        if (-not [string]::IsNullOrEmpty($parent)) { $paths.Add($parent) }
    }
    return , $keys.ToArray()
}

# Moves VM $VmId from host $From to host $To inside transaction $Tx. -FromPath/-ToPath rewrite the VM's folder
# (a storage move; the caller has copied the files and lists the source files with Add-LabTxDelete). Returns the
# moved record (the destination's copy).
function Move-LabVMRecord($Tx, [string]$VmId, [string]$From, [string]$To, [string]$FromPath = $null, [string]$ToPath = $null) {
    $src = Get-LabTxHost $Tx $From
    $dst = Get-LabTxHost $Tx $To
    $vm = $null
    foreach ($v in $src['vms']) { if ([string]$v['id'] -eq $VmId) { $vm = $v; break } }
    if ($null -eq $vm) { throw [Management.Automation.ItemNotFoundException]::new("The lab host $From has no VM with Id $VmId.") }
    foreach ($v in $dst['vms']) { if ([string]$v['id'] -eq $VmId) { throw [InvalidOperationException]::new("The lab host $To already has a VM with Id $VmId.") } }
    $diskKeys = Get-LabVMDiskKeys $src $vm
    $snaps = @($src['snapshots'] | Where-Object { $null -ne $_ -and $_['vmId'] -eq $VmId })
    $src['vms'].Remove($vm)
    foreach ($s in $snaps) { $src['snapshots'].Remove($s) }
    if ($null -eq $dst['vhds']) { $dst['vhds'] = New-LabDict }
    $moved = @()
    foreach ($k in $diskKeys) { $moved += , @($k, $src['vhds'][$k]); $src['vhds'].Remove($k) }
    if (-not [string]::IsNullOrEmpty($FromPath)) {
        Update-LabRecordPaths $vm $FromPath $ToPath
        foreach ($s in $snaps) { Update-LabRecordPaths $s $FromPath $ToPath }
    }
    foreach ($pair in $moved) {
        $rec = $pair[1]
        if (-not [string]::IsNullOrEmpty($FromPath)) { Update-LabRecordPaths $rec $FromPath $ToPath }
        $dst['vhds'][[IO.Path]::GetFullPath([string]$rec['path']).ToLowerInvariant()] = $rec
    }
    $null = $dst['vms'].Add($vm)
    foreach ($s in $snaps) { $null = $dst['snapshots'].Add($s) }
    return $vm
}

# Which host of the datacenter runs VM $VmId now (@{ name; dir }), or $null. A Hyper-V Replica copy has the same
# VMId on its replica server (as on real hosts); it is not where the VM runs, so it is skipped.
function Find-LabVMHost([string]$VmId) {
    foreach ($h in (Get-LabWorldHosts)) {
        $st = Get-LabHostState $h.name
        foreach ($v in $st['vms']) {
            if ([string]$v['id'] -ne $VmId) { continue }
            if ($v.Contains('replicationMode') -and [string]$v['replicationMode'] -eq 'Replica') { continue }
            return $h
        }
    }
    return $null
}

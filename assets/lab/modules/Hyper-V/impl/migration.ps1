# Move-VM, Move-VMStorage, Compare-VM, Enable-/Disable-VMMigration: the Hyper-V side of migrations. The checks the
# real cmdlets make before anything moves (destination reachable, migration enabled, not clustered, compatible,
# storage both hosts reach) are here; the migration itself (schedule, progress, switch-over, failure on a network
# cut) is the world's engine in core/world/migration.ps1, which the cluster's Move-ClusterVirtualMachineRole shares.
Set-StrictMode -Version Latest

function Get-LabMigrationVmIdText($Vm) { return ([string]$Vm['id']).ToUpperInvariant() }

# The refusal vmms gives, as Move-VM shows it: "Virtual machine migration operation for 'VM' failed at migration
# source|destination 'HOST'. (Virtual machine ID ...)" followed by the reason.
function Stop-LabMigrationRefused($Inv, $Vm, [string]$Side, [string]$HostName, [string]$Reason, [string]$Id, [Management.Automation.ErrorCategory]$Category) {
    $msg = "Virtual machine migration operation for '$($Vm['name'])' failed at migration $Side '$HostName'. (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))`n$Reason"
    Stop-LabCmdlet $Inv $msg $Id $Category ([string]$Vm['name'])
}

function Get-LabMigrationConnectionReason([string]$Dest, [string]$Code) {
    switch ($Code) {
        'refused' { return "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host '$Dest': No connection could be made because the target machine actively refused it. (0x8007274D)." }
        'unknown' { return "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host '$Dest': No such host is known. (0x80072AF9)." }
        default { return "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host '$Dest': A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)." }
    }
}

# A VM is clustered when its site's cluster lists it (any record under site.json 'cluster' naming its Id as vmId),
# or its record says so.
function Test-LabVMClustered($Vm) {
    if ($Vm.Contains('clustered') -and [bool]$Vm['clustered']) { return $true }
    $site = $null
    try { $site = Get-LabSite } catch { return $false }
    if ($null -eq $site -or -not $site.Contains('cluster') -or $null -eq $site['cluster']) { return $false }
    $id = [string]$Vm['id']
    $stack = [Collections.Stack]::new()
    $stack.Push($site['cluster'])
    while ($stack.Count -gt 0) {
        $n = $stack.Pop()
        if ($n -is [Collections.IDictionary]) {
            if ($n.Contains('vmId') -and [string]::Equals([string]$n['vmId'], $id, [StringComparison]::OrdinalIgnoreCase)) { return $true }
            foreach ($v in $n.Values) { if ($null -ne $v -and -not ($v -is [string])) { $stack.Push($v) } }
        } elseif ($n -is [Collections.IList]) { foreach ($v in $n) { if ($null -ne $v -and -not ($v -is [string])) { $stack.Push($v) } } }
    }
    return $false
}

# Where a file lives: on one host's own disks (under its folder), or on storage the hosts of a site share (a CSV
# under <site>/ClusterStorage, an SMB share folder): anything in the lab root outside every host's folder.
function Test-LabPathReachable([string]$Path, [string]$FromHost, [string]$ToHost) {
    $full = [IO.Path]::GetFullPath($Path)
    $sep = [IO.Path]::DirectorySeparatorChar
    $to = Find-LabWorldHost $ToHost
    $from = Find-LabWorldHost $FromHost
    foreach ($h in (Get-LabWorldHosts)) {
        if ($full.StartsWith($h.dir.TrimEnd($sep) + $sep, [StringComparison]::Ordinal)) { return $h.name -eq $to.name }
    }
    $info = Get-LabWorldInfo
    # Outside the lab's folders: a disk of the machine itself, which only that host reaches.
    if (-not $full.StartsWith($info.Root.TrimEnd($sep) + $sep, [StringComparison]::Ordinal)) { return $FromHost -eq $ToHost }
    return ($null -ne $from -and $null -ne $to -and $from.site -eq $to.site)
}

# Free memory on a host for one more running VM: capacity less the host's reserve and every running VM's memory.
function Get-LabHostFreeMemory($State) {
    $used = [long]$State['host']['hostReserveBytes']
    foreach ($v in $State['vms']) { if ([string]$v['state'] -in @('Running', 'Paused')) { $used += [long]$v['memory']['startup'] } }
    return [long]$State['host']['memoryCapacity'] - $used
}

function Get-LabHostVmVersions($State) {
    if ($State['host'].Contains('supportedVmVersions') -and $null -ne $State['host']['supportedVmVersions']) { return @($State['host']['supportedVmVersions'] | ForEach-Object { [string]$_ }) }
    return @('8.0', '9.0', '10.0')
}

# What Compare-VM reports: VMCompatibilityError-shaped items (Message, MessageId, Source), the real vmms messages.
function Get-LabMigrationIncompatibilities($SrcState, $Vm, $DstState, [bool]$WithStorage, $Map) {
    $out = [Collections.ArrayList]::new()
    $dstName = [string]$DstState['host']['name']
    $switches = @($DstState['switches'] | ForEach-Object { [string]$_['name'] })
    foreach ($nic in @($Vm['networkAdapters'])) {
        if ($null -eq $nic -or [string]::IsNullOrEmpty([string]$nic['switchName'])) { continue }
        if ($switches -notcontains [string]$nic['switchName']) {
            $null = $out.Add(@{ Message = "Could not find Ethernet switch '$($nic['switchName'])'."; MessageId = 33012; Source = $nic })
        }
    }
    if ([string]$Vm['state'] -in @('Running', 'Paused')) {
        $need = [long]$Vm['memory']['startup']
        if ((Get-LabHostFreeMemory $DstState) -lt $need) {
            $null = $out.Add(@{ Message = "Not enough memory in the system to start the virtual machine $($Vm['name']) with ram size $([long]($need / 1MB)) megabytes. (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))"; MessageId = 3050; Source = $Vm })
        }
        $sv = [string]$SrcState['host']['processorVendor']; $dv = [string]$DstState['host']['processorVendor']
        $sm = [string]$SrcState['host']['processorModel']; $dm = [string]$DstState['host']['processorModel']
        $compat = $false
        if ($null -ne $Vm['processor'] -and $Vm['processor'].Contains('compatibilityForMigrationEnabled')) { $compat = [bool]$Vm['processor']['compatibilityForMigrationEnabled'] }
        if ((-not [string]::IsNullOrEmpty($sv) -and -not [string]::IsNullOrEmpty($dv) -and $sv -ne $dv) -or (-not $compat -and -not [string]::IsNullOrEmpty($sm) -and -not [string]::IsNullOrEmpty($dm) -and $sm -ne $dm)) {
            $null = $out.Add(@{ Message = "The virtual machine '$($Vm['name'])' is using processor-specific features not supported on physical computer '$dstName'. To allow for migration of this virtual machine to physical computers with different processors, modify the virtual machine settings to limit the processor features used by the virtual machine. (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))"; MessageId = 24004; Source = $Vm })
        }
    }
    if ((Get-LabHostVmVersions $DstState) -notcontains [string]$Vm['version']) {
        $null = $out.Add(@{ Message = "The virtual machine '$($Vm['name'])' cannot be moved to '$dstName': its configuration version $($Vm['version']) is not supported by the destination host. (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))"; MessageId = 24008; Source = $Vm })
    }
    if (-not $WithStorage) {
        foreach ($f in (Get-LabMigrationFiles $SrcState $Vm)) {
            if (-not (Test-LabPathReachable $f ([string]$SrcState['host']['name']) $dstName)) {
                $null = $out.Add(@{ Message = "'$($Vm['name'])' failed to open attachment '$f'. Error: 'The system cannot find the path specified.' (0x80070003). (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))"; MessageId = 32000; Source = $f })
            }
        }
    } else {
        foreach ($k in $Map.Keys) {
            $d = [string]$Map[$k]
            if ($d -ne [string]$k -and [IO.File]::Exists($d)) {
                $null = $out.Add(@{ Message = "The file '$d' already exists at the destination. (Virtual machine ID $(Get-LabMigrationVmIdText $Vm))"; MessageId = 32018; Source = $d })
            }
        }
    }
    return , $out.ToArray()
}

function New-LabCompatibilityError($Item) {
    $o = [pscustomobject]@{ Message = [string]$Item.Message; MessageId = [long]$Item.MessageId; Source = $Item.Source }
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.HyperV.PowerShell.VMCompatibilityError')
    return $o
}

# A VMCompatibilityReport with the real members (the generated type is a stub: its members are added to the instance).
function New-LabCompatibilityReport($VmObj, [string]$Dest, [int]$Operation, [string]$Path, $Items) {
    $r = [Microsoft.HyperV.PowerShell.VMCompatibilityReport]::new()
    $r.ComputerName = $Dest
    $errs = [object[]]@($Items | ForEach-Object { New-LabCompatibilityError $_ })
    foreach ($pair in @(@('VM', $VmObj), @('OperationType', [Microsoft.HyperV.PowerShell.OperationType]$Operation), @('Destination', $Dest), @('Path', $Path),
            @('SnapshotPath', $Path), @('VhdDestinationPath', $null), @('VhdSourcePath', $null), @('Incompatibilities', $errs))) {
        Add-Member -InputObject $r -MemberType NoteProperty -Name $pair[0] -Value $pair[1] -Force
    }
    return $r
}

# -Vhds @{ SourceFilePath = ...; DestinationFilePath = ... } as a map of full paths.
function ConvertTo-LabVhdMap($Inv, $State, $Vhds) {
    $map = [ordered]@{}
    foreach ($h in @($Vhds)) {
        if ($null -eq $h) { continue }
        $src = $null; $dst = $null
        foreach ($k in $h.Keys) {
            if ([string]$k -ieq 'SourceFilePath') { $src = [string]$h[$k] }
            elseif ([string]$k -ieq 'DestinationFilePath') { $dst = [string]$h[$k] }
        }
        if ([string]::IsNullOrEmpty($src) -or [string]::IsNullOrEmpty($dst)) {
            Stop-LabCmdlet $Inv "The Vhds parameter requires hash tables with the keys 'SourceFilePath' and 'DestinationFilePath'." 'InvalidParameter' InvalidArgument $h
        }
        $map[[IO.Path]::GetFullPath($src)] = [IO.Path]::GetFullPath((Resolve-LabPath $State $dst (Get-Location).Path))
    }
    return $map
}

# The one VM a migration cmdlet acts on (-Name or -VM), from this host.
function Resolve-LabMigrationVM($Inv, $B, $State) {
    $vms = @(Resolve-LabVMs $Inv $B $State)
    if ($vms.Count -eq 0) { return $null }
    if ($vms.Count -gt 1) { Stop-LabCmdlet $Inv "The operation cannot be performed because the name '$($B['Name'])' matches more than one virtual machine." 'InvalidParameter' InvalidArgument $B['Name'] }
    return $vms[0]
}

# The destination's checks, in the order vmms makes them. Returns the destination's world entry.
function Assert-LabMigrationDestination($Inv, $State, $Vm, [string]$DestName) {
    $self = [string]$State['host']['name']
    $dest = Find-LabWorldHost $DestName
    if ($null -eq $dest) { Stop-LabMigrationRefused $Inv $Vm 'source' $self (Get-LabMigrationConnectionReason $DestName 'unknown') 'ObjectNotFound' ObjectNotFound }
    if ($dest.name -eq $self) {
        Stop-LabMigrationRefused $Inv $Vm 'source' $self "The virtual machine is already on host '$self': the source and the destination of a migration must be different hosts." 'InvalidParameter' InvalidArgument
    }
    if (-not (Test-LabLink $self $dest.name)) { Stop-LabMigrationRefused $Inv $Vm 'source' $self (Get-LabMigrationConnectionReason $dest.name 'timeout') 'OperationFailed' ConnectionError }
    $dst = Get-LabHostState $dest.name
    if ($dst['host'].Contains('power') -and [string]$dst['host']['power'] -eq 'Off') { Stop-LabMigrationRefused $Inv $Vm 'source' $self (Get-LabMigrationConnectionReason $dest.name 'timeout') 'OperationFailed' ConnectionError }
    if (Test-LabVMClustered $Vm) {
        Stop-LabMigrationRefused $Inv $Vm 'source' $self "The virtual machine '$($Vm['name'])' is highly available (a clustered role): it must be moved by the cluster. Use Failover Cluster Manager or Move-ClusterVirtualMachineRole." 'InvalidOperation' InvalidOperation
    }
    if (-not [bool]$State['host']['virtualMachineMigrationEnabled']) {
        Stop-LabMigrationRefused $Inv $Vm 'source' $self "Migration is not enabled on host '$self'. Enable incoming and outgoing virtual machine migrations (Enable-VMMigration) and retry." 'InvalidOperation' InvalidOperation
    }
    if (-not [bool]$dst['host']['virtualMachineMigrationEnabled']) { Stop-LabMigrationRefused $Inv $Vm 'source' $self (Get-LabMigrationConnectionReason $dest.name 'refused') 'OperationFailed' ConnectionError }
    foreach ($m in @(Get-LabMigration -VmId ([string]$Vm['id']))) {
        if ($m.Status -eq 'Running') { Stop-LabMigrationRefused $Inv $Vm 'source' $self "The operation cannot be performed while the object is in its current state: a migration of this virtual machine is already in progress." 'InvalidState' InvalidOperation }
    }
    return @{ Entry = $dest; State = $dst }
}

# Runs a started migration to its end like the real synchronous cmdlet: progress, then the VM (-Passthru) or the
# migration's failure as the cmdlet's error.
function Complete-LabMigrationCmdlet($Inv, $B, $Rec, [string]$Activity) {
    $p = Wait-LabMigration $Inv ([string]$Rec['id']) $Activity
    if ($p.Status -eq 'Failed' -or $p.Status -eq 'Cancelled') {
        $e = $p.Error
        $cat = [Management.Automation.ErrorCategory]::NotSpecified
        try { $cat = [Management.Automation.ErrorCategory][string]$e['category'] } catch { }
        Stop-LabCmdlet $Inv ([string]$e['message']) ([string]$e['id']) $cat ([string]$Rec['vmName'])
    }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) {
        $st = Get-LabHostState ([string]$Rec['to'])
        $vm = Find-LabVMRecord $st ([string]$Rec['vmId'])
        if ($null -ne $vm) { $Inv.Cmdlet.WriteObject((New-LabVMObject $st $vm (Get-LabNowMs))) }
    }
}

Register-LabImpl 'Move-VM' {
    param($Inv, $B)
    if ($B.ContainsKey('DestinationCimSession')) { Stop-LabCmdlet $Inv 'Move-VM -DestinationCimSession is not simulated in the lab: use -DestinationHost.' 'NotSimulatedInLab' NotImplemented $null }
    if ($B.ContainsKey('CompatibilityReport')) { Stop-LabCmdlet $Inv 'Move-VM -CompatibilityReport is not simulated in the lab: fix what Compare-VM reports and move the VM by name.' 'NotSimulatedInLab' NotImplemented $null }
    $s = Get-LabState
    $vm = Resolve-LabMigrationVM $Inv $B $s
    if ($null -eq $vm) { return }
    $d = Assert-LabMigrationDestination $Inv $s $vm ([string]$B['DestinationHost'])
    $self = [string]$s['host']['name']
    $multi = $Inv.Cmdlet.ParameterSetName -like '*MultipleDestinations*'
    $withStorage = ($B.ContainsKey('IncludeStorage') -and $B['IncludeStorage']) -or $B.ContainsKey('DestinationStoragePath') -or $multi
    $destPath = $null
    $map = [ordered]@{}
    if ($withStorage) {
        if ($B.ContainsKey('DestinationStoragePath')) { $destPath = [IO.Path]::GetFullPath([string]$B['DestinationStoragePath']) }
        elseif ($B.ContainsKey('VirtualMachinePath')) { $destPath = [IO.Path]::GetFullPath([string]$B['VirtualMachinePath']) }
        $map = Get-LabMigrationFileMap $s $vm $destPath $d.State
        if ($B.ContainsKey('Vhds')) { $given = ConvertTo-LabVhdMap $Inv $s $B['Vhds']; foreach ($k in $given.Keys) { $map[$k] = $given[$k] } }
        if ($multi -and -not $B.ContainsKey('Vhds') -and -not $B.ContainsKey('VirtualMachinePath')) { $withStorage = $false; $map = [ordered]@{} }
    }
    $bad = Get-LabMigrationIncompatibilities $s $vm $d.State $withStorage $map
    if ($bad.Count -gt 0) {
        $reason = "The virtual machine '$($vm['name'])' is not compatible with physical computer '$($d.Entry.name)'. (Virtual machine ID $(Get-LabMigrationVmIdText $vm))`n" + (($bad | ForEach-Object { $_.Message }) -join "`n")
        Stop-LabMigrationRefused $Inv $vm 'destination' $d.Entry.name $reason 'InvalidParameter' InvalidArgument
    }
    if (-not $Inv.Cmdlet.ShouldProcess([string]$vm['name'], 'Move-VM')) { return }
    $kind = 'Live'
    if ($withStorage) { $kind = 'SharedNothing' }
    $vmId = [string]$vm['id']; $to = $d.Entry.name
    $rec = Update-LabWorld { param($tx) Start-LabMigration $tx -VmId $vmId -From $self -To $to -Kind $kind -DestinationPath $destPath -FileMap $map -Origin hyperv }
    Invoke-LabCrashPoint 'migration-started'   # the client dies: vmms carries on, the next call settles it
    Complete-LabMigrationCmdlet $Inv $B $rec "Moving virtual machine '$($vm['name'])' to '$to'"
}

Register-LabImpl 'Move-VMStorage' {
    param($Inv, $B)
    $s = Get-LabState
    $vm = Resolve-LabMigrationVM $Inv $B $s
    if ($null -eq $vm) { return }
    $self = [string]$s['host']['name']
    if (Test-LabVMClustered $vm) {
        # Real: a clustered VM's storage moves through the cluster (Move-VMStorage works on the owner node too;
        # the lab lets it, since the VM stays on its node).
    }
    $destPath = $null
    $map = [ordered]@{}
    if ($B.ContainsKey('DestinationStoragePath')) {
        $destPath = [IO.Path]::GetFullPath((Resolve-LabPath $s ([string]$B['DestinationStoragePath']) (Get-Location).Path))
        $map = Get-LabMigrationFileMap $s $vm $destPath $s
    } else {
        if ($B.ContainsKey('VirtualMachinePath')) { $destPath = [IO.Path]::GetFullPath((Resolve-LabPath $s ([string]$B['VirtualMachinePath']) (Get-Location).Path)) }
        if ($B.ContainsKey('Vhds')) { $map = ConvertTo-LabVhdMap $Inv $s $B['Vhds'] }
        $mine = [Collections.Generic.List[string]]::new()
        foreach ($f in (Get-LabMigrationFiles $s $vm)) { $mine.Add([IO.Path]::GetFullPath($f)) }
        foreach ($k in @($map.Keys)) {
            if (-not $mine.Contains([string]$k)) {
                Stop-LabCmdlet $Inv "Virtual machine migration operation for '$($vm['name'])' failed at migration source '$self'. (Virtual machine ID $(Get-LabMigrationVmIdText $vm))`nThe virtual hard disk '$k' is not attached to the virtual machine '$($vm['name'])'." 'InvalidParameter' InvalidArgument $k
            }
        }
    }
    foreach ($k in $map.Keys) {
        $dst = [string]$map[$k]
        if ($dst -ne [string]$k -and [IO.File]::Exists($dst)) {
            Stop-LabCmdlet $Inv "Virtual machine migration operation for '$($vm['name'])' failed at migration source '$self'. (Virtual machine ID $(Get-LabMigrationVmIdText $vm))`nThe file '$dst' already exists." 'InvalidOperation' ResourceExists $dst
        }
        if (-not (Test-LabPathReachable $dst $self $self)) {
            Stop-LabCmdlet $Inv "Virtual machine migration operation for '$($vm['name'])' failed at migration source '$self'. (Virtual machine ID $(Get-LabMigrationVmIdText $vm))`nThe path '$([IO.Path]::GetDirectoryName($dst))' is not accessible from '$self'. Error: 'The system cannot find the path specified.' (0x80070003)." 'ObjectNotFound' ObjectNotFound $dst
        }
    }
    foreach ($m in @(Get-LabMigration -VmId ([string]$vm['id']))) {
        if ($m.Status -eq 'Running') { Stop-LabMigrationRefused $Inv $vm 'source' $self "The operation cannot be performed while the object is in its current state: a migration of this virtual machine is already in progress." 'InvalidState' InvalidOperation }
    }
    if (-not $Inv.Cmdlet.ShouldProcess([string]$vm['name'], 'Move-VMStorage')) { return }
    $vmId = [string]$vm['id']
    $rec = Update-LabWorld { param($tx) Start-LabMigration $tx -VmId $vmId -From $self -To $self -Kind Storage -DestinationPath $destPath -FileMap $map -Origin hyperv }
    Complete-LabMigrationCmdlet $Inv @{} $rec "Moving the storage of virtual machine '$($vm['name'])'"
}

Register-LabImpl 'Compare-VM' {
    param($Inv, $B)
    $set = $Inv.Cmdlet.ParameterSetName
    if ($set -in @('Register', 'Copy', 'CompatibilityReport') -or $B.ContainsKey('DestinationCimSession')) {
        Stop-LabCmdlet $Inv "Compare-VM ($set) is not simulated in the lab: compare a VM with -Name/-VM and -DestinationHost." 'NotSimulatedInLab' NotImplemented $null
    }
    $s = Get-LabState
    $vm = Resolve-LabMigrationVM $Inv $B $s
    if ($null -eq $vm) { return }
    $self = [string]$s['host']['name']
    $dest = Find-LabWorldHost ([string]$B['DestinationHost'])
    if ($null -eq $dest -or -not (Test-LabLink $self $dest.name)) {
        $code = 'timeout'; if ($null -eq $dest) { $code = 'unknown' }
        Stop-LabMigrationRefused $Inv $vm 'source' $self (Get-LabMigrationConnectionReason ([string]$B['DestinationHost']) $code) 'OperationFailed' ConnectionError
    }
    $dst = Get-LabHostState $dest.name
    $withStorage = ($B.ContainsKey('IncludeStorage') -and $B['IncludeStorage']) -or $B.ContainsKey('DestinationStoragePath') -or $B.ContainsKey('Vhds') -or $B.ContainsKey('VirtualMachinePath')
    $destPath = $null
    if ($B.ContainsKey('DestinationStoragePath')) { $destPath = [IO.Path]::GetFullPath([string]$B['DestinationStoragePath']) }
    elseif ($B.ContainsKey('VirtualMachinePath')) { $destPath = [IO.Path]::GetFullPath([string]$B['VirtualMachinePath']) }
    $map = [ordered]@{}
    if ($withStorage) {
        $map = Get-LabMigrationFileMap $s $vm $destPath $dst
        if ($B.ContainsKey('Vhds')) { $given = ConvertTo-LabVhdMap $Inv $s $B['Vhds']; foreach ($k in $given.Keys) { $map[$k] = $given[$k] } }
    }
    $items = Get-LabMigrationIncompatibilities $s $vm $dst $withStorage $map
    $op = 0; if ($withStorage) { $op = 2 }
    $path = $destPath; if ([string]::IsNullOrEmpty($path)) { $path = [string]$vm['path'] }
    $Inv.Cmdlet.WriteObject((New-LabCompatibilityReport (New-LabVMObject $s $vm (Get-LabNowMs)) $dest.name $op $path $items))
}

function Set-LabMigrationEnabled($Inv, $B, [bool]$On) {
    $name = [string](Get-LabState)['host']['name']
    if (-not $Inv.Cmdlet.ShouldProcess($name, $Inv.Name)) { return }
    Update-LabState { param($st) $st['host']['virtualMachineMigrationEnabled'] = $On }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $Inv.Cmdlet.WriteObject((New-LabHostObject (Get-LabState))) }
}

Register-LabImpl 'Enable-VMMigration' { param($Inv, $B) Set-LabMigrationEnabled $Inv $B $true }
Register-LabImpl 'Disable-VMMigration' { param($Inv, $B) Set-LabMigrationEnabled $Inv $B $false }

# Shared helpers of the Hyper-V implementations: finding VMs the way the real cmdlets do, the live
# figures (evaluated lazily from timestamps on every read) and the VM record factory.
Set-StrictMode -Version Latest

function Get-LabHash([string]$Text) { return [Hyperdesk.Lab.LabUtil]::Hash($Text) }

function Find-LabVMRecord($State, [string]$Id) {
    foreach ($vm in $State['vms']) { if ($vm['id'] -eq $Id) { return $vm } }
    return $null
}

function Find-LabSnapshotRecord($State, [string]$Id) {
    foreach ($s in $State['snapshots']) { if ($s['id'] -eq $Id) { return $s } }
    return $null
}

# VM records selected by the bound -Name/-VMName/-VM/-Id parameters (wildcards like the real module).
# A plain name that matches nothing writes the real non-terminating "unable to find" error.
function Resolve-LabVMs($Inv, $Bound, $State) {
    $out = [Collections.ArrayList]::new()
    if ($Bound.ContainsKey('VM')) {
        foreach ($o in @($Bound['VM'])) {
            $rec = Find-LabVMRecord $State ([string]$o.Id)
            if ($null -eq $rec) {
                Write-LabError $Inv "Hyper-V was unable to find a virtual machine with ID `"$($o.Id)`"." 'InvalidParameter' ObjectNotFound $o
            } else { $null = $out.Add($rec) }
        }
        return , $out
    }
    if ($Bound.ContainsKey('Id') -and $null -ne $Bound['Id']) {
        $rec = Find-LabVMRecord $State ([string]$Bound['Id'])
        if ($null -eq $rec) {
            Write-LabError $Inv "Hyper-V was unable to find a virtual machine with ID `"$($Bound['Id'])`"." 'InvalidParameter' ObjectNotFound $Bound['Id']
        } else { $null = $out.Add($rec) }
        return , $out
    }
    $names = $null
    if ($Bound.ContainsKey('VMName')) { $names = @($Bound['VMName']) }
    elseif ($Bound.ContainsKey('Name')) { $names = @($Bound['Name']) }
    if ($null -eq $names) {
        foreach ($vm in $State['vms']) { $null = $out.Add($vm) }
        return , $out
    }
    foreach ($n in $names) {
        $pattern = [Management.Automation.WildcardPattern]::new([string]$n, [Management.Automation.WildcardOptions]::IgnoreCase)
        $hit = $false
        foreach ($vm in $State['vms']) {
            if ($pattern.IsMatch([string]$vm['name'])) {
                $hit = $true
                if (-not $out.Contains($vm)) { $null = $out.Add($vm) }
            }
        }
        if (-not $hit -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters([string]$n)) {
            Write-LabError $Inv "Hyper-V was unable to find a virtual machine with name `"$n`"." 'InvalidParameter' ObjectNotFound $n
        }
    }
    return , $out
}

# The state a reader sees now: a stable state, or a transition still in progress.
function Get-LabVMState($Vm, [long]$NowMs) {
    $t = $Vm['transition']
    if ($null -ne $t -and $NowMs -lt [long]$t['until']) { return [string]$t['state'] }
    return [string]$Vm['state']
}

function Test-LabVMActive([string]$State) { return $State -in @('Running', 'Starting', 'Paused', 'Stopping', 'Saving', 'Pausing', 'Resuming') }

# Live figures of a VM at $NowMs (CPU, memory, uptime, heartbeat, boot phase), derived from its record.
function Get-LabLive($HostRec, $Vm, [long]$NowMs) {
    $state = Get-LabVMState $Vm $NowMs
    $seed = Get-LabHash ([string]$Vm['id'])
    $mem = $Vm['memory']
    $live = @{ State = $state; UptimeMs = [long]0; Cpu = 0; Assigned = [long]0; Demand = [long]0; Heartbeat = $null; Phase = 'off'; BootedMs = [long]0 }
    if (-not (Test-LabVMActive $state)) {
        if ($state -eq 'Saved') { $live.Phase = 'saved' }
        return $live
    }
    $started = [long]$Vm['startedAt']
    $up = [Math]::Max([long]0, $NowMs - $started)
    $live.UptimeMs = $up
    $bootMs = [long]$HostRec['timings']['guestBootMs']
    $live.BootedMs = $up - $bootMs
    if ($up -lt 1500) { $live.Phase = 'firmware' } elseif ($up -lt $bootMs) { $live.Phase = 'boot' } else { $live.Phase = 'login' }
    $startup = [long]$mem['startup']
    $mb = [long]1048576
    if ($state -eq 'Paused') {
        $live.Assigned = $startup
        $live.Heartbeat = 'Paused'
        return $live
    }
    # CPU: a boot burst, then a per-VM baseline with a slow wave and 5-second jitter.
    $bucket = [long][Math]::Floor($NowMs / 5000)
    $jitter = (Get-LabHash ("$seed/$bucket")) % 9
    if ($up -lt $bootMs) { $cpu = 45 + $jitter * 4 }
    else { $cpu = 2 + ($seed % 18) + [int](6 * [Math]::Sin($NowMs / 45000.0 + $seed)) + $jitter }
    $live.Cpu = [int][Math]::Max(0, [Math]::Min(100, $cpu))
    $ratio = 0.35 + (($seed % 40) / 100.0) + 0.05 * [Math]::Sin($NowMs / 60000.0 + $seed)
    if ($mem['dynamic']) {
        $demand = [long]([Math]::Max([long]$mem['minimum'], $startup * $ratio) / $mb) * $mb
        $assigned = [long]($demand * (1 + [int]$mem['buffer'] / 100.0) / $mb) * $mb
        if ($up -lt $bootMs) { $assigned = $startup }
        $assigned = [Math]::Min([long]$mem['maximum'], [Math]::Max([long]$mem['minimum'], $assigned))
        $live.Demand = $demand
        $live.Assigned = $assigned
    } else {
        $live.Assigned = $startup
        $live.Demand = [long]($startup * $ratio / $mb) * $mb
    }
    if ($up -lt $bootMs -or -not $Vm['guest']['integrationServices']) { $live.Heartbeat = 'NoContact' }
    else { $live.Heartbeat = 'OkApplicationsHealthy' }
    return $live
}

function Get-LabVhdDir($State) { return [string]$State['host']['virtualHardDiskPath'] }

function Resolve-LabPath($State, [string]$Path, [string]$Base) {
    if ([string]::IsNullOrEmpty($Path)) { return $Path }
    if ([IO.Path]::IsPathRooted($Path)) { return [IO.Path]::GetFullPath($Path) }
    if ([string]::IsNullOrEmpty($Base)) { $Base = Get-LabVhdDir $State }
    return [IO.Path]::GetFullPath((Join-Path $Base $Path))
}

function New-LabMac($State) {
    $n = [long]$State['host']['nextMac']
    $State['host']['nextMac'] = $n + 1
    return '00155D' + ('{0:X6}' -f ($n % 16777216))
}

# A new VM record with the real defaults of New-VM (Generation 1, 512 MB static... as given by caller).
function New-LabVMRecord($State, [string]$Name, [int]$Generation, [long]$MemoryStartup, [string]$Path) {
    $id = [Guid]::NewGuid().ToString()
    $vmRoot = $Path
    if ([string]::IsNullOrEmpty($vmRoot)) { $vmRoot = [string]$State['host']['virtualMachinePath'] }
    $nowMs = Get-LabNowMs
    $vm = New-LabDict
    $vm['id'] = $id
    $vm['name'] = $Name
    $vm['generation'] = $Generation
    $vm['version'] = '9.0'
    $vm['path'] = $vmRoot
    $vm['state'] = 'Off'
    $vm['transition'] = $null
    $vm['startedAt'] = [long]0
    $vm['creationTime'] = $nowMs
    $vm['notes'] = ''
    $vm['processorCount'] = [long]1
    $vm['processor'] = @{ reserve = 0; maximum = 100; relativeWeight = 100; exposeVirtualizationExtensions = $false; compatibilityForMigrationEnabled = $false }
    $vm['memory'] = @{ startup = $MemoryStartup; dynamic = $false; minimum = [long]536870912; maximum = [long]1099511627776; buffer = 20; priority = 50 }
    $vm['automaticStartAction'] = 'StartIfRunning'
    $vm['automaticStartDelay'] = 0
    $vm['automaticStopAction'] = 'Save'
    $vm['checkpointType'] = 'Production'
    $vm['automaticCheckpointsEnabled'] = $true
    $vm['snapshotFileLocation'] = $vmRoot
    $vm['smartPagingFilePath'] = $vmRoot
    $vm['hardDrives'] = [Collections.ArrayList]::new()
    $vm['dvdDrives'] = [Collections.ArrayList]::new()
    $vm['networkAdapters'] = [Collections.ArrayList]::new()
    if ($Generation -eq 1) {
        $null = $vm['dvdDrives'].Add(@{ controllerType = 'IDE'; controllerNumber = 1; controllerLocation = 0; path = $null })
    }
    $vm['firmware'] = @{ secureBoot = 'On'; secureBootTemplate = 'MicrosoftWindows'; bootOrder = $null; preferredNetworkBootProtocol = 'IPv4'; tpm = $false; keyProtector = $false }
    $vm['integrationServices'] = @{ 'Guest Service Interface' = $false; 'Heartbeat' = $true; 'Key-Value Pair Exchange' = $true; 'Shutdown' = $true; 'Time Synchronization' = $true; 'VSS' = $true }
    $vm['guest'] = @{ os = ''; osVersion = ''; fqdn = ''; productType = 3; family = 'none'; integrationServices = $false; isVersion = $null; computerName = '' }
    $vm['console'] = @{ text = ''; ctrlAltDel = $false; shift = $false }
    $vm['parentSnapshotId'] = $null
    $vm['video'] = @{ width = 1024; height = 768 }
    return $vm
}

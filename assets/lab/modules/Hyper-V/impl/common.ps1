# Shared helpers of the Hyper-V implementations: finding VMs the way the real cmdlets do, the live
# figures (evaluated lazily from timestamps on every read) and the VM record factory.
Set-StrictMode -Version Latest

function Get-LabHash([string]$Text) { return [Hyperdesk.Lab.LabUtil]::Hash($Text) }

# Look-ups run in C# (LabFind): a PowerShell loop per record made -VM $vms quadratic and slow.
function Find-LabVMRecord($State, [string]$Id) { return [Hyperdesk.Lab.LabFind]::First($State['vms'], 'id', $Id) }

function Find-LabSnapshotRecord($State, [string]$Id) { return [Hyperdesk.Lab.LabFind]::First($State['snapshots'], 'id', $Id) }

# VM records selected by the bound -Name/-VMName/-VM/-Id parameters (wildcards like the real module).
# A plain name that matches nothing writes the real non-terminating "unable to find" error.
function Resolve-LabVMs($Inv, $Bound, $State) {
    $out = [Collections.ArrayList]::new()
    if ($Bound.ContainsKey('VM')) {
        $index = [Hyperdesk.Lab.LabFind]::Index($State['vms'], 'id')
        foreach ($o in @($Bound['VM'])) {
            $rec = $index.Get([string]$o.Id)
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
function Get-LabVMState($Vm, [long]$NowMs) { return [Hyperdesk.Lab.LabSim]::VMState($Vm, $NowMs) }

function Test-LabVMActive([string]$State) { return [Hyperdesk.Lab.LabSim]::IsActive($State) }

# Live figures of a VM at $NowMs (State, UptimeMs, Cpu, Assigned, Demand, Heartbeat, Phase, BootedMs), derived
# from its record: CPU is a boot burst, then a per-VM baseline with a slow wave and 5-second jitter; memory
# follows a per-VM demand ratio. Computed in C# (LabSim.Live) because Get-VM evaluates it for every VM.
function Get-LabLive($HostRec, $Vm, [long]$NowMs) { return [Hyperdesk.Lab.LabSim]::Live($HostRec, $Vm, $NowMs) }

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

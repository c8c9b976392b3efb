# The root\cimv2 classes a host overview reads, for the lab host (used through the LabCim module's Get-CimInstance):
# Win32_OperatingSystem, Win32_Processor, Win32_Volume and the hypervisor's logical-processor counters
# (Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor). Like the rest of the lab, the live figures are
# computed on read from the clock and the VMs' state (no background sampling), so two reads a second apart differ
# the way a real host's do, and a test can predict their range. Volumes are the real file systems that hold the
# lab's folders, so a VM path's size and free space are what `df` says.
Set-StrictMode -Version Latest

$script:LabHostCimNs = 'root/cimv2'
$script:LabHostCimClasses = @('Win32_OperatingSystem', 'Win32_Processor', 'Win32_Volume', 'Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor')

# True when the lab answers this class itself (the namespace being root\cimv2 or not given).
function Test-LabHostCimClass([string]$Class) {
    foreach ($c in $script:LabHostCimClasses) { if ([string]::Equals($c, $Class, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
    return $false
}

function New-LabHostCimObject([string]$Class, [string[]]$Chain, $Props, [string]$Server) {
    $o = [pscustomobject]$Props
    $o.PSObject.TypeNames.Clear()
    $o.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$script:LabHostCimNs/$Class")
    foreach ($c in @($Class) + $Chain) { $o.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$c") }
    $o.PSObject.TypeNames.Add('Microsoft.Management.Infrastructure.CimInstance')
    $super = $null
    if (@($Chain).Count -gt 0) { $super = $Chain[0] }
    $o | Add-Member -NotePropertyName CimClass -NotePropertyValue ([pscustomobject]@{ CimClassName = $Class; CimSuperClassName = $super; CimClassNamespace = $script:LabHostCimNs })
    $o | Add-Member -NotePropertyName CimSystemProperties -NotePropertyValue ([pscustomobject]@{ Namespace = $script:LabHostCimNs; ServerName = $Server; ClassName = $Class; Path = $null })
    return $o
}

# What the VMs hold now: the memory assigned to them and their CPU weighted by vCPUs (a VM's CPUUsage is a share
# of the host, as Hyper-V Manager shows it).
function Get-LabHostLoad($State, [long]$NowMs) {
    $h = $State['host']
    $assigned = [long]0
    $cpu = [double]0
    $lps = [Math]::Max(1, [int]$h['logicalProcessorCount'])
    foreach ($vm in $State['vms']) {
        $live = Get-LabLive $h $vm $NowMs
        $assigned += [long]$live.Assigned
        $cpu += [double]$live.Cpu * [Math]::Max(1, [long]$vm['processorCount']) / $lps
    }
    # The root partition and the hypervisor's own share: 1-3 %, changing every 5 s like the VMs' jitter.
    $base = 1 + ((Get-LabHash ('host/' + [string][Math]::Floor($NowMs / 5000.0))) % 3)
    return @{ AssignedBytes = $assigned; CpuPercent = [Math]::Min(100, [Math]::Round($cpu + $base)) }
}

function Get-LabHostCimInstances($State, [string]$Class) {
    $h = $State['host']
    $srv = [string]$h['name']
    $now = Get-LabNowMs
    $osInfo = $h['os']
    $caption = 'Microsoft Windows Server 2022 Datacenter'
    $version = '10.0.20348'
    if ($null -ne $osInfo) { $caption = [string]$osInfo['caption']; $version = [string]$osInfo['version'] }
    switch ($Class) {
        'Win32_OperatingSystem' {
            $load = Get-LabHostLoad $State $now
            $totalKb = [uint64]([long]$h['memoryCapacity'] / 1024)
            # The host's own use: its reserve (the root partition) plus what the VMs hold.
            $usedKb = [uint64](([long]$h['hostReserveBytes'] + $load.AssignedBytes) / 1024)
            $freeKb = [uint64]0
            if ($usedKb -lt $totalKb) { $freeKb = $totalKb - $usedKb }
            New-LabHostCimObject $Class @('CIM_OperatingSystem', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                Caption = $caption; Version = $version; BuildNumber = $version.Split('.')[-1]; CSName = $srv; OSType = [uint16]18; ProductType = [uint32]3
                TotalVisibleMemorySize = $totalKb; FreePhysicalMemory = $freeKb; NumberOfProcesses = [uint32](80 + @($State['vms']).Count * 3)
                LastBootUpTime = (ConvertFrom-LabMs ([long]$now - 864000000)) }) $srv
        }
        'Win32_Processor' {
            $lps = [int]$h['logicalProcessorCount']
            $sockets = [Math]::Max(1, [int]$h['numaNodes'])
            for ($i = 0; $i -lt $sockets; $i++) {
                $logical = [uint32]($lps / $sockets)
                New-LabHostCimObject $Class @('CIM_Processor', 'CIM_LogicalDevice', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                    DeviceID = "CPU$i"; SocketDesignation = "CPU$i"; Name = 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz'; Manufacturer = 'GenuineIntel'
                    NumberOfCores = [uint32][Math]::Max(1, $logical / 2); NumberOfLogicalProcessors = $logical; MaxClockSpeed = [uint32]2400; SystemName = $srv }) $srv
            }
        }
        'Win32_Volume' {
            foreach ($d in [IO.DriveInfo]::GetDrives()) {
                # Disks and shares, and tmpfs (a lab folder may live on one); never proc, sysfs, cgroup or devpts.
                $kind = $d.DriveType
                if ($kind -eq [IO.DriveType]::Ram -and $d.DriveFormat -ne 'tmpfs') { continue }
                if ($kind -eq [IO.DriveType]::Unknown -or $kind -eq [IO.DriveType]::NoRootDirectory -or $kind -eq [IO.DriveType]::CDRom) { continue }
                $size = [uint64]0; $free = [uint64]0
                try { if (-not $d.IsReady) { continue }; $size = [uint64]$d.TotalSize; $free = [uint64]$d.AvailableFreeSpace } catch { continue }
                if ($size -eq 0) { continue }
                $name = $d.Name
                if (-not ($name.EndsWith('/') -or $name.EndsWith('\'))) { $name += [IO.Path]::DirectorySeparatorChar }
                $type = [uint32]3
                if ($d.DriveType -eq [IO.DriveType]::Network) { $type = [uint32]4 }
                New-LabHostCimObject $Class @('CIM_StorageVolume', 'CIM_StorageExtent', 'CIM_LogicalDevice', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                    DeviceID = $name; Name = $name; Label = $null; FileSystem = [string]$d.DriveFormat; DriveType = $type; Capacity = $size; FreeSpace = $free; SystemName = $srv }) $srv
            }
        }
        'Win32_PerfFormattedData_HvStats_HyperVHypervisorLogicalProcessor' {
            $load = Get-LabHostLoad $State $now
            New-LabHostCimObject $Class @('Win32_PerfFormattedData', 'Win32_Perf', 'CIM_StatisticalInformation') ([ordered]@{
                Name = '_Total'; PercentTotalRunTime = [uint64]$load.CpuPercent; PercentGuestRunTime = [uint64][Math]::Max(0, $load.CpuPercent - 1); PercentHypervisorRunTime = [uint64]1
                PercentIdleTime = [uint64](100 - $load.CpuPercent) }) $srv
        }
    }
}

# The entry point for the LabCim module: instances of one class, filtered like WQL's WHERE (cim-console.ps1's parser).
function Invoke-LabHostCimGet([string]$Class, [string]$Filter) {
    $s = Get-LabState
    foreach ($o in (Get-LabHostCimInstances $s $Class)) { if (Test-LabCimFilter $o $Filter) { $o } }
}

<#
  One VM's summary and settings for the details panel and the settings editor. Guest data (computer name,
  OS) comes from the KVP exchange component in root\virtualization\v2; TPM from Get-VMSecurity (Gen2).
  Those two are optional on some hosts: when unavailable the field is null and a warning says why.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-DriveRow($Drive) {
    [ordered]@{
        controllerType     = [string]$Drive.ControllerType
        controllerNumber   = [int]$Drive.ControllerNumber
        controllerLocation = [int]$Drive.ControllerLocation
        # An empty DVD drive (ejected) has no path: null, as for a drive without media, never ''.
        path               = $(if ([string]::IsNullOrEmpty([string]$Drive.Path)) { $null } else { [string]$Drive.Path })
    }
}

function Get-KvpValue($Items, [string]$Name) {
    foreach ($item in $Items) {
        $xml = [xml]$item
        $nameNode = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
        if ($null -ne $nameNode -and $nameNode.InnerText -eq $Name) {
            $dataNode = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE")
            if ($null -ne $dataNode) { return $dataNode.InnerText }
        }
    }
    return $null
}

$vm = Get-VM -Id ([guid]$VmId)
$processor = Get-VMProcessor -VM $vm
$memory = Get-VMMemory -VM $vm
$snapshots = @(Get-VMSnapshot -VM $vm)

$guest = [ordered]@{ computerName = $null; osName = $null; osVersion = $null }
if ([string]$vm.State -eq 'Running') {
    try {
        $kvp = Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName 'Msvm_KvpExchangeComponent' -Filter ("SystemName='{0}'" -f ([guid]$VmId).ToString())
        if ($null -ne $kvp -and $null -ne $kvp.GuestIntrinsicExchangeItems) {
            $items = @($kvp.GuestIntrinsicExchangeItems)
            $guest.computerName = Get-KvpValue $items 'FullyQualifiedDomainName'
            $guest.osName = Get-KvpValue $items 'OSName'
            $guest.osVersion = Get-KvpValue $items 'OSVersion'
        }
    } catch {
        Write-Warning ('Guest data unavailable: ' + $_.Exception.Message)
    }
}

$bootOrder = New-Object System.Collections.Generic.List[object]
$firmware = $null
$tpm = $null
if ([int]$vm.Generation -eq 2) {
    $fw = Get-VMFirmware -VM $vm
    foreach ($source in @($fw.BootOrder)) {
        $kind = [string]$source.BootType
        if ($null -ne $source.Device) {
            if ($source.Device -is [Microsoft.HyperV.PowerShell.HardDiskDrive]) { $kind = 'VHD' }
            elseif ($source.Device -is [Microsoft.HyperV.PowerShell.DvdDrive]) { $kind = 'CD' }
            elseif ($source.Device -is [Microsoft.HyperV.PowerShell.VMNetworkAdapter]) { $kind = 'NetworkAdapter' }
        }
        $bootOrder.Add([ordered]@{ kind = $kind; description = [string]$source.Description })
    }
    $firmware = [ordered]@{ secureBoot = ([string]$fw.SecureBoot -eq 'On'); secureBootTemplate = $fw.SecureBootTemplate }
    try {
        $tpm = [bool](Get-VMSecurity -VM $vm).TpmEnabled
    } catch {
        Write-Warning ('TPM state unavailable: ' + $_.Exception.Message)
    }
} else {
    # Gen1: the BIOS boots by device kind (BootDevice: CD, IDE, LegacyNetworkAdapter, Floppy), all four listed.
    $bios = Get-VMBios -VM $vm
    foreach ($device in @($bios.StartupOrder)) { $bootOrder.Add([ordered]@{ kind = [string]$device; description = [string]$device }) }
}

$heartbeat = $null
if ($null -ne $vm.Heartbeat) { $heartbeat = [string]$vm.Heartbeat }
$isVersion = $null
if ($null -ne $vm.IntegrationServicesVersion) { $isVersion = [string]$vm.IntegrationServicesVersion }
$uptime = 0
if ($null -ne $vm.Uptime) { $uptime = [long][math]::Floor($vm.Uptime.TotalSeconds) }
$created = $null
if ($null -ne $vm.CreationTime) { $created = $vm.CreationTime.ToUniversalTime().ToString('o', [Globalization.CultureInfo]::InvariantCulture) }

$adapters = New-Object System.Collections.Generic.List[object]
foreach ($nic in @(Get-VMNetworkAdapter -VM $vm)) {
    # VlanSetting is on every adapter; BandwidthSetting is $null until a bandwidth policy was set.
    $vlanId = 0
    if ($null -ne $nic.VlanSetting -and [string]$nic.VlanSetting.OperationMode -eq 'Access') { $vlanId = [int]$nic.VlanSetting.AccessVlanId }
    $maxBw = $null
    $minBw = $null
    if ($null -ne $nic.BandwidthSetting) {
        if ($null -ne $nic.BandwidthSetting.MaximumBandwidth -and [long]$nic.BandwidthSetting.MaximumBandwidth -gt 0) { $maxBw = [long]$nic.BandwidthSetting.MaximumBandwidth }
        if ($null -ne $nic.BandwidthSetting.MinimumBandwidthAbsolute -and [long]$nic.BandwidthSetting.MinimumBandwidthAbsolute -gt 0) { $minBw = [long]$nic.BandwidthSetting.MinimumBandwidthAbsolute }
    }
    $ips = @()
    if ($null -ne $nic.IPAddresses) { $ips = @($nic.IPAddresses | ForEach-Object { [string]$_ }) }
    $adapters.Add([ordered]@{
            id                       = [string]$nic.Id
            name                     = [string]$nic.Name
            switchName               = $nic.SwitchName
            macAddress               = [string]$nic.MacAddress
            dynamicMac               = [bool]$nic.DynamicMacAddressEnabled
            macSpoofing              = ([string]$nic.MacAddressSpoofing -eq 'On')
            isLegacy                 = [bool]$nic.IsLegacy
            vlanId                   = $vlanId
            maximumBandwidth         = $maxBw
            minimumBandwidthAbsolute = $minBw
            ipAddresses              = [string[]]$ips
        })
}
# Sizes come from the VHD headers: one Get-VHD for all of the VM's disks, matched to drives by path.
$vhdByPath = @{}
try {
    foreach ($v in @(Get-VHD -VMId $vm.Id)) { if ($null -ne $v) { $vhdByPath[([string]$v.Path).ToLowerInvariant()] = $v } }
} catch {
    Write-Warning ('Disk sizes unavailable: ' + $_.Exception.Message)
}
$hardDrives = New-Object System.Collections.Generic.List[object]
foreach ($d in @(Get-VMHardDiskDrive -VM $vm)) {
    $row = Get-DriveRow $d
    $row['vhdType'] = $null
    $row['vhdFormat'] = $null
    $row['fileSize'] = $null
    $row['size'] = $null
    if ($null -ne $d.Path -and $vhdByPath.ContainsKey(([string]$d.Path).ToLowerInvariant())) {
        $v = $vhdByPath[([string]$d.Path).ToLowerInvariant()]
        $row['vhdType'] = [string]$v.VhdType
        $row['vhdFormat'] = [string]$v.VhdFormat
        $row['fileSize'] = [long]$v.FileSize
        $row['size'] = [long]$v.Size
    }
    $hardDrives.Add($row)
}
$dvdDrives = New-Object System.Collections.Generic.List[object]
foreach ($d in @(Get-VMDvdDrive -VM $vm)) { $dvdDrives.Add((Get-DriveRow $d)) }

$result = [ordered]@{
    id                         = [string]$vm.Id
    name                       = [string]$vm.Name
    state                      = [string]$vm.State
    status                     = [string]$vm.Status
    generation                 = [int]$vm.Generation
    version                    = [string]$vm.Version
    uptimeSeconds              = $uptime
    cpuUsage                   = [int]$vm.CPUUsage
    heartbeat                  = $heartbeat
    integrationServicesVersion = $isVersion
    creationTime               = $created
    configurationLocation      = [string]$vm.ConfigurationLocation
    snapshotFileLocation       = [string]$vm.SnapshotFileLocation
    path                       = [string]$vm.Path
    replicationState           = [string]$vm.ReplicationState
    checkpointCount            = $snapshots.Count
    checkpointType             = [string]$vm.CheckpointType
    automaticStartAction       = [string]$vm.AutomaticStartAction
    automaticStartDelay        = [int]$vm.AutomaticStartDelay
    automaticStopAction        = [string]$vm.AutomaticStopAction
    notes                      = [string]$vm.Notes
    guest                      = $guest
    processor                  = [ordered]@{ count = [long]$processor.Count; reserve = [long]$processor.Reserve; maximum = [long]$processor.Maximum; relativeWeight = [int]$processor.RelativeWeight }
    memory                     = [ordered]@{
        dynamic  = [bool]$memory.DynamicMemoryEnabled
        startup  = [long]$memory.Startup
        minimum  = [long]$memory.Minimum
        maximum  = [long]$memory.Maximum
        buffer   = [int]$memory.Buffer
        priority = [int]$memory.Priority
        assigned = [long]$vm.MemoryAssigned
        demand   = [long]$vm.MemoryDemand
    }
    hardDrives                 = $hardDrives.ToArray()
    dvdDrives                  = $dvdDrives.ToArray()
    networkAdapters            = $adapters.ToArray()
    bootOrder                  = $bootOrder.ToArray()
    firmware                   = $firmware
    tpmEnabled                 = $tpm
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress

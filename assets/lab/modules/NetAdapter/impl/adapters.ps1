# Get-NetAdapter, Get-NetAdapterVmq, Get-NetAdapterSriov, Get-NetAdapterStatistics on this host's physical NICs
# (host-nics.ps1). CDXML semantics: -Name/-InterfaceDescription take wildcards; a literal that matches nothing writes
# the cmdletization "not found" error and goes on. Counters grow with the lab clock, computed when read.
Set-StrictMode -Version Latest

$script:LabNetNs = 'ROOT/StandardCimv2'
# Counters count from this fixed instant (2026-01-01Z, "last boot" of every lab host); lab time before it reads 0.
$script:LabNetCounterEpochMs = [long]1767225600000
# Long-run average bytes per second (received, sent) by NIC role, so a storage NIC's counters outgrow the management NIC's.
$script:LabNetRates = @{
    Management = @(200000, 100000); VM = @(20000000, 15000000); Storage1 = @(60000000, 55000000); Storage2 = @(60000000, 55000000)
    Cluster = @(50000, 50000); LiveMigration = @(2000000, 2000000)
}
Register-LabCimValueMap 'MSFT_NetAdapter' 'InterfaceOperationalStatus' 'UInt32:1=Up,2=Down,3=Testing,4=Unknown,5=Dormant,6=NotPresent,7=LowerLayerDown'
Register-LabCimValueMap 'MSFT_NetAdapter' 'MediaConnectState' 'UInt32:0=Unknown,1=Connected,2=Disconnected'
Register-LabCimValueMap 'MSFT_NetAdapter' 'MediaDuplexState' 'UInt32:0=Unknown,1=Half,2=Full'

# The display members the module's types.ps1xml adds (ifIndex, ifAlias, ifDesc, MacAddress, LinkSpeed, Status).
$script:LabNetLinkSpeed = { $s = [double]$this.CimInstanceProperties['Speed'].Value; if ($s -ge 1e9) { '{0} Gbps' -f ($s / 1e9) } else { '{0} Mbps' -f ($s / 1e6) } }
$script:LabNetStatus = { switch ($this.CimInstanceProperties['InterfaceOperationalStatus'].Value) { 1 { 'Up' } 2 { 'Disconnected' } 7 { 'Disconnected' } 6 { 'Not Present' } default { 'Unknown' } } }
$script:LabNetMac = { $this.CimInstanceProperties['PermanentAddress'].Value -replace '(..)(?!$)', '$1-' }

function Get-LabNetSelf { return [string](Get-LabState)['host']['name'] }

function ConvertTo-LabNetAdapterCim($Nic) {
    $m = $Nic.Model
    $o = New-LabCimObject -Namespace $script:LabNetNs -ClassName 'MSFT_NetAdapter' -ComputerName (Get-LabNetSelf) -Key @('CreationClassName', 'DeviceID', 'SystemCreationClassName', 'SystemName') -Properties ([ordered]@{
        Caption = $null; Description = $Nic.Description; ElementName = $null; InstanceID = '{' + $Nic.Guid.ToUpperInvariant() + '}'
        Name = $Nic.Name; CreationClassName = 'MSFT_NetAdapter'; DeviceID = '{' + $Nic.Guid.ToUpperInvariant() + '}'
        SystemCreationClassName = 'CIM_NetworkPort'; SystemName = [string](Get-LabState)['host']['fqdn']
        InterfaceDescription = $Nic.Description; InterfaceIndex = [uint32]$Nic.IfIndex; InterfaceName = ('ethernet_' + $Nic.IfIndex)
        InterfaceGuid = '{' + $Nic.Guid.ToUpperInvariant() + '}'; InterfaceAdminStatus = [uint32]1; InterfaceOperationalStatus = [uint32]1
        MediaConnectState = [uint32]1; MediaDuplexState = [uint32]2; MtuSize = [uint32]1514
        PermanentAddress = $Nic.Mac.Replace('-', ''); NetworkAddresses = [string[]]@($Nic.Mac.Replace('-', ''))
        Speed = [uint64]$m.Speed; ReceiveLinkSpeed = [uint64]$m.Speed; TransmitLinkSpeed = [uint64]$m.Speed
        DriverDescription = $Nic.Description; DriverName = ('\SystemRoot\System32\drivers\' + $m.Driver); DriverProvider = $m.Provider
        DriverVersionString = $m.Version; NdisMedium = [uint32]0; NdisPhysicalMedium = [uint32]14; VlanID = [uint16]0
        Virtual = $false; HardwareInterface = $true; Hidden = $false; ConnectorPresent = $true; PromiscuousMode = $false; State = [uint32]2 })
    $p = $o.PSObject.Properties
    $p.Add([Management.Automation.PSAliasProperty]::new('ifIndex', 'InterfaceIndex'))
    $p.Add([Management.Automation.PSAliasProperty]::new('ifAlias', 'Name'))
    $p.Add([Management.Automation.PSAliasProperty]::new('InterfaceAlias', 'Name'))
    $p.Add([Management.Automation.PSAliasProperty]::new('ifDesc', 'InterfaceDescription'))
    $p.Add([Management.Automation.PSScriptProperty]::new('MacAddress', $script:LabNetMac))
    $p.Add([Management.Automation.PSScriptProperty]::new('LinkSpeed', $script:LabNetLinkSpeed))
    $p.Add([Management.Automation.PSScriptProperty]::new('Status', $script:LabNetStatus))
    $p.Add([Management.Automation.PSNoteProperty]::new('MediaConnectionState', 'Connected'))
    return $o
}

# The NICs selected by -Name / -InterfaceDescription / -InterfaceIndex, with CDXML's not-found errors.
function Select-LabHostNics($Inv, $B, [string]$ClassName) {
    $nics = @(Get-LabHostNics (Get-LabState))
    foreach ($pair in @(@('Name', 'Name'), @('InterfaceDescription', 'Description'))) {
        if (-not $B.ContainsKey($pair[0])) { continue }
        $pats = @($B[$pair[0]])
        foreach ($pat in $pats) {
            $hit = @($nics | Where-Object { Test-LabNetLike $_[$pair[1]] @($pat) })
            if ($hit.Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters([string]$pat)) {
                $Inv.Cmdlet.WriteError((New-LabCimNotFoundError $ClassName $pair[0] $pat))
            }
        }
        $nics = @($nics | Where-Object { Test-LabNetLike $_[$pair[1]] $pats })
    }
    if ($B.ContainsKey('InterfaceIndex')) {
        $want = @($B['InterfaceIndex'])
        foreach ($w in $want) {
            if (@($nics | Where-Object { $_.IfIndex -eq [uint32]$w }).Count -eq 0) { $Inv.Cmdlet.WriteError((New-LabCimNotFoundError $ClassName 'InterfaceIndex' $w)) }
        }
        $nics = @($nics | Where-Object { $want -contains $_.IfIndex })
    }
    return $nics
}

function New-LabNetSettingProps($Nic) {
    return [ordered]@{ Caption = $null; Description = $null; ElementName = $Nic.Description; InstanceID = '{' + $Nic.Guid.ToUpperInvariant() + '}'
        InterfaceDescription = $Nic.Description; Name = $Nic.Name; Source = [byte]3; SystemName = [string](Get-LabState)['host']['fqdn'] }
}

Register-LabImpl 'Get-NetAdapter' {
    param($Inv, $B)
    # Every adapter the lab models is physical, so -Physical selects them all (the switch's vEthernet is not modelled).
    foreach ($n in @(Select-LabHostNics $Inv $B 'MSFT_NetAdapter')) { $Inv.Cmdlet.WriteObject((ConvertTo-LabNetAdapterCim $n)) }
}

Register-LabImpl 'Get-NetAdapterVmq' {
    param($Inv, $B)
    $i = 0
    foreach ($n in @(Select-LabHostNics $Inv $B 'MSFT_NetAdapterVmqSettingData')) {
        if (-not $n.Model.Vmq) { continue }
        $props = New-LabNetSettingProps $n
        $queues = 31; if ($n.Model.Vendor -eq 'Intel') { $queues = 15 }
        # Non-overlapping processor ranges per VMQ NIC (even base >= 2, as the SET guidance asks).
        $base = 2 + 8 * $i; $i++
        foreach ($kv in ([ordered]@{ AnyVlanSupported = $true; BaseProcessorGroup = [uint16]0; BaseProcessorNumber = [byte]$base
                    DynamicProcessorAffinityChangeSupported = $true; Enabled = $true; InterruptVectorCoalescingSupported = $true
                    LookaheadSplitSupported = $false; MaxLookaheadSplitSize = [uint32]0; MaxProcessorNumber = [byte]($base + 6)
                    MaxProcessors = [uint32]4; MinLookaheadSplitSize = [uint32]0; NumaNode = [uint16]0; NumberOfReceiveQueues = [uint32]$queues
                    NumMacAddressesPerPort = [uint32]4; NumVlansPerPort = [uint32]1; TotalNumberOfMacAddresses = [uint32]($queues + 1); VlanFilteringSupported = $true }).GetEnumerator()) { $props[$kv.Key] = $kv.Value }
        $o = New-LabCimObject -Namespace $script:LabNetNs -ClassName 'MSFT_NetAdapterVmqSettingData' -ComputerName (Get-LabNetSelf) -Properties $props
        $o.PSObject.Properties.Add([Management.Automation.PSScriptProperty]::new('BaseVmqProcessor', { '{0}:{1}' -f $this.BaseProcessorGroup, $this.BaseProcessorNumber }))
        $Inv.Cmdlet.WriteObject($o)
    }
}

Register-LabImpl 'Get-NetAdapterSriov' {
    param($Inv, $B)
    foreach ($n in @(Select-LabHostNics $Inv $B 'MSFT_NetAdapterSriovSettingData')) {
        # As on a real host, a NIC without SR-IOV has no SR-IOV setting data: it is simply not returned.
        if (-not $n.Model.Sriov) { continue }
        $props = New-LabNetSettingProps $n
        foreach ($kv in ([ordered]@{ Enabled = $true; SriovSupport = [uint32]0; SwitchName = 'DEFAULTSWITCH'; SwitchType = [uint16]1; NumVFs = [uint32]32
                    NumVPorts = [uint32]64; NumAllocatedVFs = [uint32]0; NumActiveVPorts = [uint32]0; NumQueuePairsForDefaultVPort = [uint32]1
                    NumQueuePairsForNonDefaultVPorts = [uint32]1; NumActiveDefaultVPortMacAddresses = [uint32]0; NumActiveDefaultVPortVlanIds = [uint32]0
                    NumActiveNonDefaultVPortMacAddresses = [uint32]0; NumActiveNonDefaultVPortVlanIds = [uint32]0 }).GetEnumerator()) { $props[$kv.Key] = $kv.Value }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabNetNs -ClassName 'MSFT_NetAdapterSriovSettingData' -ComputerName (Get-LabNetSelf) -Properties $props -ValueMap @{ SriovSupport = 'UInt32:0=Supported,1=MissingAcs,2=MissingPfDriver,3=MissingVfDriver,4=NoVfBarSpace,5=NoBusNumbers,6=NoMsixTableSpace,7=NoInterruptRemapping,8=BiosDisabled' }))
    }
}

# Receive Side Scaling: every physical NIC of the lab has it (both families do), spread from processor 0 of its NUMA
# node with the Windows Server default profile (NUMAScalingStatic).
Register-LabImpl 'Get-NetAdapterRss' {
    param($Inv, $B)
    foreach ($n in @(Select-LabHostNics $Inv $B 'MSFT_NetAdapterRssSettingData')) {
        $props = New-LabNetSettingProps $n
        $queues = 8; if ($n.Model.Vendor -eq 'Intel') { $queues = 4 }
        foreach ($kv in ([ordered]@{ Enabled = $true; BaseProcessorGroup = [uint16]0; BaseProcessorNumber = [byte]0; MaxProcessorGroup = [uint16]0
                    MaxProcessorNumber = [byte]46; MaxProcessors = [uint32]16; NumaNode = [uint16]0; NumberOfReceiveQueues = [uint32]$queues
                    NumberOfInterruptMessages = [uint32]($queues * 2); Profile = [uint32]4; IndirectionTableEntryCount = [uint32]128
                    RssOnPortsSupported = $n.Model.Sriov; ClassesSupported = [uint32]0 }).GetEnumerator()) { $props[$kv.Key] = $kv.Value }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabNetNs -ClassName 'MSFT_NetAdapterRssSettingData' -ComputerName (Get-LabNetSelf) -Properties $props -ValueMap @{ Profile = 'UInt32:1=ClosestProcessor,2=ClosestProcessorStatic,3=NUMAScaling,4=NUMAScalingStatic,5=ConservativeScaling' }))
    }
}

Register-LabImpl 'Get-NetAdapterStatistics' {
    param($Inv, $B)
    $elapsed = [Math]::Max([long]0, (Get-LabNowMs) - $script:LabNetCounterEpochMs)
    foreach ($n in @(Select-LabHostNics $Inv $B 'MSFT_NetAdapterStatisticsSettingData')) {
        $rate = $script:LabNetRates[$n.Name]; if ($null -eq $rate) { $rate = @(1000000, 1000000) }
        # Bytes so far = rate x elapsed lab time; packets at a 1,400-byte average frame.
        $rx = [uint64]([decimal]$rate[0] * $elapsed / 1000); $tx = [uint64]([decimal]$rate[1] * $elapsed / 1000)
        $props = New-LabNetSettingProps $n
        foreach ($kv in ([ordered]@{ ReceivedBytes = $rx; ReceivedUnicastBytes = $rx; ReceivedUnicastPackets = [uint64]($rx / 1400)
                    ReceivedMulticastBytes = [uint64]0; ReceivedBroadcastBytes = [uint64]0; ReceivedDiscardedPackets = [uint64]0; ReceivedPacketErrors = [uint64]0
                    SentBytes = $tx; SentUnicastBytes = $tx; SentUnicastPackets = [uint64]($tx / 1400); SentMulticastBytes = [uint64]0
                    SentBroadcastBytes = [uint64]0; OutboundDiscardedPackets = [uint64]0; OutboundPacketErrors = [uint64]0 }).GetEnumerator()) { $props[$kv.Key] = $kv.Value }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabNetNs -ClassName 'MSFT_NetAdapterStatisticsSettingData' -ComputerName (Get-LabNetSelf) -SuperClass @('MSFT_NetAdapterSettingData', 'CIM_SettingData', 'CIM_ManagedElement') -Properties $props))
    }
}

# HNVv1 (NVGRE) policy as the site's hosts hold it, derived on read from the VMs so it always agrees with them:
# one lookup record per VM network adapter with a VirtualSubnetId (Set-VMNetworkAdapter -VirtualSubnetId), one
# provider address per host (192.168.100.<10+n>, n the host's place in the datacenter, on its external switch's uplink),
# one customer route per virtual subnet and customer /24.
# SCVMM distributes the whole site's records to every host, so every host answers the same list.
Set-StrictMode -Version Latest

. (Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'NetAdapter/impl/host-nics.ps1')

$script:LabWnvNs = 'ROOT/StandardCimv2'
$script:LabWnvRule = 'UInt32:0=TranslationMethodNat,1=TranslationMethodEncap,2=TranslationMethodNone'
$script:LabWnvType = 'UInt32:0=Static,1=Dynamic,2=GatewayWildcard,3=L2Only'
$script:LabWnvAddressState = 'UInt32:0=Invalid,1=Tentative,2=Duplicate,3=Deprecated,4=Preferred'

# The hosts of this host's site, in the datacenter's order, each with its state and provider address.
function Get-LabWnvSiteHosts {
    $self = Get-LabState
    $selfName = [string]$self['host']['name']
    # Get-LabWorldHosts writes its list as one array (comma-wrapped): assign it, do not wrap it again.
    $all = Get-LabWorldHosts
    $mine = $all | Where-Object { $_.name -eq $selfName } | Select-Object -First 1
    $site = ''; if ($null -ne $mine) { $site = [string]$mine.site }
    $list = [Collections.ArrayList]::new()
    $n = 0
    foreach ($h in $all) {
        # Numbered across the datacenter, so no two sites' hosts share a provider address.
        $n++
        if ([string]$h.site -ne $site) { continue }
        $state = $self; if ($h.name -ne $selfName) { $state = Get-LabHostState $h.name }
        $null = $list.Add(@{ Name = [string]$h.name; State = $state; PA = ('192.168.100.' + (10 + $n)); Nic = (Get-LabProviderNic $state) })
    }
    return $list.ToArray()
}

# The tenant's routing domain, stable per virtual subnet (SCVMM gives each VM network its own).
function Get-LabWnvCustomerId([uint32]$Vsid) {
    $md5 = [Security.Cryptography.MD5]::Create()
    $g = [Guid]::new($md5.ComputeHash([Text.Encoding]::UTF8.GetBytes('hnv-vsid-' + $Vsid)))
    $md5.Dispose()
    return '{' + $g.ToString().ToUpperInvariant() + '}'
}

function Test-LabWnvFilter($B, [string]$Param, $Value) {
    if (-not $B.ContainsKey($Param)) { return $true }
    foreach ($w in @($B[$Param])) { if ([string]$w -eq [string]$Value) { return $true } }
    return $false
}

# Every virtualized VM adapter of the site: @{ VM; Mac; Vsid; CA; PA }. A Replica copy is not the running tenant VM
# (the primary's record is the one in the policy), so it is left out.
function Get-LabWnvTenantNics {
    $list = [Collections.ArrayList]::new()
    foreach ($h in @(Get-LabWnvSiteHosts)) {
        foreach ($vm in @($h.State['vms'])) {
            if ($null -eq $vm) { continue }
            if ($vm.Contains('replicationMode') -and [string]$vm['replicationMode'] -eq 'Replica') { continue }
            foreach ($nic in @($vm['networkAdapters'])) {
                if ($null -eq $nic -or -not $nic.Contains('virtualSubnetId')) { continue }
                $vsid = [uint32]$nic['virtualSubnetId']
                if ($vsid -eq 0) { continue }
                # A DHCP guest with no address yet is keyed by MAC alone (0.0.0.0), as HNV's L2-only records are.
                $ca = '0.0.0.0'
                foreach ($ip in @($nic['ipAddresses'])) { if ([string]$ip -match '^\d{1,3}(\.\d{1,3}){3}$') { $ca = [string]$ip; break } }
                $null = $list.Add(@{ VM = [string]$vm['name']; Mac = ([string]$nic['macAddress']).Replace('-', '').ToUpperInvariant(); Vsid = $vsid; CA = $ca; PA = $h.PA })
            }
        }
    }
    return $list.ToArray()
}

Register-LabImpl 'Get-NetVirtualizationLookupRecord' {
    param($Inv, $B)
    $selfName = [string](Get-LabState)['host']['name']
    foreach ($t in @(Get-LabWnvTenantNics)) {
        $rec = [ordered]@{ Caption = $null; Description = $null; ElementName = $null; InstanceID = $null
            Context = ''; CustomerAddress = $t.CA; CustomerID = (Get-LabWnvCustomerId $t.Vsid); MACAddress = $t.Mac; ProviderAddress = $t.PA
            Rule = 'TranslationMethodEncap'; Type = 'Static'; Unsynchronized = $false; Unusable = $false; UseVmMACAddress = $false
            VirtualSubnetID = $t.Vsid; VMName = $t.VM }
        if (-not (Test-LabWnvFilter $B 'CustomerAddress' $t.CA)) { continue }
        if ($B.ContainsKey('MACAddress') -and @($B['MACAddress'] | ForEach-Object { ([string]$_).Replace('-', '').ToUpperInvariant() }) -notcontains $t.Mac) { continue }
        if (-not (Test-LabWnvFilter $B 'VirtualSubnetID' $t.Vsid)) { continue }
        if (-not (Test-LabWnvFilter $B 'ProviderAddress' $t.PA)) { continue }
        if (-not (Test-LabWnvFilter $B 'CustomerID' $rec.CustomerID)) { continue }
        if (-not (Test-LabWnvFilter $B 'VMName' $t.VM)) { continue }
        if (-not (Test-LabWnvFilter $B 'Rule' 'TranslationMethodEncap')) { continue }
        if (-not (Test-LabWnvFilter $B 'Type' 'Static')) { continue }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabWnvNs -ClassName 'MSFT_NetVirtualizationLookupRecordSettingData' -ComputerName $selfName -Key @('CustomerAddress', 'VirtualSubnetID', 'MACAddress') -CimTypes @{ VirtualSubnetID = 'UInt32' } -ValueMap @{ Rule = $script:LabWnvRule; Type = $script:LabWnvType } -Properties $rec))
    }
}

# One on-link route per virtual subnet and customer /24 its VMs use (SCVMM's VM-network subnet), in the tenant's
# routing domain; metric 255 as HNV tooling creates them.
Register-LabImpl 'Get-NetVirtualizationCustomerRoute' {
    param($Inv, $B)
    $selfName = [string](Get-LabState)['host']['name']
    $seen = @{}
    foreach ($t in @(Get-LabWnvTenantNics | Sort-Object { $_.Vsid }, { $_.CA })) {
        if ($t.CA -eq '0.0.0.0') { continue }
        $o = $t.CA.Split('.')
        $prefix = '{0}.{1}.{2}.0/24' -f $o[0], $o[1], $o[2]
        $key = [string]$t.Vsid + '|' + $prefix
        if ($seen.ContainsKey($key)) { continue }
        $seen[$key] = $true
        $rd = Get-LabWnvCustomerId $t.Vsid
        if (-not (Test-LabWnvFilter $B 'RoutingDomainID' $rd)) { continue }
        if (-not (Test-LabWnvFilter $B 'VirtualSubnetID' $t.Vsid)) { continue }
        if (-not (Test-LabWnvFilter $B 'DestinationPrefix' $prefix)) { continue }
        if (-not (Test-LabWnvFilter $B 'NextHop' '0.0.0.0')) { continue }
        if (-not (Test-LabWnvFilter $B 'Metric' 255)) { continue }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabWnvNs -ClassName 'MSFT_NetVirtualizationCustomerRouteSettingData' -ComputerName $selfName -Key @('RoutingDomainID', 'VirtualSubnetID', 'DestinationPrefix') -Properties ([ordered]@{
            Caption = $null; Description = $null; ElementName = $null; InstanceID = $null
            CustomerID = $rd; DestinationPrefix = $prefix; Metric = [uint32]255; NextHop = '0.0.0.0'; RoutingDomainID = $rd; VirtualSubnetID = [uint32]$t.Vsid })))
    }
}

Register-LabImpl 'Get-NetVirtualizationProviderAddress' {
    param($Inv, $B)
    $selfName = [string](Get-LabState)['host']['name']
    foreach ($h in @(Get-LabWnvSiteHosts)) {
        if ($null -eq $h.Nic) { continue }
        $mac = $h.Nic.Mac.Replace('-', '')
        if (-not (Test-LabWnvFilter $B 'ProviderAddress' $h.PA)) { continue }
        if (-not (Test-LabWnvFilter $B 'InterfaceIndex' $h.Nic.IfIndex)) { continue }
        if ($B.ContainsKey('MACAddress') -and @($B['MACAddress'] | ForEach-Object { ([string]$_).Replace('-', '').ToUpperInvariant() }) -notcontains $mac) { continue }
        if (-not (Test-LabWnvFilter $B 'PrefixLength' 24)) { continue }
        if (-not (Test-LabWnvFilter $B 'VlanID' 0)) { continue }
        if (-not (Test-LabWnvFilter $B 'AddressState' 'Preferred')) { continue }
        if (-not (Test-LabWnvFilter $B 'ManagedByCluster' $false)) { continue }
        $Inv.Cmdlet.WriteObject((New-LabCimObject -Namespace $script:LabWnvNs -ClassName 'MSFT_NetVirtualizationProviderAddressSettingData' -ComputerName $selfName -Key @('ProviderAddress') -ValueMap @{ AddressState = $script:LabWnvAddressState } -Properties ([ordered]@{
            Caption = $null; Description = $null; ElementName = $null; InstanceID = $null
            AddressState = 'Preferred'; InterfaceIndex = [uint32]$h.Nic.IfIndex; MACAddress = $mac; ManagedByCluster = $false
            PrefixLength = [byte]24; ProviderAddress = $h.PA; VlanID = [uint16]0 })))
    }
}

# What a host's physical NICs look like, derived from its state's host.nics records (name, description, guid):
# ifIndex, permanent MAC, speed and VMQ/SR-IOV capability. Derived on read (nothing stored), so NetAdapter and NetWNV
# (which dot-sources this file for the provider addresses) always agree. Functions only: safe to load twice.
Set-StrictMode -Version Latest

function Test-LabNetLike([string]$Value, $Patterns) {
    foreach ($p in @($Patterns)) { if ([Management.Automation.WildcardPattern]::new([string]$p, [Management.Automation.WildcardOptions]::IgnoreCase).IsMatch($Value)) { return $true } }
    return $false
}

# Capabilities by the adapter family in the description: ConnectX-4 Lx is a 25 GbE VMQ + SR-IOV (+RDMA) part, the X722
# LOM a 10 GbE VMQ-only one. An unknown description gets a plain 1 GbE adapter.
function Get-LabNicModel([string]$Description) {
    if ($Description -like 'Mellanox ConnectX*') { return @{ Vendor = 'Mellanox'; Oui = '24-8A-07'; Speed = [uint64]25000000000; Vmq = $true; Sriov = $true; Driver = 'mlx5.sys'; Provider = 'Mellanox Technologies Ltd.'; Version = '3.10.25798.0' } }
    if ($Description -like 'Intel(R) Ethernet Connection X722*') { return @{ Vendor = 'Intel'; Oui = '3C-FD-FE'; Speed = [uint64]10000000000; Vmq = $true; Sriov = $false; Driver = 'i40ea68.sys'; Provider = 'Intel'; Version = '1.16.202.10' } }
    return @{ Vendor = 'Generic'; Oui = '00-50-56'; Speed = [uint64]1000000000; Vmq = $false; Sriov = $false; Driver = 'netadapter.sys'; Provider = 'Microsoft'; Version = '10.0.20348.1' }
}

# One entry per host NIC: @{ Name; Description; Guid; IfIndex; Mac (dashed); Model }. The MAC is stable: vendor OUI +
# three bytes of an MD5 of host and NIC name (MD5 for stability across runs, not security).
function Get-LabHostNics($State) {
    $hostName = [string]$State['host']['name']
    $list = [Collections.ArrayList]::new()
    $i = 0
    foreach ($n in @($State['host']['nics'])) {
        if ($null -eq $n) { continue }
        $name = [string]$n['name']
        $md5 = [Security.Cryptography.MD5]::Create()
        $h = $md5.ComputeHash([Text.Encoding]::UTF8.GetBytes(($hostName + '/' + $name).ToUpperInvariant()))
        $md5.Dispose()
        $model = Get-LabNicModel ([string]$n['description'])
        $mac = '{0}-{1:X2}-{2:X2}-{3:X2}' -f $model.Oui, $h[0], $h[1], $h[2]
        # Real ifIndex values are small, sparse integers assigned at enumeration; the lab numbers the NICs in order.
        $null = $list.Add(@{ Name = $name; Description = [string]$n['description']; Guid = [string]$n['guid']; IfIndex = [uint32](3 + 2 * $i); Mac = $mac; Model = $model })
        $i++
    }
    return $list.ToArray()
}

# The NIC behind the host's HNV provider network: the external switch's uplink (scenario: the 'VM' NIC).
function Get-LabProviderNic($State) {
    $nics = @(Get-LabHostNics $State)
    foreach ($sw in @($State['switches'])) {
        if ($null -eq $sw -or [string]$sw['switchType'] -ne 'External') { continue }
        foreach ($n in $nics) { if ($n.Guid -eq [string]$sw['netAdapterGuid']) { return $n } }
    }
    if ($nics.Count -gt 0) { return $nics[0] }
    return $null
}

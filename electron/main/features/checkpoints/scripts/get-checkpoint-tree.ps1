<#
  One round trip for the checkpoint view: the VM (its ParentSnapshotId is where "Now" sits), every
  checkpoint with its parent link and the disk files it owns, the differencing chain of each current
  disk, and the guest's KVP data (ProductType 2 = domain controller).
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$inv = [System.Globalization.CultureInfo]::InvariantCulture

function ConvertTo-IsoDate($Value) {
    if ($null -eq $Value) { return $null }
    return ([datetime]$Value).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', $inv)
}

function ConvertTo-GuidText($Value) {
    if ($null -eq $Value) { return $null }
    return ([guid]$Value).ToString()
}

function ConvertTo-DiskRef($Drive) {
    return [ordered]@{
        controllerType     = [string]$Drive.ControllerType
        controllerNumber   = [int]$Drive.ControllerNumber
        controllerLocation = [int]$Drive.ControllerLocation
        path               = $Drive.Path
    }
}

# Walks a disk's differencing chain down to its base; a missing file ends the walk, marked.
function Get-DiskChain([string]$Path) {
    $links = New-Object System.Collections.ArrayList
    $next = $Path
    while ($next -and $links.Count -lt 512) {
        if (-not (Test-Path -LiteralPath $next)) {
            [void]$links.Add([ordered]@{ path = $next; exists = $false; vhdType = $null; fileSize = $null; parentPath = $null })
            break
        }
        $vhd = Get-VHD -Path $next
        $parent = $null
        if ($vhd.ParentPath) { $parent = [string]$vhd.ParentPath }
        [void]$links.Add([ordered]@{ path = [string]$vhd.Path; exists = $true; vhdType = [string]$vhd.VhdType; fileSize = [double]$vhd.FileSize; parentPath = $parent })
        $next = $parent
    }
    return , $links.ToArray()
}

function Get-GuestInfo([guid]$Id) {
    $info = [ordered]@{ productType = $null; osName = $null; fqdn = $null }
    # The Id is a [guid], so the filter text cannot carry anything but a GUID.
    $kvp = @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName 'Msvm_KvpExchangeComponent' -Filter ("SystemName='{0}'" -f $Id.ToString()))
    if ($kvp.Count -eq 0) { return $info }
    foreach ($item in @($kvp[0].GuestIntrinsicExchangeItems)) {
        if (-not $item) { continue }
        $doc = New-Object System.Xml.XmlDocument
        $doc.LoadXml([string]$item)
        $nameNode = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
        $dataNode = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE")
        if ($null -eq $nameNode -or $null -eq $dataNode) { continue }
        switch ($nameNode.InnerText) {
            'ProductType' { $n = 0; if ([int]::TryParse($dataNode.InnerText, [System.Globalization.NumberStyles]::Integer, $inv, [ref]$n)) { $info.productType = $n } }
            'OSName' { $info.osName = $dataNode.InnerText }
            'FullyQualifiedDomainName' { $info.fqdn = $dataNode.InnerText }
        }
    }
    return $info
}

$vm = Get-VM -Id ([guid]$VMId)

$checkpoints = New-Object System.Collections.ArrayList
foreach ($s in @(Get-VMSnapshot -VM $vm)) {
    $disks = New-Object System.Collections.ArrayList
    foreach ($d in @($s.HardDrives)) { if ($null -ne $d) { [void]$disks.Add((ConvertTo-DiskRef $d)) } }
    [void]$checkpoints.Add([ordered]@{
        id                = ConvertTo-GuidText $s.Id
        name              = [string]$s.Name
        parentId          = ConvertTo-GuidText $s.ParentSnapshotId
        snapshotType      = [string]$s.SnapshotType
        state             = [string]$s.State
        creationTime      = ConvertTo-IsoDate $s.CreationTime
        isAutomatic       = [bool]$s.IsAutomaticCheckpoint
        sizeOfSystemFiles = [double]$s.SizeOfSystemFiles
        path              = $s.Path
        disks             = $disks.ToArray()
    })
}

$chains = New-Object System.Collections.ArrayList
foreach ($d in @(Get-VMHardDiskDrive -VM $vm)) {
    $ref = ConvertTo-DiskRef $d
    $chain = @()
    if ($d.Path) { $chain = Get-DiskChain $d.Path }
    $ref['chain'] = $chain
    [void]$chains.Add($ref)
}

$guest = [ordered]@{ productType = $null; osName = $null; fqdn = $null }
try { $guest = Get-GuestInfo $vm.Id }
catch { Write-Warning ('Guest KVP data unavailable: ' + $_.Exception.Message) }

[ordered]@{
    vm          = [ordered]@{
        id                   = ConvertTo-GuidText $vm.Id
        name                 = [string]$vm.Name
        state                = [string]$vm.State
        parentCheckpointId   = ConvertTo-GuidText $vm.ParentSnapshotId
        parentCheckpointName = $vm.ParentSnapshotName
        checkpointType       = [string]$vm.CheckpointType
    }
    checkpoints = $checkpoints.ToArray()
    disks       = $chains.ToArray()
    guest       = $guest
} | ConvertTo-Json -Depth 8 -Compress

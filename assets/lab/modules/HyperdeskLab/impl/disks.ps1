# Physical disk faults in a site's shared pools. A disk that fails reads Unhealthy / Lost Communication, its pool
# and the virtual disks on it Warning / Degraded (core/world/storage.ps1 derives that on every read). When it comes
# back, the data written meanwhile must be rebuilt: the virtual disks stay Degraded until Repair-VirtualDisk's
# job has run (its progress follows the lab clock).

$script:LabControls.AddRange([string[]]@('Disable-LabPhysicalDisk', 'Enable-LabPhysicalDisk'))

# The disks of this host's site named by friendly name (wildcards) or serial number; throws when none match.
function Select-LabFaultDisk($Cmdlet, $Storage, [string]$FriendlyName, [string]$SerialNumber) {
    $hits = @(Get-LabStorageList $Storage 'physicalDisks' | Where-Object {
        if ($SerialNumber) { [string]$_['serialNumber'] -eq $SerialNumber } else { [Management.Automation.WildcardPattern]::new($FriendlyName, 'IgnoreCase').IsMatch([string]$_['friendlyName']) }
    })
    if ($hits.Count -eq 0) {
        $what = if ($SerialNumber) { "serial number '$SerialNumber'" } else { "friendly name '$FriendlyName'" }
        $Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message "No physical disk with $what in this lab site." -ErrorId 'LabPhysicalDiskNotFound' -Category ObjectNotFound -Target ($SerialNumber + $FriendlyName)))
    }
    # Friendly names repeat (identical models): a name fails every disk of that model only if asked with a wildcard.
    if (-not $SerialNumber -and $hits.Count -gt 1 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($FriendlyName)) { $hits = @($hits[0]) }
    return $hits
}

function Set-LabPhysicalDiskLost($Cmdlet, [string]$FriendlyName, [string]$SerialNumber, [bool]$Lost) {
    Update-LabWorld {
        param($tx)
        $storage = Get-LabStorageDoc (Get-LabTxSite $tx)
        if ($null -eq $storage) { $Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message 'This lab site has no storage pools.' -ErrorId 'LabNoStorage' -Category ObjectNotFound -Target $null)) }
        $now = Get-LabNowMs
        foreach ($d in (Select-LabFaultDisk $Cmdlet $storage $FriendlyName $SerialNumber)) {
            if ([bool]$d['lost'] -eq $Lost) { continue }
            $d['lost'] = $Lost
            $d['lostSinceMs'] = if ($Lost) { $now } else { $null }
            # Every virtual disk of the pool has a copy on the disk (Storage Spaces stripes across all of them):
            # while it is gone their writes land on one copy, so they need a rebuild.
            foreach ($v in @(Get-LabStorageList $storage 'virtualDisks' | Where-Object { $_['pool'] -eq $d['pool'] })) {
                $v['needsRepair'] = $true
                $v['repair'] = $null
            }
            [pscustomobject]@{ PSTypeName = 'Hyperdesk.Lab.PhysicalDiskFault'; FriendlyName = [string]$d['friendlyName']; SerialNumber = [string]$d['serialNumber']; Lost = $Lost }
        }
    }
}

function Disable-LabPhysicalDisk {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][string]$FriendlyName,
        [Parameter(ParameterSetName = 'BySerial', Mandatory = $true)][string]$SerialNumber
    )
    if (-not $PSCmdlet.ShouldProcess(($FriendlyName + $SerialNumber), 'Fail the physical disk')) { return }
    Set-LabPhysicalDiskLost $PSCmdlet $FriendlyName $SerialNumber $true
}

function Enable-LabPhysicalDisk {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][string]$FriendlyName,
        [Parameter(ParameterSetName = 'BySerial', Mandatory = $true)][string]$SerialNumber
    )
    if (-not $PSCmdlet.ShouldProcess(($FriendlyName + $SerialNumber), 'Bring the physical disk back')) { return }
    Set-LabPhysicalDiskLost $PSCmdlet $FriendlyName $SerialNumber $false
}

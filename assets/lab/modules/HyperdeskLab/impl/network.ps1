# Network faults between hosts or sites. A cut is read by every rule that crosses the network (Test-LabLink):
# replication falls behind and turns Warning then Critical, a live migration fails and the VM stays on the source.

$script:LabControls.AddRange([string[]]@('Get-LabNetworkCut', 'Disconnect-LabNetwork', 'Connect-LabNetwork'))

function Get-LabNetworkCut {
    [CmdletBinding()]
    param()
    $dc = Get-LabDatacenter
    foreach ($c in @($dc['links']['cuts'])) {
        if ($null -eq $c) { continue }
        [pscustomobject]@{ PSTypeName = 'Hyperdesk.Lab.NetworkCut'; From = [string]$c['a']; To = [string]$c['b']; Since = ConvertFrom-LabMs ([long]$c['atMs']) }
    }
}

function Resolve-LabLinkEnd($Cmdlet, [string]$Name) {
    $dc = Get-LabDatacenter
    if (@($dc['sites']) -contains $Name) { return $Name }
    $h = Find-LabWorldHost $Name
    if ($null -ne $h) { return $h.name }
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message "'$Name' is neither a host nor a site of this lab datacenter (sites: $(@($dc['sites']) -join ', '))." -ErrorId 'LabLinkEndNotFound' -Category ObjectNotFound -Target $Name))
}

# Cuts the network between two hosts, two sites, or a host and a site.
function Disconnect-LabNetwork {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)][string]$From, [Parameter(Mandatory = $true, Position = 1)][string]$To)
    $a = Resolve-LabLinkEnd $PSCmdlet $From
    $b = Resolve-LabLinkEnd $PSCmdlet $To
    if (-not $PSCmdlet.ShouldProcess("$a <-> $b", 'Cut the network')) { return }
    Update-LabWorld {
        param($tx)
        $links = $tx.Datacenter['links']
        foreach ($c in @($links['cuts'])) { if ($null -ne $c -and (($c['a'] -eq $a -and $c['b'] -eq $b) -or ($c['a'] -eq $b -and $c['b'] -eq $a))) { return } }
        $list = [Collections.ArrayList]::new(); foreach ($c in @($links['cuts'])) { if ($null -ne $c) { $null = $list.Add($c) } }
        $null = $list.Add(@{ a = $a; b = $b; atMs = Get-LabNowMs })
        $links['cuts'] = $list
    }
}

function Connect-LabNetwork {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)][string]$From, [Parameter(Mandatory = $true, Position = 1)][string]$To)
    $a = Resolve-LabLinkEnd $PSCmdlet $From
    $b = Resolve-LabLinkEnd $PSCmdlet $To
    if (-not $PSCmdlet.ShouldProcess("$a <-> $b", 'Restore the network')) { return }
    Update-LabWorld {
        param($tx)
        $links = $tx.Datacenter['links']
        $list = [Collections.ArrayList]::new()
        foreach ($c in @($links['cuts'])) { if ($null -ne $c -and -not (($c['a'] -eq $a -and $c['b'] -eq $b) -or ($c['a'] -eq $b -and $c['b'] -eq $a))) { $null = $list.Add($c) } }
        $links['cuts'] = $list
    }
}

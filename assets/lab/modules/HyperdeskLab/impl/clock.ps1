# The lab clock: wall time plus an offset, or frozen. Everything that progresses with time in the lab (replication,
# migration passes, dedup, metering, failover) is computed from it when read, in every process alike.

$script:LabControls.AddRange([string[]]@('Get-LabClock', 'Set-LabClock'))

function Get-LabClock {
    [CmdletBinding()]
    param()
    $dc = Get-LabDatacenter
    $clock = $dc['clock']
    $frozen = $null -ne $clock -and $clock.Contains('frozenAtMs') -and $null -ne $clock['frozenAtMs']
    $offset = [long]0
    if ($null -ne $clock -and -not $frozen) { $offset = [long]$clock['offsetMs'] }
    [pscustomobject]@{
        PSTypeName = 'Hyperdesk.Lab.Clock'
        Now = ConvertFrom-LabMs (Get-LabClockMs $clock)
        Offset = [TimeSpan]::FromMilliseconds($offset)
        Frozen = $frozen
        Datacenter = [string]$dc['name']
    }
}

# -Advance moves the clock forward (what is due meanwhile happens on the next cmdlet call, in order);
# -Freeze stops it where it is (tests that count cycles); -Resume lets it run again from the frozen instant.
function Set-LabClock {
    [CmdletBinding(DefaultParameterSetName = 'Advance', SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Advance', Position = 0)][TimeSpan]$Advance,
        [Parameter(Mandatory = $true, ParameterSetName = 'Freeze')][switch]$Freeze,
        [Parameter(Mandatory = $true, ParameterSetName = 'Resume')][switch]$Resume,
        [Parameter(Mandatory = $true, ParameterSetName = 'Reset')][switch]$Reset,
        [switch]$PassThru
    )
    if ($PSCmdlet.ParameterSetName -eq 'Advance' -and $Advance -lt [TimeSpan]::Zero) {
        $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord -Message 'The lab clock only moves forward: -Advance must not be negative.' -ErrorId 'LabClockBackwards' -Category InvalidArgument -Target $Advance))
    }
    if (-not $PSCmdlet.ShouldProcess('lab clock', $PSCmdlet.ParameterSetName)) { return }
    $set = $PSCmdlet.ParameterSetName
    $ms = [long]0
    if ($set -eq 'Advance') { $ms = [long]$Advance.TotalMilliseconds }
    Update-LabWorld {
        param($tx)
        $c = $tx.Datacenter['clock']
        if ($null -eq $c) { $c = @{ offsetMs = [long]0; frozenAtMs = $null }; $tx.Datacenter['clock'] = $c }
        $frozen = $c.Contains('frozenAtMs') -and $null -ne $c['frozenAtMs']
        switch ($set) {
            'Advance' { if ($frozen) { $c['frozenAtMs'] = [long]$c['frozenAtMs'] + $ms } else { $c['offsetMs'] = [long]$c['offsetMs'] + $ms } }
            'Freeze' { if (-not $frozen) { $c['frozenAtMs'] = Get-LabClockMs $c } }
            'Resume' { if ($frozen) { $c['offsetMs'] = [long]$c['frozenAtMs'] - (Get-LabRealNowMs); $c['frozenAtMs'] = $null } }
            'Reset' { $c['offsetMs'] = [long]0; $c['frozenAtMs'] = $null }
        }
    }
    Reset-LabClockMemo
    Sync-LabWorld   # what fell due in the skipped time happens now, not at some later call
    if ($PassThru) { Get-LabClock }
}

# Dispatch from the generated cmdlet declarations to the hand-written implementations, and the
# error helpers that make failures look like the real module's (category, FullyQualifiedErrorId, target).
Set-StrictMode -Version Latest

$script:LabImpl = @{}
$script:LabCommandClasses = @{}
# Cmdlet name -> the real module's implementing class, used in FullyQualifiedErrorIds.
# The implementing class named in FullyQualifiedErrorIds, per module: Hyper-V and FailoverClusters are compiled
# (their command classes), CDXML modules name the cmdlet itself (e.g. CmdletizationQuery_NotFound_FriendlyName,Get-StoragePool).
function Get-LabCommandClass([string]$Name) {
    $parts = $Name.Split('-')
    $cmd = Get-Command -Name $Name -CommandType Function -ErrorAction Ignore
    $module = if ($null -ne $cmd) { $cmd.ModuleName } else { 'Hyper-V' }
    if ($module -eq 'FailoverClusters') { return 'Microsoft.FailoverClusters.PowerShell.' + $parts[0] + $parts[1] + 'Command' }
    if ($module -eq 'Hyper-V' -or $module -eq '') { return 'Microsoft.HyperV.PowerShell.Commands.' + $parts[0] + $parts[1] }
    return $Name
}

# The CDXML "not found" error as the real cmdletized modules write it (CimJobException, ObjectNotFound).
function New-LabCimNotFoundError([string]$ClassName, [string]$Property, $Value) {
    $msg = "No $ClassName objects found with property '$Property' equal to '$Value'.  Verify the value of the property and retry."
    $ex = [Microsoft.Management.Infrastructure.CimException]::new($msg)
    # The bare id: PowerShell itself appends ',<cmdlet>' when a function throws it, as the real CDXML cmdlet's id reads.
    return New-LabErrorRecord -Message $msg -ErrorId ('CmdletizationQuery_NotFound_' + $Property) -Category ObjectNotFound -Target $Value -Exception $ex
}

function Register-LabImpl([string]$Name, [scriptblock]$Body) { $script:LabImpl[$Name] = $Body }

# Runs once per cmdlet call (the generated begin block), so the class name is computed once per cmdlet name.
function New-LabInvocation([string]$Name, $Cmdlet) {
    $class = $script:LabCommandClasses[$Name]
    if ($null -eq $class) { $class = Get-LabCommandClass $Name; $script:LabCommandClasses[$Name] = $class }
    return @{ Name = $Name; Cmdlet = $Cmdlet; Impl = $script:LabImpl[$Name]; Class = $class }
}

function New-LabErrorRecord {
    param(
        [string]$Message,
        [string]$ErrorId,
        [Management.Automation.ErrorCategory]$Category,
        $Target,
        [Exception]$Exception
    )
    if ($null -eq $Exception) { $Exception = [InvalidOperationException]::new($Message) }
    return [Management.Automation.ErrorRecord]::new($Exception, $ErrorId, $Category, $Target)
}

# Terminating error from inside an implementation: $Inv is the invocation; Id is the short id (InvalidState).
function Stop-LabCmdlet($Inv, [string]$Message, [string]$Id, [Management.Automation.ErrorCategory]$Category, $Target, [Exception]$Exception) {
    $er = New-LabErrorRecord -Message $Message -ErrorId ($Id + ',' + $Inv.Class) -Category $Category -Target $Target -Exception $Exception
    $Inv.Cmdlet.ThrowTerminatingError($er)
}

function Write-LabError($Inv, [string]$Message, [string]$Id, [Management.Automation.ErrorCategory]$Category, $Target) {
    $er = New-LabErrorRecord -Message $Message -ErrorId ($Id + ',' + $Inv.Class) -Category $Category -Target $Target
    $Inv.Cmdlet.WriteError($er)
}

function Invoke-LabCmdlet($Inv, $Bound) {
    if ($null -eq $Inv.Impl) {
        $ex = [NotImplementedException]::new("$($Inv.Name) is declared but not simulated in the Hyperdesk lab.")
        $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $ex.Message -ErrorId 'NotSimulatedInLab' -Category NotImplemented -Target $Inv.Name -Exception $ex))
    }
    try {
        $null = Get-LabStateDir
    } catch {
        $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $_.Exception.Message -ErrorId 'LabStateNotConfigured' -Category ResourceUnavailable -Target $Inv.Name -Exception $_.Exception))
    }
    if ($Bound.ContainsKey('ComputerName')) { Assert-LabComputerName $Inv $Bound }
    Sync-LabWorld   # what fell due since the last call (a migration's switch-over, a failover) happens first
    # One state read for both per-call knobs: this runs for every cmdlet call.
    $hostRec = (Get-LabState)['host']
    Assert-LabHostPowered $Inv $hostRec
    Wait-LabService $hostRec
    Assert-LabNoFault $Inv $hostRec
    if ($Bound.ContainsKey('AsJob') -and $Bound['AsJob']) {
        Start-LabCmdletJob $Inv $Bound
        return
    }
    & $Inv.Impl $Inv $Bound
}

function Complete-LabInvocation($Inv) { }

# A real host answers every Hyper-V cmdlet through its management service (vmms, over WMI): wall time that costs
# the calling pwsh no CPU. The host's 'serviceMs' timing models that wait (absent or 0, the default: the lab answers
# at once). It lets a trainee feel a slow host, and the sessions benchmark compare fan-out with hosts that are not
# CPU-bound on the client's own cores.
function Wait-LabService($HostRec) {
    $timings = $HostRec['timings']
    if ($null -eq $timings -or -not $timings.Contains('serviceMs')) { return }
    $ms = [int]$timings['serviceMs']
    if ($ms -gt 0) { Start-Sleep -Milliseconds $ms }
}

# A fault a test plants in the host's state ('faults': cmdlet name -> message) makes that cmdlet fail as the host
# would, so a clean-up path can be exercised at a chosen step (e.g. Checkpoint-VM after New-VM made the VM).
# An internal knob like 'timings', never set by a scenario the app ships.
function Assert-LabNoFault($Inv, $HostRec) {
    if (-not $HostRec.Contains('faults') -or $null -eq $HostRec['faults']) { return }
    $faults = $HostRec['faults']
    if ($faults.Contains($Inv.Name)) { Stop-LabCmdlet $Inv ([string]$faults[$Inv.Name]) 'LabFault' InvalidOperation $null }
}

# -ComputerName / -CimSession may only name this lab host itself; anything else would be a remote call.
function Assert-LabComputerName($Inv, $Bound) {
    if (-not $Bound.ContainsKey('ComputerName')) { return }
    $self = [string](Get-LabState)['host']['name']
    foreach ($cn in @($Bound['ComputerName'])) {
        $n = [string]$cn
        if ($n -eq '.' -or $n -eq 'localhost' -or $n -eq $self -or $n -like "$self.*") { continue }
        Stop-LabCmdlet $Inv "The lab host '$self' cannot reach computer '$n': remote computers are not simulated. Connect to that lab host instead." 'ComputerNotFound' ObjectNotFound $n
    }
}

function Test-LabBound($Bound, [string]$Name) { return $Bound.ContainsKey($Name) }

# -AsJob: the same cmdlet runs in a LabJob (its own runspace, same process) and the job is returned at once,
# registered so Get-Job/Receive-Job/Wait-Job/Stop-Job work. The command name is ours, never user input;
# the arguments travel as a hashtable.
function Start-LabCmdletJob($Inv, $Bound) {
    $arguments = @{}
    foreach ($k in $Bound.Keys) { if ($k -ne 'AsJob') { $arguments[$k] = $Bound[$k] } }
    $script = 'param($a) $ErrorActionPreference = ''Stop''; ' + $Inv.Name + ' @a'
    if ($Inv.Cmdlet.MyInvocation.MyCommand.Parameters.ContainsKey('Confirm')) { $script += ' -Confirm:$false' }
    $location = [string](Get-LabState)['host']['name']
    $job = [Hyperdesk.Lab.LabJob]::new($Inv.Name, $null, $location, $script, $arguments)
    $Inv.Cmdlet.JobRepository.Add($job)
    $job.Start()
    $Inv.Cmdlet.WriteObject($job)
}

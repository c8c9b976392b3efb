# Hyperdesk lab: the CIM cmdlets a console client uses, for the Hyper-V namespace root\virtualization\v2.
# Functions win over the real CimCmdlets (same names, our module folder first on PSModulePath; functions
# take precedence over cmdlets). Every other namespace is forwarded to the real CimCmdlets if the system
# has them (Windows), otherwise a clear error.
Set-StrictMode -Version Latest

$script:HyperVManifest = Join-Path (Split-Path -Parent $PSScriptRoot) 'Hyper-V/Hyper-V.psd1'

# The lab's Hyper-V module, looked up once per runspace (console frames call it many times a second); looked up
# again only if it was removed meanwhile.
$script:LabHyperV = $null

function Get-LabHyperV {
    $m = $script:LabHyperV
    if ($null -ne $m) { foreach ($loaded in @(Get-Module -Name 'Hyper-V')) { if ([object]::ReferenceEquals($loaded, $m)) { return $m } } }
    $m = Get-Module -Name 'Hyper-V' | Where-Object { $_.Path -like (Join-Path (Split-Path -Parent $script:HyperVManifest) '*') } | Select-Object -First 1
    if ($null -eq $m) { $m = Import-Module $script:HyperVManifest -Global -PassThru }
    $script:LabHyperV = $m
    return $m
}

function Test-LabNamespace([string]$Namespace) {
    if ([string]::IsNullOrEmpty($Namespace)) { return $false }
    return $Namespace.Replace('\', '/').Trim('/').ToLowerInvariant() -eq 'root/virtualization/v2'
}

function Invoke-RealCim([string]$Command, $Bound, [string]$Namespace) {
    $real = Get-Module -ListAvailable -Name CimCmdlets | Where-Object { $_.ModuleBase -notlike (Join-Path (Split-Path -Parent $PSScriptRoot) '*') } | Select-Object -First 1
    if ($null -eq $real) {
        throw [PlatformNotSupportedException]::new("CIM namespace '$Namespace' is not available on this lab host: the lab simulates only root\virtualization\v2 and this system has no CimCmdlets module.")
    }
    $mod = Import-Module $real.Path -PassThru
    $cmd = $mod.ExportedCmdlets[$Command]
    & $cmd @Bound
}

# The class and filter when a Get-CimInstance call asks root\cimv2 for a class the lab simulates for its host, else $null.
function Get-LabHostClass([string]$Set, [string]$ClassName, [string]$Filter, [string]$Query, $InputObject, [string]$Namespace) {
    if ($Namespace -and $Namespace.Replace('\', '/').Trim('/').ToLowerInvariant() -ne 'root/cimv2') { return $null }
    $cls = $ClassName; $flt = $Filter
    if ($Set -like 'Query*') {
        $m = [Text.RegularExpressions.Regex]::Match($Query, '^\s*SELECT\s+.+?\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+))?\s*$', 'IgnoreCase')
        if (-not $m.Success) { return $null }
        $cls = $m.Groups[1].Value; $flt = $m.Groups[2].Value
    } elseif ($Set -like 'CimInstance*') { $cls = $InputObject.CimClass.CimClassName }
    $hv = Get-LabHyperV
    if (-not (& $hv { param($c) Test-LabHostCimClass $c } $cls)) { return $null }
    return @{ Class = $cls; Filter = $flt }
}

function Get-CimInstance {
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet', PositionalBinding = $false)]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'ClassNameSessionSet', Mandatory = $true, Position = 0)]
        [string]$ClassName,
        [Parameter(ParameterSetName = 'QueryComputerSet', Mandatory = $true)]
        [Parameter(ParameterSetName = 'QuerySessionSet', Mandatory = $true)]
        [string]$Query,
        [Parameter(ParameterSetName = 'CimInstanceComputerSet', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'CimInstanceSessionSet', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('CimInstance')]
        [psobject]$InputObject,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'ClassNameSessionSet')]
        [Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'QuerySessionSet')]
        [string]$Namespace,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'ClassNameSessionSet')]
        [string]$Filter,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'ClassNameSessionSet')]
        [Alias('SelectProperties')][string[]]$Property,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'ClassNameSessionSet')]
        [switch]$KeyOnly,
        [Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'QuerySessionSet')]
        [string]$QueryDialect,
        [switch]$Shallow,
        [Alias('OT')][uint32]$OperationTimeoutSec,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'CimInstanceComputerSet')]
        [Alias('CN', 'ServerName')][string[]]$ComputerName,
        [Parameter(ParameterSetName = 'ClassNameSessionSet', Mandatory = $true)][Parameter(ParameterSetName = 'QuerySessionSet', Mandatory = $true)][Parameter(ParameterSetName = 'CimInstanceSessionSet', Mandatory = $true)]
        [Microsoft.Management.Infrastructure.CimSession[]]$CimSession
    )
    process {
        $ns = $Namespace
        if ($PSCmdlet.ParameterSetName -like 'CimInstance*') { $ns = $InputObject.CimSystemProperties.Namespace }
        if ($PSBoundParameters.ContainsKey('Query') -and -not $ns) { $ns = 'root/cimv2' }
        # The host's own classes a host overview reads (impl/host-perf.ps1) come from the lab, not this machine.
        $hostClass = Get-LabHostClass $PSCmdlet.ParameterSetName $ClassName $Filter $Query $InputObject $ns
        if ($hostClass) {
            $hv = Get-LabHyperV
            try { & $hv { param($c, $f) Invoke-LabHostCimGet $c $f } $hostClass.Class $hostClass.Filter }
            catch { $PSCmdlet.ThrowTerminatingError([Management.Automation.ErrorRecord]::new($_.Exception, 'HRESULT 0x80041017,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', 'InvalidArgument', $hostClass.Filter)) }
            return
        }
        if (-not (Test-LabNamespace $ns)) { if (-not $ns) { $ns = 'root/cimv2' }; Invoke-RealCim 'Get-CimInstance' $PSBoundParameters $ns; return }
        $hv = Get-LabHyperV
        $cls = $ClassName
        $flt = $Filter
        if ($PSCmdlet.ParameterSetName -like 'Query*') {
            $m = [Text.RegularExpressions.Regex]::Match($Query, '^\s*SELECT\s+.+?\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+))?\s*$', 'IgnoreCase')
            if (-not $m.Success) { $PSCmdlet.ThrowTerminatingError([Management.Automation.ErrorRecord]::new([ArgumentException]::new("Unsupported WQL query: $Query"), 'HRESULT 0x80041017,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', 'InvalidArgument', $Query)) }
            $cls = $m.Groups[1].Value; $flt = $m.Groups[2].Value
        }
        if ($PSCmdlet.ParameterSetName -like 'CimInstance*') { $cls = $InputObject.CimClass.CimClassName }
        try { & $hv { param($c, $f) Invoke-LabCimGet $c $f } $cls $flt }
        catch { $PSCmdlet.ThrowTerminatingError([Management.Automation.ErrorRecord]::new($_.Exception, 'HRESULT 0x80041017,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', 'InvalidArgument', $flt)) }
    }
}

function Get-CimAssociatedInstance {
    [CmdletBinding(DefaultParameterSetName = 'ComputerSet', PositionalBinding = $false)]
    param(
        [Parameter(Position = 1)][string]$Association,
        [string]$ResultClassName,
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][Alias('CimInstance')][psobject]$InputObject,
        [string]$Namespace,
        [Alias('OT')][uint32]$OperationTimeoutSec,
        [uri]$ResourceUri,
        [Parameter(ParameterSetName = 'ComputerSet')][Alias('CN', 'ServerName')][string[]]$ComputerName,
        [Parameter(ParameterSetName = 'SessionSet', Mandatory = $true)][Microsoft.Management.Infrastructure.CimSession[]]$CimSession,
        [switch]$KeyOnly
    )
    process {
        $ns = $Namespace
        if (-not $ns -and $InputObject.PSObject.Properties['CimSystemProperties']) { $ns = $InputObject.CimSystemProperties.Namespace }
        if (-not (Test-LabNamespace $ns)) { Invoke-RealCim 'Get-CimAssociatedInstance' $PSBoundParameters $ns; return }
        $hv = Get-LabHyperV
        & $hv { param($o, $r) Invoke-LabCimAssociated $o $r } $InputObject $ResultClassName
    }
}

function Invoke-CimMethod {
    [CmdletBinding(DefaultParameterSetName = 'CimInstanceComputerSet', SupportsShouldProcess = $true, PositionalBinding = $false)]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)][Parameter(ParameterSetName = 'ClassNameSessionSet', Mandatory = $true, Position = 0)]
        [Alias('Class')][string]$ClassName,
        [Parameter(ParameterSetName = 'QueryComputerSet', Mandatory = $true)][Parameter(ParameterSetName = 'QuerySessionSet', Mandatory = $true)]
        [string]$Query,
        [Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'QuerySessionSet')][string]$QueryDialect,
        [Parameter(ParameterSetName = 'CimInstanceComputerSet', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][Parameter(ParameterSetName = 'CimInstanceSessionSet', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('CimInstance')][psobject]$InputObject,
        [Parameter(Position = 1)][System.Collections.IDictionary]$Arguments,
        [Parameter(Mandatory = $true, Position = 2)][Alias('Name')][string]$MethodName,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'ClassNameSessionSet')][Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'QuerySessionSet')]
        [string]$Namespace,
        [Alias('OT')][uint32]$OperationTimeoutSec,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')][Parameter(ParameterSetName = 'QueryComputerSet')][Parameter(ParameterSetName = 'CimInstanceComputerSet')]
        [Alias('CN', 'ServerName')][string[]]$ComputerName,
        [Parameter(ParameterSetName = 'ClassNameSessionSet', Mandatory = $true)][Parameter(ParameterSetName = 'QuerySessionSet', Mandatory = $true)][Parameter(ParameterSetName = 'CimInstanceSessionSet', Mandatory = $true)]
        [Microsoft.Management.Infrastructure.CimSession[]]$CimSession
    )
    process {
        $ns = $Namespace
        if ($PSCmdlet.ParameterSetName -like 'CimInstance*') { $ns = $InputObject.CimSystemProperties.Namespace }
        if (-not (Test-LabNamespace $ns)) { if (-not $ns) { $ns = 'root/cimv2' }; Invoke-RealCim 'Invoke-CimMethod' $PSBoundParameters $ns; return }
        $targets = @($InputObject)
        if ($PSCmdlet.ParameterSetName -like 'ClassName*') { $targets = @(Get-CimInstance -Namespace $ns -ClassName $ClassName) }
        if ($PSCmdlet.ParameterSetName -like 'Query*') { $targets = @(Get-CimInstance -Namespace $ns -Query $Query) }
        $hv = Get-LabHyperV
        foreach ($t in $targets) {
            if (-not $PSCmdlet.ShouldProcess([string]$t.CimClass.CimClassName, $MethodName)) { continue }
            try { & $hv { param($o, $m, $a) Invoke-LabCimMethodCore $null $o $m $a } $t $MethodName $Arguments }
            catch { $PSCmdlet.ThrowTerminatingError([Management.Automation.ErrorRecord]::new($_.Exception, 'HRESULT 0x80041055,Microsoft.Management.Infrastructure.CimCmdlets.InvokeCimMethodCommand', 'NotImplemented', $MethodName)) }
        }
    }
}

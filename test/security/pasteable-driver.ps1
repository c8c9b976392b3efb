<#
  Pastes each case's text into this PowerShell session the way an interactive prompt runs it (parsed, then run
  as a script block), with Hyper-V cmdlets stubbed so nothing needs a host. Per case it reports:
    parseErrors  - the parser's errors (a quoted value never causes one);
    missing      - expected values that are NOT one quoted string constant in the AST (double-quoted strings
                   count only when their sole sub-expressions are the quoting's own $([char]N));
    unexpected   - commands the text calls that the case did not allow;
    notReceived  - expected values the stubs did not receive as bound arguments;
    runError     - what running it threw, if anything.
  Canaries (files) are checked by the caller.
#>
param([Parameter(Mandatory = $true)][string]$CasesPath)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$global:HdValues = New-Object System.Collections.Generic.List[string]

function global:Add-HdRecord {
    param($Bound)
    foreach ($v in @($Bound.Values)) {
        foreach ($x in @($v)) { if ($x -is [string]) { $global:HdValues.Add($x) } }
    }
}
function global:New-VM { param($Name, $Generation, $MemoryStartupBytes, $VHDPath, [switch]$NoVHD, $SwitchName) Add-HdRecord $PSBoundParameters; [pscustomobject]@{ Name = $Name } }
function global:Add-VMHardDiskDrive { param($VM, $ControllerType, $Path, [switch]$Passthru) Add-HdRecord $PSBoundParameters; [pscustomobject]@{ Path = $Path } }
function global:Set-VMFirmware { param($VM, $FirstBootDevice, $EnableSecureBoot, $SecureBootTemplate) Add-HdRecord $PSBoundParameters }
function global:Set-VM { param($VM, $ProcessorCount) Add-HdRecord $PSBoundParameters }
function global:Checkpoint-VM { param($VM, $SnapshotName) Add-HdRecord $PSBoundParameters }
function global:Get-VM { param($Id) Add-HdRecord $PSBoundParameters; [pscustomobject]@{ Id = $Id } }
function global:Get-VMIntegrationService { param([Parameter(ValueFromPipeline = $true)]$VM) process { Add-HdRecord $PSBoundParameters } }

# Any other command a pasted text calls (the display's Hyper-V and CIM cmdlets) records its string arguments
# instead: nothing needs a host, and what it was given is checked like a stub's bound parameters.
$ExecutionContext.InvokeCommand.CommandNotFoundAction = {
    param($Name, $EventArgs)
    $EventArgs.CommandScriptBlock = { foreach ($a in @($args) + @($input)) { if ($a -is [string]) { $global:HdValues.Add($a) } } }
    $EventArgs.StopSearch = $true
}

function Get-ConstantValue {
    param($Ast)
    if ($Ast -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
        if ($Ast.StringConstantType -eq 'BareWord') { return $null }
        return $Ast.Value
    }
    if ($Ast -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) {
        $text = $Ast.Value
        foreach ($n in $Ast.NestedExpressions) {
            $m = [regex]::Match($n.Extent.Text, '^\$\(\[char\](\d+)\)$')
            if (-not $m.Success) { return $null }
            $text = $text.Replace($n.Extent.Text, [string][char][int]$m.Groups[1].Value)
        }
        return $text
    }
    return $null
}

$cases = Get-Content -LiteralPath $CasesPath -Raw -Encoding utf8 | ConvertFrom-Json
$out = New-Object System.Collections.Generic.List[object]
foreach ($case in $cases) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($case.text, [ref]$tokens, [ref]$errors)
    $constants = New-Object 'System.Collections.Generic.HashSet[string]'
    foreach ($s in $ast.FindAll({ param($a) ($a -is [System.Management.Automation.Language.StringConstantExpressionAst]) -or ($a -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) }, $true)) {
        $v = Get-ConstantValue $s
        if ($null -ne $v) { [void]$constants.Add($v) }
    }
    $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() })
    $allowed = @($case.allowed)
    $unexpected = @($commands | Where-Object { ($null -ne $_) -and ($allowed -notcontains $_) })
    $missing = @(@($case.expected) | Where-Object { -not $constants.Contains($_) } | ForEach-Object { $_.Substring(0, [Math]::Min(60, $_.Length)) })
    $global:HdValues.Clear()
    $runError = $null
    if ($errors.Count -eq 0) {
        try { $null = & ([scriptblock]::Create($case.text)) } catch { $runError = $_.Exception.Message }
    }
    # What the commands must have been given (default: every expected value; a value used only inside a filter
    # script block is a constant but never an argument).
    $mustReceive = @($case.expected)
    if ($case.PSObject.Properties['received']) { $mustReceive = @($case.received) }
    $notReceived = @($mustReceive | Where-Object { -not $global:HdValues.Contains($_) } | ForEach-Object { $_.Substring(0, [Math]::Min(60, $_.Length)) })
    $out.Add([ordered]@{
            op = $case.op; id = $case.id; parseErrors = @($errors | ForEach-Object { $_.Message }); missing = $missing
            unexpected = $unexpected; notReceived = $notReceived; runError = $runError
        })
}
ConvertTo-Json -InputObject $out.ToArray() -Depth 4 -Compress

<#
  Fidelity checker: parses PowerShell files with the real parser and reports, as one JSON array,
  1. syntax errors;
  2. PS7-only syntax or parameters that Windows PowerShell 5.1 rejects (all files);
  3. for files marked checkBinding: calls of cmdlets from the reference modules whose named parameters
     (names, aliases, unambiguous prefixes) do not bind to any one parameter set, too many positional
     arguments, or constant values outside a ValidateSet/enum.
  Input: -ListPath <json file> = { files: [ { path, checkBinding } ] }, -ReferencePath <hyperv-cmdlets.json>.
#>
param(
    [Parameter(Mandatory = $true)][string]$ListPath,
    [Parameter(Mandatory = $true)][string]$ReferencePath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$A = [System.Management.Automation.Language.Ast]

$list = Get-Content -LiteralPath $ListPath -Raw | ConvertFrom-Json
$reference = Get-Content -LiteralPath $ReferencePath -Raw | ConvertFrom-Json
$cmdlets = @{}
foreach ($m in $reference.PSObject.Properties) {
    foreach ($c in $m.Value.PSObject.Properties) { $cmdlets[$c.Name] = $c.Value }
}
# CDXML (cmdletized CIM) modules add -CimSession, -ThrottleLimit and -AsJob to every parameter set; some reference
# entries (taken from the docs) omit them, so they are added here as scripts/gen-lab-declarations.mjs adds them.
$cdxmlModules = @('Storage', 'SmbShare', 'Deduplication', 'NetAdapter', 'NetLbfo', 'NetWNV')
$cdxmlCommon = @(
    [pscustomobject]@{ name = 'CimSession'; type = 'CimSession[]'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; validateSet = $null; aliases = @('Session') },
    [pscustomobject]@{ name = 'ThrottleLimit'; type = 'Int32'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; validateSet = $null; aliases = @() },
    [pscustomobject]@{ name = 'AsJob'; type = 'SwitchParameter'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; validateSet = $null; aliases = @() })
foreach ($m in @($reference.PSObject.Properties | Where-Object { $cdxmlModules -contains $_.Name })) {
    foreach ($c in $m.Value.PSObject.Properties) {
        if ($null -eq $c.Value.PSObject.Properties['parameterSets'] -or $null -eq $c.Value.parameterSets) { continue }
        foreach ($s in @($c.Value.parameterSets.PSObject.Properties)) {
            $have = @($s.Value | ForEach-Object { $_.name })
            $s.Value = @($s.Value) + @($cdxmlCommon | Where-Object { $have -notcontains $_.name })
        }
    }
}
foreach ($name in @($cmdlets.Keys)) {
    $aliasOf = $cmdlets[$name].PSObject.Properties['aliasOf']
    if ($null -ne $aliasOf -and $aliasOf.Value -and $cmdlets.ContainsKey($aliasOf.Value) -and @($cmdlets[$name].parameterSets.PSObject.Properties).Count -eq 0) {
        $cmdlets[$name] = $cmdlets[$aliasOf.Value]
    }
}

$common = @('Verbose', 'vb', 'Debug', 'db', 'ErrorAction', 'ea', 'WarningAction', 'wa', 'InformationAction', 'infa', 'ErrorVariable', 'ev',
    'WarningVariable', 'wv', 'InformationVariable', 'iv', 'OutVariable', 'ov', 'OutBuffer', 'ob', 'PipelineVariable', 'pv', 'ProgressAction', 'proga')
$shouldProcess = @('WhatIf', 'wi', 'Confirm', 'cf')
$commonSwitches = @('Verbose', 'vb', 'Debug', 'db', 'WhatIf', 'wi', 'Confirm', 'cf')

# Parameters that exist only in PowerShell 6+/7 (Windows PowerShell 5.1 fails to bind them).
$ps7Params = @{
    'ForEach-Object' = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json' = @('EnumsAsStrings', 'AsArray', 'EscapeHandling')
    'Join-Path' = @('AdditionalChildPath', 'Extension')
    'Get-Content' = @('AsByteStream')
    'Set-Content' = @('AsByteStream')
    'Add-Content' = @('AsByteStream')
    'Select-String' = @('Raw', 'NoEmphasis')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'ResponseHeadersVariable', 'StatusCodeVariable', 'SkipHttpErrorCheck')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SkipHttpErrorCheck')
    'Import-Module' = @('UseWindowsPowerShell', 'SkipEditionCheck')
    'Get-ChildItem' = @('FollowSymlink')
    'Test-Connection' = @('TargetName', 'Ping', 'TcpPort', 'Traceroute', 'MtuSize', 'Detailed')
    'New-PSSession' = @('HostName', 'SSHTransport', 'KeyFilePath', 'Subsystem', 'Options', 'ConnectingTimeout', 'SSHConnection')
    'Invoke-Command' = @('HostName', 'SSHTransport', 'KeyFilePath', 'Subsystem', 'Options', 'SSHConnection')
}
$ps7Commands = @('Test-Json', 'Get-Error', 'Join-String', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Get-MarkdownOption', 'Set-MarkdownOption', 'Update-List')
$commandAliases = @{ '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; '?' = 'Where-Object'; 'where' = 'Where-Object' }

$findings = New-Object System.Collections.ArrayList
function Add-Finding([string]$File, $Extent, [string]$Rule, [string]$Message) {
    [void]$findings.Add([ordered]@{ file = $File; line = $Extent.StartLineNumber; rule = $Rule; message = $Message; text = $Extent.Text.Split("`n")[0] })
}

function Resolve-Name([string[]]$Candidates, [string]$Used) {
    # PowerShell: exact (case-insensitive) match wins, else a prefix that names exactly one parameter.
    # Callers wrap the result in @(): the names are written to the pipeline one by one.
    $exact = @($Candidates | Where-Object { $_ -eq $Used })
    if ($exact.Count -gt 0) { return $exact }
    return $Candidates | Where-Object { $_.StartsWith($Used, [System.StringComparison]::OrdinalIgnoreCase) }
}

function Test-Binding([string]$File, $Cmd, [string]$Name, $Def) {
    $sets = @($Def.parameterSets.PSObject.Properties)
    $canonical = @{}   # name or alias -> canonical name
    $isSwitch = @{}
    foreach ($s in $sets) {
        foreach ($p in $s.Value) {
            $canonical[$p.name] = $p.name
            $isSwitch[$p.name] = ($p.type -match '^(switch|SwitchParameter)$')
            $al = $p.PSObject.Properties['aliases']
            if ($null -ne $al -and $null -ne $al.Value) { foreach ($x in $al.Value) { $canonical[$x] = $p.name } }
        }
    }
    $skip = $common
    if ($Def.supportsShouldProcess) { $skip = $common + $shouldProcess }
    $used = New-Object System.Collections.ArrayList
    $values = @{}
    $positional = 0
    $elements = $Cmd.CommandElements
    $splatted = $false
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $e = $elements[$i]
        if ($e -is [System.Management.Automation.Language.VariableExpressionAst] -and $e.Splatted) { $splatted = $true; continue }
        if ($e -isnot [System.Management.Automation.Language.CommandParameterAst]) { $positional++; continue }
        $pn = $e.ParameterName
        if (@(Resolve-Name $skip $pn).Count -gt 0 -and @(Resolve-Name @($canonical.Keys) $pn).Count -eq 0) {
            # A common parameter that takes a value (-ErrorAction Stop) consumes the next element: it is not positional.
            $isCommonSwitch = @(Resolve-Name $commonSwitches $pn).Count -gt 0
            if ($null -eq $e.Argument -and -not $isCommonSwitch -and ($i + 1) -lt $elements.Count) { $i++ }
            continue
        }
        $hits = @(Resolve-Name @($canonical.Keys) $pn | ForEach-Object { $canonical[$_] } | Sort-Object -Unique)
        if ($hits.Count -eq 0) { Add-Finding $File $e.Extent 'unknown-parameter' "$Name has no parameter -$pn"; continue }
        if ($hits.Count -gt 1) { Add-Finding $File $e.Extent 'ambiguous-parameter' "-$pn of $Name is ambiguous: $($hits -join ', ')"; continue }
        $canon = $hits[0]
        [void]$used.Add($canon)
        $arg = $e.Argument
        if ($null -eq $arg -and -not $isSwitch[$canon] -and ($i + 1) -lt $elements.Count) { $i++; $arg = $elements[$i] }
        if ($null -ne $arg) { $values[$canon] = $arg }
    }
    $fits = $false
    foreach ($s in $sets) {
        $names = @($s.Value | ForEach-Object { $_.name })
        $missing = @($used | Where-Object { $names -notcontains $_ })
        $positions = @($s.Value | Where-Object { $null -ne $_.position -and $used -notcontains $_.name })
        if ($missing.Count -eq 0 -and ($splatted -or $positional -le $positions.Count)) { $fits = $true; break }
    }
    if (-not $fits) {
        Add-Finding $File $Cmd.Extent 'no-parameter-set' ("$Name -{0} ({1} positional) binds to none of its parameter sets ({2})" -f ($used -join ' -'), $positional, (($sets | ForEach-Object { $_.Name }) -join ', '))
    }
    foreach ($canon in $values.Keys) {
        $arg = $values[$canon]
        if ($arg -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { continue }
        foreach ($s in $sets) {
            foreach ($p in @($s.Value | Where-Object { $_.name -eq $canon })) {
                $allowed = @()
                if ($p.validateSet) { $allowed = @($p.validateSet) }
                $ev = $p.PSObject.Properties['enumValues']
                if ($null -ne $ev -and $ev.Value) { $allowed = @($ev.Value) }
                if ($allowed.Count -gt 0 -and $allowed -notcontains $arg.Value) {
                    Add-Finding $File $arg.Extent 'invalid-value' "$Name -$canon '$($arg.Value)' is not one of: $($allowed -join ', ')"
                }
            }
            break
        }
    }
}

foreach ($item in $list.files) {
    $file = [string]$item.path
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
    foreach ($err in $errors) { Add-Finding $file $err.Extent 'syntax' $err.Message }

    $all = $ast.FindAll({ $true }, $true)
    foreach ($node in $all) {
        $type = $node.GetType().Name
        switch ($type) {
            'TernaryExpressionAst' { Add-Finding $file $node.Extent 'ps7-ternary' 'ternary operator a ? b : c (PowerShell 7 only)' }
            'PipelineChainAst' { Add-Finding $file $node.Extent 'ps7-pipeline-chain' '&& / || pipeline chain (PowerShell 7 only)' }
            'BinaryExpressionAst' { if ([string]$node.Operator -eq 'QuestionQuestion') { Add-Finding $file $node.Extent 'ps7-null-coalescing' '?? operator (PowerShell 7 only)' } }
            'AssignmentStatementAst' { if ([string]$node.Operator -eq 'QuestionQuestionEquals') { Add-Finding $file $node.Extent 'ps7-null-coalescing' '??= operator (PowerShell 7 only)' } }
            'ScriptBlockAst' { if ($null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { Add-Finding $file $node.CleanBlock.Extent 'ps7-clean-block' 'clean {} block (PowerShell 7.3+ only)' } }
            'TypeExpressionAst' { if ($node.TypeName.FullName -match '^System\.Management\.Automation\.Internal') { Add-Finding $file $node.Extent 'internal-api' 'System.Management.Automation.Internal is not a public API' } }
            'ExpandableStringExpressionAst' { if ($node.Extent.Text -match '`u\{') { Add-Finding $file $node.Extent 'ps7-unicode-escape' '`u{...} escape (PowerShell 6+ only)' } }
            'StringConstantExpressionAst' {
                if ([string]$node.StringConstantType -match 'DoubleQuoted' -and $node.Extent.Text -match '`u\{') { Add-Finding $file $node.Extent 'ps7-unicode-escape' '`u{...} escape (PowerShell 6+ only)' }
            }
        }
        if ($node -is [System.Management.Automation.Language.MemberExpressionAst] -or $node -is [System.Management.Automation.Language.IndexExpressionAst]) {
            $nc = $node.PSObject.Properties['NullConditional']
            if ($null -ne $nc -and $nc.Value) { Add-Finding $file $node.Extent 'ps7-null-conditional' '?. / ?[] null-conditional access (PowerShell 7 only)' }
        }
        if ($node -is [System.Management.Automation.Language.CommandAst]) {
            $name = $node.GetCommandName()
            if (-not $name) { continue }
            if ($commandAliases.ContainsKey($name)) { $name = $commandAliases[$name] }
            if ($ps7Commands -contains $name) { Add-Finding $file $node.Extent 'ps7-command' "$name does not exist in Windows PowerShell 5.1" }
            if ($ps7Params.ContainsKey($name)) {
                foreach ($e in $node.CommandElements) {
                    if ($e -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
                    $bad = @($ps7Params[$name] | Where-Object { $_.StartsWith($e.ParameterName, [System.StringComparison]::OrdinalIgnoreCase) -and $e.ParameterName.Length -ge 2 })
                    if ($bad.Count -gt 0) { Add-Finding $file $e.Extent 'ps7-parameter' "$name -$($e.ParameterName) does not exist in Windows PowerShell 5.1" }
                }
            }
            if ($name -eq 'Join-Path') {
                $pos = @($node.CommandElements | Select-Object -Skip 1 | Where-Object { $_ -isnot [System.Management.Automation.Language.CommandParameterAst] })
                if ($pos.Count -gt 2) { Add-Finding $file $node.Extent 'ps7-parameter' 'Join-Path with more than two child paths (PowerShell 6+ only)' }
            }
            if ($item.checkBinding -and $cmdlets.ContainsKey($name)) { Test-Binding $file $node $name $cmdlets[$name] }
        }
    }
}

ConvertTo-Json -InputObject @($findings) -Depth 4 -Compress

# The lab's cmdlet declarations bind like the real module: every declared cmdlet's parameter sets equal
# the reference (names, mandatory, position, pipeline binding, aliases, ValidateSet, object types), and
# the lab's PowerShell and C# stay within what Windows PowerShell 5.1 accepts.
BeforeDiscovery {
    $refDir = @((Join-Path $PSScriptRoot '../support/reference'), (Join-Path $PSScriptRoot '../../../shared/reference')) | Where-Object { Test-Path (Join-Path $_ 'hyperv-cmdlets.json') } | Select-Object -First 1
    $script:Reference = Get-Content -Raw -LiteralPath (Join-Path $refDir 'hyperv-cmdlets.json') | ConvertFrom-Json
    $script:Cmdlets = @($script:Reference.'Hyper-V'.PSObject.Properties | Where-Object { -not $_.Value.PSObject.Properties['aliasOf'] } | ForEach-Object { @{ Name = $_.Name; Spec = $_.Value } })
    $script:Aliases = @($script:Reference.'Hyper-V'.PSObject.Properties | Where-Object { $_.Value.PSObject.Properties['aliasOf'] } | ForEach-Object { @{ Name = $_.Name; Target = $_.Value.aliasOf } })
    # The seven companion modules, one test each (every cmdlet checked inside it, mismatches listed together).
    $script:OtherModules = @('FailoverClusters', 'Storage', 'SmbShare', 'Deduplication', 'NetAdapter', 'NetLbfo', 'NetWNV' | ForEach-Object { @{ Module = $_ } })
    $labRoot = Join-Path $PSScriptRoot '../../assets/lab'
    $script:LabScripts = @(Get-ChildItem -Recurse -LiteralPath $labRoot -Include *.ps1, *.psm1 | ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring((Resolve-Path $labRoot).ProviderPath.Length + 1) } })
    $script:LabCs = @(Get-ChildItem -Recurse -LiteralPath $labRoot -Include *.cs | ForEach-Object { @{ Path = $_.FullName; Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'empty' 1
    Enter-TestLab $script:Lab.Hosts[0].stateDir
    $refDir = @((Join-Path $PSScriptRoot '../support/reference'), (Join-Path $PSScriptRoot '../../../shared/reference')) | Where-Object { Test-Path (Join-Path $_ 'hyperv-cmdlets.json') } | Select-Object -First 1
    $script:Ref = Get-Content -Raw -LiteralPath (Join-Path $refDir 'hyperv-cmdlets.json') | ConvertFrom-Json
    foreach ($m in @('FailoverClusters', 'Storage', 'SmbShare', 'Deduplication', 'NetAdapter', 'NetLbfo', 'NetWNV')) {
        Import-Module (Join-Path $script:LabModules "$m/$m.psd1") -Global -WarningAction SilentlyContinue
    }
    # CDXML modules have -CimSession/-ThrottleLimit/-AsJob in every set, also where a docs-derived reference entry omits them.
    $script:Cdxml = @('Storage', 'SmbShare', 'Deduplication', 'NetAdapter', 'NetLbfo', 'NetWNV')
    $script:CdxmlCommon = @(
        [pscustomobject]@{ name = 'CimSession'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; aliases = @('Session') },
        [pscustomobject]@{ name = 'ThrottleLimit'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; aliases = @() },
        [pscustomobject]@{ name = 'AsJob'; mandatory = $false; position = $null; valueFromPipeline = $false; valueFromPipelineByPropertyName = $false; aliases = @() })
    # Set lines for the companion modules: 'accepts' is the names a value may take, by ValidateSet or by enum type
    # (reference: validateSet, else enumValues), so a real enum type and a string limited to the names compare alike.
    function Format-ExpectedSet2($Params) {
        ($Params | Sort-Object name | ForEach-Object {
            $pos = 'named'; if ($null -ne $_.position) { $pos = [string]$_.position }
            $al = ''; if ($_.PSObject.Properties['aliases'] -and $_.aliases) { $al = (@($_.aliases) | Sort-Object) -join ',' }
            $vs = ''
            if ($_.PSObject.Properties['validateSet'] -and $_.validateSet) { $vs = (@($_.validateSet) | Sort-Object) -join ',' }
            elseif ($_.PSObject.Properties['enumValues'] -and $_.enumValues) { $vs = (@($_.enumValues) | Sort-Object) -join ',' }
            '{0} m={1} p={2} vfp={3} vfpbpn={4} alias=[{5}] accepts=[{6}]' -f $_.name, [bool]$_.mandatory, $pos, [bool]$_.valueFromPipeline, [bool]$_.valueFromPipelineByPropertyName, $al, $vs
        }) -join "`n"
    }
    function Format-ActualSet2($Set) {
        ($Set.Parameters | Where-Object { $_.Name -notin $script:Common -and $_.Name -notin @('WhatIf', 'Confirm') } | Sort-Object Name | ForEach-Object {
            $pos = 'named'; if ($_.Position -ge 0) { $pos = [string]$_.Position }
            $al = (@($_.Aliases) | Sort-Object) -join ','
            $vsa = @($_.Attributes | Where-Object { $_ -is [ValidateSet] })
            $t = $_.ParameterType; if ($t.IsArray) { $t = $t.GetElementType() }
            $vs = ''
            if ($vsa.Count) { $vs = (@($vsa[0].ValidValues) | Sort-Object) -join ',' }
            elseif ($t.IsEnum) { $vs = (@([Enum]::GetNames($t)) | Sort-Object) -join ',' }
            '{0} m={1} p={2} vfp={3} vfpbpn={4} alias=[{5}] accepts=[{6}]' -f $_.Name, $_.IsMandatory, $pos, $_.ValueFromPipeline, $_.ValueFromPipelineByPropertyName, $al, $vs
        }) -join "`n"
    }
    $script:Common = @([Management.Automation.PSCmdlet]::CommonParameters) + @([Management.Automation.PSCmdlet]::OptionalCommonParameters) + @('ProgressAction')

    function Format-ExpectedSet($Params) {
        ($Params | Sort-Object name | ForEach-Object {
            $pos = 'named'; if ($null -ne $_.position) { $pos = [string]$_.position }
            $al = ''; if ($_.PSObject.Properties['aliases'] -and $_.aliases) { $al = (@($_.aliases) | Sort-Object) -join ',' }
            $vs = ''; if ($_.validateSet) { $vs = (@($_.validateSet) | Sort-Object) -join ',' }
            '{0} m={1} p={2} vfp={3} vfpbpn={4} alias=[{5}] set=[{6}]' -f $_.name, [bool]$_.mandatory, $pos, [bool]$_.valueFromPipeline, [bool]$_.valueFromPipelineByPropertyName, $al, $vs
        }) -join "`n"
    }
    function Format-ActualSet($Set) {
        ($Set.Parameters | Where-Object { $_.Name -notin $script:Common -and $_.Name -notin @('WhatIf', 'Confirm') } | Sort-Object Name | ForEach-Object {
            $pos = 'named'; if ($_.Position -ge 0) { $pos = [string]$_.Position }
            $al = (@($_.Aliases) | Sort-Object) -join ','
            $vsa = @($_.Attributes | Where-Object { $_ -is [ValidateSet] })
            $vs = ''; if ($vsa.Count) { $vs = (@($vsa[0].ValidValues) | Sort-Object) -join ',' }
            '{0} m={1} p={2} vfp={3} vfpbpn={4} alias=[{5}] set=[{6}]' -f $_.Name, $_.IsMandatory, $pos, $_.ValueFromPipeline, $_.ValueFromPipelineByPropertyName, $al, $vs
        }) -join "`n"
    }
}

AfterAll { Remove-TestLab $script:Lab }

Describe 'Hyper-V cmdlet declarations' {
    It '<Name> has the reference parameter sets' -ForEach $script:Cmdlets {
        $cmd = Get-Command -Name $Name -CommandType Function
        $expectedSets = @($Spec.parameterSets.PSObject.Properties.Name | Sort-Object)
        @($cmd.ParameterSets.Name | Sort-Object) | Should -Be $expectedSets
        foreach ($set in $cmd.ParameterSets) {
            Format-ActualSet $set | Should -Be (Format-ExpectedSet $Spec.parameterSets.($set.Name)) -Because "set $($set.Name)"
        }
        if ($Spec.defaultParameterSet) { $cmd.DefaultParameterSet | Should -Be $Spec.defaultParameterSet }
        [bool]$cmd.Parameters.ContainsKey('WhatIf') | Should -Be ([bool]$Spec.supportsShouldProcess)
        # Object-typed parameters use the real .NET type, so a string never binds where an object is required.
        $all = foreach ($sp in $Spec.parameterSets.PSObject.Properties) { @($sp.Value) }
        foreach ($p in @($all | Where-Object { $null -ne $_ -and $_.type -match '^(System\.Nullable\[)?Microsoft\.(HyperV|Vhd|Virtualization)\.' })) {
            $want = ($p.type -replace '^System\.Nullable\[(.+)\]$', '$1') -replace '\[\]$', ''
            $t = $cmd.Parameters[$p.name].ParameterType
            if ($t.IsArray) { $t = $t.GetElementType() }
            $u = [Nullable]::GetUnderlyingType($t); if ($null -ne $u) { $t = $u }
            $t.FullName | Should -Be $want -Because "-$($p.name)"
        }
    }

    It '<Name> is an alias of <Target>' -ForEach $script:Aliases {
        (Get-Alias -Name $Name).Definition | Should -Be $Target
    }

    It 'refuses a string where the real cmdlet wants a VM object' {
        { Start-VM -VM 'DC1' -ErrorAction Stop } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
    }

    It 'throws NotImplemented for a declared but unsimulated cmdlet' {
        $err = $null
        try { Get-VMGroup } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'NotImplemented'
        $err.FullyQualifiedErrorId | Should -BeLike 'NotSimulatedInLab*'
        $err.Exception.Message | Should -BeLike '*not simulated in the Hyperdesk lab*'
    }

    It 'throws a clear error when HYPERDESK_LAB_STATE is missing' {
        $saved = $env:HYPERDESK_LAB_STATE
        try {
            $env:HYPERDESK_LAB_STATE = $null
            { Get-VM } | Should -Throw '*HYPERDESK_LAB_STATE*'
        } finally { $env:HYPERDESK_LAB_STATE = $saved }
    }

    It 'refuses a -ComputerName other than the lab host itself' {
        { Get-VM -ComputerName 'some-other-host' } | Should -Throw '*remote computers are not simulated*'
        @(Get-VM -ComputerName 'HV-LAB01').Count | Should -Be 0
    }
}

Describe 'companion module declarations' {
    It '<Module>: every cmdlet has the reference parameter sets, types and aliases' -ForEach $script:OtherModules {
        $problems = New-Object System.Collections.ArrayList
        $cdxml = $script:Cdxml -contains $Module
        foreach ($entry in $script:Ref.$Module.PSObject.Properties) {
            $name = $entry.Name; $spec = $entry.Value
            if ($spec.PSObject.Properties['aliasOf']) {
                $a = Get-Alias -Name $name -ErrorAction SilentlyContinue
                if ($null -eq $a -or $a.Definition -ne $spec.aliasOf) { [void]$problems.Add("$name is not an alias of $($spec.aliasOf)") }
                continue
            }
            $cmd = Get-Command -Module $Module -Name $name -CommandType Function -ErrorAction SilentlyContinue
            if ($null -eq $cmd) { [void]$problems.Add("$name is not declared"); continue }
            $sets = @{}
            foreach ($sp in $spec.parameterSets.PSObject.Properties) {
                # Some reference sets list -WhatIf/-Confirm as parameters: the lab declares them; they are compared as ShouldProcess.
                $list = @($sp.Value | Where-Object { $null -ne $_ -and $_.name -notin @('WhatIf', 'Confirm') })
                if ($cdxml) { $have = @($list | ForEach-Object { $_.name }); $list += @($script:CdxmlCommon | Where-Object { $have -notcontains $_.name }) }
                $sets[$sp.Name] = $list
            }
            $want = (@($sets.Keys) | Sort-Object) -join ','
            $got = (@($cmd.ParameterSets.Name) | Sort-Object) -join ','
            if ($want -ne $got) { [void]$problems.Add("$name sets [$got], reference [$want]"); continue }
            foreach ($set in $cmd.ParameterSets) {
                $a = Format-ActualSet2 $set; $e = Format-ExpectedSet2 $sets[$set.Name]
                if ($a -ne $e) { [void]$problems.Add("$name set $($set.Name):`n  lab: $($a -replace "`n", "`n       ")`n  ref: $($e -replace "`n", "`n       ")") }
            }
            if ($spec.defaultParameterSet -and $cmd.DefaultParameterSet -ne $spec.defaultParameterSet) { [void]$problems.Add("$name default set $($cmd.DefaultParameterSet)") }
            $listsWhatIf = @($spec.parameterSets.PSObject.Properties | ForEach-Object { @($_.Value) } | Where-Object { $null -ne $_ -and $_.name -eq 'WhatIf' }).Count -gt 0
            if ([bool]$cmd.Parameters.ContainsKey('WhatIf') -ne ([bool]$spec.supportsShouldProcess -or $listsWhatIf)) { [void]$problems.Add("$name ShouldProcess") }
            foreach ($p in @($sets.Values | ForEach-Object { $_ } | Where-Object { $null -ne $_ -and $_.PSObject.Properties['type'] })) {
                $lp = $cmd.Parameters[$p.name]
                # FailoverClusters classes and enums are the real .NET types (Types.cs), so a number binds to an enum.
                if ($p.type -match '^Microsoft\.FailoverClusters\.') {
                    $t = $lp.ParameterType; if ($t.IsArray) { $t = $t.GetElementType() }
                    if ($t.FullName -ne ($p.type -replace '\[\]$', '')) { [void]$problems.Add("$name -$($p.name) is [$($t.FullName)], reference $($p.type)") }
                }
                # A CIM object parameter takes only instances of its class (the lab's CIM objects are PSObjects: [psobject] + PSTypeName).
                if ($p.PSObject.Properties['psTypeName'] -and $p.psTypeName) {
                    $tn = @($lp.Attributes | Where-Object { $_ -is [Management.Automation.PSTypeNameAttribute] } | ForEach-Object PSTypeName)
                    if ($tn -notcontains $p.psTypeName) { [void]$problems.Add("$name -$($p.name) lacks [PSTypeName('$($p.psTypeName)')]") }
                }
            }
        }
        ($problems -join "`n") | Should -BeNullOrEmpty
    }

    It 'binds a number to a FailoverClusters enum parameter, as a host does, and refuses an unknown name' {
        $fc = Get-Module FailoverClusters
        $saved = & $fc { $script:LabImpl['Add-ClusterGroup'] }
        try {
            & $fc { Register-LabImpl 'Add-ClusterGroup' { param($Inv, $B) $Inv.Cmdlet.WriteObject($B['GroupType']) } }
            $t = Add-ClusterGroup -Name 'G1' -GroupType 111
            $t | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.GroupType])
            "$t" | Should -Be 'VirtualMachine'
            { Add-ClusterGroup -Name 'G1' -GroupType 'NoSuchType' -ErrorAction Stop } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
        } finally {
            & $fc { param($b) if ($null -eq $b) { $script:LabImpl.Remove('Add-ClusterGroup') } else { $script:LabImpl['Add-ClusterGroup'] = $b } } $saved
        }
    }

    It 'the app-script fidelity checker binds calls of all eight modules (with the CDXML common parameters)' {
        $file = Join-Path $TestDrive 'calls.ps1'
        Set-Content -LiteralPath $file -Value @(
            '$s = $null'
            'Get-VM -Name DC01 | Stop-VM -Force'
            'Move-ClusterVirtualMachineRole -Name SQL01 -Node HV-C02 -MigrationType Live'
            'Get-PhysicalDisk -CimSession $s | Set-PhysicalDisk -MediaType SSD'
            'Resize-Partition -DiskNumber 1 -PartitionNumber 2 -Size 10GB -CimSession $s -ThrottleLimit 2 -AsJob'
            'Get-SmbShare -Name VMs -CimSession $s'
            'Get-DedupStatus -Volume E: -CimSession $s'
            'Get-NetAdapterVmq -Name Ethernet -CimSession $s'
            'Get-NetLbfoTeam -CimSession $s'
            'Get-NetVirtualizationLookupRecord -VirtualSubnetID 5001 -CimSession $s'
            'Get-NetAdapter -NoSuchParameter 1'
            'Add-ClusterGroup -Name G -GroupType NoSuchType')
        $list = Join-Path $TestDrive 'list.json'
        Set-Content -LiteralPath $list -Value (ConvertTo-Json -Depth 3 @{ files = @(@{ path = $file; checkBinding = $true }) })
        $refFile = @((Join-Path $PSScriptRoot '../support/reference/hyperv-cmdlets.json'), (Join-Path $PSScriptRoot '../../../shared/reference/hyperv-cmdlets.json')) | Where-Object { Test-Path $_ } | Select-Object -First 1
        $findings = @(& (Join-Path $PSScriptRoot '../support/fidelity/check-scripts.ps1') -ListPath $list -ReferencePath $refFile | ConvertFrom-Json)
        @($findings | ForEach-Object { '{0} {1}' -f $_.line, $_.rule }) | Should -Be @('11 unknown-parameter', '12 invalid-value')
    }

    It 'refuses a string where a FailoverClusters object is required' {
        { Get-ClusterPerf -Cluster 'HV-CLUSTER01' -ErrorAction Stop } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
    }
}

Describe 'Windows PowerShell 5.1 compatibility' {
    It '<Name> uses no PowerShell 7-only syntax' -ForEach $script:LabScripts {
        $tokens = $null; $errors = $null
        $ast = [Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $bad = @($ast.FindAll({ param($n)
                    $n.GetType().Name -in @('TernaryExpressionAst', 'PipelineChainAst') -or
                    ($n -is [Management.Automation.Language.BinaryExpressionAst] -and $n.Operator.ToString() -eq 'QuestionQuestion') -or
                    ($n -is [Management.Automation.Language.AssignmentStatementAst] -and $n.Operator.ToString() -eq 'QuestionQuestionEquals') -or
                    ($n -is [Management.Automation.Language.MemberExpressionAst] -and $n.NullConditional) -or
                    ($n -is [Management.Automation.Language.IndexExpressionAst] -and $n.NullConditional) -or
                    ($n -is [Management.Automation.Language.NamedBlockAst] -and $n.BlockKind.ToString() -eq 'Clean') -or
                    ($n -is [Management.Automation.Language.CommandParameterAst] -and $n.ParameterName -in @('Parallel', 'AsHashtable'))
                }, $true))
        ($bad | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Extent.Text)" }) | Should -BeNullOrEmpty
    }

    It '<Name> uses C# 5 only' -ForEach $script:LabCs {
        $text = Get-Content -Raw -LiteralPath $Path
        $text | Should -Not -Match '\?\.'          # null-conditional
        $text | Should -Not -Match '\$"'           # interpolated strings
        $text | Should -Not -Match '\)\s*=>'       # expression-bodied members / lambdas (delegates are used instead)
        $text | Should -Not -Match 'nameof\('
    }
}

# Virtual switches (External needs a free host NIC) and the host itself.
Set-StrictMode -Version Latest

function Resolve-LabSwitches($Inv, $B, $State, [switch]$Quiet) {
    $out = [Collections.ArrayList]::new()
    if ($B.ContainsKey('VMSwitch')) {
        foreach ($o in @($B['VMSwitch'])) { foreach ($sw in $State['switches']) { if ($sw['id'] -eq [string]$o.Id) { $null = $out.Add($sw) } } }
        return , $out
    }
    if ($B.ContainsKey('Id') -and $null -ne $B['Id']) {
        foreach ($id in @($B['Id'])) { foreach ($sw in $State['switches']) { if ($sw['id'] -eq [string]$id) { $null = $out.Add($sw) } } }
        return , $out
    }
    $names = @('*')
    if ($B.ContainsKey('Name') -and $null -ne $B['Name']) { $names = @($B['Name']) }
    foreach ($n in $names) {
        $pat = [Management.Automation.WildcardPattern]::new([string]$n, [Management.Automation.WildcardOptions]::IgnoreCase)
        $hit = $false
        foreach ($sw in $State['switches']) { if ($pat.IsMatch([string]$sw['name'])) { $hit = $true; if (-not $out.Contains($sw)) { $null = $out.Add($sw) } } }
        if (-not $hit -and -not $Quiet -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters([string]$n)) {
            Write-LabError $Inv "Hyper-V was unable to find a virtual switch with name `"$n`"." 'InvalidParameter' ObjectNotFound $n
        }
    }
    return , $out
}

Register-LabImpl 'Get-VMSwitch' {
    param($Inv, $B)
    $s = Get-LabState
    foreach ($sw in (Resolve-LabSwitches $Inv $B $s)) {
        if ($B.ContainsKey('SwitchType') -and [string]$sw['switchType'] -notin @($B['SwitchType'] | ForEach-Object { [string]$_ })) { continue }
        New-LabSwitchObject $s $sw
    }
}

function Find-LabHostNic($Inv, $State, $B) {
    $nic = $null
    foreach ($n in $State['host']['nics']) {
        if ($B.ContainsKey('NetAdapterName') -and ([string]$n['name'] -in @($B['NetAdapterName']))) { $nic = $n }
        if ($B.ContainsKey('NetAdapterInterfaceDescription') -and ([string]$n['description'] -in @($B['NetAdapterInterfaceDescription']))) { $nic = $n }
    }
    if ($null -eq $nic) {
        $what = @($B['NetAdapterName']) + @($B['NetAdapterInterfaceDescription']) | Where-Object { $_ }
        Stop-LabCmdlet $Inv "No matching network adapter was found on the host: '$($what -join ', ')'. Host adapters: $(($State['host']['nics'] | ForEach-Object { $_['name'] }) -join ', ')." 'ObjectNotFound' ObjectNotFound ($what -join ', ')
    }
    foreach ($sw in $State['switches']) {
        if ($sw['switchType'] -eq 'External' -and $sw['netAdapterGuid'] -eq $nic['guid']) {
            Stop-LabCmdlet $Inv "Failed while adding virtual Ethernet switch connections.`nThe network adapter '$($nic['name'])' is already bound to the external switch '$($sw['name'])'." 'InvalidParameter' ResourceBusy ([string]$nic['name'])
        }
    }
    return $nic
}

Register-LabImpl 'New-VMSwitch' {
    param($Inv, $B)
    $name = [string]$B['Name']
    if (-not $Inv.Cmdlet.ShouldProcess($name, 'New-VMSwitch')) { return }
    $id = Update-LabState {
        param($s)
        $sw = New-LabDict
        $sw['id'] = [Guid]::NewGuid().ToString()
        if ($B.ContainsKey('Id') -and $B['Id']) { $sw['id'] = ([Guid][string]$B['Id']).ToString() }
        $sw['name'] = $name
        $sw['notes'] = ''
        if ($B.ContainsKey('Notes')) { $sw['notes'] = [string]$B['Notes'] }
        $sw['bandwidthMode'] = 'Absolute'
        if ($B.ContainsKey('MinimumBandwidthMode')) { $sw['bandwidthMode'] = [string]$B['MinimumBandwidthMode'] }
        if ($Inv.Cmdlet.ParameterSetName -eq 'SwitchType') {
            $type = [string]$B['SwitchType']
            if ($type -eq 'External') { Stop-LabCmdlet $Inv 'An external switch needs a host network adapter: use -NetAdapterName or -NetAdapterInterfaceDescription.' 'InvalidParameter' InvalidArgument $type }
            $sw['switchType'] = $type
            $sw['allowManagementOS'] = $type -eq 'Internal'
            $sw['netAdapterInterfaceDescription'] = ''
        } else {
            $nic = Find-LabHostNic $Inv $s $B
            $sw['switchType'] = 'External'
            $sw['allowManagementOS'] = $true
            if ($B.ContainsKey('AllowManagementOS')) { $sw['allowManagementOS'] = [bool]$B['AllowManagementOS'] }
            $sw['netAdapterInterfaceDescription'] = [string]$nic['description']
            $sw['netAdapterGuid'] = [string]$nic['guid']
        }
        $null = $s['switches'].Add($sw)
        return [string]$sw['id']
    }
    $s1 = Get-LabState
    foreach ($sw in $s1['switches']) { if ($sw['id'] -eq $id) { New-LabSwitchObject $s1 $sw } }
}

Register-LabImpl 'Remove-VMSwitch' {
    param($Inv, $B)
    $force = $B.ContainsKey('Force') -and $B['Force']
    $s0 = Get-LabState
    foreach ($t in (Resolve-LabSwitches $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Remove-VMSwitch')) { continue }
        if (-not $force -and -not $Inv.Cmdlet.ShouldContinue("Remove the virtual switch '$($t['name'])'?", 'Remove-VMSwitch')) { continue }
        $id = [string]$t['id']
        Update-LabState {
            param($s)
            foreach ($sw in @($s['switches'])) {
                if ($sw['id'] -ne $id) { continue }
                # Adapters stay, disconnected, as on a real host.
                foreach ($vm in $s['vms']) { foreach ($n in $vm['networkAdapters']) { if ($n['switchName'] -eq $sw['name']) { $n['switchName'] = $null } } }
                $s['switches'].Remove($sw)
            }
        }
    }
}

Register-LabImpl 'Set-VMSwitch' {
    param($Inv, $B)
    $s0 = Get-LabState
    foreach ($t in (Resolve-LabSwitches $Inv $B $s0)) {
        if (-not $Inv.Cmdlet.ShouldProcess([string]$t['name'], 'Set-VMSwitch')) { continue }
        $id = [string]$t['id']
        Update-LabState {
            param($s)
            $sw = $null
            foreach ($x in $s['switches']) { if ($x['id'] -eq $id) { $sw = $x } }
            if ($B.ContainsKey('Notes')) { $sw['notes'] = [string]$B['Notes'] }
            if ($B.ContainsKey('NetAdapterName') -or $B.ContainsKey('NetAdapterInterfaceDescription')) {
                if ($sw['switchType'] -eq 'External') { $sw['netAdapterGuid'] = $null }
                $nic = Find-LabHostNic $Inv $s $B
                $sw['switchType'] = 'External'
                $sw['netAdapterInterfaceDescription'] = [string]$nic['description']
                $sw['netAdapterGuid'] = [string]$nic['guid']
            }
            if ($B.ContainsKey('SwitchType') -and $null -ne $B['SwitchType']) {
                $type = [string]$B['SwitchType']
                if ($type -eq 'External') { Stop-LabCmdlet $Inv 'To make a switch external, give -NetAdapterName or -NetAdapterInterfaceDescription.' 'InvalidParameter' InvalidArgument $type }
                $sw['switchType'] = $type
                $sw['netAdapterInterfaceDescription'] = ''
                $sw['netAdapterGuid'] = $null
                $sw['allowManagementOS'] = $type -eq 'Internal'
            }
            if ($B.ContainsKey('AllowManagementOS') -and $null -ne $B['AllowManagementOS']) {
                if ($sw['switchType'] -eq 'Private' -and [bool]$B['AllowManagementOS']) { Stop-LabCmdlet $Inv 'A private switch cannot be shared with the management operating system.' 'InvalidParameter' InvalidArgument $null }
                $sw['allowManagementOS'] = [bool]$B['AllowManagementOS']
            }
        }
        if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $s1 = Get-LabState; foreach ($x in $s1['switches']) { if ($x['id'] -eq $id) { New-LabSwitchObject $s1 $x } } }
    }
}

Register-LabImpl 'Get-VMHost' { param($Inv, $B) New-LabHostObject (Get-LabState) }

Register-LabImpl 'Get-VMHostNumaNode' {
    param($Inv, $B)
    foreach ($n in (Get-LabNumaNodes (Get-LabState))) {
        if ($B.ContainsKey('Id') -and $null -ne $B['Id'] -and $n.NodeId -ne $B['Id']) { continue }
        $n
    }
}

Register-LabImpl 'Set-VMHost' {
    param($Inv, $B)
    $name = [string](Get-LabState)['host']['name']
    if (-not $Inv.Cmdlet.ShouldProcess($name, 'Set-VMHost')) { return }
    foreach ($p in @('VirtualHardDiskPath', 'VirtualMachinePath')) {
        if ($B.ContainsKey($p) -and -not [IO.Directory]::Exists([string]$B[$p])) {
            Stop-LabCmdlet $Inv "The path '$($B[$p])' does not exist or is not a folder." 'InvalidParameter' ObjectNotFound $B[$p]
        }
    }
    Update-LabState {
        param($s)
        $h = $s['host']
        $map = @{ VirtualHardDiskPath = 'virtualHardDiskPath'; VirtualMachinePath = 'virtualMachinePath'; NumaSpanningEnabled = 'numaSpanningEnabled'; EnableEnhancedSessionMode = 'enableEnhancedSessionMode'
            MaximumStorageMigrations = 'maximumStorageMigrations'; MaximumVirtualMachineMigrations = 'maximumVirtualMachineMigrations'; UseAnyNetworkForMigration = 'useAnyNetworkForMigration'
            VirtualMachineMigrationAuthenticationType = 'migrationAuthenticationType'; VirtualMachineMigrationPerformanceOption = 'migrationPerformanceOption'; MacAddressMinimum = 'macAddressMinimum'; MacAddressMaximum = 'macAddressMaximum' }
        foreach ($k in $map.Keys) {
            if (-not $B.ContainsKey($k) -or $null -eq $B[$k]) { continue }
            $v = $B[$k]
            if ($v -is [Enum]) { $v = [string]$v }
            if ($k -like '*Path') { $v = [IO.Path]::GetFullPath([string]$v) }
            $h[$map[$k]] = $v
        }
    }
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { New-LabHostObject (Get-LabState) }
}

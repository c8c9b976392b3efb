# The CIM view of root\virtualization\v2 (used through the LabCim module's Get-CimInstance & co.):
# Msvm_ComputerSystem, settings, keyboard, video head, KVP exchange, and the console thumbnail, a
# text-mode screen rendered from the VM's boot phase and what was typed (persisted in the VM's console file,
# see cim-console-store.ps1).
Set-StrictMode -Version Latest

$script:LabCimNs = 'root/virtualization/v2'

function New-LabCimObject([string]$Class, [string[]]$Chain, $Props, [string]$Server) {
    $o = [pscustomobject]$Props
    $o.PSObject.TypeNames.Clear()
    $o.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$script:LabCimNs/$Class")
    foreach ($c in @($Class) + $Chain) { $o.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$c") }
    $o.PSObject.TypeNames.Add('Microsoft.Management.Infrastructure.CimInstance')
    $o.PSObject.TypeNames.Add('System.Object')
    $super = $null
    if (@($Chain).Count -gt 0) { $super = $Chain[0] }
    $o | Add-Member -NotePropertyName CimClass -NotePropertyValue ([pscustomobject]@{ CimClassName = $Class; CimSuperClassName = $super; CimClassNamespace = $script:LabCimNs })
    $o | Add-Member -NotePropertyName CimSystemProperties -NotePropertyValue ([pscustomobject]@{ Namespace = $script:LabCimNs; ServerName = $Server; ClassName = $Class; Path = $null })
    return $o
}

function Get-LabVmEnabledState([string]$State) {
    return [int][Microsoft.HyperV.PowerShell.VMState]$State
}

# $OnlyVmId (upper-case VM id or $null): build the per-VM instances of that VM only. Callers pass it only when
# their filter would drop every other VM's instances anyway, so the result is the same, without building
# (and rendering KVP items for) 64 VMs to return one.
function Get-LabCimInstances($State, [string]$Class, [string]$OnlyVmId) {
    $srv = [string]$State['host']['name']
    $now = Get-LabNowMs
    $vms = $State['vms']
    $snaps = $State['snapshots']
    if (-not [string]::IsNullOrEmpty($OnlyVmId)) {
        $vms = [Hyperdesk.Lab.LabFind]::Where($vms, 'id', $OnlyVmId)
        $snaps = [Hyperdesk.Lab.LabFind]::Where($snaps, 'vmId', $OnlyVmId)
    }
    switch ($Class) {
        'Msvm_ComputerSystem' {
            New-LabCimObject $Class @('CIM_ComputerSystem', 'CIM_System', 'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                Caption = 'Hosting Computer System'; Description = 'Microsoft Hosting Computer System'; ElementName = $srv; Name = $srv; EnabledState = 2; HealthState = 5; CreationClassName = 'Msvm_ComputerSystem' }) $srv
            foreach ($vm in $vms) {
                $live = Get-LabLive $State['host'] $vm $now
                New-LabCimObject $Class @('CIM_ComputerSystem', 'CIM_System', 'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                    Caption = 'Virtual Machine'; Description = 'Microsoft Virtual Machine'; ElementName = [string]$vm['name']; Name = ([string]$vm['id']).ToUpperInvariant()
                    EnabledState = (Get-LabVmEnabledState $live.State); HealthState = 5; OnTimeInMilliseconds = [uint64]$live.UptimeMs; CreationClassName = 'Msvm_ComputerSystem'
                    NumberOfNumaNodes = 1; ProcessID = [uint32]((Get-LabHash ([string]$vm['id'])) % 60000 + 1000) }) $srv
            }
        }
        'Msvm_VirtualSystemSettingData' {
            foreach ($vm in $vms) {
                New-LabCimObject $Class @('CIM_VirtualSystemSettingData', 'CIM_SettingData', 'CIM_ManagedElement') ([ordered]@{
                    InstanceID = 'Microsoft:' + ([string]$vm['id']).ToUpperInvariant(); ElementName = [string]$vm['name']; VirtualSystemIdentifier = ([string]$vm['id']).ToUpperInvariant()
                    VirtualSystemType = 'Microsoft:Hyper-V:System:Realized'; VirtualSystemSubType = 'Microsoft:Hyper-V:SubType:' + $vm['generation']; Version = [string]$vm['version']; Notes = [string[]]@([string]$vm['notes']) }) $srv
            }
            foreach ($sn in $snaps) {
                New-LabCimObject $Class @('CIM_VirtualSystemSettingData', 'CIM_SettingData', 'CIM_ManagedElement') ([ordered]@{
                    InstanceID = 'Microsoft:' + ([string]$sn['id']).ToUpperInvariant(); ElementName = [string]$sn['name']; VirtualSystemIdentifier = ([string]$sn['vmId']).ToUpperInvariant()
                    VirtualSystemType = 'Microsoft:Hyper-V:Snapshot:Realized'; VirtualSystemSubType = 'Microsoft:Hyper-V:SubType:' + $sn['config']['generation']; Version = [string]$sn['config']['version'] }) $srv
            }
        }
        'Msvm_VirtualSystemManagementService' {
            New-LabCimObject $Class @('CIM_VirtualSystemManagementService', 'CIM_Service', 'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement') ([ordered]@{
                Caption = 'Hyper-V Virtual System Management Service'; ElementName = 'Microsoft Hyper-V Virtual System Management Service'; Name = 'vmms'; SystemName = $srv; EnabledState = 2; Started = $true }) $srv
        }
        default {
            foreach ($vm in $vms) { Get-LabCimDevice $State $vm $Class $now }
        }
    }
}

function Get-LabCimDevice($State, $Vm, [string]$Class, [long]$Now) {
    $srv = [string]$State['host']['name']
    $sys = ([string]$Vm['id']).ToUpperInvariant()
    $live = Get-LabLive $State['host'] $Vm $Now
    $enabled = 3
    if ($live.State -eq 'Running') { $enabled = 2 }
    switch ($Class) {
        'Msvm_Keyboard' {
            New-LabCimObject $Class @('CIM_Keyboard', 'CIM_UserDevice', 'CIM_LogicalDevice') ([ordered]@{
                DeviceID = "Microsoft:$sys\Keyboard"; SystemName = $sys; ElementName = 'Keyboard'; Layout = '00000409'; UnicodeSupported = $true; IsLocked = $false; EnabledState = $enabled }) $srv
        }
        'Msvm_SyntheticMouse' {
            New-LabCimObject $Class @('CIM_PointingDevice', 'CIM_UserDevice', 'CIM_LogicalDevice') ([ordered]@{
                DeviceID = "Microsoft:$sys\SyntheticMouse"; SystemName = $sys; ElementName = 'Synthetic Mouse'; AbsoluteCoordinates = $true; NumberOfButtons = 5; EnabledState = $enabled }) $srv
        }
        'Msvm_VideoHead' {
            New-LabCimObject $Class @('CIM_VideoHead', 'CIM_LogicalDevice') ([ordered]@{
                DeviceID = "Microsoft:$sys\VideoHead"; SystemName = $sys; ElementName = 'Video Head'; EnabledState = $enabled
                CurrentHorizontalResolution = [uint32]$Vm['video']['width']; CurrentVerticalResolution = [uint32]$Vm['video']['height']; CurrentBitsPerPixel = [uint32]16 }) $srv
        }
        'Msvm_KvpExchangeComponent' {
            $items = [string[]]@()
            if ($live.State -eq 'Running' -and $live.Heartbeat -eq 'OkApplicationsHealthy' -and $Vm['integrationServices']['Key-Value Pair Exchange']) { $items = [string[]]@(Get-LabKvpItems $Vm) }
            New-LabCimObject $Class @('CIM_LogicalDevice') ([ordered]@{
                DeviceID = "Microsoft:$sys\KvpExchange"; SystemName = $sys; ElementName = 'Key-Value Pair Exchange'; EnabledState = $enabled
                GuestIntrinsicExchangeItems = $items; GuestExchangeItems = [string[]]@() }) $srv
        }
    }
}

function ConvertTo-LabKvpXml([string]$Name, [string]$Data) {
    $esc = [Security.SecurityElement]::Escape($Data)
    return '<INSTANCE CLASSNAME="Msvm_KvpExchangeDataItem"><PROPERTY NAME="Caption" TYPE="string"></PROPERTY><PROPERTY NAME="Data" TYPE="string"><VALUE>' + $esc +
        '</VALUE></PROPERTY><PROPERTY NAME="Description" TYPE="string"></PROPERTY><PROPERTY NAME="ElementName" TYPE="string"></PROPERTY><PROPERTY NAME="Name" TYPE="string"><VALUE>' + $Name +
        '</VALUE></PROPERTY><PROPERTY NAME="Source" TYPE="uint16"><VALUE>2</VALUE></PROPERTY></INSTANCE>'
}

function Get-LabKvpItems($Vm) {
    $g = $Vm['guest']
    $ver = [string]$g['osVersion']
    $parts = $ver.Split('.')
    $ips = @($Vm['networkAdapters'] | ForEach-Object { @($_['ipAddresses']) } | Where-Object { $_ })
    $v4 = @($ips | Where-Object { $_ -notlike '*:*' }) -join ';'
    $v6 = @($ips | Where-Object { $_ -like '*:*' }) -join ';'
    $pairs = [ordered]@{ FullyQualifiedDomainName = [string]$g['fqdn']; OSName = [string]$g['os']; OSVersion = $ver; CSDVersion = ''; OSMajorVersion = $parts[0]; OSMinorVersion = $(if ($parts.Count -gt 1) { $parts[1] } else { '0' })
        OSBuildNumber = $(if ($parts.Count -gt 2) { $parts[2] } else { '0' }); OSPlatformId = '2'; ServicePackMajor = '0'; ServicePackMinor = '0'; SuiteMask = '272'; ProductType = [string]$g['productType']
        OSEditionId = '8'; ProcessorArchitecture = '9'; IntegrationServicesVersion = [string]$g['isVersion']; NetworkAddressIPv4 = $v4; NetworkAddressIPv6 = $v6; RDPAddressIPv4 = $v4; RDPAddressIPv6 = $v6 }
    foreach ($k in $pairs.Keys) { ConvertTo-LabKvpXml $k ([string]$pairs[$k]) }
}

# ---- console screen ----
function Get-LabScreenLines($State, $Vm, $Live) {
    $lines = New-Object 'string[]' 25
    for ($i = 0; $i -lt 25; $i++) { $lines[$i] = '' }
    $g = $Vm['guest']
    $c = Get-LabConsole $Vm
    $scheme = 'firmware'
    switch ($Live.Phase) {
        'firmware' {
            $lines[1] = 'Microsoft Hyper-V UEFI Virtual Machine'
            if ([int]$Vm['generation'] -eq 1) { $lines[1] = 'Hyper-V BIOS (Generation 1 virtual machine)' }
            $lines[3] = 'Virtual Machine ID: ' + ([string]$Vm['id']).ToUpperInvariant()
            $lines[5] = 'Boot device: SCSI Disk (0,0)'
            $lines[7] = 'Booting...'
        }
        'boot' {
            if ($g['family'] -eq 'linux') {
                $lines[0] = '[    0.000000] Linux version ' + $g['osVersion']
                $lines[1] = '[    0.412000] hv_vmbus: Vmbus version:5.3'
                $lines[2] = '[    1.020000] hv_storvsc: SCSI disk ready'
                $lines[3] = '[  OK  ] Reached target Multi-User System.'
            } elseif ($g['family'] -eq 'windows') {
                $scheme = 'windows'
                $lines[11] = '                              Starting Windows'
                $dots = [int](($Live.UptimeMs / 400) % 8)
                $lines[13] = '                                 ' + ('. ' * $dots)
            } else {
                $lines[2] = 'No operating system was loaded. Press a key to retry the boot sequence...'
            }
        }
        'login' {
            $typed = ([string]$c['text']).Split("`n")
            if ($g['family'] -eq 'linux') {
                $hostName = ([string]$g['fqdn']).Split('.')[0]
                $lines[0] = [string]$g['os'] + ' ' + $hostName + ' tty1'
                $row = 2
                for ($i = 0; $i -lt $typed.Count -and $row -lt 25; $i++) {
                    $prompt = $hostName + ' login: '
                    $shown = $typed[$i]
                    if ($i -eq 1) { $prompt = 'Password: '; $shown = '' }
                    elseif ($i -gt 1) { $prompt = 'admin@' + $hostName + ':~$ ' }
                    $lines[$row] = $prompt + $shown
                    $row++
                }
            } elseif ($g['family'] -eq 'windows') {
                $scheme = 'windows'
                $name = [string]$g['computerName']
                if (-not $c['ctrlAltDel']) {
                    $lines[8] = '                                   ' + (ConvertFrom-LabMs (Get-LabNowMs)).ToString('HH:mm', [Globalization.CultureInfo]::InvariantCulture)
                    $lines[11] = '                                   ' + $name
                    $lines[14] = '                   Press Ctrl+Alt+Delete to sign in.'
                } else {
                    $lines[9] = '                              ' + $name + '\Administrator'
                    $lines[11] = '                              Password: ' + ('*' * $typed[0].Length)
                    $row = 13
                    for ($i = 1; $i -lt $typed.Count -and $row -lt 25; $i++) { $lines[$row] = 'C:\Users\Administrator> ' + $typed[$i]; $row++ }
                }
            } else {
                $lines[2] = 'No operating system was loaded. Press a key to retry the boot sequence...'
            }
        }
    }
    return @{ Lines = $lines; Scheme = $scheme }
}

# The last rendered frame per VM, keyed by what it shows (scheme, size, the 25 lines): a console polls many times
# a second and the text changes a few times a second at most, so most polls reuse the pixels.
$script:LabThumbnailCache = @{}

function Get-LabThumbnail($State, $Vm, [int]$Width, [int]$Height) {
    $live = Get-LabLive $State['host'] $Vm (Get-LabNowMs)
    if ($live.State -eq 'Off') { return $null }
    $screen = Get-LabScreenLines $State $Vm $live
    $id = [string]$Vm['id']
    $key = $screen.Scheme + '|' + $Width + 'x' + $Height + '|' + ([string]::Join("`n", [string[]]$screen.Lines))
    $hit = $script:LabThumbnailCache[$id]
    if ($null -ne $hit -and [string]::Equals($hit.Key, $key, [StringComparison]::Ordinal)) {
        # A copy: the caller owns the array it gets (the real host returns a new buffer per call).
        return , ([byte[]]$hit.Bytes.Clone())
    }
    $fg = [Hyperdesk.Lab.LabScreen]::Rgb565(200, 200, 200); $bg = [Hyperdesk.Lab.LabScreen]::Rgb565(0, 0, 0)
    if ($screen.Scheme -eq 'windows') { $fg = [Hyperdesk.Lab.LabScreen]::Rgb565(255, 255, 255); $bg = [Hyperdesk.Lab.LabScreen]::Rgb565(0, 84, 166) }
    $bytes = [Hyperdesk.Lab.LabScreen]::Render([string[]]$screen.Lines, 80, 25, $Width, $Height, $fg, $bg)
    $script:LabThumbnailCache[$id] = @{ Key = $key; Bytes = $bytes }
    return , ([byte[]]$bytes.Clone())
}

# Keyboard input changes the persisted console text (the VM's console file, not state.json). Returns the CIM return code.
function Invoke-LabKeyboard($Inv, [string]$VmId, [string]$Method, $Arguments) {
    $s0 = Get-LabState
    $vm0 = Find-LabVMRecord $s0 $VmId
    if ($null -eq $vm0 -or (Get-LabVMState $vm0 (Get-LabNowMs)) -ne 'Running') { return [uint32]32775 }
    if ($Method -notin @('TypeText', 'TypeKey', 'PressKey', 'ReleaseKey', 'TypeCtrlAltDel')) { return [uint32]32770 }
    if ($Method -eq 'TypeText' -and ([string]$Arguments['asciiText']).Length -gt 512) { return [uint32]32773 }
    $done = Update-LabConsole $VmId {
        param($c)
        switch ($Method) {
            'TypeText' { foreach ($ch in ([string]$Arguments['asciiText']).ToCharArray()) { Add-LabConsoleChar $c $ch } }
            'TypeKey' { Add-LabConsoleKey $c ([int]$Arguments['keyCode']) }
            'PressKey' { if ([int]$Arguments['keyCode'] -in @(16, 160, 161)) { $c['shift'] = $true } }
            'ReleaseKey' { if ([int]$Arguments['keyCode'] -in @(16, 160, 161)) { $c['shift'] = $false } }
            'TypeCtrlAltDel' { $c['ctrlAltDel'] = $true; $c['text'] = '' }
        }
    }
    if (-not $done) { return [uint32]32775 }   # the VM was removed meanwhile
    return [uint32]0
}

function Add-LabConsoleChar($Console, [char]$Ch) {
    $t = [string]$Console['text']
    if ($Ch -eq "`r") { return }
    if ($Ch -eq "`b") { if ($t.Length -gt 0 -and $t[$t.Length - 1] -ne "`n") { $Console['text'] = $t.Substring(0, $t.Length - 1) }; return }
    $Console['text'] = $t + $Ch
}

function Add-LabConsoleKey($Console, [int]$Vk) {
    if ($Vk -eq 13) { Add-LabConsoleChar $Console "`n"; return }
    if ($Vk -eq 8) { Add-LabConsoleChar $Console "`b"; return }
    if ($Vk -eq 32) { Add-LabConsoleChar $Console ' '; return }
    if ($Vk -ge 65 -and $Vk -le 90) {
        $ch = [char]$Vk
        if (-not $Console['shift']) { $ch = [char]::ToLowerInvariant($ch) }
        Add-LabConsoleChar $Console $ch
        return
    }
    if ($Vk -ge 48 -and $Vk -le 57) { Add-LabConsoleChar $Console ([char]$Vk) }
}

# ---- entry points for the LabCim module ----
function Test-LabCimFilter($Obj, [string]$Filter) {
    if ([string]::IsNullOrWhiteSpace($Filter)) { return $true }
    # WQL conditions joined by AND: Name = 'x', Name="x", Name <> 'x', Number = 3
    foreach ($cond in [Text.RegularExpressions.Regex]::Split($Filter, '\s+AND\s+', 'IgnoreCase')) {
        $m = [Text.RegularExpressions.Regex]::Match($cond.Trim(), '^\(?\s*(\w+)\s*(=|<>|!=)\s*(?:''((?:[^'']|'''')*)''|"([^"]*)"|(-?\d+)|(TRUE|FALSE))\s*\)?$', 'IgnoreCase')
        if (-not $m.Success) { throw [ArgumentException]::new("The lab supports WQL filters of the form Property = 'value' [AND ...]; cannot parse: $cond") }
        $prop = $m.Groups[1].Value
        $want = $m.Groups[3].Value.Replace("''", "'")
        if ($m.Groups[4].Success) { $want = $m.Groups[4].Value }
        if ($m.Groups[5].Success) { $want = $m.Groups[5].Value }
        if ($m.Groups[6].Success) { $want = $m.Groups[6].Value }
        $p = $Obj.PSObject.Properties[$prop]
        $have = $null
        if ($null -ne $p) { $have = [string]$p.Value }
        $eq = [string]::Equals($have, $want, [StringComparison]::OrdinalIgnoreCase)
        if ($m.Groups[2].Value -eq '=' -and -not $eq) { return $false }
        if ($m.Groups[2].Value -ne '=' -and $eq) { return $false }
    }
    return $true
}

function Invoke-LabCimGet([string]$Class, [string]$Filter) {
    $s = Get-LabState
    $only = Get-LabCimFilterVmId $Class $Filter
    foreach ($o in (Get-LabCimInstances $s $Class $only)) { if (Test-LabCimFilter $o $Filter) { $o } }
}

# The VM id a filter pins the per-VM instances of $Class to (an '=' condition on the property holding the VM's
# upper-case id: Name, SystemName or VirtualSystemIdentifier), or $null when it does not (or does not parse:
# then Test-LabCimFilter reports it as before).
function Get-LabCimFilterVmId([string]$Class, [string]$Filter) {
    if ([string]::IsNullOrWhiteSpace($Filter)) { return $null }
    $prop = 'SystemName'
    if ($Class -eq 'Msvm_ComputerSystem') { $prop = 'Name' }
    elseif ($Class -eq 'Msvm_VirtualSystemSettingData') { $prop = 'VirtualSystemIdentifier' }
    elseif ($Class -eq 'Msvm_VirtualSystemManagementService') { return $null }
    $want = $null
    foreach ($cond in [Text.RegularExpressions.Regex]::Split($Filter, '\s+AND\s+', 'IgnoreCase')) {
        $m = [Text.RegularExpressions.Regex]::Match($cond.Trim(), '^\(?\s*(\w+)\s*(=|<>|!=)\s*(?:''((?:[^'']|'''')*)''|"([^"]*)"|(-?\d+)|(TRUE|FALSE))\s*\)?$', 'IgnoreCase')
        if (-not $m.Success) { return $null }
        if ($null -ne $want -or $m.Groups[2].Value -ne '=' -or -not [string]::Equals($m.Groups[1].Value, $prop, [StringComparison]::OrdinalIgnoreCase)) { continue }
        $want = $m.Groups[3].Value.Replace("''", "'")
        if ($m.Groups[4].Success) { $want = $m.Groups[4].Value }
        if ($m.Groups[5].Success) { $want = $m.Groups[5].Value }
        if ($m.Groups[6].Success) { $want = $m.Groups[6].Value }
    }
    if ([string]::IsNullOrEmpty($want)) { return $null }
    return $want.ToUpperInvariant()
}

function Get-LabCimVmId($Obj) {
    $cls = $Obj.CimClass.CimClassName
    if ($cls -eq 'Msvm_ComputerSystem') { return [string]$Obj.Name }
    if ($cls -eq 'Msvm_VirtualSystemSettingData') { return [string]$Obj.VirtualSystemIdentifier }
    if ($Obj.PSObject.Properties['SystemName']) { return [string]$Obj.SystemName }
    return $null
}

function Invoke-LabCimAssociated($InputObject, [string]$ResultClassName) {
    $s = Get-LabState
    $id = Get-LabCimVmId $InputObject
    $vm = $null
    if ($id) { $vm = Find-LabVMRecord $s $id.ToLowerInvariant() }
    if ($null -eq $vm) { return }
    $classes = @('Msvm_VirtualSystemSettingData', 'Msvm_Keyboard', 'Msvm_SyntheticMouse', 'Msvm_VideoHead', 'Msvm_KvpExchangeComponent')
    if ($InputObject.CimClass.CimClassName -ne 'Msvm_ComputerSystem') { $classes = @('Msvm_ComputerSystem') }
    if ($ResultClassName) { $classes = @($classes | Where-Object { $_ -eq $ResultClassName }) }
    foreach ($c in $classes) {
        foreach ($o in (Get-LabCimInstances $s $c ([string]$vm['id']).ToUpperInvariant())) { if ((Get-LabCimVmId $o) -eq ([string]$vm['id']).ToUpperInvariant() -and ($c -ne 'Msvm_VirtualSystemSettingData' -or $o.VirtualSystemType -like '*System:Realized')) { $o } }
    }
}

function New-LabCimResult([uint32]$Code, $Extra) {
    $r = [ordered]@{ ReturnValue = $Code }
    if ($null -ne $Extra) { foreach ($k in $Extra.Keys) { $r[$k] = $Extra[$k] } }
    $o = [pscustomobject]$r
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimMethodResult')
    return $o
}

function Invoke-LabCimMethodCore($Inv, $InputObject, [string]$MethodName, $Arguments) {
    $cls = $InputObject.CimClass.CimClassName
    if ($null -eq $Arguments) { $Arguments = @{} }
    if ($cls -eq 'Msvm_VirtualSystemManagementService' -and $MethodName -eq 'GetVirtualSystemThumbnailImage') {
        $target = $Arguments['TargetSystem']
        $id = $null
        if ($target -is [string]) { $m = [Text.RegularExpressions.Regex]::Match($target, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'); if ($m.Success) { $id = $m.Value } }
        elseif ($null -ne $target) { $id = Get-LabCimVmId $target }
        $s = Get-LabState
        $vm = $null
        if ($id) { $vm = Find-LabVMRecord $s $id.ToLowerInvariant() }
        if ($null -eq $vm) { return New-LabCimResult 32773 @{ ImageData = $null } }
        $w = [int]$Arguments['WidthPixels']; $h = [int]$Arguments['HeightPixels']
        if ($w -le 0 -or $h -le 0 -or $w -gt 65535 -or $h -gt 65535) { return New-LabCimResult 32773 @{ ImageData = $null } }
        $img = Get-LabThumbnail $s $vm $w $h
        if ($null -eq $img) { return New-LabCimResult 32775 @{ ImageData = $null } }
        return New-LabCimResult 0 @{ ImageData = [byte[]]$img }
    }
    if ($cls -eq 'Msvm_Keyboard' -and $MethodName -in @('TypeText', 'TypeKey', 'PressKey', 'ReleaseKey', 'TypeCtrlAltDel')) {
        return New-LabCimResult (Invoke-LabKeyboard $Inv ([string]$InputObject.SystemName).ToLowerInvariant() $MethodName $Arguments) $null
    }
    if ($cls -eq 'Msvm_Keyboard' -and $MethodName -eq 'IsKeyPressed') {
        $vm = Find-LabVMRecord (Get-LabState) ([string]$InputObject.SystemName).ToLowerInvariant()
        $down = [int]$Arguments['keyCode'] -in @(160, 161) -and [bool](Get-LabConsole $vm)['shift']
        return New-LabCimResult 0 @{ keyState = $down }
    }
    # Mouse methods live in cim-mouse.ps1 (added with the console feature).
    if ($cls -eq 'Msvm_SyntheticMouse') { return Invoke-LabMouse $InputObject $MethodName $Arguments }
    throw [NotImplementedException]::new("The method $cls.$MethodName is not simulated in the lab.")
}

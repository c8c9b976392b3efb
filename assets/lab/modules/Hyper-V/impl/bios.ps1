# Get-VMBios / Set-VMBios: the BIOS of a generation 1 VM (startup order by device kind, NumLock).
# The settings live in the VM's 'firmware' record so checkpoints capture them (Get-VMBios -VMSnapshot).
# Records written before the BIOS was simulated have no startupOrder/numLock: they read as Hyper-V's
# defaults (CD, IDE, LegacyNetworkAdapter, Floppy; NumLock off), with New-VM -BootDevice's kind first.
Set-StrictMode -Version Latest

$script:LabBiosDevices = @('CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy')

function Assert-LabGen1($Inv, $Vm) {
    if ([int]$Vm['generation'] -ne 1) {
        Stop-LabCmdlet $Inv ("The virtual machine '{0}' is a generation {1} virtual machine: {2} applies to generation 1 virtual machines only (use Get-VMFirmware/Set-VMFirmware)." -f $Vm['name'], $Vm['generation'], $Inv.Name) 'InvalidParameter' InvalidArgument ([string]$Vm['name'])
    }
}

function Get-LabBiosStartupOrder($Firmware) {
    $order = $null
    if ($null -ne $Firmware) { $order = $Firmware['startupOrder'] }
    if ($null -ne $order -and @($order).Count -gt 0) { return [string[]]@($order) }
    $first = $null
    if ($null -ne $Firmware) { $first = [string]$Firmware['firstBoot'] }
    if ($script:LabBiosDevices -contains $first) {
        return [string[]](@($first) + @($script:LabBiosDevices | Where-Object { $_ -ne $first }))
    }
    return [string[]]$script:LabBiosDevices
}

function New-LabBiosObject($State, $Vm, $Rec, $Snap) {
    $fw = $Rec['firmware']
    $o = [Microsoft.HyperV.PowerShell.VMBios]::new()
    $o.StartupOrder = [Microsoft.HyperV.PowerShell.BootDevice[]](Get-LabBiosStartupOrder $fw)
    $o.NumLockEnabled = $null -ne $fw -and [bool]$fw['numLock']
    $o.VMId = [Guid]$Vm['id']
    $o.VMName = [string]$Vm['name']
    if ($null -ne $Snap) {
        $o.VMSnapshotId = [Guid]$Snap['id']
        $o.VMSnapshotName = [string]$Snap['name']
    }
    $o.ComputerName = [string]$State['host']['name']
    return $o
}

# -StartupOrder must name each BIOS boot device exactly once (VHD and NetworkAdapter are generation 2 kinds).
function Get-LabCheckedStartupOrder($Inv, $Order) {
    $names = @(@($Order) | ForEach-Object { [string]$_ })
    $wrong = @($names | Where-Object { $script:LabBiosDevices -notcontains $_ })
    if ($wrong.Count -gt 0) {
        Stop-LabCmdlet $Inv ("The boot device '{0}' is not valid for a generation 1 virtual machine: the startup order lists {1}." -f $wrong[0], ($script:LabBiosDevices -join ', ')) 'InvalidParameter' InvalidArgument $wrong[0]
    }
    foreach ($d in $script:LabBiosDevices) {
        $n = @($names | Where-Object { $_ -eq $d }).Count
        if ($n -ne 1) {
            Stop-LabCmdlet $Inv ("The startup order must list each boot device ({0}) exactly once; '{1}' appears {2} times." -f ($script:LabBiosDevices -join ', '), $d, $n) 'InvalidParameter' InvalidArgument ($names -join ',')
        }
    }
    return [string[]]$names
}

Register-LabImpl 'Get-VMBios' {
    param($Inv, $B)
    Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) Assert-LabGen1 $Inv $vm; New-LabBiosObject $s $vm $rec $snap }
}

Register-LabImpl 'Set-VMBios' {
    param($Inv, $B)
    if ($B.ContainsKey('VMBios')) { $B = Get-LabTargetsFromComponents $B 'VMBios' }
    $enable = $B.ContainsKey('EnableNumLock') -and $B['EnableNumLock']
    $disable = $B.ContainsKey('DisableNumLock') -and $B['DisableNumLock']
    if ($enable -and $disable) { Stop-LabCmdlet $Inv 'Specify either -EnableNumLock or -DisableNumLock, not both.' 'InvalidParameter' InvalidArgument $null }
    $order = $null
    if ($B.ContainsKey('StartupOrder') -and $null -ne $B['StartupOrder']) { $order = Get-LabCheckedStartupOrder $Inv $B['StartupOrder'] }
    Invoke-LabVMChange $Inv $B 'Set-VMBios' {
        param($vm, $s, $now)
        Assert-LabGen1 $Inv $vm
        $fw = $vm['firmware']
        if ($null -ne $order -and ((Get-LabBiosStartupOrder $fw) -join ',') -ne ($order -join ',')) {
            Assert-LabVMOff $Inv $vm 'the BIOS startup order'
            $fw['startupOrder'] = @($order)
        }
        if (($enable -or $disable) -and [bool]$fw['numLock'] -ne $enable) {
            Assert-LabVMOff $Inv $vm 'the BIOS NumLock setting'
            $fw['numLock'] = $enable
        }
    } -NoOutput
    if ($B.ContainsKey('Passthru') -and $B['Passthru']) { $B.Remove('Passthru') | Out-Null; Invoke-LabComponentGet $Inv $B { param($s, $vm, $rec, $snap) New-LabBiosObject $s $vm $rec $snap } }
}

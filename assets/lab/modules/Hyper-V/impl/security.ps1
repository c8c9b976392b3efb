# Get-VMSecurity, Enable-/Disable-VMTPM, Get-/Set-VMKeyProtector with the real rules: a virtual TPM needs
# a generation 2 VM that is off and already has a key protector; without one Get-VMKeyProtector returns the
# 4-byte empty protector (0,0,0,4), which is how scripts test for it (.Length -gt 4).
# State (in the VM's 'firmware' record, so checkpoints capture it): tpm (bool), keyProtector (base64 of the
# protector; older states stored $true/$false), encryptState and vbsOptOut (absent = $false).
Set-StrictMode -Version Latest

$script:LabEmptyKeyProtector = [byte[]]@(0, 0, 0, 4)

# The protector's bytes: stored base64, or for a legacy $true a stable per-VM value; else the empty protector.
function Get-LabKeyProtectorBytes($Vm) {
    $kp = $Vm['firmware']['keyProtector']
    if ($kp -is [string] -and $kp.Length -gt 0) { return , [Convert]::FromBase64String($kp) }
    if ($kp -is [bool] -and $kp) {
        $seed = [Text.Encoding]::UTF8.GetBytes('lab-local-key-protector/' + [string]$Vm['id'])
        $sha = [Security.Cryptography.SHA256]::Create()
        try { $h = $sha.ComputeHash($seed) } finally { $sha.Dispose() }
        $bytes = New-Object byte[] 256
        for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = $h[$i % $h.Length] -bxor [byte]($i % 251) }
        return , $bytes
    }
    return , ([byte[]]$script:LabEmptyKeyProtector.Clone())
}

function Test-LabHasKeyProtector($Vm) { return (Get-LabKeyProtectorBytes $Vm).Length -gt 4 }

# A new local key protector: fresh key material each time, like a new guardian-wrapped transport key.
function New-LabLocalKeyProtector {
    $bytes = New-Object byte[] 256
    $rng = [Security.Cryptography.RandomNumberGenerator]::Create()
    try { $rng.GetBytes($bytes) } finally { $rng.Dispose() }
    $bytes[0] = 0x4C; $bytes[1] = 0x4B; $bytes[2] = 0x50; $bytes[3] = 0x31   # never the 4-byte empty marker
    return [Convert]::ToBase64String($bytes)
}

function Assert-LabTpmGen2($Inv, $Vm) {
    if ([int]$Vm['generation'] -ne 2) {
        Stop-LabCmdlet $Inv ("Failed to modify the security settings of '{0}'.`nA virtual TPM requires a generation 2 virtual machine; '{0}' is generation {1}." -f $Vm['name'], $Vm['generation']) 'InvalidParameter' InvalidArgument ([string]$Vm['name'])
    }
}

function New-LabSecurityObject($State, $Vm) {
    $fw = $Vm['firmware']
    $o = [Microsoft.HyperV.PowerShell.VMSecurity]::new()
    $o.TpmEnabled = [int]$Vm['generation'] -eq 2 -and [bool]$fw['tpm']
    $o.KsdEnabled = $false   # key storage drives (generation 1) are not simulated
    $o.Shielded = $false
    $o.EncryptStateAndVmMigrationTraffic = [bool]$fw['encryptState']
    $o.VirtualizationBasedSecurityOptOut = [bool]$fw['vbsOptOut']
    $o.BindToHostTpm = $false
    $o.ComputerName = [string]$State['host']['name']
    return $o
}

Register-LabImpl 'Get-VMSecurity' {
    param($Inv, $B)
    $s = Get-LabState
    foreach ($vm in (Resolve-LabVMs $Inv $B $s)) { New-LabSecurityObject $s $vm }
}

Register-LabImpl 'Get-VMKeyProtector' {
    param($Inv, $B)
    $s = Get-LabState
    # One byte[] per VM, written whole (not enumerated), as the real cmdlet does.
    foreach ($vm in (Resolve-LabVMs $Inv $B $s)) { $Inv.Cmdlet.WriteObject((Get-LabKeyProtectorBytes $vm), $false) }
}

Register-LabImpl 'Set-VMKeyProtector' {
    param($Inv, $B)
    $modes = @(@('NewLocalKeyProtector', 'KeyProtector', 'RestoreLastKnownGoodKeyProtector') | Where-Object { $B.ContainsKey($_) -and $null -ne $B[$_] -and -not ($B[$_] -is [Management.Automation.SwitchParameter] -and -not $B[$_]) })
    if ($modes.Count -ne 1) { Stop-LabCmdlet $Inv 'Specify exactly one of -NewLocalKeyProtector, -KeyProtector or -RestoreLastKnownGoodKeyProtector.' 'InvalidParameter' InvalidArgument $null }
    $given = $null
    if ($modes[0] -eq 'KeyProtector') {
        $raw = [byte[]]$B['KeyProtector']
        if ($raw.Length -le 4) { Stop-LabCmdlet $Inv 'The key protector is not valid: it holds no guardian.' 'InvalidParameter' InvalidArgument $null }
        $given = [Convert]::ToBase64String($raw)
    }
    Invoke-LabVMChange $Inv $B 'Set-VMKeyProtector' {
        param($vm, $s, $now)
        Assert-LabVMOff $Inv $vm 'the key protector'
        $fw = $vm['firmware']
        switch ($modes[0]) {
            'NewLocalKeyProtector' { $fw['keyProtector'] = New-LabLocalKeyProtector }
            'KeyProtector' { $fw['keyProtector'] = $given }
            default {
                # The lab does not roll the protector at boot, so the current one is the last known good.
                if (-not (Test-LabHasKeyProtector $vm)) { Stop-LabCmdlet $Inv "The virtual machine '$($vm['name'])' has no last known good key protector." 'InvalidState' InvalidOperation ([string]$vm['name']) }
            }
        }
    }
}

Register-LabImpl 'Enable-VMTPM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Enable-VMTPM' {
        param($vm, $s, $now)
        Assert-LabTpmGen2 $Inv $vm
        if ([bool]$vm['firmware']['tpm']) { return }
        Assert-LabVMOff $Inv $vm 'the TPM'
        if (-not (Test-LabHasKeyProtector $vm)) { Stop-LabCmdlet $Inv "Failed to enable the TPM of '$($vm['name'])'.`nThe virtual machine has no key protector: run Set-VMKeyProtector -NewLocalKeyProtector first." 'InvalidState' InvalidOperation ([string]$vm['name']) }
        $vm['firmware']['tpm'] = $true
    }
}

Register-LabImpl 'Disable-VMTPM' {
    param($Inv, $B)
    Invoke-LabVMChange $Inv $B 'Disable-VMTPM' {
        param($vm, $s, $now)
        Assert-LabTpmGen2 $Inv $vm
        if (-not [bool]$vm['firmware']['tpm']) { return }
        Assert-LabVMOff $Inv $vm 'the TPM'
        $vm['firmware']['tpm'] = $false
    }
}

# The console's text lives in a small file per VM (<stateDir>/console/<vmId>.json), not in state.json: a key must not
# rewrite the host's whole state, yet the console must behave as before: visible to other processes at once, kept
# across a module re-import, reset when the guest boots again, kept across save/resume and checkpoints (which do
# not capture it), carried by an export, and an older state file whose records hold the text is still shown.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:HostDir = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB02').stateDir
    $script:StateFile = Join-Path $script:HostDir 'state.json'
    Enter-TestLab $script:HostDir
    Set-TestLabTimings @{ exportMs = 200; startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 1600 }
    $script:Ns = 'root\virtualization\v2'

    function Get-Keyboard([string]$Name) {
        $cs = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_ComputerSystem -Filter "ElementName='$Name'"
        return Get-CimAssociatedInstance -InputObject $cs -ResultClassName Msvm_Keyboard
    }
    function Send-Text([string]$Name, [string]$Text) {
        (Invoke-CimMethod -InputObject (Get-Keyboard $Name) -MethodName TypeText -Arguments @{ asciiText = $Text }).ReturnValue | Should -Be 0
    }
    # The VM's text screen as this process renders it for a frame.
    $script:ScreenScript = { param($n) $s = Get-LabState; $vm = @($s['vms'] | Where-Object { $_['name'] -eq $n })[0]; (Get-LabScreenLines $s $vm (Get-LabLive $s['host'] $vm (Get-LabNowMs))).Lines -join '|' }
    function Get-Screen([string]$Name) { return & (Get-Module Hyper-V) $script:ScreenScript $Name }
    function Get-ChildScreen([string]$Name) {
        return Invoke-TestLabChild $script:HostDir "Import-Module Hyper-V -WarningAction SilentlyContinue; & (Get-Module Hyper-V) { $($script:ScreenScript) } '$Name'"
    }
    function Get-VMRecordConsole([string]$Name) {
        return & (Get-Module Hyper-V) { param($n) $s = Get-LabState; @($s['vms'] | Where-Object { $_['name'] -eq $n })[0]['console'] } $Name
    }
    # Running and past the firmware and boot screens (guestBootMs), so typed text shows.
    function Wait-LoginScreen([string]$Name) {
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ([DateTime]::UtcNow -lt $deadline) {
            $phase = & (Get-Module Hyper-V) { param($n) $s = Get-LabState; $vm = @($s['vms'] | Where-Object { $_['name'] -eq $n })[0]; (Get-LabLive $s['host'] $vm (Get-LabNowMs)).Phase } $Name
            if ($phase -eq 'login' -and (Get-VM -Name $Name).State -eq 'Running') { return }
            Start-Sleep -Milliseconds 100
        }
        throw "$Name did not reach its login screen"
    }
    function Get-StateStamp { return (Get-Item -LiteralPath $script:StateFile).LastWriteTimeUtc }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'Console text in its own file per VM' {
    It 'types without rewriting state.json; another process and a re-imported module see the text at once' {
        Wait-LoginScreen LNX1
        Send-Text LNX1 'al'   # the first key since boot links the VM's console record to its file (one state write)
        $stamp = Get-StateStamp
        Send-Text LNX1 "ice`nsecret`n"
        (Invoke-CimMethod -InputObject (Get-Keyboard LNX1) -MethodName TypeKey -Arguments @{ keyCode = [uint32]80 }).ReturnValue | Should -Be 0
        Get-StateStamp | Should -Be $stamp
        $screen = Get-Screen LNX1
        $screen | Should -BeLike '*|lnx1 login: alice|Password: |admin@lnx1:~$ p|*'
        $screen | Should -Not -BeLike '*secret*'
        Get-ChildScreen LNX1 | Should -Be $screen
        Test-Path -LiteralPath (Join-Path $script:HostDir ("console/{0}.json" -f (Get-VM LNX1).Id)) | Should -BeTrue
        Remove-Module Hyper-V
        Enter-TestLab $script:HostDir
        Get-Screen LNX1 | Should -Be $screen
    }

    It 'keeps the text across save and resume, starts afresh after a turn-off and after a restart' {
        Wait-LoginScreen LNX1
        Send-Text LNX1 'kept'
        Save-VM -Name LNX1
        Start-VM -Name LNX1
        Wait-LoginScreen LNX1
        Get-Screen LNX1 | Should -BeLike '*|admin@lnx1:~$ pkept|*'
        Stop-VM -Name LNX1 -TurnOff
        Start-VM -Name LNX1
        Wait-LoginScreen LNX1
        Get-Screen LNX1 | Should -BeLike '*|lnx1 login: |*'
        Get-ChildScreen LNX1 | Should -BeLike '*|lnx1 login: |*'
        Send-Text LNX1 'again'
        Get-Screen LNX1 | Should -BeLike '*|lnx1 login: again|*'
        Restart-VM -Name LNX1 -Force
        Wait-LoginScreen LNX1
        Get-Screen LNX1 | Should -BeLike '*|lnx1 login: |*'
    }

    It 'takes Ctrl+Alt+Del on a Windows guest and masks the password, for every process' {
        Wait-LoginScreen WEB1
        Get-Screen WEB1 | Should -BeLike '*Press Ctrl+Alt+Delete to sign in.*'
        (Invoke-CimMethod -InputObject (Get-Keyboard WEB1) -MethodName TypeCtrlAltDel).ReturnValue | Should -Be 0
        Send-Text WEB1 'secret'
        $screen = Get-Screen WEB1
        $screen | Should -BeLike '*Password: `*`*`*`*`*`*|*'
        $screen | Should -Not -BeLike '*secret*'
        Get-ChildScreen WEB1 | Should -Be $screen
    }

    It 'leaves the console out of checkpoints, as before: applying one and resuming shows the current text' {
        Set-VM -Name LNX1 -CheckpointType Standard
        Restart-VM -Name LNX1 -Force
        Wait-LoginScreen LNX1
        Send-Text LNX1 'before'
        Checkpoint-VM -Name LNX1 -SnapshotName 'console-cp'
        Send-Text LNX1 '-after'
        Restore-VMSnapshot -VMName LNX1 -Name 'console-cp' -Confirm:$false
        (Get-VM LNX1).State | Should -Be 'Saved'
        Start-VM -Name LNX1
        Wait-LoginScreen LNX1
        Get-Screen LNX1 | Should -BeLike '*|lnx1 login: before-after|*'
    }

    It 'shows and keeps the text an older state file holds inside state.json' {
        Restart-VM -Name LNX1 -Force
        Wait-LoginScreen LNX1
        & (Get-Module Hyper-V) { Update-LabState { param($s) (Find-LabVMRecord $s ([string](Get-VM LNX1).Id))['console'] = @{ text = "old`npw`nls"; ctrlAltDel = $false; shift = $false } } }
        Get-Screen LNX1 | Should -BeLike '*|lnx1 login: old|Password: |admin@lnx1:~$ ls|*'
        Send-Text LNX1 ' -l'
        Get-Screen LNX1 | Should -BeLike '*|admin@lnx1:~$ ls -l|*'
        Get-ChildScreen LNX1 | Should -BeLike '*|admin@lnx1:~$ ls -l|*'
        [string](Get-VMRecordConsole LNX1)['fileId'] | Should -Not -BeNullOrEmpty
    }

    It 'loses no key when two processes type into one VM at once' {
        Restart-VM -Name LNX1 -Force
        Wait-LoginScreen LNX1
        $child = "`$cs = Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_ComputerSystem -Filter `"ElementName='LNX1'`"; `$kb = Get-CimAssociatedInstance -InputObject `$cs -ResultClassName Msvm_Keyboard; 1..60 | ForEach-Object { if ((Invoke-CimMethod -InputObject `$kb -MethodName TypeText -Arguments @{ asciiText = 'a' }).ReturnValue -ne 0) { throw 'key refused' } }"
        $psi = [Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($a in @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $child)) { $psi.ArgumentList.Add($a) }
        $psi.Environment['PSModulePath'] = $script:LabModules + [IO.Path]::PathSeparator + $env:PSModulePath
        $psi.Environment['HYPERDESK_LAB_STATE'] = $script:HostDir
        $psi.UseShellExecute = $false
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Get-Screen LNX1) -notlike '*login: *a*' -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $kb = Get-Keyboard LNX1
        for ($i = 0; $i -lt 60; $i++) { (Invoke-CimMethod -InputObject $kb -MethodName TypeText -Arguments @{ asciiText = 'b' }).ReturnValue | Should -Be 0 }
        $p.WaitForExit(60000) | Should -BeTrue
        $p.ExitCode | Should -Be 0 -Because $p.StandardError.ReadToEnd()
        $text = [string](& (Get-Module Hyper-V) { param($n) Get-LabConsole (@((Get-LabState)['vms'] | Where-Object { $_['name'] -eq $n })[0]) } LNX1)['text']
        ($text.ToCharArray() | Where-Object { $_ -eq 'a' }).Count | Should -Be 60
        ($text.ToCharArray() | Where-Object { $_ -eq 'b' }).Count | Should -Be 60
    }

    It 'keeps mouse buttons in the console file' {
        $cs = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_ComputerSystem -Filter "ElementName='LNX1'"
        $mouse = Get-CimAssociatedInstance -InputObject $cs -ResultClassName Msvm_SyntheticMouse
        $stamp = Get-StateStamp
        (Invoke-CimMethod -InputObject $mouse -MethodName SetButtonState -Arguments @{ buttonIndex = [uint32]1; isDown = $true }).ReturnValue | Should -Be 0
        (Invoke-CimMethod -InputObject $mouse -MethodName GetButtonState -Arguments @{ buttonIndex = [uint32]1 }).buttonState | Should -BeTrue
        $other = Invoke-TestLabChild $script:HostDir "`$cs = Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_ComputerSystem -Filter `"ElementName='LNX1'`"; `$m = Get-CimAssociatedInstance -InputObject `$cs -ResultClassName Msvm_SyntheticMouse; (Invoke-CimMethod -InputObject `$m -MethodName GetButtonState -Arguments @{ buttonIndex = [uint32]1 }).buttonState"
        $other | Should -Be 'True'
        Get-StateStamp | Should -Be $stamp
    }

    It 'exports the current text with the VM; the imported copy shows it when resumed' {
        Restart-VM -Name LNX1 -Force
        Wait-LoginScreen LNX1
        Send-Text LNX1 'exported'
        Save-VM -Name LNX1
        $dest = Join-Path $script:Lab.Root 'console-export'
        Export-VM -Name LNX1 -Path $dest
        $cfg = Get-ChildItem -LiteralPath (Join-Path $dest 'LNX1/Virtual Machines') -Filter *.vmcx | Select-Object -First 1
        $vm = (Get-Content -LiteralPath $cfg.FullName -Raw | ConvertFrom-Json).vm
        $vm.console.text | Should -Be 'exported'
        $vm.console.PSObject.Properties.Name | Should -Not -Contain 'fileId'
        $copy = Import-VM -Path $cfg.FullName -Copy -GenerateNewId -VhdDestinationPath (Join-Path $script:Lab.Root 'console-import')
        Rename-VM -VM $copy -NewName 'LNX1-COPY'
        Start-VM -Name 'LNX1-COPY'
        Wait-LoginScreen 'LNX1-COPY'
        Get-Screen 'LNX1-COPY' | Should -BeLike '*lnx1 login: exported|*'
    }

    It 'removes a VM''s console file with the VM' {
        Wait-LoginScreen 'LNX1-COPY'
        Send-Text 'LNX1-COPY' 'bye'
        $id = (Get-VM -Name 'LNX1-COPY').Id
        $file = Join-Path $script:HostDir ("console/{0}.json" -f $id)
        Test-Path -LiteralPath $file | Should -BeTrue
        Stop-VM -Name 'LNX1-COPY' -TurnOff -Force
        Remove-VM -Name 'LNX1-COPY' -Force
        Test-Path -LiteralPath $file | Should -BeFalse
        Test-Path -LiteralPath ($file -replace '\.json$', '.lock') | Should -BeFalse
    }
}

# State shared across processes (persistence, concurrent writers, killed writers), jobs with progress
# and Stop-Job, and the console/guest data through CIM.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'small-shop'
    $script:Host1 = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB01').stateDir
    $script:Host2 = ($script:Lab.Hosts | Where-Object name -EQ 'HV-LAB02').stateDir
    Enter-TestLab $script:Host2
    Set-TestLabTimings @{ exportMs = 2500; startMs = 50; stopMs = 50; saveMs = 50; guestBootMs = 500 }
    function Start-Writer([string]$StateDir, [string]$Script) {
        $psi = [Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($a in @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
        $psi.Environment['PSModulePath'] = $script:LabModules + [IO.Path]::PathSeparator + $env:PSModulePath
        $psi.Environment['HYPERDESK_LAB_STATE'] = $StateDir
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        return [Diagnostics.Process]::Start($psi)
    }
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'Persistence and concurrency' {
    It 'keeps changes made by another process' {
        Invoke-TestLabChild $script:Host2 "Set-VM -Name WEB1 -Notes 'from the child'" | Out-Null
        (Get-VM WEB1).Notes | Should -Be 'from the child'
    }

    It 'loses no update when two processes write at once' {
        $a = Start-Writer $script:Host1 "`$ErrorActionPreference='Stop'; 1..6 | ForEach-Object { New-VM -Name ('A-' + `$_) -NoVHD | Out-Null }"
        $b = Start-Writer $script:Host1 "`$ErrorActionPreference='Stop'; 1..6 | ForEach-Object { New-VM -Name ('B-' + `$_) -NoVHD | Out-Null }"
        $a.WaitForExit(120000) | Should -BeTrue
        $b.WaitForExit(120000) | Should -BeTrue
        $a.ExitCode | Should -Be 0 -Because $a.StandardError.ReadToEnd()
        $b.ExitCode | Should -Be 0 -Because $b.StandardError.ReadToEnd()
        $names = Invoke-TestLabChild $script:Host1 "(Get-VM -Name A-*, B-*).Name"
        @($names).Count | Should -Be 12
    }

    It 'never leaves a corrupt state when a writer is killed' {
        $w = Start-Writer $script:Host1 "while (`$true) { Set-VM -Name DC1 -Notes ([Guid]::NewGuid().ToString()) }"
        Start-Sleep -Seconds 3
        $w.Kill($true)   # the whole tree: a dotnet-tool pwsh shim runs the real pwsh as its child
        $w.WaitForExit(10000) | Out-Null
        $out = Invoke-TestLabChild $script:Host1 "(Get-VM -Name DC1).Name; Set-VM -Name DC1 -Notes 'after the kill'; (Get-VM DC1).Notes"
        @($out) | Should -Be @('DC1', 'after the kill')
        @(Get-ChildItem -LiteralPath $script:Host1 -Filter 'state.*.tmp').Count | Should -BeLessOrEqual 1
    }
}

Describe 'Jobs' {
    It 'runs Export-VM -AsJob as a real job with progress' {
        $dest = Join-Path $script:Lab.Root 'export1'
        $job = Export-VM -Name WEB1 -Path $dest -AsJob
        $job | Should -BeOfType [Management.Automation.Job]
        (Get-Job -Id $job.Id).Id | Should -Be $job.Id
        $null = Wait-Job -Job $job -Timeout 60
        $job.State | Should -Be 'Completed'
        $pct = @($job.Progress | Where-Object { $_.PercentComplete -ge 0 } | ForEach-Object PercentComplete)
        $pct | Should -Contain 100
        ($pct | Measure-Object -Minimum).Minimum | Should -BeLessThan 100
        @($job.Progress | Where-Object StatusDescription -Like 'Copying *').Count | Should -BeGreaterThan 0
        Test-Path -LiteralPath (Join-Path $dest 'WEB1/Virtual Hard Disks/WEB1.vhdx') | Should -BeTrue
        Remove-Job $job
    }

    It 'leaves no partial export after Stop-Job' {
        $dest = Join-Path $script:Lab.Root 'export2'
        $job = Export-VM -Name WEB2 -Path $dest -AsJob
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Test-Path -LiteralPath (Join-Path $dest 'WEB2')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Stop-Job -Job $job
        $job.State | Should -Be 'Stopped'
        Test-Path -LiteralPath (Join-Path $dest 'WEB2') | Should -BeFalse
    }

    It 'imports a copy with a new id and refuses a duplicate registration' {
        $cfg = Get-ChildItem -LiteralPath (Join-Path $script:Lab.Root 'export1/WEB1/Virtual Machines') -Filter *.vmcx | Select-Object -First 1
        { Import-VM -Path $cfg.FullName } | Should -Throw '*already exists*'
        $dst = Join-Path $script:Lab.Root 'imported-disks'
        $job = Import-VM -Path $cfg.FullName -Copy -GenerateNewId -VhdDestinationPath $dst -AsJob
        $vm = Receive-Job -Job $job -Wait -AutoRemoveJob
        $vm.Name | Should -Be 'WEB1'
        $vm.Id | Should -Not -Be (Get-VM -Name WEB1 | Where-Object { $_.Id -ne $vm.Id }).Id
        @(Get-VM -Name WEB1).Count | Should -Be 2
        (Get-VMHardDiskDrive -VM $vm).Path | Should -Be (Join-Path $dst 'WEB1.vhdx')
        Test-Path -LiteralPath (Join-Path $dst 'WEB1.vhdx') | Should -BeTrue
    }
}

Describe 'Console and guest data through CIM' {
    BeforeAll {
        $script:Ns = 'root\virtualization\v2'
        $script:Svc = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_VirtualSystemManagementService
        function Get-Frame($Cs, [int]$W, [int]$H) {
            Invoke-CimMethod -InputObject $script:Svc -MethodName GetVirtualSystemThumbnailImage -Arguments @{ TargetSystem = $Cs; WidthPixels = [uint16]$W; HeightPixels = [uint16]$H }
        }
    }

    It 'finds VMs and their devices like on a real host' {
        $cs = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_ComputerSystem -Filter "Caption='Virtual Machine' AND ElementName='WEB1'" | Where-Object Name -EQ ((Get-VM WEB1 | Select-Object -First 1).Id.ToString().ToUpperInvariant())
        $cs.EnabledState | Should -Be 2
        $cs.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_ComputerSystem'
        $vh = Get-CimAssociatedInstance -InputObject $cs -ResultClassName Msvm_VideoHead
        $vh.CurrentHorizontalResolution | Should -Be 1024
        $vh.CurrentVerticalResolution | Should -Be 768
        @(Get-CimInstance -Namespace $script:Ns -Query "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Hosting Computer System'").ElementName | Should -Be 'HV-LAB02'
    }

    It 'returns RGB565 frames of the requested size that change after TypeText' {
        $cs = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_ComputerSystem -Filter "ElementName='LNX1'"
        (Get-VM LNX1).State | Should -Be 'Running'
        $f1 = Get-Frame $cs 640 400
        $f1.ReturnValue | Should -Be 0
        $f1.ImageData.Length | Should -Be (640 * 400 * 2)
        (Get-Frame $cs 17 9).ImageData.Length | Should -Be (17 * 9 * 2)
        $kb = Get-CimAssociatedInstance -InputObject $cs -ResultClassName Msvm_Keyboard
        (Invoke-CimMethod -InputObject $kb -MethodName TypeText -Arguments @{ asciiText = 'root' }).ReturnValue | Should -Be 0
        $f2 = Get-Frame $cs 640 400
        [Convert]::ToBase64String($f2.ImageData) | Should -Not -Be ([Convert]::ToBase64String($f1.ImageData))
        # Another process sees the typed text too: it is part of the VM's persisted state.
        $other = Invoke-TestLabChild $script:Host2 "`$cs = Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_ComputerSystem -Filter `"ElementName='LNX1'`"; `$svc = Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_VirtualSystemManagementService; [Convert]::ToBase64String((Invoke-CimMethod -InputObject `$svc -MethodName GetVirtualSystemThumbnailImage -Arguments @{ TargetSystem = `$cs; WidthPixels = [uint16]640; HeightPixels = [uint16]400 }).ImageData)"
        $other | Should -Be ([Convert]::ToBase64String($f2.ImageData))
        (Invoke-CimMethod -InputObject $kb -MethodName TypeKey -Arguments @{ keyCode = [uint32]13 }).ReturnValue | Should -Be 0
        [Convert]::ToBase64String((Get-Frame $cs 640 400).ImageData) | Should -Not -Be ([Convert]::ToBase64String($f2.ImageData))
    }

    It 'gives no picture of a VM that is off' {
        $cs = Get-CimInstance -Namespace $script:Ns -ClassName Msvm_ComputerSystem -Filter "ElementName='LEGACY-APP'"
        (Get-Frame $cs 64 48).ReturnValue | Should -Not -Be 0
    }

    It 'reports guest KVP items, ProductType 2 for the domain controller' {
        $items = Invoke-TestLabChild $script:Host1 "`$cs = Get-CimInstance -Namespace root\virtualization\v2 -ClassName Msvm_ComputerSystem -Filter `"ElementName='DC1'`"; (Get-CimAssociatedInstance -InputObject `$cs -ResultClassName Msvm_KvpExchangeComponent).GuestIntrinsicExchangeItems"
        $kvp = @{}
        foreach ($x in $items) {
            $doc = [xml]$x
            $name = ($doc.INSTANCE.PROPERTY | Where-Object NAME -EQ 'Name').VALUE
            $kvp[$name] = ($doc.INSTANCE.PROPERTY | Where-Object NAME -EQ 'Data').VALUE
        }
        $kvp['ProductType'] | Should -Be '2'
        $kvp['FullyQualifiedDomainName'] | Should -Be 'dc1.contoso.local'
        $kvp['OSName'] | Should -BeLike 'Windows Server*'
        $kvp['OSVersion'] | Should -Be '10.0.20348'
    }

    It 'does not pretend other CIM classes exist (the host overview root\cimv2 classes are simulated; Win32_BIOS is not)' {
        if ($null -eq (Get-Module -ListAvailable CimCmdlets | Where-Object ModuleBase -NotLike "$($script:LabModules)*")) {
            { Get-CimInstance -ClassName Win32_BIOS } | Should -Throw '*only root\virtualization\v2*'
        } else {
            (Get-Command Get-CimInstance).Source | Should -Be 'LabCim'
        }
    }
}

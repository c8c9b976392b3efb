# SMB shares and Data Deduplication in the contoso-datacenter lab: the scale-out share VMs on SOFS01 (Volume2),
# share ACLs, the real errors, and dedup savings that follow the optimization job on the lab clock.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:C01 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    Enter-TestLab $script:C01
    foreach ($m in 'Storage', 'SmbShare', 'Deduplication', 'HyperdeskLab') {
        Import-Module (Join-Path $script:LabModules "$m/$m.psd1") -Global -Force -WarningAction SilentlyContinue
    }
    $script:Volume2 = Join-Path $script:Lab.Root 'HQ/ClusterStorage/Volume2'
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'the scale-out share VMs' {
    It 'is a continuously available ScaleOut share scoped to SOFS01, on a real folder of Volume2' {
        $s = Get-SmbShare -Name VMs
        $s.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/SMB/MSFT_SmbShare'
        $s.AvailabilityType | Should -Be 'ScaleOut'
        $s.CimInstanceProperties['AvailabilityType'].Value | Should -Be 2
        $s.ScopeName | Should -Be 'SOFS01'
        $s.ContinuouslyAvailable | Should -BeTrue
        $s.ShareState | Should -Be 'Online'
        $s.ShareType | Should -Be 'FileSystemDirectory'
        $s.Path | Should -Be (Join-Path $script:Volume2 'VMs')
        Test-Path -LiteralPath $s.Path -PathType Container | Should -BeTrue
        $s.Volume | Should -Be (Get-Volume -FileSystemLabel Volume2).UniqueId
    }

    It 'is answered by every cluster node and by no host outside the pool' {
        Invoke-TestLabChild ($script:Lab.Hosts | Where-Object name -eq 'HV-C03').stateDir '(Get-SmbShare -Name VMs).ScopeName' | Should -Be 'SOFS01'
        Invoke-TestLabChild ($script:Lab.Hosts | Where-Object name -eq 'HV-S01').stateDir '@(Get-SmbShare).Count' | Should -Be '0'
    }

    It 'grants the Hyper-V hosts full access' {
        $acl = @(Get-SmbShareAccess -Name VMs)
        $acl[0].PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/SMB/MSFT_SmbShareAccessControlEntry'
        $hv = $acl | Where-Object AccountName -eq 'CONTOSO\HV-S01$'
        $hv.AccessRight | Should -Be 'Full'
        $hv.AccessControlType | Should -Be 'Allow'
        $hv.ScopeName | Should -Be 'SOFS01'
    }

    It 'writes the CDXML not-found error for a share name that matches nothing' {
        $e = $null
        Get-SmbShare -Name NoSuchShare -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'CmdletizationQuery_NotFound_Name,Get-SmbShare'
    }
}

Describe 'making, changing and removing a share' {
    It 'creates a scale-out share, refuses a duplicate and a missing folder, grants, revokes and removes' {
        $dir = Join-Path $script:Volume2 'ISO'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $s = New-SmbShare -Name ISO -Path $dir -ScopeName SOFS01 -ContinuouslyAvailable $true -FullAccess 'CONTOSO\Domain Admins' -ReadAccess 'CONTOSO\HV-S01$'
        $s.AvailabilityType | Should -Be 'ScaleOut'
        $s.ScopeName | Should -Be 'SOFS01'
        { New-SmbShare -Name ISO -Path $dir -ScopeName SOFS01 } | Should -Throw -ErrorId 'Windows System Error 2118,New-SmbShare'
        { New-SmbShare -Name Nowhere -Path (Join-Path $script:Volume2 'no-such-folder') } | Should -Throw -ErrorId 'Windows System Error 2,New-SmbShare'

        $acl = @(Grant-SmbShareAccess -Name ISO -AccountName 'CONTOSO\HV-S01$' -AccessRight Change -Force)
        @($acl | Where-Object AccountName -eq 'CONTOSO\HV-S01$').AccessRight | Should -Be 'Change'
        (Get-SmbShareAccess -Name ISO | Where-Object AccountName -eq 'CONTOSO\HV-S01$').AccessRight | Should -Be 'Change'
        $acl = @(Revoke-SmbShareAccess -Name ISO -AccountName 'CONTOSO\HV-S01$' -Force)
        @($acl | ForEach-Object AccountName) | Should -Be @('CONTOSO\Domain Admins')

        Remove-SmbShare -Name ISO -Force
        @(Get-SmbShare | ForEach-Object Name) | Should -Be @('VMs')
        Test-Path -LiteralPath $dir | Should -BeTrue   # removing a share keeps its folder
    }

    It 'makes a share on a host''s own folder NonClustered with scope *' {
        $dir = Join-Path $script:C01 'Share1'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $s = New-SmbShare -Name Local1 -Path $dir
        $s.AvailabilityType | Should -Be 'NonClustered'
        $s.ScopeName | Should -Be '*'
        $s.ContinuouslyAvailable | Should -BeFalse
        (Get-SmbShareAccess -Name Local1).AccountName | Should -Be 'Everyone'
        Invoke-TestLabChild ($script:Lab.Hosts | Where-Object name -eq 'HV-C02').stateDir '@(Get-SmbShare | % Name) -join ","' | Should -Be 'VMs'
        Remove-SmbShare -Name Local1 -Force
    }
}

Describe 'deduplication of Volume2' {
    It 'is enabled for Hyper-V on the CSV, as Get-Volume also says' {
        $d = Get-DedupVolume -Volume $script:Volume2
        $d.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Deduplication/MSFT_DedupVolume'
        $d.UsageType | Should -Be 'HyperV'
        $d.CimInstanceProperties['UsageType'].Value | Should -Be 2
        $d.Enabled | Should -BeTrue
        $d.OptimizeInUseFiles | Should -BeTrue
        (Get-Volume -FileSystemLabel Volume2).DedupMode | Should -Be 'HyperV'
        (Get-Volume -FileSystemLabel Volume2).CimInstanceProperties['DedupMode'].Value | Should -Be 2
    }

    It 'grows savings as the optimization job runs on the lab clock, and the job leaves the list when done' {
        Set-LabClock -Freeze
        $s0 = Get-DedupStatus -Volume $script:Volume2
        $s0.SavedSpace | Should -Be 0
        $job = Start-DedupJob -Type Optimization -Volume $script:Volume2
        $job.Type | Should -Be 'Optimization'
        $job.State | Should -Be 'Queued'
        $job.Progress | Should -Be 0

        Set-LabClock -Advance 00:20:00
        $j = @(Get-DedupJob -Volume $script:Volume2)
        $j.Count | Should -Be 1
        $j[0].State | Should -Be 'Running'
        $j[0].Progress | Should -BeGreaterThan 0
        $j[0].Progress | Should -BeLessThan 100
        $s1 = Get-DedupStatus -Volume $script:Volume2
        $s1.SavedSpace | Should -BeGreaterThan 0
        $s1.FreeSpace | Should -Be ($s0.FreeSpace + $s1.SavedSpace)
        (Get-Volume -FileSystemLabel Volume2).SizeRemaining | Should -Be $s1.FreeSpace

        Set-LabClock -Advance 02:00:00
        @(Get-DedupJob -Volume $script:Volume2).Count | Should -Be 0
        $s2 = Update-DedupStatus -Volume $script:Volume2
        $s2.SavedSpace | Should -BeGreaterThan $s1.SavedSpace
        $s2.SavingsRate | Should -BeGreaterThan 40
        $s2.OptimizedFilesCount | Should -Be $s2.InPolicyFilesCount
        $s2.LastOptimizationTime | Should -Not -BeNullOrEmpty
        # Nothing changes once the job is over.
        Set-LabClock -Advance 01:00:00
        (Get-DedupStatus -Volume $script:Volume2).SavedSpace | Should -Be $s2.SavedSpace
        Set-LabClock -Resume
    }

    It 'enables dedup on Volume1 and refuses a volume that is not there' {
        $v1 = Join-Path $script:Lab.Root 'HQ/ClusterStorage/Volume1'
        (Enable-DedupVolume -Volume $v1 -UsageType HyperV).UsageType | Should -Be 'HyperV'
        @(Get-DedupVolume).Count | Should -Be 2
        { Enable-DedupVolume -Volume (Join-Path $script:Lab.Root 'HQ/ClusterStorage/Volume9') } | Should -Throw -ErrorId 'HRESULT 0x8056530b,Enable-DedupVolume'
    }
}

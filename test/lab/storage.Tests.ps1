# Storage Spaces in the contoso-datacenter lab: the deck's sequence typed in a plain pwsh, CIM objects of the real
# classes with enum names, capacity arithmetic and its refusal, and a disk failure and repair against the lab clock.
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'contoso-datacenter'
    $script:C01 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C01').stateDir
    Enter-TestLab $script:C01
    Import-Module (Join-Path $script:LabModules 'Storage/Storage.psd1') -Global -Force -WarningAction SilentlyContinue
    Import-Module (Join-Path $script:LabModules 'HyperdeskLab/HyperdeskLab.psd1') -Global -Force -WarningAction SilentlyContinue
}
AfterAll { Remove-TestLab $script:Lab }

Describe 'the seeded pool' {
    It 'shows Pool1 and the primordial pool on a cluster node, as MSFT_StoragePool instances' {
        $pools = @(Get-StoragePool)
        @($pools | ForEach-Object FriendlyName) | Should -Be @('Primordial', 'Pool1')
        $p = Get-StoragePool Pool1
        $p.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_StoragePool'
        $p.HealthStatus | Should -Be 'Healthy'
        $p.CimInstanceProperties['HealthStatus'].Value | Should -Be 0
        $p.IsClustered | Should -BeTrue
        $p.IsPrimordial | Should -BeFalse
    }

    It 'has SSDs, HDDs and small disks under 20 GB that are not SSD' {
        $disks = @(Get-StoragePool Pool1 | Get-PhysicalDisk)
        $disks.Count | Should -Be 16
        @($disks | Where-Object MediaType -eq 'SSD' | Where-Object Size -gt 20GB).Count | Should -Be 4
        @($disks | Where-Object MediaType -eq 'HDD' | Where-Object Size -gt 20GB).Count | Should -Be 8
        $small = @($disks | Where-Object Size -lt 20GB)
        $small.Count | Should -Be 4
        @($small | Where-Object MediaType -eq 'SSD').Count | Should -Be 0
        $disks[0].CanPool | Should -BeFalse
        $disks[0].CannotPoolReason | Should -Be 'In a Pool'
        $disks[0].Usage | Should -Be 'Auto-Select'
        $disks[0].BusType | Should -Be 'SAS'
    }

    It 'sees no pool on the standalone host HV-S01, whose VMs live on the SOFS share' {
        $out = Invoke-TestLabChild ($script:Lab.Hosts | Where-Object name -eq 'HV-S01').stateDir '@(Get-StoragePool).Count'
        $out | Should -Be '0'
    }

    It 'puts CSV Volume1 and Volume2 on real folders of the site, with CSVFS' {
        foreach ($n in 1, 2) { Test-Path -LiteralPath (Join-Path $script:Lab.Root "HQ/ClusterStorage/Volume$n") -PathType Container | Should -BeTrue }
        $vols = @(Get-Volume | Sort-Object FileSystemLabel)
        @($vols | ForEach-Object FileSystemLabel) | Should -Be @('Volume1', 'Volume2')
        $vols[0].FileSystem | Should -Be 'CSVFS'
        $vols[0].FileSystemType | Should -Be 'CSVFS_ReFS'
        $vols[0].DriveType | Should -Be 'Fixed'
        $vols[0].SizeRemaining | Should -BeLessThan $vols[0].Size
        $vd = Get-VirtualDisk Volume1
        $vd.IsTiered | Should -BeTrue
        $vd.ResiliencySettingName | Should -Be 'Mirror'
        $vd.FootprintOnPool | Should -Be ($vd.Size * 2)
        $vols[1].DedupMode | Should -Be 'HyperV'
    }
}

Describe "the deck's sequence in the lab terminal" {
    It 'retypes the small disks as SSD and makes an SSD tier, typed as in a plain pwsh' {
        $out = Invoke-TestLabChild $script:C01 @'
Get-StoragePool Pool1 | Get-PhysicalDisk | ? Size -lt 20GB | Set-PhysicalDisk -MediaType SSD
Get-StoragePool Pool1 | New-StorageTier -FriendlyName SSDTier -MediaType SSD
Get-StoragePool Pool1 | Get-PhysicalDisk | ? Size -lt 20GB | ForEach-Object { 'disk ' + $_.MediaType }
Get-StorageTier -FriendlyName SSDTier | ForEach-Object { 'tier ' + $_.FriendlyName + ' ' + $_.MediaType + ' ' + $_.CimInstanceProperties['MediaType'].Value }
'@
        @($out | Where-Object { $_ -like 'disk *' }) | Should -Be @('disk SSD', 'disk SSD', 'disk SSD', 'disk SSD')
        $out | Should -Contain 'tier SSDTier SSD 4'
        # The change is in the shared site: another node sees it.
        $c02 = ($script:Lab.Hosts | Where-Object name -eq 'HV-C02').stateDir
        Invoke-TestLabChild $c02 '@(Get-PhysicalDisk | ? MediaType -eq SSD).Count' | Should -Be '8'
    }
}

Describe 'capacity' {
    It 'adds a tiered virtual disk to the pool''s allocation and refuses one that does not fit' {
        $before = Get-StoragePool Pool1
        $ssd = Get-StorageTier -FriendlyName Performance
        $hdd = Get-StorageTier -FriendlyName Capacity
        $vd = Get-StoragePool Pool1 | New-VirtualDisk -FriendlyName Scratch -ResiliencySettingName Mirror -StorageTiers $ssd, $hdd -StorageTierSizes 50GB, 500GB
        $vd.Size | Should -Be (550GB)
        $vd.FootprintOnPool | Should -Be (1100GB)
        $after = Get-StoragePool Pool1
        ($after.AllocatedSize - $before.AllocatedSize) | Should -Be (1100GB)
        $after.Size | Should -Be $before.Size
        (Get-StorageTier -FriendlyName Performance).Size | Should -Be ($ssd.Size + 50GB)

        $free = $after.Size - $after.AllocatedSize
        $err = $null
        try { New-VirtualDisk -StoragePoolFriendlyName Pool1 -FriendlyName TooBig -ResiliencySettingName Mirror -Size ([uint64]($free / 2) + 1GB) } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'StorageWMI 40002,New-VirtualDisk'
        $err.Exception.Message | Should -Be 'Not enough available capacity'
        (Get-StoragePool Pool1).AllocatedSize | Should -Be $after.AllocatedSize
        @(Get-VirtualDisk -FriendlyName TooBig -ErrorAction SilentlyContinue).Count | Should -Be 0

        # What is left fits exactly (UseMaximumSize), and then nothing more does.
        $max = New-VirtualDisk -StoragePoolFriendlyName Pool1 -FriendlyName Rest -ResiliencySettingName Simple -UseMaximumSize
        $max.Size | Should -BeGreaterThan 0
        { New-VirtualDisk -StoragePoolFriendlyName Pool1 -FriendlyName OneMore -ResiliencySettingName Simple -Size 1GB } | Should -Throw -ErrorId 'StorageWMI 40002,New-VirtualDisk'
    }

    It 'writes the CDXML not-found error for a pool name that matches nothing' {
        $e = $null
        Get-StoragePool NoSuchPool -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'CmdletizationQuery_NotFound_FriendlyName,Get-StoragePool'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'a failed disk and its repair, on the lab clock' {
    It 'degrades the pool and its virtual disks, then repairs with a job that follows the clock' {
        Set-LabClock -Freeze
        $disk = Get-StoragePool Pool1 | Get-PhysicalDisk | Where-Object MediaType -eq 'HDD' | Where-Object Size -gt 1TB | Select-Object -First 1
        Disable-LabPhysicalDisk -SerialNumber $disk.SerialNumber | Out-Null
        $d = Get-PhysicalDisk -SerialNumber $disk.SerialNumber
        $d.HealthStatus | Should -Be 'Unhealthy'
        $d.OperationalStatus | Should -Be 'Lost Communication'
        $d.CimInstanceProperties['OperationalStatus'].Value | Should -Be @(13)
        (Get-StoragePool Pool1).HealthStatus | Should -Be 'Warning'
        (Get-StoragePool Pool1).OperationalStatus | Should -Be 'Degraded'
        (Get-VirtualDisk Volume1).OperationalStatus | Should -Be 'Degraded'
        (Get-VirtualDisk Volume1).HealthStatus | Should -Be 'Warning'

        Enable-LabPhysicalDisk -SerialNumber $disk.SerialNumber | Out-Null
        (Get-PhysicalDisk -SerialNumber $disk.SerialNumber).HealthStatus | Should -Be 'Healthy'
        (Get-VirtualDisk Volume1).OperationalStatus | Should -Be 'Degraded'   # stale copy until repaired

        Repair-VirtualDisk -FriendlyName Volume1
        (Get-VirtualDisk Volume1).OperationalStatus | Should -Be 'In Service'
        $job = @(Get-StorageJob)[0]
        $job.JobState | Should -Be 'Running'
        $job.PercentComplete | Should -Be 0
        $total = [double]$job.BytesTotal

        Set-LabClock -Advance ([TimeSpan]::FromSeconds($total / 400MB / 2))
        $mid = @(Get-StorageJob)[0]
        $mid.PercentComplete | Should -BeIn @(49, 50)
        (Get-VirtualDisk Volume1).HealthStatus | Should -Be 'Warning'

        Set-LabClock -Advance ([TimeSpan]::FromSeconds($total / 400MB / 2 + 1))
        @(Get-StorageJob)[0].JobState | Should -Be 'Completed'
        (Get-VirtualDisk Volume1).HealthStatus | Should -Be 'Healthy'
        (Get-VirtualDisk Volume1).OperationalStatus | Should -Be 'OK'
        (Get-VirtualDisk Volume2).OperationalStatus | Should -Be 'Degraded'   # not repaired yet
        (Get-StoragePool Pool1).HealthStatus | Should -Be 'Warning'
        Set-LabClock -Resume
    }
}

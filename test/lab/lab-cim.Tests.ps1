# New-LabCimObject (assets/lab/core/lab-cim.ps1): the CIM objects the CDXML modules return carry the real type
# names, typed CIM values, the CimInstance members, enum names in PowerShell and codes in CimInstanceProperties,
# and bind by pipeline to a generated cmdlet's [PSTypeName('...CimInstance#<Class>')] parameter (and only there).
BeforeAll {
    . (Join-Path $PSScriptRoot 'lab-test-support.ps1')
    $script:Lab = New-TestLab 'empty' 1
    Enter-TestLab $script:Lab.Hosts[0].stateDir
    $script:Storage = Import-Module (Join-Path $script:LabModules 'Storage/Storage.psd1') -Global -PassThru -WarningAction SilentlyContinue
    $script:Ns = 'ROOT/Microsoft/Windows/Storage'
    function New-TestCim([string]$Class, $Props, [string]$Computer) {
        & $script:Storage { param($n, $c, $p, $cn) New-LabCimObject -Namespace $n -ClassName $c -Properties $p -ComputerName $cn } $script:Ns $Class $Props $Computer
    }
    $script:Disk = New-TestCim 'MSFT_PhysicalDisk' ([ordered]@{
            ObjectId = '{1}\\HV-C01\root/Microsoft/Windows/Storage/Providers_v2\SPACES_PhysicalDisk.ObjectId="{d1}"'
            FriendlyName = 'PhysicalDisk1'; Size = [uint64]800GB; MediaType = 'SSD'; BusType = 10; HealthStatus = 'Healthy'
            OperationalStatus = [uint16[]]@(2, 3); CanPool = $true; OperationalDetails = [string[]]@('OK'); SpindleSpeed = [uint32]0
        }) 'HV-C01'
    $script:Pool = New-TestCim 'MSFT_StoragePool' ([ordered]@{ ObjectId = 'pool-1'; FriendlyName = 'Pool1'; IsPrimordial = $false; HealthStatus = 0; Size = 4TB; AllocatedSize = 0 }) 'HV-C01'
    # A throwaway implementation: records how the call bound (the storage engineer's own one is put back after).
    $script:SavedImpl = & $script:Storage { $script:LabImpl['Add-PhysicalDisk'] }
    & $script:Storage {
        $script:TestBound = New-Object System.Collections.ArrayList
        Register-LabImpl 'Add-PhysicalDisk' { param($Inv, $B) $null = $script:TestBound.Add(@{ Set = $Inv.Cmdlet.ParameterSetName; Pool = $B['StoragePool']; Disks = $B['PhysicalDisks'] }) }
    }
}

AfterAll {
    & $script:Storage { param($b) if ($null -eq $b) { $script:LabImpl.Remove('Add-PhysicalDisk') } else { $script:LabImpl['Add-PhysicalDisk'] = $b } } $script:SavedImpl
    Remove-TestLab $script:Lab
}

Describe 'New-LabCimObject' {
    It 'carries the namespace-qualified and bare type names of the class and its superclasses, then CimInstance' {
        @($script:Disk.PSTypeNames) | Should -Be @(
            "Microsoft.Management.Infrastructure.CimInstance#$script:Ns/MSFT_PhysicalDisk", 'Microsoft.Management.Infrastructure.CimInstance#MSFT_PhysicalDisk',
            "Microsoft.Management.Infrastructure.CimInstance#$script:Ns/MSFT_StorageFaultDomain", 'Microsoft.Management.Infrastructure.CimInstance#MSFT_StorageFaultDomain',
            "Microsoft.Management.Infrastructure.CimInstance#$script:Ns/MSFT_StorageObject", 'Microsoft.Management.Infrastructure.CimInstance#MSFT_StorageObject',
            'Microsoft.Management.Infrastructure.CimInstance', 'System.Object')
    }

    It 'has PSComputerName, CimClass, CimSystemProperties and a CimInstance-like ToString' {
        $script:Disk.PSComputerName | Should -Be 'HV-C01'
        $script:Disk.CimClass.CimClassName | Should -Be 'MSFT_PhysicalDisk'
        $script:Disk.CimClass.CimSuperClassName | Should -Be 'MSFT_StorageFaultDomain'
        "$($script:Disk.CimClass)" | Should -Be "$($script:Ns):MSFT_PhysicalDisk"
        $script:Disk.CimSystemProperties.Namespace | Should -Be $script:Ns
        $script:Disk.CimSystemProperties.ServerName | Should -Be 'HV-C01'
        $script:Disk.ToString() | Should -BeLike 'MSFT_PhysicalDisk (ObjectId = "{1}\\HV-C01\*")'
    }

    It 'keeps typed values: UInt64 sizes, UInt32, booleans, string arrays, each with its CimType' {
        $script:Disk.Size | Should -BeOfType [uint64]
        $script:Disk.Size | Should -Be 858993459200
        $script:Disk.SpindleSpeed | Should -BeOfType [uint32]
        $script:Disk.CanPool | Should -BeOfType [bool]
        , $script:Disk.OperationalDetails | Should -BeOfType [string[]]
        $p = $script:Disk.CimInstanceProperties
        $p['Size'].CimType | Should -Be ([Microsoft.Management.Infrastructure.CimType]::UInt64)
        $p['size'].Value | Should -Be 858993459200   # looked up without regard to case, as CimKeyedCollection
        $p['CanPool'].CimType | Should -Be ([Microsoft.Management.Infrastructure.CimType]::Boolean)
        $p['OperationalDetails'].CimType | Should -Be ([Microsoft.Management.Infrastructure.CimType]::StringArray)
        $p['NoSuchProperty'] | Should -BeNullOrEmpty
        # A PowerShell number (4TB is an Int64, 0 an Int32) is stored as the class declares the property.
        $script:Pool.Size | Should -BeOfType [uint64]
        $script:Pool.AllocatedSize | Should -BeOfType [uint64]
        $script:Pool.CimInstanceProperties['Size'].CimType | Should -Be ([Microsoft.Management.Infrastructure.CimType]::UInt64)
        @($p | ForEach-Object Name)[0..2] | Should -Be @('ObjectId', 'FriendlyName', 'Size')
    }

    It 'shows enum-coded properties by name and keeps the UInt16 code in CimInstanceProperties (given by name or number)' {
        $script:Disk.MediaType | Should -Be 'SSD'
        $script:Disk.BusType | Should -Be 'SAS'
        $script:Disk.HealthStatus | Should -Be 'Healthy'
        @($script:Disk.OperationalStatus) | Should -Be @('OK', 'Degraded')
        $script:Disk.CimInstanceProperties['MediaType'].Value | Should -BeOfType [uint16]
        $script:Disk.CimInstanceProperties['MediaType'].Value | Should -Be 4
        $script:Disk.CimInstanceProperties['BusType'].Value | Should -Be 10
        $script:Disk.CimInstanceProperties['OperationalStatus'].CimType | Should -Be ([Microsoft.Management.Infrastructure.CimType]::UInt16Array)
        ($script:Disk | Where-Object MediaType -eq 'SSD') | Should -Not -BeNullOrEmpty
        ($script:Disk | Format-List MediaType | Out-String) | Should -Match 'MediaType : SSD'
    }

    It 'refuses a name that is not in the property''s value map' {
        { New-TestCim 'MSFT_PhysicalDisk' ([ordered]@{ MediaType = 'Floppy' }) $null } | Should -Throw '*Floppy*MSFT_PhysicalDisk.MediaType*'
    }

    It 'takes a value map for a property the lab''s table lacks' {
        $o = & $script:Storage { param($n) New-LabCimObject -Namespace 'ROOT/StandardCimv2' -ClassName 'MSFT_NetLbfoTeam' -Properties ([ordered]@{ Name = 'Team1'; Status = 'Up' }) -ValueMap @{ Status = 'UInt32:0=Up,1=Degraded,2=Down' } } $null
        $o.Status | Should -Be 'Up'
        $o.CimInstanceProperties['Status'].Value | Should -BeOfType [uint32]
        $o.PSComputerName | Should -BeNullOrEmpty
    }
}

Describe 'binding to a generated CDXML cmdlet' {
    It 'binds by pipeline to a [PSTypeName(...CimInstance#MSFT_StoragePool)] parameter' {
        & $script:Storage { $script:TestBound.Clear() }
        $script:Pool | Add-PhysicalDisk -PhysicalDisks $script:Disk
        $rec = & $script:Storage { $script:TestBound[0] }
        $rec.Set | Should -Be 'ByStoragePool'
        $rec.Pool.FriendlyName | Should -Be 'Pool1'
        @($rec.Disks)[0].FriendlyName | Should -Be 'PhysicalDisk1'
    }

    It 'does not bind an object of another class' {
        & $script:Storage { $script:TestBound.Clear() }
        $err = $null
        try { $script:Disk | Add-PhysicalDisk -PhysicalDisks $script:Disk -ErrorAction Stop } catch { $err = $_ }
        $err.Exception | Should -BeOfType [Management.Automation.ParameterBindingException]
        & $script:Storage { $script:TestBound.Count } | Should -Be 0
        { Add-PhysicalDisk -StoragePool $script:Pool -PhysicalDisks $script:Pool -ErrorAction Stop } | Should -Throw -ErrorId 'MismatchedPSTypeName,Add-PhysicalDisk'
    }
}

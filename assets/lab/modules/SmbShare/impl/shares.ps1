# SMB shares of a site (site.json 'smb'): a scale-out share on the SOFS role lives on a CSV and every node of the
# cluster that owns the CSV's pool answers for it (AvailabilityType ScaleOut, ScopeName the SOFS name); a share
# made on one host with no scope is NonClustered, ScopeName '*'. Paths are real folders of the lab.
#   shares[] name, scopeName, folder (relative to the site folder, or absolute), volume (the storage volume's label),
#            continuouslyAvailable, description, access[] (@{ account; type 'Allow'|'Deny'; right 'Full'|'Change'|'Read' }),
#            encrypt, cachingMode, folderEnumerationMode, owner (host name, for a NonClustered share)
# The built-in administrative shares (ADMIN$, C$, IPC$) are not simulated.
Set-StrictMode -Version Latest

$script:LabSmbNs = 'ROOT/Microsoft/Windows/SMB'

function Get-LabSmbSelf { return [string](Get-LabState)['host']['name'] }

function Get-LabSmbSiteDir { return (Get-LabWorldInfo).SiteDir }

function Get-LabShareFullPath($Share) {
    $f = [string]$Share['folder']
    if ([IO.Path]::IsPathRooted($f)) { return $f }
    return [IO.Path]::GetFullPath([IO.Path]::Combine((Get-LabSmbSiteDir), $f))
}

# The storage volume record whose folder holds $FullPath, or $null.
function Find-LabVolumeForPath($Storage, [string]$FullPath) {
    foreach ($v in @(Get-LabStorageList $Storage 'volumes')) {
        $f = [IO.Path]::GetFullPath([IO.Path]::Combine((Get-LabSmbSiteDir), [string]$v['folder']))
        if ($FullPath -eq $f -or $FullPath.StartsWith($f + [IO.Path]::DirectorySeparatorChar)) { return $v }
    }
    return $null
}

# Hosts that answer for a share: a scale-out share's pool nodes; a local share its owner.
function Test-LabShareVisible($Site, $Share, [string]$Self) {
    if ($Share['owner']) { return [string]::Equals([string]$Share['owner'], $Self, [StringComparison]::OrdinalIgnoreCase) }
    $storage = Get-LabStorageDoc $Site
    $vol = @(Get-LabStorageList $storage 'volumes' | Where-Object { $_['label'] -eq $Share['volume'] })
    if ($vol.Count -eq 0) { return $false }
    $vd = @(Get-LabStorageList $storage 'virtualDisks' | Where-Object { $_['uniqueId'] -eq $vol[0]['virtualDisk'] })
    if ($vd.Count -eq 0) { return $false }
    $pool = @(Get-LabStorageList $storage 'pools' | Where-Object { $_['uniqueId'] -eq $vd[0]['pool'] })
    return ($pool.Count -gt 0 -and (Test-LabPoolVisible $pool[0] $Self))
}

function Get-LabVisibleShares {
    $info = Get-LabWorldInfo
    if ($info.Standalone) { return @() }
    $site = Get-LabSite
    $self = Get-LabSmbSelf
    if (-not $site.Contains('smb') -or $null -eq $site['smb']) { return @() }
    return @(Get-LabStorageList $site['smb'] 'shares' | Where-Object { Test-LabShareVisible $site $_ $self })
}

function ConvertTo-LabShareCim($Share) {
    $site = Get-LabSite
    $vol = @(Get-LabStorageList (Get-LabStorageDoc $site) 'volumes' | Where-Object { $_['label'] -eq $Share['volume'] })
    $volId = $null; if ($vol.Count -gt 0) { $volId = [string]$vol[0]['uniqueId'] }
    $scaleOut = -not $Share['owner']
    $avail = 'NonClustered'; $scope = '*'; $inst = 'Default'
    if ($scaleOut) { $avail = 'ScaleOut'; $scope = [string]$Share['scopeName']; $inst = 'Default' }
    return New-LabCimObject -Namespace $script:LabSmbNs -ClassName 'MSFT_SmbShare' -ComputerName (Get-LabSmbSelf) -Key @('Name', 'ScopeName') -Properties ([ordered]@{
        AvailabilityType = $avail; CachingMode = [string]$Share['cachingMode']; CATimeout = [uint32]0; ConcurrentUserLimit = [uint32]0
        ContinuouslyAvailable = [bool]$Share['continuouslyAvailable']; CurrentUsers = [uint32]0; Description = [string]$Share['description']
        EncryptData = [bool]$Share['encrypt']; FolderEnumerationMode = [string]$Share['folderEnumerationMode']; IdentityRemoting = $false
        Infrastructure = $false; LeasingMode = [uint32]0; Name = [string]$Share['name']; Path = (Get-LabShareFullPath $Share); Scoped = $scaleOut
        ScopeName = $scope; SecurityDescriptor = (ConvertTo-LabShareSddl $Share); ShadowCopy = $false; ShareState = 'Online'; ShareType = 'FileSystemDirectory'
        SmbInstance = $inst; Special = $false; Temporary = $false; Volume = $volId })
}

# The share's ACL as SDDL (FA full, 0x1301bf change, 0x1200a9 read), account names kept as they were given.
function ConvertTo-LabShareSddl($Share) {
    $aces = foreach ($a in @($Share['access'])) {
        if ($null -eq $a) { continue }
        $mask = switch ([string]$a['right']) { 'Full' { 'FA' } 'Change' { '0x1301bf' } default { '0x1200a9' } }
        $t = 'A'; if ($a['type'] -eq 'Deny') { $t = 'D' }
        "($t;;$mask;;;$($a['account']))"
    }
    return 'O:BAG:DUD:' + (@($aces) -join '')
}

function ConvertTo-LabAceCim($Share, $Ace) {
    $scope = '*'; if (-not $Share['owner']) { $scope = [string]$Share['scopeName'] }
    return New-LabCimObject -Namespace $script:LabSmbNs -ClassName 'MSFT_SmbShareAccessControlEntry' -ComputerName (Get-LabSmbSelf) -Key @('Name', 'ScopeName', 'AccountName') -Properties ([ordered]@{
        AccessControlType = [string]$Ace['type']; AccessRight = [string]$Ace['right']; AccountName = [string]$Ace['account']; Name = [string]$Share['name']; ScopeName = $scope })
}

# A Windows error of the SMB provider ('Windows System Error <n>,<cmdlet>' once PowerShell appends the cmdlet).
function Stop-LabSmbError($Inv, [string]$Message, [int]$Code, [Management.Automation.ErrorCategory]$Category, $Target) {
    $Inv.Cmdlet.ThrowTerminatingError((New-LabErrorRecord -Message $Message -ErrorId "Windows System Error $Code" -Category $Category -Target $Target -Exception ([Microsoft.Management.Infrastructure.CimException]::new($Message))))
}

# Shares a cmdlet names (-Name with wildcards, -ScopeName, or piped objects); a literal name with no match is an error.
function Select-LabShares($Inv, $B, [bool]$Terminating) {
    $shares = Get-LabVisibleShares
    if ($B.ContainsKey('InputObject')) {
        $names = @($B['InputObject'] | ForEach-Object { [string]$_.Name })
        return @($shares | Where-Object { $names -contains $_['name'] })
    }
    if ($B.ContainsKey('Name')) {
        $out = [Collections.ArrayList]::new()
        foreach ($n in @($B['Name'])) {
            $pat = [Management.Automation.WildcardPattern]::new([string]$n, 'IgnoreCase')
            $hit = @($shares | Where-Object { $pat.IsMatch([string]$_['name']) })
            if ($hit.Count -eq 0 -and -not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
                $er = New-LabCimNotFoundError 'MSFT_SmbShare' 'Name' $n
                if ($Terminating) { $Inv.Cmdlet.ThrowTerminatingError($er) } else { $Inv.Cmdlet.WriteError($er) }
            }
            foreach ($h in $hit) { if (-not $out.Contains($h)) { $null = $out.Add($h) } }
        }
        $shares = @($out)
    }
    if ($B.ContainsKey('ScopeName')) {
        $scopes = @($B['ScopeName'])
        $shares = @($shares | Where-Object { $s = '*'; if (-not $_['owner']) { $s = [string]$_['scopeName'] }; @($scopes | Where-Object { $s -like $_ }).Count -gt 0 })
    }
    return $shares
}

# Changes the named share in the site document and returns its record as written.
function Update-LabShare([string]$Name, [scriptblock]$Change) {
    return Update-LabWorld {
        param($tx)
        $site = Get-LabTxSite $tx
        foreach ($s in @(Get-LabStorageList $site['smb'] 'shares')) { if ($s['name'] -eq $Name) { & $Change $site $s; return $s } }
    }
}

Register-LabImpl 'Get-SmbShare' {
    param($Inv, $B)
    foreach ($s in (Select-LabShares $Inv $B $false)) {
        $o = ConvertTo-LabShareCim $s
        if ($B.ContainsKey('ContinuouslyAvailable') -and $o.ContinuouslyAvailable -ne [bool]$B['ContinuouslyAvailable']) { continue }
        if ($B.ContainsKey('AvailabilityType') -and @($B['AvailabilityType']) -notcontains $o.AvailabilityType) { continue }
        $Inv.Cmdlet.WriteObject($o)
    }
}

Register-LabImpl 'New-SmbShare' {
    param($Inv, $B)
    $name = [string]$B['Name']
    $path = [string]$B['Path']
    if (-not [IO.Directory]::Exists($path)) { Stop-LabSmbError $Inv 'The system cannot find the file specified.' 2 ObjectNotFound $path }
    $full = [IO.Path]::GetFullPath($path).TrimEnd([IO.Path]::DirectorySeparatorChar)
    $site = Get-LabSite
    $vol = Find-LabVolumeForPath (Get-LabStorageDoc $site) $full
    $self = Get-LabSmbSelf
    $scope = $null; if ($B.ContainsKey('ScopeName') -and [string]$B['ScopeName'] -ne '*') { $scope = [string]$B['ScopeName'] }
    if ($null -ne $scope -and $null -eq $vol) { Stop-LabSmbError $Inv 'The network name cannot be found.' 67 ObjectNotFound $scope }
    $access = [Collections.ArrayList]::new()
    foreach ($pair in @(@('FullAccess', 'Full'), @('ChangeAccess', 'Change'), @('ReadAccess', 'Read'))) {
        if ($B.ContainsKey($pair[0])) { foreach ($a in @($B[$pair[0]])) { $null = $access.Add(@{ account = [string]$a; type = 'Allow'; right = $pair[1] }) } }
    }
    if ($B.ContainsKey('NoAccess')) { foreach ($a in @($B['NoAccess'])) { $null = $access.Add(@{ account = [string]$a; type = 'Deny'; right = 'Full' }) } }
    # With no access given, Windows grants Everyone Read.
    if ($access.Count -eq 0) { $null = $access.Add(@{ account = 'Everyone'; type = 'Allow'; right = 'Read' }) }
    $siteDir = Get-LabSmbSiteDir
    $folder = $full
    if ($full.StartsWith($siteDir + [IO.Path]::DirectorySeparatorChar)) { $folder = $full.Substring($siteDir.Length + 1) }
    $ca = ($null -ne $scope)
    if ($B.ContainsKey('ContinuouslyAvailable')) { $ca = [bool]$B['ContinuouslyAvailable'] }
    $rec = @{ name = $name; scopeName = $scope; folder = $folder; volume = $null; continuouslyAvailable = $ca; description = ''; access = $access.ToArray()
        encrypt = $false; cachingMode = 'Manual'; folderEnumerationMode = 'Unrestricted'; owner = $null }
    if ($null -ne $vol) { $rec.volume = [string]$vol['label'] }
    if ($null -eq $scope) { $rec.owner = $self }
    if ($B.ContainsKey('Description')) { $rec.description = [string]$B['Description'] }
    if ($B.ContainsKey('EncryptData')) { $rec.encrypt = [bool]$B['EncryptData'] }
    if ($B.ContainsKey('CachingMode')) { $rec.cachingMode = [string]$B['CachingMode'] }
    if ($B.ContainsKey('FolderEnumerationMode')) { $rec.folderEnumerationMode = [string]$B['FolderEnumerationMode'] }
    if (-not $Inv.Cmdlet.ShouldProcess($name, 'New')) { return }
    $dup = Update-LabWorld {
        param($tx)
        $s = Get-LabTxSite $tx
        if (-not $s.Contains('smb') -or $null -eq $s['smb']) { $s['smb'] = @{ shares = @() } }
        $list = @(Get-LabStorageList $s['smb'] 'shares')
        foreach ($x in $list) { if ($x['name'] -eq $name -and (([string]$x['scopeName']) -eq ([string]$scope) -or ($x['owner'] -and $x['owner'] -eq $rec.owner))) { return $true } }
        $s['smb']['shares'] = $list + @($rec)
        return $false
    }
    if ($dup) { Stop-LabSmbError $Inv 'The name has already been shared.' 2118 ResourceExists $name }
    $Inv.Cmdlet.WriteObject((ConvertTo-LabShareCim $rec))
}

Register-LabImpl 'Remove-SmbShare' {
    param($Inv, $B)
    foreach ($s in (Select-LabShares $Inv $B $true)) {
        if (-not ($B.ContainsKey('Force') -and $B['Force']) -and -not $Inv.Cmdlet.ShouldProcess([string]$s['name'], 'Remove-Share')) { continue }
        $obj = ConvertTo-LabShareCim $s
        Update-LabWorld {
            param($tx)
            $site = Get-LabTxSite $tx
            $site['smb']['shares'] = @(Get-LabStorageList $site['smb'] 'shares' | Where-Object { $_['name'] -ne $s['name'] -or [string]$_['scopeName'] -ne [string]$s['scopeName'] })
        }
        if ($B.ContainsKey('PassThru') -and $B['PassThru']) { $Inv.Cmdlet.WriteObject($obj) }
    }
}

Register-LabImpl 'Get-SmbShareAccess' {
    param($Inv, $B)
    foreach ($s in (Select-LabShares $Inv $B $false)) { foreach ($a in @($s['access'])) { if ($null -ne $a) { $Inv.Cmdlet.WriteObject((ConvertTo-LabAceCim $s $a)) } } }
}

# Grant replaces the account's Allow entry with the new right; the answer is the share's whole ACL, as the real one.
Register-LabImpl 'Grant-SmbShareAccess' {
    param($Inv, $B)
    foreach ($s in (Select-LabShares $Inv $B $true)) {
        if (-not ($B.ContainsKey('Force') -and $B['Force']) -and -not $Inv.Cmdlet.ShouldProcess([string]$s['name'], 'Grant-Access')) { continue }
        $accounts = @($B['AccountName'] | ForEach-Object { [string]$_ })
        $right = [string]$B['AccessRight']
        $rec = Update-LabShare ([string]$s['name']) {
            param($site, $share)
            $kept = @($share['access'] | Where-Object { $null -ne $_ -and -not ($_['type'] -eq 'Allow' -and $accounts -contains [string]$_['account']) })
            $share['access'] = $kept + @($accounts | ForEach-Object { @{ account = $_; type = 'Allow'; right = $right } })
        }
        foreach ($a in @($rec['access'])) { $Inv.Cmdlet.WriteObject((ConvertTo-LabAceCim $rec $a)) }
    }
}

Register-LabImpl 'Revoke-SmbShareAccess' {
    param($Inv, $B)
    foreach ($s in (Select-LabShares $Inv $B $true)) {
        if (-not ($B.ContainsKey('Force') -and $B['Force']) -and -not $Inv.Cmdlet.ShouldProcess([string]$s['name'], 'Revoke-Access')) { continue }
        $accounts = @($B['AccountName'] | ForEach-Object { [string]$_ })
        $rec = Update-LabShare ([string]$s['name']) {
            param($site, $share)
            $share['access'] = @($share['access'] | Where-Object { $null -ne $_ -and -not ($_['type'] -eq 'Allow' -and $accounts -contains [string]$_['account']) })
        }
        foreach ($a in @($rec['access'])) { $Inv.Cmdlet.WriteObject((ConvertTo-LabAceCim $rec $a)) }
    }
}

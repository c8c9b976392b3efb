<#
  What "delete with files" would remove for each VM: its virtual hard disks with their whole differencing
  chain (checkpoints' .avhdx up to the base disk), so the confirmation can name every file.
#>
param(
    [Parameter(Mandatory = $true)]
    [string[]]$VmId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$out = New-Object System.Collections.Generic.List[object]
foreach ($id in $VmId) {
    $vm = Get-VM -Id ([guid]$id)
    $files = New-Object System.Collections.Generic.List[string]
    foreach ($drive in @(Get-VMHardDiskDrive -VM $vm)) {
        $path = $drive.Path
        while ($path) {
            if ($files.Contains($path)) { break }
            $files.Add($path)
            if (-not (Test-Path -LiteralPath $path)) { break }
            $path = (Get-VHD -Path $path).ParentPath
        }
    }
    $out.Add([ordered]@{ id = $id; name = [string]$vm.Name; path = [string]$vm.Path; files = $files.ToArray() })
}

ConvertTo-Json -InputObject @{ vms = $out.ToArray() } -Depth 4 -Compress

<#
  Deletes VMs of this host. With -DeleteFiles, also deletes each VM's virtual hard disks (whole differencing
  chain, read before the VM goes) and then the VM's folder if nothing else is left in it. Per-VM outcome.
#>
param(
    [Parameter(Mandatory = $true)]
    [string[]]$VmId,
    [switch]$DeleteFiles
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$results = New-Object System.Collections.Generic.List[object]
$index = 0
foreach ($id in $VmId) {
    $index++
    Write-Progress -Activity 'Remove-VM' -Status $id -PercentComplete ([int](100 * ($index - 1) / $VmId.Count))
    $entry = [ordered]@{ id = $id; ok = $false; deleted = @(); error = $null }
    try {
        $vm = Get-VM -Id ([guid]$id)
        $files = New-Object System.Collections.Generic.List[string]
        if ($DeleteFiles) {
            foreach ($drive in @(Get-VMHardDiskDrive -VM $vm)) {
                $path = $drive.Path
                while ($path) {
                    if ($files.Contains($path)) { break }
                    if (-not (Test-Path -LiteralPath $path)) { break }
                    $files.Add($path)
                    $path = (Get-VHD -Path $path).ParentPath
                }
            }
        }
        $vmFolder = [string]$vm.Path
        Remove-VM -VM $vm -Force
        $deleted = New-Object System.Collections.Generic.List[string]
        foreach ($file in $files) {
            Remove-Item -LiteralPath $file -Force
            $deleted.Add($file)
        }
        # Only the VM's own folder (New-VM -Path <location> makes <location>\<name>), never a shared default one.
        if ($DeleteFiles -and $vmFolder -and ((Split-Path -Path $vmFolder -Leaf) -eq $vm.Name) -and (Test-Path -LiteralPath $vmFolder)) {
            $left = @(Get-ChildItem -LiteralPath $vmFolder -Recurse -Force -File)
            if ($left.Count -eq 0) {
                Remove-Item -LiteralPath $vmFolder -Recurse -Force
                $deleted.Add($vmFolder)
            }
        }
        $entry.deleted = $deleted.ToArray()
        $entry.ok = $true
    } catch {
        $entry.error = [ordered]@{
            message  = $_.Exception.Message
            fqid     = [string]$_.FullyQualifiedErrorId
            category = [string]$_.CategoryInfo.Category
        }
    }
    $results.Add($entry)
}
Write-Progress -Activity 'Remove-VM' -Completed

ConvertTo-Json -InputObject @{ results = $results.ToArray() } -Depth 5 -Compress

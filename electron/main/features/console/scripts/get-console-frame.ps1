<#
  One console frame in ONE round trip: the VM's state, its current resolution (Msvm_VideoHead) and, when it
  runs, a thumbnail at that resolution (GetVirtualSystemThumbnailImage, RGB565). The bytes come back gzip'd
  and base64'd (a text-mode screen shrinks ~100x), or not at all when their hash equals -PreviousHash, so an
  unchanged screen costs a few hundred bytes.
#>
param(
    [Parameter(Mandatory = $true)][string]$VmId,
    [string]$PreviousHash = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The id is spliced into a WQL filter: accept nothing but a GUID (main validates it too).
$guid = [guid]::Parse($VmId).ToString()
$ns = 'root\virtualization\v2'

function Get-ConsoleState([int]$EnabledState) {
    switch ($EnabledState) {
        2 { return 'Running' }
        3 { return 'Off' }
        6 { return 'Saved' }
        9 { return 'Paused' }
        32768 { return 'Paused' }
        32769 { return 'Saved' }
        10 { return 'Starting' }
        32770 { return 'Starting' }
        32777 { return 'Starting' }
        4 { return 'Stopping' }
        32773 { return 'Stopping' }
        32774 { return 'Stopping' }
        default { return 'Other' }
    }
}

$vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $guid)
if ($null -eq $vm) {
    return (@{ found = $false } | ConvertTo-Json -Compress)
}
$state = Get-ConsoleState ([int]$vm.EnabledState)
$result = @{ found = $true; name = [string]$vm.ElementName; state = $state; width = 0; height = 0; unchanged = $false; hash = ''; data = '' }
if ($state -ne 'Running') {
    return ($result | ConvertTo-Json -Compress)
}

$head = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_VideoHead) | Select-Object -First 1
$width = 640
$height = 480
if ($null -ne $head) {
    $width = [int]$head.CurrentHorizontalResolution
    $height = [int]$head.CurrentVerticalResolution
}
$result.width = $width
$result.height = $height

$vssd = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_VirtualSystemSettingData |
        Where-Object { $_.VirtualSystemType -eq 'Microsoft:Hyper-V:System:Realized' }) | Select-Object -First 1
$service = Get-CimInstance -Namespace $ns -ClassName Msvm_VirtualSystemManagementService
$call = Invoke-CimMethod -InputObject $service -MethodName GetVirtualSystemThumbnailImage -Arguments @{
    TargetSystem = $vssd
    WidthPixels  = [uint16]$width
    HeightPixels = [uint16]$height
}
$rv = [int]$call.ReturnValue
$result['returnValue'] = $rv
$bytes = [byte[]]@()
if ($rv -eq 0 -and $null -ne $call.ImageData) { $bytes = [byte[]]$call.ImageData }
if ($bytes.Length -ne ($width * $height * 2)) {
    # Non-zero return, an empty image or a size change mid-call: "no picture" this time, the next poll retries.
    $result['noPicture'] = $true
    return ($result | ConvertTo-Json -Compress)
}

$sha = [System.Security.Cryptography.SHA256]::Create()
try { $hash = [System.BitConverter]::ToString($sha.ComputeHash($bytes)).Replace('-', '') }
finally { $sha.Dispose() }
$result.hash = $hash
if ($hash -eq $PreviousHash) {
    $result.unchanged = $true
    return ($result | ConvertTo-Json -Compress)
}

$buffer = New-Object System.IO.MemoryStream
$gzip = New-Object System.IO.Compression.GZipStream($buffer, [System.IO.Compression.CompressionLevel]::Fastest, $true)
try { $gzip.Write($bytes, 0, $bytes.Length) }
finally { $gzip.Dispose() }
$result.data = [System.Convert]::ToBase64String($buffer.ToArray())
$result['encoding'] = 'gzip-base64'
return ($result | ConvertTo-Json -Compress)

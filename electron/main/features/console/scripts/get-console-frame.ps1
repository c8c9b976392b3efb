<#
  One console frame in ONE round trip: the VM's state, its current resolution (Msvm_VideoHead) and, when it
  runs, a thumbnail at that resolution (GetVirtualSystemThumbnailImage, RGB565). The bytes come back gzip'd
  and base64'd (a text-mode screen shrinks ~100x), or not at all when their hash equals -PreviousHash, so an
  unchanged screen costs a few hundred bytes.

  Speed: the CIM instances a frame needs (the VM, its realized VSSD, its video head, the management service)
  are looked up once and kept in a global cache of the session's runspace, keyed by VM id, so a steady-state
  frame is ONE Invoke-CimMethod. The cache is revalidated cheaply: the VM's state and the video head's
  resolution are re-read at most every $RevalidateMs, and any failed or odd-sized thumbnail drops the entry
  and resolves everything afresh in the same call (a VM that stopped, was re-created or changed resolution).
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
$RevalidateMs = 1000

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

function Get-ConsoleThumbnail($Entry) {
    $call = Invoke-CimMethod -InputObject $Entry.Service -MethodName GetVirtualSystemThumbnailImage -Arguments @{
        TargetSystem = $Entry.Vssd
        WidthPixels  = [uint16]$Entry.Width
        HeightPixels = [uint16]$Entry.Height
    }
    $bytes = $null
    $rv = [int]$call.ReturnValue
    if ($rv -eq 0 -and $null -ne $call.ImageData) { $bytes = [byte[]]$call.ImageData }
    return @{ ReturnValue = $rv; Bytes = $bytes }
}

# Full lookup: the VM (state), and when it runs its video head, realized VSSD and the management service.
function Resolve-ConsoleEntry([string]$Guid, $Previous) {
    $vm = Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem -Filter ("Name='{0}'" -f $Guid)
    if ($null -eq $vm) { return $null }
    $entry = @{ Vm = $vm; Name = [string]$vm.ElementName; State = (Get-ConsoleState ([int]$vm.EnabledState)); Width = 640; Height = 480; Vssd = $null; Service = $null; CheckedAt = [DateTime]::UtcNow }
    if ($entry.State -ne 'Running') { return $entry }
    $heads = @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_VideoHead)
    if ($heads.Count -gt 0) {
        $entry.Width = [int]$heads[0].CurrentHorizontalResolution
        $entry.Height = [int]$heads[0].CurrentVerticalResolution
    }
    # A running VM's realized settings and the singleton service do not change: a revalidation reuses them.
    if ($null -ne $Previous -and $null -ne $Previous.Vssd -and $null -ne $Previous.Service) {
        $entry.Vssd = $Previous.Vssd
        $entry.Service = $Previous.Service
        return $entry
    }
    foreach ($s in @(Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_VirtualSystemSettingData)) {
        if ($s.VirtualSystemType -eq 'Microsoft:Hyper-V:System:Realized') { $entry.Vssd = $s; break }
    }
    $entry.Service = @(Get-CimInstance -Namespace $ns -ClassName Msvm_VirtualSystemManagementService)[0]
    return $entry
}

if (-not (Test-Path -LiteralPath 'variable:global:HyperdeskConsoleFrameCache')) { $global:HyperdeskConsoleFrameCache = @{} }
$cache = $global:HyperdeskConsoleFrameCache
$now = [DateTime]::UtcNow
$entry = $cache[$guid]
$shot = $null
if ($null -ne $entry -and ($now - $entry.CheckedAt).TotalMilliseconds -lt $RevalidateMs) {
    # Steady state: one method call on cached instances. A stale instance (VM deleted or re-created, host
    # service restarted) throws or answers non-zero: drop the entry and resolve afresh below.
    try { $shot = Get-ConsoleThumbnail $entry }
    catch { $shot = $null; Write-Verbose ('cached console instances went stale: ' + $_.Exception.Message) }
    if ($null -eq $shot -or $null -eq $shot.Bytes -or $shot.Bytes.Length -ne ($entry.Width * $entry.Height * 2)) {
        $shot = $null
        $cache.Remove($guid)
    }
}
if ($null -eq $shot) {
    $previous = $cache[$guid]
    $entry = Resolve-ConsoleEntry $guid $previous
    if ($null -eq $entry -or $entry.State -ne 'Running') {
        $cache.Remove($guid)
        if ($null -eq $entry) { return (@{ found = $false } | ConvertTo-Json -Compress) }
        return (@{ found = $true; name = $entry.Name; state = $entry.State; width = 0; height = 0; unchanged = $false; hash = ''; data = '' } | ConvertTo-Json -Compress)
    }
    # Entries of consoles closed long ago go away, so the cache stays as small as the set of open consoles.
    foreach ($k in @($cache.Keys)) { if (($now - $cache[$k].CheckedAt).TotalMinutes -gt 5) { $cache.Remove($k) } }
    $cache[$guid] = $entry
    $shot = Get-ConsoleThumbnail $entry
}

$result = @{ found = $true; name = $entry.Name; state = 'Running'; width = $entry.Width; height = $entry.Height; unchanged = $false; hash = ''; data = '' }
$result['returnValue'] = $shot.ReturnValue
$bytes = $shot.Bytes
if ($null -eq $bytes -or $bytes.Length -ne ($entry.Width * $entry.Height * 2)) {
    # Non-zero return, an empty image or a size change mid-call: "no picture" this time, the next poll retries.
    $cache.Remove($guid)
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

# Checks a captured disk by reading its header, never by mounting it (attaching it on the source would
# re-signature the disk and break the boot): VHDX starts with "vhdxfile"; VHD has the "conectix" footer.
param([Parameter(Mandatory = $true)][string]$Path)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$out = [ordered]@{ exists = $false; bytes = 0; format = $null }
if (Test-Path -LiteralPath $Path -PathType Leaf) {
    $out.exists = $true
    $fs = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
    try {
        $out.bytes = [double]$fs.Length
        $head = New-Object byte[] 8
        $n = $fs.Read($head, 0, 8)
        $ascii = [System.Text.Encoding]::ASCII
        if ($n -eq 8 -and $ascii.GetString($head) -eq 'vhdxfile') { $out.format = 'VHDX' }
        elseif ($fs.Length -ge 512) {
            $null = $fs.Seek(-512, [System.IO.SeekOrigin]::End)
            $foot = New-Object byte[] 8
            $m = $fs.Read($foot, 0, 8)
            if ($m -eq 8 -and $ascii.GetString($foot) -eq 'conectix') { $out.format = 'VHD' }
        }
    } finally { $fs.Dispose() }
}
$out | ConvertTo-Json -Compress

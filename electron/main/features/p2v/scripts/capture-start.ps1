# Starts Disk2vhd on the source in the background and returns its process id. Win32_Process.Create starts it
# outside the remoting session, so the capture survives a dropped connection or a closed app. Disk2vhd prints
# nothing; progress is the growth of the VHD(X) file (capture-status.ps1).
param(
    [Parameter(Mandatory = $true)][string]$Disk2vhdPath,
    [Parameter(Mandatory = $true)][string[]]$Volumes,
    [Parameter(Mandatory = $true)][string]$VhdPath,
    [bool]$UseShadowCopy = $false
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

foreach ($v in $Volumes) { if ($v -notmatch '^([A-Za-z]:|\*)$') { throw [System.ArgumentException]::new("Not a Disk2vhd volume argument: $v") } }
# The command line is data for the process, not PowerShell text; a double quote cannot be quoted there.
foreach ($p in @($Disk2vhdPath, $VhdPath)) { if ($p.Contains('"')) { throw [System.ArgumentException]::new('Paths must not contain double quotes') } }
if ($VhdPath -notmatch '\.(vhdx|vhd)$') { throw [System.ArgumentException]::new('The target must end in .vhdx or .vhd') }
if (Test-Path -LiteralPath $VhdPath) { throw [System.IO.IOException]::new("The target file already exists: $VhdPath") }
$folder = Split-Path -Parent $VhdPath
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }

$parts = @('"' + $Disk2vhdPath + '"', '-accepteula')
if (-not $UseShadowCopy) { $parts += '-c' }
$parts += $Volumes
$parts += ('"' + $VhdPath + '"')
$commandLine = $parts -join ' '
$r = Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments @{ CommandLine = $commandLine; CurrentDirectory = $folder }
if ([int]$r.ReturnValue -ne 0) { throw [System.InvalidOperationException]::new("Win32_Process.Create failed with code $($r.ReturnValue)") }
$proc = Get-Process -Id ([int]$r.ProcessId)
[ordered]@{ processId = [int]$r.ProcessId; processStartTime = $proc.StartTime.ToUniversalTime().ToString('o'); commandLine = $commandLine } | ConvertTo-Json -Compress

# Writes the lab's `disk2vhd64.exe` shim (a shell script that runs assets/lab/p2v/disk2vhd64.ps1) into a folder.
param([Parameter(Mandatory = $true)][string]$Destination)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$standIn = Join-Path (Split-Path -Parent $PSScriptRoot) 'disk2vhd64.ps1'
# Exec this very PowerShell so the shim's PID is the stand-in's PID (Stop-Process on it stops the capture).
# A `dotnet tool` pwsh is a launcher that spawns a child, so run its pwsh.dll through dotnet instead.
$exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$run = "'$exe'"
if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $run = "'$exe' '$(Join-Path $PSHOME 'pwsh.dll')'" }
New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$shim = Join-Path $Destination 'disk2vhd64.exe'
$text = "#!/bin/sh`n# Hyperdesk lab stand-in for Sysinternals disk2vhd64.exe (GUI: no console output)`nexec $run -NoLogo -NoProfile -NonInteractive -File '$standIn' `"`$@`" </dev/null >/dev/null 2>&1`n"
[System.IO.File]::WriteAllText($shim, $text)
& chmod 755 $shim

# Writes the lab's `disk2vhd64.exe` shim (a shell script that runs assets/lab/p2v/disk2vhd64.ps1) into a folder.
param([Parameter(Mandatory = $true)][string]$Destination)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$standIn = Join-Path (Split-Path -Parent $PSScriptRoot) 'disk2vhd64.ps1'
$pwsh = (Get-Command -Name pwsh -CommandType Application | Select-Object -First 1).Source
New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$shim = Join-Path $Destination 'disk2vhd64.exe'
$text = "#!/bin/sh`n# Hyperdesk lab stand-in for Sysinternals disk2vhd64.exe (GUI: no console output)`nexec '$pwsh' -NoLogo -NoProfile -NonInteractive -File '$standIn' `"`$@`" </dev/null >/dev/null 2>&1`n"
[System.IO.File]::WriteAllText($shim, $text)
& chmod 755 $shim

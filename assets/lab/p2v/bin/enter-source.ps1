# Dot-sourced at the start of every lab source process: sets the environment a Windows machine has
# (COMPUTERNAME, firmware_type, ProgramData, its PATH with the Disk2vhd folder) from the lab source state.
Set-StrictMode -Version Latest
$__src = Get-Content -LiteralPath (Join-Path $env:HYPERDESK_LAB_SOURCE 'source.json') -Raw -Encoding UTF8 | ConvertFrom-Json
$env:COMPUTERNAME = [string]$__src.computerName
$env:firmware_type = [string]$__src.firmware
$env:ProgramData = Join-Path $env:HYPERDESK_LAB_SOURCE 'ProgramData'
$env:PATH = (Join-Path $env:HYPERDESK_LAB_SOURCE 'tools') + [System.IO.Path]::PathSeparator + $env:PATH
Remove-Variable __src

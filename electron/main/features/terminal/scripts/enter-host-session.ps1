<#
  Starts an interactive terminal inside a managed host: run by the embedded terminal as
  `pwsh -NoLogo -NoExit -File enter-host-session.ps1 ...`. Only connection settings arrive as arguments;
  a password, when the host needs one, is read from a one-shot local pipe the app serves (never argv,
  environment or the terminal's scrollback) and lives here only as a SecureString.
#>
param(
  [Parameter(Mandatory = $true)][ValidateSet('ssh', 'winrm')][string]$Transport,
  [Parameter(Mandatory = $true)][string]$ComputerName,
  [int]$Port = 0,
  [string]$UserName = '',
  [string]$KeyFilePath = '',
  [string]$KnownHostsFile = '',
  [switch]$UseSsl,
  [ValidateSet('Default', 'Kerberos', 'Negotiate', 'CredSSP')][string]$Authentication = 'Default',
  [string]$CredentialPipe = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Read-PipedCredential {
  param([string]$PipeName, [string]$User)
  $pipe = New-Object System.IO.Pipes.NamedPipeClientStream('.', $PipeName, [System.IO.Pipes.PipeDirection]::In)
  try {
    $pipe.Connect(10000)
    $reader = New-Object System.IO.StreamReader($pipe, [System.Text.Encoding]::UTF8)
    $line = $reader.ReadLine()
  } finally {
    $pipe.Dispose()
  }
  $secure = New-Object System.Security.SecureString
  foreach ($ch in ($line | ConvertFrom-Json).password.ToCharArray()) { $secure.AppendChar($ch) }
  $secure.MakeReadOnly()
  $line = $null
  return New-Object System.Management.Automation.PSCredential($User, $secure)
}

$params = @{}
if ($Transport -eq 'ssh') {
  $params['HostName'] = $ComputerName
  if ($UserName) { $params['UserName'] = $UserName }
  if ($KeyFilePath) { $params['KeyFilePath'] = $KeyFilePath }
  if ($Port -gt 0) { $params['Port'] = $Port }
  # The key must already be trusted (the add-host dialog's first-contact step wrote it there): unknown and changed keys are refused.
  if ($KnownHostsFile) { $params['Options'] = @{ UserKnownHostsFile = $KnownHostsFile; StrictHostKeyChecking = 'yes' } }
} else {
  $params['ComputerName'] = $ComputerName
  $params['Authentication'] = $Authentication
  if ($UseSsl) { $params['UseSSL'] = $true }
  if ($Port -gt 0) { $params['Port'] = $Port }
  if ($CredentialPipe) { $params['Credential'] = Read-PipedCredential -PipeName $CredentialPipe -User $UserName }
}
Enter-PSSession @params

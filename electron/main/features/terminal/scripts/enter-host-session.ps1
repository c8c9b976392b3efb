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
  [string]$CredentialPipe = '',
  # Windows: this script serves the pipe itself, with this security descriptor, and admits only this client process.
  [string]$CredentialPipeSddl = '',
  [int]$CredentialClientPid = 0
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Read-ServedCredentialLine {
  # Windows: the app cannot ACL a pipe it serves, so this script serves it: the app's SDDL (this user only, no
  # network logons), ONE instance (a second server or client cannot share the name), one connection, and that
  # client must be the app's process; any other client burns the pipe and no password is read.
  param([string]$PipeName, [string]$Sddl, [int]$ClientPid)
  Add-Type -Namespace Hyperdesk -Name PipeClient -MemberDefinition '[DllImport("kernel32.dll", SetLastError = true)] public static extern bool GetNamedPipeClientProcessId(Microsoft.Win32.SafeHandles.SafePipeHandle pipe, out uint clientProcessId);'
  $security = New-Object System.IO.Pipes.PipeSecurity
  $security.SetSecurityDescriptorSddlForm($Sddl)
  $direction = [System.IO.Pipes.PipeDirection]::In
  $byte = [System.IO.Pipes.PipeTransmissionMode]::Byte
  $async = [System.IO.Pipes.PipeOptions]::Asynchronous
  if ($PSVersionTable.PSEdition -eq 'Core') {
    $server = [System.IO.Pipes.NamedPipeServerStreamAcl]::Create($PipeName, $direction, 1, $byte, $async, 0, 0, $security)
  } else {
    $server = New-Object System.IO.Pipes.NamedPipeServerStream($PipeName, $direction, 1, $byte, $async, 0, 0, $security)
  }
  try {
    $wait = $server.WaitForConnectionAsync()
    if (-not $wait.Wait(30000)) { throw 'Hyperdesk did not hand over the password within 30 s.' }
    [uint32]$clientId = 0
    if (-not [Hyperdesk.PipeClient]::GetNamedPipeClientProcessId($server.SafePipeHandle, [ref]$clientId)) { throw 'Could not identify the process on the password pipe.' }
    if ($clientId -ne $ClientPid) { throw "Refused the password pipe: process $clientId connected, not Hyperdesk ($ClientPid)." }
    $reader = New-Object System.IO.StreamReader($server, [System.Text.Encoding]::UTF8)
    return $reader.ReadLine()
  } finally {
    $server.Dispose()
  }
}

function Read-PipedCredential {
  param([string]$PipeName, [string]$User)
  if ($CredentialPipeSddl) {
    $line = Read-ServedCredentialLine -PipeName $PipeName -Sddl $CredentialPipeSddl -ClientPid $CredentialClientPid
  } else {
    $pipe = New-Object System.IO.Pipes.NamedPipeClientStream('.', $PipeName, [System.IO.Pipes.PipeDirection]::In)
    try {
      $pipe.Connect(10000)
      $reader = New-Object System.IO.StreamReader($pipe, [System.Text.Encoding]::UTF8)
      $line = $reader.ReadLine()
    } finally {
      $pipe.Dispose()
    }
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

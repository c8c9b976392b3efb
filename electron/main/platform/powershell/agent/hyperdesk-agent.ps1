<#
  Hyperdesk PowerShell agent: one long-lived process that holds many remote sessions and runs requests
  concurrently on a runspace pool. Protocol (see electron/main/platform/powershell/protocol.ts):
    stdin  : one JSON request per line  {id, kind: open|run|cancel|close|ping, ...}
    stdout : one JSON frame per line    {id, t: ready|opened|progress|result|error|closed|pong, ...}
  Stdout carries frames only, written by this main loop (never by workers), so frames never interleave.
  Diagnostics go to stderr. Runs on Windows PowerShell 5.1 and pwsh 7 (no PS7-only syntax).
#>
param(
    [int]$MaxConcurrency = 56,
    [int]$PollMs = 50
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$utf8 = New-Object System.Text.UTF8Encoding($false)
$stdin = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $utf8)
$stdout = New-Object System.IO.StreamWriter([Console]::OpenStandardOutput(), $utf8)
$stdout.AutoFlush = $false
$stdout.NewLine = "`n"

# PS 7.5+ turns ISO-looking strings into DateTime unless told not to; 5.1 never does. Values must round-trip.
$fromJsonExtra = @{}
if ((Get-Command ConvertFrom-Json).Parameters.ContainsKey('DateKind')) { $fromJsonExtra['DateKind'] = 'String' }

# HYPERDESK_AGENT_TRACE=1: one stderr line per request with where its time went (profiling only).
$trace = $env:HYPERDESK_AGENT_TRACE -eq '1'
$clock = [Diagnostics.Stopwatch]::StartNew()

$pool = [RunspaceFactory]::CreateRunspacePool(1, $MaxConcurrency)
# A PSSession dies with the pool runspace whose New-PSSession opened it, and the pool closes runspaces idle at its
# cleanup tick (default 15 minutes): that would drop healthy sessions. Keep pool runspaces (the timer's maximum).
$pool.CleanupInterval = [TimeSpan]::FromDays(24)
$pool.Open()

$sessions = @{}            # key -> PSSession
$active = New-Object System.Collections.ArrayList
$waiting = New-Object System.Collections.Queue

function Write-Diag([string]$Text) { [Console]::Error.WriteLine('[agent] ' + $Text) }

function Format-JsonString($Value) {
    # String.Replace is native and fast even for 20 MB payloads; control characters are rare.
    if ($null -eq $Value) { return 'null' }
    $e = ([string]$Value).Replace('\', '\\').Replace('"', '\"').Replace("`n", '\n').Replace("`r", '\r').Replace("`t", '\t')
    if ($e -match '[\x00-\x1f]') {
        $e = [regex]::Replace($e, '[\x00-\x1f]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
    }
    return '"' + $e + '"'
}

function Send-Frame([string]$Json) {
    $stdout.WriteLine($Json)
    $stdout.Flush()
}

function Send-Simple($Id, [string]$Type, [hashtable]$Extra) {
    $frame = @{ id = $Id; t = $Type }
    if ($null -ne $Extra) { foreach ($k in $Extra.Keys) { $frame[$k] = $Extra[$k] } }
    Send-Frame ($frame | ConvertTo-Json -Compress -Depth 6)
}

function Get-Prop($Object, [string]$Name) {
    if ($null -eq $Object) { return $null }
    $p = $Object.PSObject.Properties[$Name]
    if ($null -eq $p) { return $null }
    return $p.Value
}

function ConvertTo-PlainValue($Value) {
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $h = @{}
        foreach ($p in $Value.PSObject.Properties) { $h[$p.Name] = ConvertTo-PlainValue $p.Value }
        return $h
    }
    if ($Value -is [System.Array]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $Value) { [void]$list.Add((ConvertTo-PlainValue $item)) }
        return , $list.ToArray()
    }
    return $Value
}

function ConvertTo-ErrorInfo($Record) {
    $info = @{ message = ''; category = ''; fqid = ''; target = $null; line = $null; position = $null; exceptionType = ''; transport = $false }
    if ($Record -is [System.Management.Automation.ErrorRecord]) {
        $info.message = [string]$Record
        $info.category = [string]$Record.CategoryInfo.Category
        $info.fqid = [string]$Record.FullyQualifiedErrorId
        if ($null -ne $Record.TargetObject) { $info.target = [string]$Record.TargetObject }
        $ex = $Record.Exception
        if ($null -ne $Record.InvocationInfo) {
            $info.line = $Record.InvocationInfo.ScriptLineNumber
            $info.position = [string]$Record.InvocationInfo.PositionMessage
        }
    } else {
        $ex = $Record
        $info.message = [string]$Record.Message
    }
    if ($null -ne $ex) {
        $info.exceptionType = $ex.GetType().FullName
        $remote = Get-Prop $ex 'SerializedRemoteException'
        if ($null -ne $remote) { $info.exceptionType = [string]$remote.PSObject.TypeNames[0] }
        # A remote script's terminating error: where it happened is in the remote invocation info.
        $remoteAt = Get-Prop $ex 'SerializedRemoteInvocationInfo'
        if ($null -ne $remoteAt -and $null -eq $info.line) {
            $info.line = Get-Prop $remoteAt 'ScriptLineNumber'
            $info.position = [string](Get-Prop $remoteAt 'PositionMessage')
        }
        if ($ex -is [System.Management.Automation.Remoting.PSRemotingTransportException]) {
            $info.transport = $true
            $info['errorCode'] = $ex.ErrorCode
        }
        if ($ex.Message -and -not $info.message) { $info.message = $ex.Message }
    }
    return $info
}

# Worker scripts run in pool runspaces; they never write to the console.
$openWorker = {
    param($Spec, $Password, $TimeoutMs)
    $ErrorActionPreference = 'Stop'
    $p = @{}
    $np = (Get-Command New-PSSession).Parameters
    if ($Spec.transport -eq 'ssh') {
        $p['HostName'] = $Spec.hostName
        if ($Spec.userName) { $p['UserName'] = $Spec.userName }
        if ($Spec.port) { $p['Port'] = [int]$Spec.port }
        if ($Spec.keyFilePath) { $p['KeyFilePath'] = $Spec.keyFilePath }
        if ($np.ContainsKey('ConnectingTimeout')) { $p['ConnectingTimeout'] = [int]$TimeoutMs }
        if ($Spec.sshOptions -and $np.ContainsKey('Options')) { $p['Options'] = $Spec.sshOptions }
    } else {
        $p['ComputerName'] = $Spec.hostName
        if ($Spec.port) { $p['Port'] = [int]$Spec.port }
        if ($Spec.useSsl) { $p['UseSSL'] = $true }
        if ($Spec.authentication) { $p['Authentication'] = $Spec.authentication }
        if ($Spec.userName -and $null -ne $Password) {
            $secure = ConvertTo-SecureString -String $Password -AsPlainText -Force
            $p['Credential'] = New-Object System.Management.Automation.PSCredential($Spec.userName, $secure)
        }
        # pwsh on Linux/macOS has no WSMan client: its New-PSSessionOption lacks the timeouts, and New-PSSession
        # -ComputerName then fails with PowerShell's own "no WSMan client" error, which is what the user should see.
        if ((Get-Command New-PSSessionOption).Parameters.ContainsKey('OpenTimeout')) {
            $p['SessionOption'] = New-PSSessionOption -OpenTimeout ([int]$TimeoutMs) -OperationTimeout 0 -IdleTimeout 7200000
        }
    }
    New-PSSession @p
}

# Every run ends by emitting $End: a run that completes without it (no error either) lost its transport midway
# (a killed remote pwsh can make the remote pipeline end quietly with nothing).
$endMarker = 'hyperdesk-end-' + [guid]::NewGuid().ToString('N')
# Local hosts (lab, this machine): the script runs in a pool runspace.
$runWorker = {
    param([string]$ScriptText, [hashtable]$Params, [string]$End)
    $ErrorActionPreference = 'Stop'
    & ([scriptblock]::Create($ScriptText)) @Params
    $End
}
# Remote hosts: this text runs as a pipeline directly on the PSSession's remote runspace (no local runspace and
# no Invoke-Command in between: that is what makes a 16-host fan-out cost about one call). The script text and
# its arguments travel as data; the far side builds the block and splats. Stop as Invoke-Command under 'Stop'
# would: the first error ends the script.
$remoteRunner = 'param([string]$t, [hashtable]$a, [string]$e) $ErrorActionPreference = ''Stop''; & ([scriptblock]::Create($t)) @a; $e'

$closeWorker = {
    param($Session)
    if ($null -ne $Session) { Remove-PSSession -Session $Session -ErrorAction SilentlyContinue }
}

function Start-Work($Req, [scriptblock]$Worker, [object[]]$Arguments, $Session) {
    $ps = [PowerShell]::Create()
    if ($null -ne $Session) {
        $ps.Runspace = $Session.Runspace
        [void]$ps.AddScript($remoteRunner)
    } else {
        $ps.RunspacePool = $pool
        [void]$ps.AddScript($Worker.ToString())
    }
    foreach ($a in $Arguments) { [void]$ps.AddArgument($a) }
    $timeout = [int](Get-Prop $Req 'timeoutMs')
    $deadline = [DateTime]::MaxValue
    if ($timeout -gt 0) { $deadline = [DateTime]::UtcNow.AddMilliseconds($timeout) }
    $maxChars = [long](Get-Prop $Req 'maxChars')
    if ($maxChars -le 0) { $maxChars = 16777216 }
    $entry = [pscustomobject]@{
        Id = $Req.id; Kind = $Req.kind; Key = (Get-Prop $Req 'key'); Ps = $ps; Ar = $null
        Deadline = $deadline; StopReason = $null; ProgressSeen = 0; MaxChars = $maxChars; T0 = $clock.Elapsed.TotalMilliseconds; T1 = 0.0
    }
    if ($active.Count -ge ($MaxConcurrency - 2)) { $waiting.Enqueue($entry); return }
    Invoke-Entry $entry
}

function Invoke-Entry($Entry) {
    try { $Entry.Ar = $Entry.Ps.BeginInvoke() }
    catch {
        # A remote runspace that broke or closed refuses new pipelines at once: answer, never let the loop die.
        $state = $null
        if ($Entry.Key -and $sessions.ContainsKey($Entry.Key)) { $state = [string]$sessions[$Entry.Key].State }
        $Entry.Ps.Dispose()
        $inner = $_.Exception
        if ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
        $msg = "The session to the host is $state and takes no more calls ($($inner.Message))"
        if ($Entry.Id -ge 0) { Send-Simple $Entry.Id 'error' @{ code = 'TRANSPORT'; message = $msg; errors = @(ConvertTo-ErrorInfo $inner); sessionState = $state } }
        return
    }
    $Entry.T1 = $clock.Elapsed.TotalMilliseconds
    [void]$active.Add($Entry)
}

function Get-StreamText($Collection, [string]$Member) {
    $out = New-Object System.Collections.ArrayList
    foreach ($r in $Collection) { [void]$out.Add([string](Get-Prop $r $Member)) }
    return , $out.ToArray()
}

function Complete-Work($Entry) {
    $ps = $Entry.Ps
    $output = $null
    $thrown = $null
    try { $output = $ps.EndInvoke($Entry.Ar) } catch { $thrown = $_ }
    $streams = @{
        warnings = Get-StreamText $ps.Streams.Warning 'Message'
        verbose = Get-StreamText $ps.Streams.Verbose 'Message'
        information = Get-StreamText $ps.Streams.Information 'MessageData'
    }
    $errors = New-Object System.Collections.ArrayList
    foreach ($e in $ps.Streams.Error) { [void]$errors.Add((ConvertTo-ErrorInfo $e)) }
    if ($null -ne $thrown) {
        $inner = $thrown.Exception
        if ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
        if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { [void]$errors.Insert(0, (ConvertTo-ErrorInfo $inner.ErrorRecord)) }
        else { [void]$errors.Insert(0, (ConvertTo-ErrorInfo $inner)) }
    }
    $ps.Dispose()
    $sessionState = $null
    if ($Entry.Key -and $sessions.ContainsKey($Entry.Key)) { $sessionState = [string]$sessions[$Entry.Key].State }

    $finished = $false
    if ($Entry.Kind -eq 'run' -and $null -ne $output -and $output.Count -gt 0 -and [string]$output[$output.Count - 1] -eq $endMarker) {
        $output.RemoveAt($output.Count - 1)
        $finished = $true
    }
    if ($Entry.Kind -eq 'run' -and $null -eq $Entry.StopReason -and (($Entry.Key -and $sessionState -ne 'Opened') -or ($errors.Count -eq 0 -and -not $finished))) {
        # The remote end went away (killed pwsh, dropped connection): Invoke-Command may return nothing and no error.
        $msg = "The connection to the host ended before the script finished (session $sessionState)"
        if ($errors.Count -gt 0) { $msg = $errors[0].message }
        Send-Simple $Entry.Id 'error' @{ code = 'TRANSPORT'; message = $msg; errors = $errors.ToArray(); sessionState = $sessionState; streams = $streams }
        return
    }
    if ($null -ne $Entry.StopReason) {
        $msg = 'Cancelled'
        if ($Entry.StopReason -eq 'TIMEOUT') { $msg = 'Timed out' }
        Send-Simple $Entry.Id 'error' @{ code = $Entry.StopReason; message = $msg; errors = @(); sessionState = $sessionState; streams = $streams }
        return
    }
    if ($errors.Count -gt 0) {
        $code = 'PS_ERROR'
        foreach ($e in $errors) { if ($e.transport) { $code = 'TRANSPORT' } }
        Send-Simple $Entry.Id 'error' @{ code = $code; message = $errors[0].message; errors = $errors.ToArray(); sessionState = $sessionState; streams = $streams }
        return
    }
    if ($Entry.Kind -eq 'open') {
        $s = @($output)[0]
        if ($null -eq $s) { Send-Simple $Entry.Id 'error' @{ code = 'TRANSPORT'; message = 'New-PSSession returned no session'; errors = @() }; return }
        if ($sessions.ContainsKey($Entry.Key)) { Close-Key $Entry.Key }
        $sessions[$Entry.Key] = $s
        Send-Simple $Entry.Id 'opened' @{ key = $Entry.Key; sessionState = [string]$s.State }
        return
    }
    if ($Entry.Kind -eq 'close') { Send-Simple $Entry.Id 'closed' @{ key = $Entry.Key }; return }
    $parts = New-Object System.Collections.ArrayList
    $chars = 0
    foreach ($o in $output) { if ($null -ne $o) { $text = [string]$o; $chars += $text.Length; [void]$parts.Add($text) } }
    if ($chars -gt $Entry.MaxChars) {
        Send-Simple $Entry.Id 'error' @{ code = 'TOO_LARGE'; message = ('Output of {0} characters is over the limit of {1}' -f $chars, $Entry.MaxChars); errors = @(); sessionState = $sessionState; streams = $streams }
        return
    }
    $data = [string]::Join("`n", [string[]]$parts.ToArray())
    $head = @{ id = $Entry.Id; t = 'result'; sessionState = $sessionState; streams = $streams } | ConvertTo-Json -Compress -Depth 4
    # Splice the pre-escaped data into the frame: avoids re-serialising large payloads with ConvertTo-Json.
    Send-Frame ($head.Substring(0, $head.Length - 1) + ',"data":' + (Format-JsonString $data) + '}')
}

function Close-Key([string]$Key) {
    $s = $sessions[$Key]
    $sessions.Remove($Key)
    Start-Work ([pscustomobject]@{ id = -1; kind = 'close-bg'; timeoutMs = 15000 }) $closeWorker @(, $s)
}

function Invoke-Request([string]$Line) {
    try { $req = $Line | ConvertFrom-Json @fromJsonExtra }
    catch { Write-Diag ('unreadable request: ' + $_.Exception.Message); return }
    $id = Get-Prop $req 'id'
    switch ([string](Get-Prop $req 'kind')) {
        'ping' { Send-Simple $id 'pong' @{ sessions = $sessions.Count; active = $active.Count } }
        'open' {
            $password = Get-Prop $req 'password'
            Start-Work $req $openWorker @((ConvertTo-PlainValue $req.spec), $password, [int]$req.timeoutMs)
        }
        'run' {
            $session = $null
            $key = Get-Prop $req 'key'
            if ($key) {
                if (-not $sessions.ContainsKey($key)) { Send-Simple $id 'error' @{ code = 'NO_SESSION'; message = "No session '$key'"; errors = @() }; return }
                $session = $sessions[$key]
            }
            $params = ConvertTo-PlainValue (Get-Prop $req 'args')
            if ($null -eq $params) { $params = @{} }
            Start-Work $req $runWorker @([string]$req.script, $params, $endMarker) $session
        }
        'cancel' {
            foreach ($e in $active) {
                if ($e.Id -eq $req.target -and $null -eq $e.StopReason) { $e.StopReason = 'CANCELLED'; [void]$e.Ps.BeginStop($null, $null) }
            }
        }
        'close' {
            $key = [string]$req.key
            if ($sessions.ContainsKey($key)) { $s = $sessions[$key]; $sessions.Remove($key); Start-Work $req $closeWorker @(, $s) }
            else { Send-Simple $id 'closed' @{ key = $key } }
        }
        default { Send-Simple $id 'error' @{ code = 'BAD_REQUEST'; message = 'Unknown request kind'; errors = @() } }
    }
}

Send-Simple 0 'ready' @{ psVersion = $PSVersionTable.PSVersion.ToString(); edition = [string]$PSVersionTable.PSEdition; pid = $PID }
$readTask = $stdin.ReadLineAsync()
$running = $true
while ($running) {
    $handles = New-Object System.Collections.Generic.List[System.Threading.WaitHandle]
    $handles.Add(([IAsyncResult]$readTask).AsyncWaitHandle)
    foreach ($e in $active) { $handles.Add($e.Ar.AsyncWaitHandle) }
    $wait = -1
    if ($active.Count -gt 0) { $wait = $PollMs }
    [void][System.Threading.WaitHandle]::WaitAny($handles.ToArray(), $wait)

    while ($readTask.IsCompleted) {
        $line = $null
        try { $line = $readTask.Result } catch { Write-Diag ('stdin failed: ' + $_.Exception.Message) }
        if ($null -eq $line) { $running = $false; break }
        if ($line.Length -gt 0) { Invoke-Request $line }
        $readTask = $stdin.ReadLineAsync()
    }

    $now = [DateTime]::UtcNow
    foreach ($e in @($active)) {
        $progress = $e.Ps.Streams.Progress
        while ($e.ProgressSeen -lt $progress.Count) {
            $r = $progress[$e.ProgressSeen]
            $e.ProgressSeen++
            if ($e.Id -ge 0) { Send-Simple $e.Id 'progress' @{ percent = $r.PercentComplete; status = [string]$r.StatusDescription; activity = [string]$r.Activity } }
        }
        if ($e.Ar.IsCompleted) {
            $active.Remove($e)
            $t2 = $clock.Elapsed.TotalMilliseconds
            if ($e.Id -ge 0) { Complete-Work $e } else { $e.Ps.Dispose() }
            if ($trace) { Write-Diag ('trace {0} {1} start {2:f1} run {3:f1} complete {4:f1} at {5:f1}' -f $e.Id, $e.Kind, ($e.T1 - $e.T0), ($t2 - $e.T1), ($clock.Elapsed.TotalMilliseconds - $t2), $t2) }
        } elseif ($null -eq $e.StopReason -and $now -gt $e.Deadline) {
            $e.StopReason = 'TIMEOUT'
            [void]$e.Ps.BeginStop($null, $null)
        }
    }
    while ($waiting.Count -gt 0 -and $active.Count -lt ($MaxConcurrency - 2)) {
        Invoke-Entry $waiting.Dequeue()
    }
}

foreach ($k in @($sessions.Keys)) { Remove-PSSession -Session $sessions[$k] -ErrorAction SilentlyContinue }
$pool.Close()

# Runs one P2V library script in this PowerShell process for a source machine reached without a host session
# ("this machine" or a lab source). The request arrives on stdin as one JSON line {script, args, labEnter}:
# the arguments are data, bound as parameters by splatting, never spliced into script text. The result (the
# script's JSON) or a structured error is written after a marker line, so stray host output cannot be mistaken for it.
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$request = [Console]::In.ReadLine() | ConvertFrom-Json
$params = @{}
foreach ($p in $request.args.PSObject.Properties) {
    $v = $p.Value
    if ($v -is [System.Array]) { $v = [string[]]@($v | ForEach-Object { [string]$_ }) }
    $params[$p.Name] = $v
}
try {
    if ($request.PSObject.Properties['labEnter'] -and $request.labEnter) { . ([string]$request.labEnter) }
    $out = & ([string]$request.script) @params
    [Console]::Out.WriteLine('@@HYPERDESK-RESULT@@')
    [Console]::Out.WriteLine((@($out) -join "`n"))
    exit 0
} catch {
    $e = $_
    $info = [ordered]@{
        message = $e.Exception.Message; category = [string]$e.CategoryInfo.Category; fqid = [string]$e.FullyQualifiedErrorId
        exceptionType = $e.Exception.GetType().FullName; line = $e.InvocationInfo.ScriptLineNumber; target = [string]$e.TargetObject
    }
    [Console]::Out.WriteLine('@@HYPERDESK-ERROR@@')
    [Console]::Out.WriteLine(($info | ConvertTo-Json -Compress))
    exit 1
}

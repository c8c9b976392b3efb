# Loads C# sources as real .NET types once per process. The compiled assembly is cached on disk per
# PowerShell edition and source hash, so only the first process after a change pays for the compiler.
Set-StrictMode -Version Latest

function Import-LabTypes {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string[]]$SourceFiles,
        [Parameter(Mandatory = $true)][string]$ProbeType
    )
    if ($null -ne ($ProbeType -as [type])) { return }   # already loaded in this process (re-import)
    $source = ($SourceFiles | ForEach-Object { [IO.File]::ReadAllText($_) }) -join "`n"
    $sha = [Security.Cryptography.SHA256]::Create()
    $hash = ([BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($source)))).Replace('-', '').Substring(0, 16)
    $edition = 'Desktop'
    if ($PSVersionTable.ContainsKey('PSEdition')) { $edition = [string]$PSVersionTable.PSEdition }
    $runtime = [Environment]::Version.ToString()
    $cacheDir = Join-Path ([IO.Path]::GetTempPath()) 'hyperdesk-lab-types'
    $dll = Join-Path $cacheDir ('{0}-{1}-{2}-{3}.dll' -f $Name, $edition, $runtime, $hash)
    if (Test-Path -LiteralPath $dll) {
        try {
            Add-Type -Path $dll
            if ($null -ne ($ProbeType -as [type])) { return }
        } catch {
            Write-Verbose "lab types: cached assembly $dll unusable, recompiling: $($_.Exception.Message)"
        }
    }
    $null = New-Item -ItemType Directory -Force -Path $cacheDir
    # Compile to a unique name, then move into place: concurrent first imports must not see half a file.
    $tmp = Join-Path $cacheDir ('{0}.{1}.{2}.tmp.dll' -f $Name, $PID, [Guid]::NewGuid().ToString('N'))
    try {
        Add-Type -TypeDefinition $source -OutputAssembly $tmp -OutputType Library
        if (-not (Test-Path -LiteralPath $dll)) {
            try { [IO.File]::Move($tmp, $dll) } catch { Write-Verbose "lab types: another process cached $dll first" }
        }
    } catch {
        Write-Verbose "lab types: could not cache the assembly: $($_.Exception.Message)"
    }
    if ($null -eq ($ProbeType -as [type])) {
        if (Test-Path -LiteralPath $dll) { Add-Type -Path $dll }
        elseif (Test-Path -LiteralPath $tmp) { Add-Type -Path $tmp }
        else { Add-Type -TypeDefinition $source }
    }
}

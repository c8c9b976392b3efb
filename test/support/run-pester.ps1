# Runs every *.Tests.ps1 under test/ with Pester 5 and writes the counts as JSON, so scripts/test.mjs
# can add them to the Vitest and Playwright counts.
param(
    [Parameter(Mandatory = $true)][string]$PesterModule,
    [Parameter(Mandatory = $true)][string]$ResultFile,
    [string[]]$Path = @('test')
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -Force
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config
$summary = [ordered]@{
    passed  = $result.PassedCount
    failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    skipped = $result.SkippedCount
}
$summary | ConvertTo-Json | Set-Content -LiteralPath $ResultFile -Encoding utf8

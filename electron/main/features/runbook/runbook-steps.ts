/**
 * How an exported runbook runs its steps and says what they did. The library scripts answer JSON, and a
 * refusal is often inside it (vm-action and remove-vm report `ok = $false` per VM with the host's error)
 * rather than thrown, so the runner reads both: a thrown error and any `ok = $false` in the answer fail the
 * step. The words ("Started VM DC1 on HV-LAB01") are a phrase chosen here at export time plus the names the
 * answer carries, read at run time: the ledger keeps VM ids, the host knows their names.
 */

const POWER: Record<string, string> = {
  start: 'Started VM',
  shutdown: 'Shut down VM',
  turnoff: 'Turned off VM',
  save: 'Saved VM',
  suspend: 'Paused VM',
  resume: 'Resumed VM',
  restart: 'Restarted VM',
};

const PHRASES: Record<string, string> = {
  'inventory/new-vm': 'Created VM',
  'inventory/remove-vm': 'Deleted VM',
  'inventory/set-vm-settings': 'Changed the settings of VM',
  'checkpoints/remove-checkpoint': 'Deleted a checkpoint of',
  'checkpoints/restore-checkpoint': 'Applied a checkpoint to',
  'checkpoints/rename-checkpoint': 'Renamed a checkpoint of',
  'checkpoints/export-checkpoint': 'Exported a checkpoint of',
  'checkpoints/merge-by-checkpoint': 'Merged the disks of',
};

/** The start of a step's sentence; the runner appends the names from the answer and "on <host>". */
export function stepPhrase(script: string, params: Record<string, unknown>): string {
  if (script === 'inventory/vm-action' && typeof params.Action === 'string' && POWER[params.Action]) return POWER[params.Action]!;
  if (script === 'checkpoints/new-checkpoint' && typeof params.SnapshotName === 'string') return `Created checkpoint "${params.SnapshotName}" of`;
  return PHRASES[script] ?? `Ran ${script} for`;
}

/**
 * PowerShell (5.1 and 7) defining Invoke-RunbookStep. It reads $ComputerName, $Credential, $ContinueOnError and
 * $script:RunbookSteps / $script:RunbookFailures of the runbook's own scope.
 */
export const RUNBOOK_STEP_RUNNER = String.raw`# Each answer line that is JSON, as objects (a script's other output stays as it is).
function ConvertFrom-RunbookAnswer {
    param($Raw)
    foreach ($line in @($Raw)) {
        if (($line -is [string]) -and ($line.TrimStart().StartsWith('{') -or $line.TrimStart().StartsWith('['))) {
            try { $line | ConvertFrom-Json } catch { $line }
        } else { $line }
    }
}

# The items an answer is about: its per-VM results when it has them, else the answer itself.
function Get-RunbookAnswerItems {
    param($Answers)
    foreach ($a in @($Answers)) {
        if (($null -eq $a) -or ($a -is [string])) { continue }
        if ($a.PSObject.Properties['results']) { @($a.results) } else { $a }
    }
}

function Get-RunbookItemName {
    param($Item)
    $p = $Item.PSObject.Properties
    if ($p['row'] -and ($null -ne $Item.row) -and $Item.row.PSObject.Properties['name']) { return [string]$Item.row.name }
    if ($p['vmName']) { return [string]$Item.vmName }
    if ($p['name']) { return [string]$Item.name }
    if ($p['id']) { return [string]$Item.id }
    return $null
}

function Invoke-RunbookStep {
    param(
        [Parameter(Mandatory = $true)][int]$Step,
        [Parameter(Mandatory = $true)][string]$Done,
        [Parameter(Mandatory = $true)][scriptblock]$Script,
        [Parameter(Mandatory = $true)][hashtable]$Arguments
    )
    $where = [Environment]::MachineName
    if ($ComputerName) { $where = $ComputerName }
    $label = 'Step {0} of {1}' -f $Step, $script:RunbookSteps
    $problems = New-Object System.Collections.Generic.List[string]
    $names = New-Object System.Collections.Generic.List[string]
    try {
        if ($ComputerName) {
            $remote = @{ ComputerName = $ComputerName; ArgumentList = @($Script.ToString(), $Arguments) }
            if ($Credential) { $remote.Credential = $Credential }
            $raw = Invoke-Command @remote -ScriptBlock {
                param($Text, $Named)
                $block = [scriptblock]::Create($Text)
                & $block @Named
            }
        } else {
            $raw = & $Script @Arguments
        }
        foreach ($item in @(Get-RunbookAnswerItems (ConvertFrom-RunbookAnswer $raw))) {
            $name = Get-RunbookItemName $item
            if ($item.PSObject.Properties['ok'] -and ($item.ok -eq $false)) {
                $message = 'failed'
                if ($item.PSObject.Properties['error'] -and ($null -ne $item.error)) { $message = [string]$item.error.message }
                $problems.Add(('{0}: {1}' -f $name, $message))
            } elseif ($name) { $names.Add($name) }
        }
    } catch {
        $problems.Add($_.Exception.Message)
    }
    if ($problems.Count -eq 0) {
        $subject = ''
        if ($names.Count -gt 0) { $subject = ' ' + ($names -join ', ') }
        Write-Host ('{0}: {1}{2} on {3}' -f $label, $Done, $subject, $where)
        return
    }
    $script:RunbookFailures++
    $message = '{0} failed on {1}: {2}' -f $label, $where, ($problems -join '; ')
    if ($ContinueOnError) {
        Write-Warning $message
        return
    }
    # One plain line with the host's error (not PowerShell's error view around our own throw), then stop.
    [Console]::Error.WriteLine($message)
    exit 1
}`;

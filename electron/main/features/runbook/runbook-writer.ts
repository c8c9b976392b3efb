import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import { AppError } from '../../../../shared/ipc/errors';
import { psComment, psLiteral, quotePsString } from '../../platform/ledger/ps-command';
import { RUNBOOK_STEP_RUNNER, stepPhrase } from './runbook-steps';

export interface RunbookInput {
  entries: readonly LedgerEntry[];
  /** The shipped text of a library script ('inventory/vm-action'). */
  scriptText(name: string): string;
  hostName: string;
  now: Date;
}

import { isCredentialParam } from '../../platform/ledger/redact-params';

const RESERVED = new Set(['computername', 'credential', 'continueonerror', 'step', 'done', 'script', 'arguments']);

interface RunbookParam {
  variable: string;
  type: string;
  value: unknown;
  secret: boolean;
  steps: number[];
}

/** 'inventory/vm-action' → 'Invoke-HdInventoryVmAction' */
export function functionNameFor(script: string): string {
  const words = script.split(/[/-]/).filter(Boolean);
  return 'Invoke-Hd' + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function psType(value: unknown): string {
  if (typeof value === 'string') return '[string]';
  if (typeof value === 'boolean') return '[bool]';
  if (typeof value === 'number') return Number.isInteger(value) ? '[long]' : '[double]';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? '[string[]]' : '[object[]]';
  return '[hashtable]';
}

// By name only, like the ledger's redaction: a VM that happens to be called '***' is not a secret.
const isSecret = (name: string) => isCredentialParam(name);

/**
 * Turns ledger entries into a readable .ps1 that replays them: each library script used becomes a function
 * (its own param() block and body, verbatim), each entry a step calling it with named arguments that come
 * from the runbook's param block. Values the user chose are the defaults; secrets (redacted in the ledger)
 * become mandatory parameters without a default. Runs on the host itself, or from elsewhere with
 * -ComputerName (Invoke-Command), on Windows PowerShell 5.1 and PowerShell 7. It stops at the first step that
 * fails (the host's error, exit code 1) unless run with -ContinueOnError, and says what each step did in words.
 * Text from the ledger (host name, script names, times) only reaches comments through psComment and code
 * through psLiteral: the ledger file could have been edited, and a host's display name is the user's.
 */
export function writeRunbook(input: RunbookInput): { fileName: string; text: string; steps: number } {
  const entries = [...input.entries].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  if (entries.length === 0) throw new AppError('VALIDATION', 'Choose at least one ledger entry');
  if (new Set(entries.map((e) => e.hostId)).size > 1) throw new AppError('VALIDATION', 'A runbook replays the actions of one host: choose entries of a single host');

  // Parameters: one per name when every step passes the same value, else one per step.
  const byName = new Map<string, Array<{ step: number; value: unknown }>>();
  entries.forEach((e, i) => {
    // Script names become function names: library names only ('inventory/vm-action').
    if (!/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/.test(e.script)) throw new AppError('VALIDATION', `Not a library script in ledger entry ${e.id}: ${e.script.slice(0, 40)}`);
    for (const [name, value] of Object.entries(e.params)) {
      if (value === undefined || value === null) continue;
      // Names become variables and are never quoted: only bare words (the ledger file could have been edited).
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new AppError('VALIDATION', `Not a parameter name in ledger entry ${e.id}: ${name.slice(0, 40)}`);
      const list = byName.get(name) ?? [];
      list.push({ step: i + 1, value });
      byName.set(name, list);
    }
  });
  const params: RunbookParam[] = [];
  const variableFor = new Map<string, string>(); // `${step}:${name}` → variable
  const taken = new Set<string>();
  for (const [name, uses] of byName) {
    const same = uses.every((u) => JSON.stringify(u.value) === JSON.stringify(uses[0]!.value));
    const groups = same ? [uses] : uses.map((u) => [u]);
    for (const g of groups) {
      // PowerShell variables ignore case: VmId and VMId of two scripts are one name, so the later gets a step suffix.
      let variable = same ? name : `${name}Step${g[0]!.step}`;
      if (RESERVED.has(variable.toLowerCase()) || taken.has(variable.toLowerCase())) variable = `${name}Step${g[0]!.step}`;
      if (RESERVED.has(variable.toLowerCase()) || taken.has(variable.toLowerCase())) variable = `Step${g[0]!.step}${name}`;
      taken.add(variable.toLowerCase());
      const value = g[0]!.value;
      params.push({ variable, type: psType(value), value, secret: isSecret(name), steps: g.map((u) => u.step) });
      for (const u of g) variableFor.set(`${u.step}:${name}`, variable);
    }
  }

  const L: string[] = [];
  L.push('<#');
  L.push(`  Hyperdesk runbook: ${entries.length} step(s) recorded on ${psComment(input.hostName)}, exported ${input.now.toISOString()}.`);
  L.push('  Run it on the Hyper-V host itself, or from another machine with -ComputerName (and -Credential);');
  L.push('  every value below can be changed on the command line. Windows PowerShell 5.1 or PowerShell 7.');
  L.push('  It stops at the first step that fails, with the host\'s error and exit code 1; -ContinueOnError runs');
  L.push('  the remaining steps anyway (and still ends with exit code 1).');
  L.push('#>');
  L.push('[CmdletBinding()]');
  L.push('param(');
  const decl: string[] = [];
  decl.push(`    # The Hyper-V host to run on; empty runs here (recorded on ${psComment(input.hostName)}).\n    [string]$ComputerName = ''`);
  decl.push('    # Used with -ComputerName only.\n    [System.Management.Automation.PSCredential]$Credential');
  decl.push('    # Run every step even when one fails (the old behaviour); the exit code still says a step failed.\n    [switch]$ContinueOnError');
  for (const p of params) {
    const used = `step${p.steps.length > 1 ? 's' : ''} ${p.steps.join(', ')}`;
    if (p.secret) decl.push(`    # Secret (${psComment(used)}): not exported, you are asked for it.\n    [Parameter(Mandatory = $true)]\n    ${p.type}$${p.variable}`);
    else decl.push(`    # ${psComment(used)}\n    ${p.type}$${p.variable} = ${psLiteral(p.value)}`);
  }
  L.push(decl.join(',\n'));
  L.push(')');
  L.push('Set-StrictMode -Version Latest');
  L.push("$ErrorActionPreference = 'Stop'");
  L.push(`$script:RunbookSteps = ${entries.length}`);
  L.push('$script:RunbookFailures = 0');
  L.push('');
  L.push(RUNBOOK_STEP_RUNNER);

  for (const script of [...new Set(entries.map((e) => e.script))]) {
    L.push('');
    L.push(`# --- ${psComment(script)}.ps1 (from the Hyperdesk script library, unchanged) ---`);
    L.push(`function ${functionNameFor(script)} {`);
    L.push(input.scriptText(script).replace(/^\uFEFF/, '').replace(/\s+$/, ''));
    L.push('}');
  }

  L.push('');
  entries.forEach((e, i) => {
    const step = i + 1;
    const seconds = (e.durationMs / 1000).toFixed(1);
    L.push(`# ${psComment(`Step ${step}: ${e.script}, recorded ${e.startedAt} (${e.outcome}, ${seconds} s)`)}`);
    const args = Object.entries(e.params)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([name]) => `${name} = $${variableFor.get(`${step}:${name}`)}`);
    L.push(`Invoke-RunbookStep -Step ${step} -Done ${quotePsString(stepPhrase(e.script, e.params))} -Script \${function:${functionNameFor(e.script)}} -Arguments @{ ${args.join('; ')} }`);
  });
  L.push('');
  L.push('if ($script:RunbookFailures -gt 0) {');
  L.push("    Write-Warning ('{0} of {1} step(s) failed' -f $script:RunbookFailures, $script:RunbookSteps)");
  L.push('    exit 1');
  L.push('}');
  L.push('');
  const stamp = input.now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const safeHost = input.hostName.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
  return { fileName: `runbook-${safeHost}-${stamp}.ps1`, text: L.join('\n'), steps: entries.length };
}

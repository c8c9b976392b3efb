import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/features/ledger/ledger.contract';
import { checklistCommands } from '../../electron/main/features/p2v/p2v-checklist';
import { planCommands } from '../../electron/main/features/p2v/p2v-plan';
import { writeRunbook } from '../../electron/main/features/runbook/runbook-writer';
import { inlineScriptCommand } from '../../electron/main/features/runbook/terminal-command';
import { formatPsCommand } from '../../electron/main/platform/ledger/ps-command';
import { displayLines, type ScriptDef } from '../../electron/main/platform/scripts/script-def';
import { inventoryScripts } from '../../electron/main/features/inventory/inventory.scripts';
import { checkpointScripts } from '../../electron/main/features/checkpoints/checkpoints.scripts';
import { createVmScript, vmActionScript } from '../../electron/main/features/p2v/p2v.scripts';
import { removeIsolatedSwitchScript } from '../../electron/main/features/p2v/p2v-isolated-switch';
import { Canary } from './canary';
import { hostileCorpus, type Payload } from './corpus';

/**
 * Every text the app produces for pasting into PowerShell, made from each hostile payload and pasted into real
 * pwsh: no canary may fire, the value must be one string constant in the parsed AST, and the command it feeds
 * must receive it unchanged. The figure (operations x payloads, executed) is printed and asserted at 0.
 */
const root = resolve(__dirname, '..', '..');
const driver = join(root, 'test', 'security', 'pasteable-driver.ps1');
let canary: Canary;
let corpus: Payload[];
let work: string;
const figures: Array<{ op: string; tried: number; executed: string[] }> = [];

interface Case {
  op: string;
  id: string;
  text: string;
  expected: string[];
  allowed: string[];
  /** Values the commands must receive as arguments, when not every expected one (default: all). */
  received?: string[];
}
interface Verdict {
  op: string;
  id: string;
  parseErrors: string[];
  missing: string[];
  unexpected: string[];
  notReceived: string[];
  runError: string | null;
}

beforeAll(() => {
  canary = new Canary();
  corpus = hostileCorpus(canary);
  work = join(canary.dir, 'work');
  mkdirSync(work);
});
afterAll(() => {
  const tried = figures.reduce((n, f) => n + f.tried, 0);
  const executed = figures.reduce((n, f) => n + f.executed.length, 0);
  console.log(`pasteable canary: ${figures.length} operations x ${corpus.length} payloads = ${tried} pasted, ${executed} executed`);
  for (const f of figures) console.log(`  ${f.op}: ${f.tried} pasted, ${f.executed.length} executed${f.executed.length ? ` (${f.executed.join(', ')})` : ''}`);
  canary.dispose();
});

/** Runs the cases in one pwsh (the driver pastes each on its own) and returns each verdict with the canaries fired. */
function paste(op: string, cases: Case[]): { verdicts: Verdict[]; fired: string[] } {
  canary.reset();
  const file = join(work, `${op}.json`);
  writeFileSync(file, JSON.stringify(cases));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', driver, '-CasesPath', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`driver failed: ${r.stderr}`);
  const fired = canary.fired();
  return { verdicts: JSON.parse(r.stdout) as Verdict[], fired };
}

/** `payloads` counts the corpus once per operation even when one operation pastes several texts per payload. */
function expectClean(op: string, cases: Case[], payloads = cases.length) {
  const { verdicts, fired } = paste(op, cases);
  figures.push({ op, tried: payloads, executed: fired });
  expect(verdicts).toHaveLength(cases.length);
  const bad = verdicts.filter((v) => v.parseErrors.length || v.missing.length || v.unexpected.length || v.notReceived.length || v.runError);
  expect(bad, JSON.stringify(bad.slice(0, 3), null, 1)).toEqual([]);
  expect(fired).toEqual([]);
}

const stubParams = (v: string) => ({ Name: v, VmId: [v], Path: `C:\\Data\\${v}` });
const stubScript = 'param([string]$Name, [string[]]$VmId, [string]$Path)\nAdd-HdRecord $PSBoundParameters';

describe('every pasteable text, pasted into pwsh with the hostile corpus', { timeout: 240_000 }, () => {
  it('the canary method detects execution: the old unquoted splicing runs payloads', () => {
    // The P2V plan used to write `New-VM -Name '<name>'`; a runbook header put the host name in a block comment.
    const spliced = corpus.map((p) => ({ op: 'spliced', id: p.id, text: `New-VM -Name '${p.value}'`, expected: [p.value], allowed: ['New-VM'] }));
    const { fired } = paste('spliced', spliced);
    expect(fired).toEqual(expect.arrayContaining(['sq', 'lsq', 'rsq', 'sq-plus']));
    const header = join(work, 'old-header.ps1');
    const p = corpus.find((c) => c.id === 'using-module')!;
    writeFileSync(header, `<#\n  Hyperdesk runbook recorded on ${p.value}\n#>\nparam()\n'ok'\n`);
    canary.reset();
    spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', header], { encoding: 'utf8' });
    expect(canary.fired()).toEqual(['using-module']);
  });

  it("the ledger's command (the script by path with its parameters)", () => {
    const stub = join(work, 'stub-script.ps1');
    writeFileSync(stub, stubScript);
    expectClean(
      'ledger-command',
      corpus.map((p) => ({ op: 'ledger-command', id: p.id, text: formatPsCommand(stub, stubParams(p.value)), expected: [p.value, `C:\\Data\\${p.value}`], allowed: [stub] })),
    );
  });

  it("View PowerShell (the ledger's and the task panel's command: cmdlets with names, hostile names and values)", () => {
    const reference = JSON.parse(readFileSync(join(root, 'test', 'support', 'reference', 'hyperv-cmdlets.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const allowed = [...Object.values(reference).flatMap((m) => Object.keys(m)), 'Where-Object', 'ForEach-Object', 'Get-CimInstance', 'Get-CimAssociatedInstance', 'Invoke-CimMethod', 'Format-List'];
    const calls: Array<[ScriptDef<Record<string, unknown>, unknown>, (v: string) => Record<string, unknown>]> = [
      [inventoryScripts.vmAction as never, (v) => ({ Action: 'start', VmId: [v] })],
      [inventoryScripts.getVmDetails as never, (v) => ({ VmId: v })],
      [checkpointScripts.create as never, (v) => ({ VMId: v, SnapshotName: v, Kind: 'Standard' })],
      [createVmScript as never, (v) => ({ Name: v, Generation: 2, VhdPath: v, MemoryStartupBytes: 2 ** 30, ProcessorCount: 2, IsolatedSwitchName: v, JobId: v })],
      [vmActionScript as never, (v) => ({ VmId: v, Action: 'production', SwitchName: v, CheckpointName: v })],
      [removeIsolatedSwitchScript as never, (v) => ({ SwitchName: v })],
    ];
    expectClean(
      'view-powershell',
      corpus.flatMap((p) =>
        calls.map(([def, params], i) => ({
          op: 'view-powershell',
          id: `${p.id}-${i}`,
          text: displayLines(def, params(p.value), { vms: { [p.value]: p.value } }).join('\n'),
          expected: [p.value],
          allowed,
          // The switch's name is only compared inside Where-Object's filter.
          ...(def.name === removeIsolatedSwitchScript.name ? { received: [] } : {}),
        })),
      ),
      corpus.length,
    );
  });

  it("the terminal's inline paste form (the script's text as a script block)", () => {
    expectClean(
      'terminal-inline',
      corpus.map((p) => ({ op: 'terminal-inline', id: p.id, text: inlineScriptCommand(stubScript, stubParams(p.value)), expected: [p.value, `C:\\Data\\${p.value}`], allowed: ['Add-HdRecord'] })),
    );
  });

  for (const generation of [1, 2] as const) {
    it(`the P2V plan's commands, Generation ${generation} (VM name, capture path and disk path hostile)`, () => {
      const d2v = join(work, 'disk2vhd.ps1');
      writeFileSync(d2v, 'foreach ($a in $args) { if ($a -is [string]) { $global:HdValues.Add($a) } }');
      const op = `p2v-plan-gen${generation}`;
      expectClean(
        op,
        corpus.map((p) => {
          const vmDiskPath = `D:\\VMs\\${p.value}`;
          const commands = planCommands({ d2v, useShadowCopy: false, volumeArgs: ['*'], capturePath: p.value, vmDiskPath, vmName: p.value, generation, memoryBytes: 2 ** 30, processorCount: 2, secureBootTemplate: generation === 2 ? 'MicrosoftWindows' : null });
          return { op, id: p.id, text: commands.join('\n'), expected: [p.value, vmDiskPath], allowed: [d2v, 'New-VM', 'Add-VMHardDiskDrive', 'Set-VMFirmware', 'Set-VM', 'Checkpoint-VM'] };
        }),
      );
    });
  }

  it("the P2V checklist's integration services command (VM id hostile)", () => {
    expectClean(
      'p2v-checklist',
      corpus.map((p) => ({ op: 'p2v-checklist', id: p.id, text: checklistCommands({ vmId: p.value })['integration-services']!, expected: [p.value], allowed: ['Get-VM', 'Get-VMIntegrationService'] })),
    );
  });

  it('a runbook export run with pwsh -File (hostile host name, VM ids and checkpoint name)', () => {
    const record = join(work, 'runbook-record.jsonl');
    const scripts: Record<string, string> = {
      'checkpoints/new-checkpoint':
        "param([string]$VMId, [string]$SnapshotName, [string]$Kind)\nAdd-Content -LiteralPath $env:HD_RECORD -Encoding utf8 -Value (ConvertTo-Json -Compress -InputObject @($VMId, $SnapshotName))\n'{\"vmName\":\"stub\"}'",
      'inventory/vm-action':
        'param([string]$Action, [string[]]$VmId)\nAdd-Content -LiteralPath $env:HD_RECORD -Encoding utf8 -Value (ConvertTo-Json -Compress -InputObject @($VmId))\n\'{"results":[{"id":"x","ok":true,"row":{"name":"stub"}}]}\'',
    };
    const entry = (id: string, script: string, params: Record<string, unknown>, at: string): LedgerEntry => ({ id, hostId: 'h', script, params, command: '', startedAt: at, durationMs: 1, outcome: 'ok', warnings: [] });
    canary.reset();
    /**
     * pwsh starts slowly on two shared cores, so a few runbooks carry the corpus: one with every payload in its
     * steps' values and all of them joined as the host name (header and comments), and one per payload that
     * attacks the file's start (a `using module` is only honoured before the first statement).
     */
    const run = (name: string, hostName: string, payloads: Payload[]) => {
      const entries = payloads.flatMap((p, i) => [
        entry(`a${i}`, 'checkpoints/new-checkpoint', { VMId: p.value, SnapshotName: p.value, Kind: 'Standard' }, `2026-01-01T00:00:${String(i).padStart(2, '0')}.1Z`),
        entry(`b${i}`, 'inventory/vm-action', { Action: 'start', VmId: [p.value] }, `2026-01-01T00:00:${String(i).padStart(2, '0')}.2Z`),
      ]);
      const book = writeRunbook({ entries, scriptText: (n) => scripts[n]!, hostName, now: new Date('2026-01-02T03:04:05Z') });
      const file = join(work, `runbook-${name}.ps1`);
      writeFileSync(file, book.text);
      rmSync(record, { force: true });
      const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8', env: { ...process.env, HD_RECORD: record }, maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stderr.slice(0, 500)).toBe(0);
      const got = readFileSync(record, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).flatMap((l) => JSON.parse(l) as string[]);
      // Every value arrives whole, in step order: VM id and checkpoint name, then the started VM's id.
      expect(got).toEqual(payloads.flatMap((p) => [p.value, p.value, p.value]));
    };
    run('all', corpus.map((p) => p.value).join(' '), corpus);
    for (const id of ['using-module', 'close-comment-lf', 'crlf', 'u2028']) run(id, corpus.find((p) => p.id === id)!.value, corpus.slice(0, 1));
    const fired = canary.fired();
    figures.push({ op: 'runbook-export', tried: corpus.length, executed: fired });
    expect(fired).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainScript, type CompactReference } from '../../../electron/main/features/runbook/cmdlet-explainer';
import { functionNameFor, writeRunbook } from '../../../electron/main/features/runbook/runbook-writer';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';

const root = resolve(__dirname, '..', '..', '..');
const reference = JSON.parse(readFileSync(join(root, 'electron/main/features/runbook/reference/cmdlet-sets.json'), 'utf8')) as CompactReference;

describe('explainScript', () => {
  it('finds reference cmdlets with the parameters of their own call and the sets those bind to', () => {
    const script = [
      '<# Start-VM -Name in a comment is not a call #>',
      "$s = 'Stop-VM -TurnOff in a string is not a call'",
      'Start-VM -VM (Get-VM -Id $id) -Passthru',
      'Get-VM -Name x `',
      '  -ComputerName h | Stop-VM -TurnOff -Force -WhatIf',
      'Set-VM @splat',
    ].join('\n');
    const found = explainScript(script, reference);
    expect(found.map((c) => [c.name, c.line, c.parametersUsed])).toEqual([
      ['Start-VM', 3, ['VM', 'Passthru']],
      ['Get-VM', 3, ['Id']],
      ['Get-VM', 4, ['Name', 'ComputerName']],
      ['Stop-VM', 5, ['TurnOff', 'Force']],
      ['Set-VM', 6, []],
    ]);
    const matching = (i: number) => found[i]!.sets.filter((s) => s.matches).map((s) => s.name);
    expect(matching(0)).toEqual(['VMObject']); // -VM is exact: it is not a prefix of the VMName alias
    expect(found[4]!.splatted).toBe(true);
    expect(found[0]!.docUrl).toBe('https://learn.microsoft.com/powershell/module/hyper-v/start-vm');
    expect(found[0]!.sets.find((s) => s.name === 'VMObject')!.parameters.find((p) => p.name === 'VM')).toMatchObject({ mandatory: true, used: true });
  });

  it('reports a call whose parameters bind to no set', () => {
    const [c] = explainScript('Start-VM -Name a -VM $v', reference);
    expect(c!.sets.every((s) => !s.matches)).toBe(true);
  });
});

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: 'e1',
  hostId: 'h1',
  script: 'inventory/vm-action',
  params: {},
  command: '',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1200,
  outcome: 'ok',
  warnings: [],
  ...over,
});

describe('writeRunbook', () => {
  const scripts: Record<string, string> = {
    'inventory/vm-action': 'param([string]$Action, [string[]]$VmId)\n$Action',
    'hosts/add-thing': 'param([string]$VMId, [string]$Password, [string]$ComputerName)\n$VMId',
  };
  const write = (entries: LedgerEntry[]) => writeRunbook({ entries, scriptText: (n) => scripts[n]!, hostName: 'HV-LAB01', now: new Date('2026-01-02T03:04:05Z') });

  it('writes one function per script, steps in time order, shared values once and secrets as mandatory parameters', () => {
    const book = write([
      entry({ id: 'b', startedAt: '2026-01-01T00:00:02Z', script: 'hosts/add-thing', params: { VMId: 'x', Password: '***', ComputerName: "o'neil" } }),
      entry({ id: 'a', params: { Action: 'start', VmId: ['x'] } }),
      entry({ id: 'c', startedAt: '2026-01-01T00:00:03Z', params: { Action: 'save', VmId: ['x'] } }),
    ]);
    expect(book.steps).toBe(3);
    expect(book.fileName).toBe('runbook-HV-LAB01-202601020304.ps1');
    const t = book.text;
    expect(t).toContain(`function ${functionNameFor('inventory/vm-action')} {`);
    expect(t.indexOf('Step 1: inventory/vm-action')).toBeLessThan(t.indexOf('Step 2: hosts/add-thing'));
    expect(t).toContain("[string]$ActionStep1 = 'start'");
    expect(t).toContain("[string]$ActionStep3 = 'save'");
    expect(t).toContain("[string[]]$VmId = @('x')");
    expect(t).toContain("[string]$VMIdStep2 = 'x'"); // VMId and VmId are one PowerShell variable: renamed
    expect(t).toContain("[string]$ComputerNameStep2 = 'o''neil'"); // quoted, and not the runbook's own -ComputerName
    expect(t).toMatch(/\[Parameter\(Mandatory = \$true\)\]\s+\[string\]\$Password\b/);
    expect(t).not.toMatch(/\$Password = /);
    expect(t).toContain('-Arguments @{ VMId = $VMIdStep2; Password = $Password; ComputerName = $ComputerNameStep2 }');
  });

  it('refuses entries of several hosts and parameter names that are not bare words', () => {
    expect(() => write([entry({ id: 'a' }), entry({ id: 'b', hostId: 'h2' })])).toThrow(/one host/);
    expect(() => write([entry({ params: { 'x; Remove-VM': 1 } })])).toThrow(/Not a parameter name/);
  });
});

describe('compact reference', () => {
  it('matches the full reference it is derived from', async () => {
    const generator = join(root, 'electron/main/features/runbook/reference/compact-reference.mjs');
    const { compact } = (await import(generator)) as { compact: (full: unknown) => unknown };
    const full = JSON.parse(readFileSync(join(root, 'test/support/reference/hyperv-cmdlets.json'), 'utf8')) as unknown;
    expect(compact(full)).toEqual(reference);
  });
});

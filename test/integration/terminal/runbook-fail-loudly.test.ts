import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';
import { writeRunbook } from '../../../electron/main/features/runbook/runbook-writer';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';

/**
 * An exported runbook run for real in pwsh against a lab host: it stops at the first step the host refuses,
 * with the host's error and a non-zero exit, and later steps do not run; -ContinueOnError runs them (and still
 * exits non-zero). Each step says what it did in words, with the VM's name, not the script's JSON.
 */
const root = resolve(__dirname, '..', '..', '..');
const modules = join(root, 'assets', 'lab', 'modules');
const tmp = mkdtempSync(join(tmpdir(), 'hd-runbook-fail-'));
let stateDir: string;

const pwsh = (args: string[], state: string) =>
  spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', ...args], { encoding: 'utf8', env: { ...process.env, HYPERDESK_LAB_STATE: state, PSModulePath: `${modules}${delimiter}${process.env.PSModulePath ?? ''}` } });

function seed(name: string): string {
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(root, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(tmp, name), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ stateDir: string }>)[0]!.stateDir;
}
const states = (dir: string) => JSON.parse(pwsh(['-Command', 'Get-VM | ForEach-Object { @{ id = [string]$_.Id; name = $_.Name; state = [string]$_.State } } | ConvertTo-Json -Compress'], dir).stdout) as Array<{ id: string; name: string; state: string }>;
const entry = (id: string, action: string, vmId: string, at: string): LedgerEntry => ({ id, hostId: 'h', script: 'inventory/vm-action', params: { Action: action, VmId: [vmId] }, command: '', startedAt: at, durationMs: 1, outcome: 'ok', warnings: [] });

beforeAll(() => {
  stateDir = seed('a');
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('an exported runbook fails loudly', { timeout: 120_000 }, () => {
  function book(dir: string) {
    const off = states(dir).find((v) => v.state === 'Off');
    const running = states(dir).find((v) => v.state === 'Running');
    if (!off || !running) throw new Error('the small-shop scenario needs a VM that is Off and one that is Running');
    const missing = '0f0f0f0f-0000-4000-8000-000000000000'; // no such VM: the host refuses the step
    const library = new ScriptLibrary(root);
    const text = writeRunbook({
      entries: [entry('1', 'start', off.id, '2026-01-01T00:00:01Z'), entry('2', 'start', missing, '2026-01-01T00:00:02Z'), entry('3', 'turnoff', running.id, '2026-01-01T00:00:03Z')],
      scriptText: (n) => library.load(n).text,
      hostName: 'HV-LAB01',
      now: new Date('2026-01-02T03:04:05Z'),
    }).text;
    const file = join(dir, 'runbook.ps1');
    writeFileSync(file, text);
    return { file, first: off, last: running };
  }

  it('stops at the first failed step with the host error and exit code 1; later steps do not run', () => {
    const { file, first, last } = book(stateDir);
    const r = pwsh(['-File', file], stateDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Step 1 of 3: Started VM ${first.name} on `);
    expect(r.stdout).not.toMatch(/\{"results"/); // words, not the script's JSON
    expect(r.stderr).toMatch(/Step 2 of 3 failed on .*unable to find a virtual machine/i);
    expect(r.stdout).not.toContain('Step 3 of 3');
    const after = states(stateDir);
    expect(after.find((v) => v.id === first.id)!.state).toBe('Running');
    expect(after.find((v) => v.id === last.id)!.state).toBe('Running');
  });

  it('-ContinueOnError runs the remaining steps and still exits non-zero', () => {
    const dir = seed('b');
    const { file, first, last } = book(dir);
    const r = pwsh(['-File', file, '-ContinueOnError'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Step 2 of 3 failed on .*unable to find a virtual machine/i);
    expect(r.stdout).toContain(`Step 3 of 3: Turned off VM ${last.name} on `);
    expect(r.stdout + r.stderr).toContain('1 of 3 step(s) failed');
    const after = states(dir);
    expect(after.find((v) => v.id === first.id)!.state).toBe('Running');
    expect(after.find((v) => v.id === last.id)!.state).toBe('Off');
  });
});

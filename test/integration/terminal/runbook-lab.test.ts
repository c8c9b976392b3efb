import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeRunbook } from '../../../electron/main/features/runbook/runbook-writer';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

/**
 * Actions run through the real session layer against a lab host land in the ledger; the runbook exported
 * from those entries parses, binds to the reference cmdlet signatures (the fidelity checker), and run on an
 * untouched copy of the same lab host leaves it in the same state as the original actions.
 */
const modules = join(repoRoot, 'assets', 'lab', 'modules');
const Inventory = z.object({ vms: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })) });
let h: Harness;
let hostId: string;
let stateDir: string;
let pristine: string;
const tmp = mkdtempSync(join(tmpdir(), 'hd-runbook-'));

beforeAll(async () => {
  h = await createHarness({ requireHyperV: true });
  for (const f of ['inventory', 'checkpoints']) symlinkSync(join(repoRoot, 'electron', 'main', 'features', f), join(h.dir, 'resources', 'electron', 'main', 'features', f));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>)[0]!;
  stateDir = seeded.stateDir;
  pristine = join(tmp, 'pristine');
  cpSync(stateDir, pristine, { recursive: true });
  hostId = (await h.registry.add({ name: seeded.name, transport: 'lab', labStateDir: stateDir })).id;
  await h.waitFor(hostId, 'ready', 60_000);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

/** VM names, states and checkpoint names of a lab state folder, read with the lab's Hyper-V module. */
function snapshot(dir: string): string {
  const env = { ...process.env, HYPERDESK_LAB_STATE: dir, PSModulePath: `${modules}${delimiter}${process.env.PSModulePath ?? ''}` };
  const cmd = "Get-VM | Sort-Object Name | ForEach-Object { '{0}={1}:{2}' -f $_.Name, $_.State, ((@(Get-VMSnapshot -VM $_ | Sort-Object Name | ForEach-Object { $_.Name })) -join ',') }";
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', cmd], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('runbook export', () => {
  it('replays recorded actions on a copy of the lab host with the same result', { timeout: 180_000 }, async () => {
    const inv = await h.registry.run(hostId, 'inventory/get-inventory', {}, { schema: Inventory });
    const off = inv.vms.find((v) => v.state === 'Off');
    if (!off) throw new Error('the small-shop scenario has no VM that is Off');
    await h.registry.run(hostId, 'inventory/vm-action', { Action: 'start', VmId: [off.id] }, {});
    await h.registry.run(hostId, 'checkpoints/new-checkpoint', { VMId: off.id, SnapshotName: "Before patch 'KB1' $(x)", Kind: 'Standard' }, {});
    const entries = h.ledger.list({ limit: 50 }).filter((e) => e.script !== 'inventory/get-inventory' && e.script !== 'hosts/get-host-info').reverse();
    expect(entries.map((e) => e.script)).toEqual(['inventory/vm-action', 'checkpoints/new-checkpoint']);
    const after = snapshot(stateDir);
    expect(after).not.toBe(snapshot(pristine)); // the actions changed something

    const library = new ScriptLibrary(repoRoot);
    const book = writeRunbook({ entries, scriptText: (n) => library.load(n).text, hostName: 'HV-LAB01', now: new Date('2026-01-02T03:04:05Z') });
    const file = join(tmp, book.fileName);
    writeFileSync(file, book.text);

    // Parses, is 5.1-clean, and every reference cmdlet call binds to a real parameter set.
    const list = join(tmp, 'files.json');
    writeFileSync(list, JSON.stringify({ files: [{ path: file, checkBinding: true }] }));
    const check = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'test', 'support', 'fidelity', 'check-scripts.ps1'), '-ListPath', list, '-ReferencePath', join(repoRoot, 'test', 'support', 'reference', 'hyperv-cmdlets.json')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual([]);

    // Runs as it stands on the untouched copy.
    const env = { ...process.env, HYPERDESK_LAB_STATE: pristine, PSModulePath: `${modules}${delimiter}${process.env.PSModulePath ?? ''}` };
    const run = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8', env });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(snapshot(pristine)).toBe(after);
  });
});

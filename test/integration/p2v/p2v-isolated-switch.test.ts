import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * p2v/remove-isolated-switch.ps1 against the lab's Hyper-V module: the switch goes only when no VM is connected
 * to it, and a switch whose name merely matches as a wildcard pattern is never touched.
 */
const root = resolve(__dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'hd-p2v-switch-'));
const script = join(root, 'electron', 'main', 'features', 'p2v', 'scripts', 'remove-isolated-switch.ps1');
let state: string;

const pwsh = (command: string) => {
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', command], {
    encoding: 'utf8',
    env: { ...process.env, HYPERDESK_LAB_STATE: state, PSModulePath: `${join(root, 'assets', 'lab', 'modules')}${delimiter}${process.env.PSModulePath ?? ''}` },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
const remove = (name: string) => JSON.parse(pwsh(`& '${script}' -SwitchName '${name}'`)) as { found: number; removed: number; usedBy: string[] };
const switches = () => pwsh("(Get-VMSwitch | Sort-Object Name | ForEach-Object Name) -join '|'");

beforeAll(() => {
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(root, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(tmp, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  state = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ stateDir: string }>)[0]!.stateDir;
  pwsh("New-VMSwitch -Name 'P2V isolated' -SwitchType Private | Out-Null; New-VMSwitch -Name 'P2V isolatex' -SwitchType Private | Out-Null; New-VM -Name 'P2V-A' -MemoryStartupBytes 512MB -NoVHD -SwitchName 'P2V isolated' | Out-Null");
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('removing the isolated first-boot switch', { timeout: 120_000 }, () => {
  it('keeps it while a VM is connected, naming the VM', () => {
    expect(remove('P2V isolated')).toEqual({ found: 1, removed: 0, usedBy: ['P2V-A'] });
    expect(switches()).toContain('P2V isolated|');
  });

  it('removes it once no VM uses it, and never a switch the name matches only as a pattern', () => {
    expect(remove('P2V isolate?')).toEqual({ found: 0, removed: 0, usedBy: [] }); // exact names only
    pwsh("Get-VM | Where-Object { $_.Name -eq 'P2V-A' } | Get-VMNetworkAdapter | Disconnect-VMNetworkAdapter");
    expect(remove('P2V isolated')).toEqual({ found: 1, removed: 1, usedBy: [] });
    expect(switches()).not.toContain('P2V isolated|');
    expect(switches()).toContain('P2V isolatex');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyDriver } from './pty-driver';

/** Real PTYs running real pwsh: a local shell and a shell "inside" a seeded lab host. */
const repoRoot = resolve(__dirname, '..', '..', '..');
const modules = join(repoRoot, 'assets', 'lab', 'modules');
let dir: string;
let stateDir: string;
let driver: PtyDriver;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-term-lab-'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`new-lab.ps1 failed: ${r.stderr}`);
  stateDir = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as Array<{ stateDir: string }>)[0]!.stateDir;
  driver = new PtyDriver({ resourcesDir: repoRoot, hosts: [{ id: 'lab-1', name: 'HV-LAB01', transport: 'lab', stateDir }] });
});
afterAll(() => {
  driver?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function firstVmNameDirectly(): string {
  const env = { ...process.env, HYPERDESK_LAB_STATE: stateDir, PSModulePath: `${modules}${delimiter}${process.env.PSModulePath ?? ''}` };
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', 'Get-VM | Select-Object -First 1 -ExpandProperty Name'], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('terminal on a lab host (real pty, real pwsh)', () => {
  it('types Get-VM in a shell on the lab host and reads the first VM name', { timeout: 120_000 }, async () => {
    const expected = firstVmNameDirectly();
    expect(expected.length).toBeGreaterThan(0);
    const t = await driver.service.open(driver.client, { kind: 'host', hostId: 'lab-1' }, { cols: 120, rows: 30 });
    expect(t.title).toBe('HV-LAB01');
    await driver.waitFor(t.sessionId, /PS [^\n]*> $/, 45_000);
    const before = driver.text(t.sessionId).length;
    driver.service.input(driver.client, t.sessionId, 'Get-VM | Select-Object -First 1 -ExpandProperty Name\r');
    // The answer is the line just before the next prompt (PSReadLine may draw history predictions after the typed text).
    const m = await driver.waitFor(t.sessionId, /\r?\n([^\r\n]+)\r?\nPS [^\n]*> $/, 90_000, before);
    expect(m[1]).toBe(expected);

    // The same screen comes back to a tab that re-attaches (page reload).
    driver.service.clientGone(driver.client);
    const { replay } = driver.service.attach(driver.client, t.sessionId);
    expect(replay).toContain(expected);
    driver.service.close(driver.client, t.sessionId);
  });

  it('a local shell does not see the lab modules', { timeout: 60_000 }, async () => {
    const t = await driver.service.open(driver.client, { kind: 'local' }, { cols: 120, rows: 30 });
    await driver.waitFor(t.sessionId, /PS [^\n]*> $/, 45_000);
    driver.service.input(driver.client, t.sessionId, "[bool]$env:HYPERDESK_LAB_STATE; 'lab-' + 'check'\r");
    await driver.waitFor(t.sessionId, /False\r?\nlab-check/);
    driver.service.close(driver.client, t.sessionId);
  });
});

import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';
import { createRunbookFeature } from '../../../electron/main/features/runbook/runbook.feature';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';
import { runsHere, type HostShellSettings, type HostShellSource } from '../../../electron/main/features/terminal/shell-launch';
import { startSshLabHosts, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';
import { createHarness, prologue, repoRoot, type Harness } from '../sessions/session-harness';
import { PtyDriver } from './pty-driver';

/**
 * "Run in terminal" on an SSH host: a script the app ran through the session layer is pasted, in the form the
 * runbook feature gives for that tab, into a terminal inside the same host (Enter-PSSession); it waits on the
 * prompt until Enter is pressed, then prints the same result the app got.
 */
const fixtures = { echo: `param([string]$Text, [string[]]$List, [switch]$Force)\n${prologue}\n@{ text = $Text; list = @($List); force = [bool]$Force } | ConvertTo-Json -Compress` };
const Inventory = z.object({ vms: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })) });
const tmp = mkdtempSync(join(tmpdir(), 'hd-term-ledger-'));
let lab: SshLabHosts;
let h: Harness;
let driver: PtyDriver;
let hostId: string;
let feature: ReturnType<typeof createRunbookFeature>;

beforeAll(async () => {
  lab = await startSshLabHosts({ scenario: 'small-shop', count: 1, repoRoot });
  h = await createHarness({ fixtures, requireHyperV: true });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'inventory'), join(h.dir, 'resources', 'electron', 'main', 'features', 'inventory'));
  const x = lab.hosts[0]!;
  hostId = (await h.registry.add({ name: x.name, transport: 'ssh', address: x.hostName, port: x.port, userName: x.userName, keyFilePath: x.keyFilePath, sshOptions: { UserKnownHostsFile: x.knownHostsFile } })).id;
  await h.waitFor(hostId, 'ready', 60_000);
  const settings: HostShellSettings[] = [{ id: hostId, name: x.name, transport: 'ssh', hostName: x.hostName, port: x.port, userName: x.userName, keyFilePath: x.keyFilePath, knownHostsFile: x.knownHostsFile }];
  const hosts: HostShellSource = { list: async () => settings, get: async (id) => settings.find((s) => s.id === id) };
  driver = new PtyDriver({ resourcesDir: repoRoot, hosts: settings });
  feature = createRunbookFeature({
    ledger: h.ledger,
    scripts: new ScriptLibrary(join(h.dir, 'resources')),
    hostName: async () => x.name,
    pasteForm: async (clientId, sessionId) => ((await runsHere(driver.service.targetOf(clientId, sessionId), hosts)) ? 'path' : 'inline'),
  });
}, 180_000);
afterAll(async () => {
  driver?.dispose();
  await h?.dispose();
  await lab?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const PROMPT = /\[127\.0\.0\.1\]: PS [^\n]*> $/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pastes a ledger entry's terminal form into a fresh shell inside the host; checks it waits for Enter; returns what it printed. */
async function runInTerminal(entry: LedgerEntry): Promise<{ printed: unknown; form: string; text: string }> {
  const t = await driver.service.open(driver.client, { kind: 'host', hostId }, { cols: 160, rows: 40 });
  try {
    await driver.waitFor(t.sessionId, PROMPT, 60_000);
    const ctx = { clientId: driver.client, signal: new AbortController().signal };
    const { text, form } = await feature.handlers['runbook.terminalCommand']!({ entryId: entry.id, sessionId: t.sessionId }, ctx);
    const from = driver.text(t.sessionId).length;
    driver.service.input(driver.client, t.sessionId, text.replace(/\r?\n/g, '\r')); // as xterm's paste sends it
    const lastLine = text.split('\n').pop()!;
    await driver.waitFor(t.sessionId, new RegExp(escape(lastLine.slice(-12)) + '$'), 60_000, from);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(driver.text(t.sessionId).slice(from)).not.toMatch(PROMPT); // nothing ran: it waits for the user's Enter
    const before = driver.text(t.sessionId).length;
    driver.service.input(driver.client, t.sessionId, '\r');
    const m = await driver.waitFor(t.sessionId, /\n(\{[^\r\n]*\})\r?\n(?:[^\n]*\n)*?\[127\.0\.0\.1\]: PS [^\n]*> $/, 60_000, before);
    return { printed: JSON.parse(m[1]!), form, text };
  } finally {
    driver.service.close(driver.client, t.sessionId);
  }
}

const newest = (script: string) => h.ledger.list({ limit: 50 }).find((e) => e.script === script)!;

describe('run in terminal on an SSH host', () => {
  it('an app script from the ledger gives the same result in the host shell', { timeout: 180_000 }, async () => {
    const inv = await h.registry.run(hostId, 'inventory/get-inventory', {}, { schema: Inventory });
    // A VM that is off: a running one's live counters (CPU, memory demand, uptime) move between two reads.
    const vm = inv.vms.find((v) => v.state === 'Off')!;
    const details = await h.registry.run<Record<string, unknown>>(hostId, 'inventory/get-vm-details', { VmId: vm.id });
    const entry = newest('inventory/get-vm-details');
    // Called without a display, the ledger shows the script by its name with its parameters: never a local path.
    expect(entry.command).toBe(`get-vm-details.ps1 -VmId '${vm.id}'`);
    expect(entry.scriptCall).toBe(entry.command);
    const { printed, form, text } = await runInTerminal(entry);
    expect(form).toBe('inline');
    expect(text.startsWith('& {\n')).toBe(true);
    expect(text).not.toContain(h.dir); // no local path inside a remote shell
    expect(text.endsWith(`} -VmId '${vm.id}'`)).toBe(true);
    expect(printed).toEqual(details);
    expect((printed as { name: string }).name).toBe(vm.name);
  });

  it('hostile values arrive as data in the remote shell', { timeout: 180_000 }, async () => {
    const marker = join(tmp, 'pwned');
    const value = `it's "q" $(New-Item -ItemType File -Path '${marker}') \`n; -Force 中文 \u2019x\u2019`;
    const args = { Text: value, List: ['a b', "c'd", 'line1\nline2'], Force: true };
    const got = await h.registry.run(hostId, 'fixture/echo', args);
    expect(got).toEqual({ text: value, list: args.List, force: true });
    const { printed } = await runInTerminal(newest('fixture/echo'));
    expect(printed).toEqual(got);
    expect(existsSync(marker)).toBe(false);
  });
});

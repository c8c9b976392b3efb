import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/errors';
import type { HostInput } from '../../../shared/features/hosts/hosts.contract';
import { startSshLabHosts, type SshLabHosts, type SshLabHost } from '../../support/lab-hosts/ssh-lab-hosts';
import { createHarness, prologue, repoRoot, type Harness } from './session-harness';

const fixtures = {
  sleep: `param([int]$Ms)\n${prologue}Start-Sleep -Milliseconds $Ms\n@{ slept = $Ms; pid = $PID } | ConvertTo-Json -Compress`,
  echo: `param([string]$Text)\n${prologue}@{ text = $Text } | ConvertTo-Json -Compress`,
  big: `param([int]$Chars)\n${prologue}'"' + ('x' * $Chars) + '"'`,
  malformed: `param()\n${prologue}'{"vms": [1, 2,'`,
};

let lab: SshLabHosts;
let h: Harness;
let a: string;
let b: string;
let hostA: SshLabHost;

const input = (x: SshLabHost, over: Partial<HostInput> = {}): HostInput => ({
  name: x.name, transport: 'ssh', address: x.hostName, port: x.port, userName: x.userName, keyFilePath: x.keyFilePath,
  sshOptions: { UserKnownHostsFile: x.knownHostsFile }, ...over,
});
const code = async (p: Promise<unknown>) => ((await p.then(() => undefined, (e: unknown) => e)) as AppError | undefined)?.code;
async function within<T>(ms: number, p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t = Date.now();
  const value = await p;
  expect(Date.now() - t).toBeLessThan(ms);
  return { value, ms: Date.now() - t };
}

beforeAll(async () => {
  lab = await startSshLabHosts({ count: 2, scenario: 'small-shop', repoRoot });
  h = await createHarness({
    fixtures,
    timing: { connectTimeoutMs: 8_000, heartbeatMs: 1_000, heartbeatTimeoutMs: 3_000, graceMs: 2_000, backoff: { baseMs: 200, maxMs: 1_000, jitter: 0.2, failAfter: 3 } },
  });
  hostA = lab.hosts[0]!;
  a = (await h.registry.add(input(hostA))).id;
  b = (await h.registry.add(input(lab.hosts[1]!))).id;
  await Promise.all([h.waitFor(a, 'ready', 40_000), h.waitFor(b, 'ready', 40_000)]);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await lab?.dispose();
});

describe('SSH hosts: faults', () => {
  it('connects over SSH with host facts, and passes hostile text untouched', async () => {
    const [view] = await h.registry.list();
    expect(view!.info?.computerName).toBe(hostA.name);
    const text = `a'b"c $(whoami) \`n; -Force 中文\n` + 'z'.repeat(300);
    expect(await h.registry.run(a, 'fixture/echo', { Text: text })).toEqual({ text });
  });

  it('a long operation does not block reads on the same host', async () => {
    const long = h.registry.run(a, 'fixture/sleep', { Ms: 4_000 }, { lane: 'op' });
    await new Promise((r) => setTimeout(r, 300));
    await within(2_000, h.registry.run(a, 'fixture/echo', { Text: 'read' }));
    await long;
  });

  it('a call hanging past its timeout fails with TIMEOUT in time and the session stays usable', async () => {
    await within(4_000, expect(h.registry.run(a, 'fixture/sleep', { Ms: 30_000 }, { timeoutMs: 800 })).rejects.toMatchObject({ code: 'TIMEOUT' }));
    expect(await h.registry.run(a, 'fixture/echo', { Text: 'after' })).toEqual({ text: 'after' });
  });

  it('malformed and 20 MB outputs fail clearly and nothing else hangs', async () => {
    const big = h.registry.run(a, 'fixture/big', { Chars: 20 * 1024 * 1024 }, { timeoutMs: 20_000 });
    await within(3_000, h.registry.run(b, 'fixture/echo', { Text: 'other host meanwhile' }));
    expect(await code(big)).toBe('PS_ERROR');
    expect(await code(h.registry.run(a, 'fixture/malformed', {}))).toBe('PS_ERROR');
    expect(await h.registry.run(a, 'fixture/echo', { Text: 'ok' })).toEqual({ text: 'ok' });
  }, 40_000);

  it('killing the remote pwsh mid-call fails the call with HOST_UNREACHABLE, then the host reconnects', async () => {
    const call = h.registry.run(a, 'fixture/sleep', { Ms: 20_000 });
    await new Promise((r) => setTimeout(r, 700));
    expect(hostA.killRemotePwsh()).toBeGreaterThan(0);
    const { value } = await within(8_000, code(call));
    expect(value).toBe('HOST_UNREACHABLE');
    expect(await h.registry.run(b, 'fixture/echo', { Text: 'b unaffected' })).toEqual({ text: 'b unaffected' });
    await h.waitFor(a, 'ready', 20_000);
    expect(h.states.some((s) => s.hostId === a && s.status.state === 'reconnecting')).toBe(true);
    expect(await h.registry.run(a, 'fixture/echo', { Text: 'back' })).toEqual({ text: 'back' });
  }, 40_000);

  it('stopping sshd takes the host down with a clear reason; it recovers when sshd returns', async () => {
    await hostA.stopSshd();
    hostA.killRemotePwsh();
    const down = await h.waitFor(a, 'failed', 20_000).catch(() => h.registry.status(a)!);
    expect(['reconnecting', 'failed']).toContain(down.state);
    expect(down.reason).toBe('connection-refused'); // ssh's own cause, not a generic "unreachable"
    expect(await within(10_000, code(h.registry.run(a, 'fixture/echo', { Text: 'x' }, { timeoutMs: 3_000 }))).then((r) => r.value)).toMatch(/HOST_UNREACHABLE|TIMEOUT/);
    await hostA.startSshd();
    await h.waitFor(a, 'ready', 30_000);
    expect(await h.registry.run(a, 'fixture/echo', { Text: 'recovered' })).toEqual({ text: 'recovered' });
  }, 60_000);

  it('a wrong key or a wrong user is reported as auth-failed within the timeout', async () => {
    const otherKey = join(lab.dir, 'other_key');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const wrongKey = await within(12_000, h.registry.test(input(lab.hosts[1]!, { keyFilePath: otherKey })));
    expect(wrongKey.value).toMatchObject({ ok: false, reason: 'auth-failed' });
    const wrongUser = await within(12_000, h.registry.test(input(lab.hosts[1]!, { userName: 'nobody-here' })));
    expect(wrongUser.value).toMatchObject({ ok: false, reason: 'auth-failed' });
    expect(h.registry.status(b)?.state).toBe('ready');
  }, 40_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostInput } from '../../../shared/features/hosts/hosts.contract';
import { startSshLabHosts, type SshLabHost, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';
import { createHarness, repoRoot, type Harness } from './session-harness';

// Real sshd on loopback: each cause an admin meets when adding an SSH host reaches the result with its own reason,
// and host keys are trusted only by a deliberate act, against the app's own known_hosts.
let lab: SshLabHosts;
let bare: SshLabHosts;
let h: Harness;
let host: SshLabHost;

const input = (x: SshLabHost, over: Partial<HostInput> = {}): HostInput => ({
  name: x.name, transport: 'ssh', address: x.hostName, port: x.port, userName: x.userName, keyFilePath: x.keyFilePath, ...over,
});

beforeAll(async () => {
  [lab, bare] = await Promise.all([startSshLabHosts({ count: 1, scenario: 'empty', repoRoot }), startSshLabHosts({ count: 1, scenario: 'empty', repoRoot, powershellSubsystem: false })]);
  host = lab.hosts[0]!;
  h = await createHarness({ timing: { connectTimeoutMs: 8_000, backoff: { baseMs: 200, maxMs: 1_000, jitter: 0.2, failAfter: 3 } } });
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await Promise.all([lab?.dispose(), bare?.dispose()]);
});

describe('SSH hosts: first contact, trust and the real cause', () => {
  it('an unknown key is shown (SHA256 as ssh-keygen prints it) before anything signs in; trusted, the host connects', async () => {
    const first = await h.registry.test(input(host));
    expect(first).toMatchObject({ ok: false, reason: 'host-key-unknown', hostKey: { status: 'unknown', fingerprint: host.hostKeyFingerprint(), port: host.port } });
    expect(host.hostKeyFingerprint()).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await expect(h.registry.trustHostKey(host.hostName, host.port, 'SHA256:not-the-one-shown-to-the-user')).rejects.toMatchObject({ code: 'CONFLICT' });
    const trusted = await h.registry.trustHostKey(host.hostName, host.port, first.hostKey!.fingerprint);
    expect(trusted.status).toBe('trusted');
    expect(spawnSync('stat', ['-c', '%a', h.knownHosts.path], { encoding: 'utf8' }).stdout.trim()).toBe('600');
    const second = await h.registry.test(input(host));
    expect(second).toMatchObject({ ok: true });
  }, 60_000);

  it('a changed key is refused loudly with both fingerprints; only "forget" then trust lets it in', async () => {
    const old = host.hostKeyFingerprint();
    await host.rotateHostKey();
    const now = host.hostKeyFingerprint();
    expect(now).not.toBe(old);
    const changed = await h.registry.test(input(host));
    expect(changed).toMatchObject({ ok: false, reason: 'host-key-changed', hostKey: { status: 'changed', fingerprint: now, knownFingerprints: [old] } });
    await expect(h.registry.trustHostKey(host.hostName, host.port, now)).rejects.toMatchObject({ code: 'CONFLICT' });
    // A saved host meets the changed key in its session: refused by ssh itself (strict), reported, not retried.
    const id = (await h.registry.add(input(host, { name: 'saved' }))).id;
    const failed = await h.waitFor(id, 'failed', 30_000);
    expect(failed).toMatchObject({ reason: 'host-key-changed' });
    expect(failed.detail).toMatch(/has changed/);
    expect(await h.registry.forgetHostKey(host.hostName, host.port)).toBe(1);
    expect((await h.registry.hostKey(host.hostName, host.port))?.status).toBe('unknown');
    await h.registry.trustHostKey(host.hostName, host.port, now);
    // Trusting reconnects the saved host that waited for it.
    await h.waitFor(id, 'ready', 30_000);
    await h.registry.remove(id);
  }, 90_000);

  it('a wrong key is "permission denied (publickey)", with ssh\'s own line', async () => {
    const otherKey = join(lab.dir, 'other_key');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const r = await h.registry.test(input(host, { keyFilePath: otherKey }));
    expect(r).toMatchObject({ ok: false, reason: 'auth-failed' });
    expect(r.detail).toMatch(/Permission denied \(publickey/);
  }, 40_000);

  it('a closed port is "connection refused"', async () => {
    const r = await h.registry.test(input(host, { port: await closedPort() }));
    expect(r).toMatchObject({ ok: false, reason: 'connection-refused' });
    expect(r.message).toMatch(/connection refused/i);
  }, 40_000);

  it('a name that does not resolve is "name not resolved"', async () => {
    const r = await h.registry.test(input(host, { address: 'no-such-host.invalid' }));
    expect(r).toMatchObject({ ok: false, reason: 'name-not-resolved' });
  }, 40_000);

  it('sshd without the powershell subsystem is "no PowerShell subsystem"', async () => {
    const b = bare.hosts[0]!;
    const key = await h.registry.hostKey(b.hostName, b.port);
    await h.registry.trustHostKey(b.hostName, b.port, key!.fingerprint);
    const r = await h.registry.test(input(b));
    expect(r).toMatchObject({ ok: false, reason: 'no-subsystem' });
    expect(r.detail).toMatch(/subsystem request failed/);
  }, 40_000);

  it('a port that accepts but never speaks SSH is a timeout', async () => {
    const silent = await silentServer();
    try {
      const r = await h.registry.test(input(host, { port: silent.port }));
      expect(r).toMatchObject({ ok: false, reason: 'timeout' });
    } finally {
      silent.server.close();
    }
  }, 60_000);

  it('a ProxyCommand saved in hosts.json is reported on its host and never runs', async () => {
    const canary = join(h.dir, 'proxy-command-ran');
    await expect(h.registry.add(input(host, { name: 'evil', sshOptions: { ProxyCommand: `touch ${canary}` } }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(h.registry.add(input(host, { name: 'evil', sshOptions: { 'proxycommand=touch x': 'y' } }))).rejects.toMatchObject({ message: expect.stringMatching(/proxycommand is not allowed/) });
    // As if hosts.json had been edited by hand: a second registry over the same file.
    const file = join(h.dir, 'data', 'hosts.json');
    writeFileSync(file, JSON.stringify({ version: 1, hosts: [{ id: 'evil', name: 'evil', transport: 'ssh', address: host.hostName, port: host.port, sshOptions: { proxyCommand: `touch ${canary}` } }] }));
    const again = await createHarnessOver(file);
    try {
      const status = await again.waitFor('evil', 'failed', 10_000);
      expect(status).toMatchObject({ reason: 'config-refused' });
      expect(status.message).toMatch(/proxyCommand is not allowed/);
      expect((await again.registry.list())[0]?.name).toBe('evil'); // kept, not set aside
      expect(again.spawned.some((s) => JSON.stringify(s.args).includes('touch'))).toBe(false);
      expect(existsSync(canary)).toBe(false);
    } finally {
      await again.dispose();
    }
  }, 40_000);
});

async function createHarnessOver(hostsFile: string): Promise<Harness> {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(hostsFile, 'utf8');
  return createHarness({ hostsJson: text });
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 1;
      s.close(() => resolve(port));
    });
  });
}

function silentServer(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(() => undefined); // accepts and never sends a banner
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : 0 });
    });
  });
}

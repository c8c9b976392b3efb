import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostsFeature } from '../../../electron/main/features/hosts/hosts.feature';
import { createLedgerFeature } from '../../../electron/main/features/ledger/ledger.feature';
import { Dispatcher } from '../../../electron/main/platform/ipc/dispatcher';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import { channelNames } from '../../../shared/ipc/contract';
import type { FeatureModule } from '../../../electron/main/platform/ipc/handlers';
import { createHarness, type Harness } from './session-harness';
import { PtyDriver } from '../terminal/pty-driver';

const PASSWORD = 'Kn0wn-P@ssw0rd-7f3a91';

/** Every descendant process of this test runner (agents, and whatever they started: ssh, etc.). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      continue; // the process exited while we looked
    }
  }
  return out;
}

/**
 * Watches this runner's whole process tree while a call runs (every 10 ms): the argv and the environment of
 * every process that exists at any moment, not only the ones still alive at the end, must be free of `secret`.
 */
function watchProcessTree(secret: string) {
  const pids = new Set<number>();
  const leaks: string[] = [];
  let reads = 0;
  const scan = () => {
    for (const pid of descendants(process.pid)) {
      for (const file of ['cmdline', 'environ']) {
        let text: string;
        try {
          text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
        } catch {
          continue; // gone, or not ours to read
        }
        reads += 1;
        pids.add(pid);
        if (text.includes(secret)) leaks.push(`pid ${pid} ${file}: ${text.split('\0')[0]}`);
      }
    }
  };
  scan();
  const timer = setInterval(scan, 10);
  return {
    /** The processes seen and what was found; the pids seen, to prove the watch saw the launch. */
    stop() {
      clearInterval(timer);
      scan();
      return { pids, reads, leaks };
    },
    /** The argv of the processes seen so far (for the test to check it saw what it meant to). */
    argvOf: (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        return [];
      }
    },
  };
}

let h: Harness;
const traffic: string[] = [];
let dispatcher: Dispatcher;

beforeAll(async () => {
  h = await createHarness({ timing: { connectTimeoutMs: 4_000, backoff: { baseMs: 200, maxMs: 400, jitter: 0, failAfter: 2 } } });
  const bus = new EventBus();
  bus.subscribe((name, payload) => traffic.push(JSON.stringify({ name, payload })));
  // Other features' channels get stub handlers: this test is about the hosts/ledger traffic.
  const stub: FeatureModule = {
    name: 'stub',
    handlers: Object.fromEntries(channelNames.filter((n) => !n.startsWith('hosts.') && !n.startsWith('ledger.') ).map((n) => [n, () => ({})])),
  };
  dispatcher = new Dispatcher([createHostsFeature(h.registry), createLedgerFeature(h.ledger, { load: () => ({ text: '' }) }), stub]);
}, 60_000);
afterAll(async () => h?.dispose());

const call = async (channel: string, input: unknown) => {
  const env = await dispatcher.dispatch(channel, input, { signal: new AbortController().signal, clientId: 'test' });
  traffic.push(JSON.stringify(env));
  return env;
};

describe('credentials', () => {
  it('never appear in logs, process arguments, IPC results or events', async () => {
    const watch = watchProcessTree(PASSWORD);
    const added = await call('hosts.add', { name: 'winrm-box', transport: 'winrm', address: '127.0.0.1', userName: 'admin', password: PASSWORD });
    expect(added.ok).toBe(true);
    const id = (added as { value: { id: string; hasCredential: boolean } }).value.id;
    expect((added as { value: { hasCredential: boolean } }).value.hasCredential).toBe(true);
    // The password has been handed to the agent (connect attempt) by the time the host leaves 'connecting'.
    const status = await new Promise<string>((resolve) => {
      const tick = () => {
        const s = h.registry.status(id)?.state;
        if (s && s !== 'connecting') resolve(s);
        else setTimeout(tick, 50);
      };
      tick();
    });
    expect(['reconnecting', 'failed']).toContain(status);
    const test = await call('hosts.test', { name: 'winrm-box', transport: 'winrm', address: '127.0.0.1', userName: 'admin', password: PASSWORD });
    expect(test.ok).toBe(true);
    await call('hosts.list', {});
    await call('ledger.list', {});
    await call('hosts.update', { id, patch: { name: 'renamed', password: PASSWORD } });

    // While the calls ran: every process of the tree (agents, pwsh, whatever they started), argv and environment.
    const watched = watch.stop();
    console.log(`credentials: ${watched.pids.size} processes watched while the calls ran (${watched.reads} argv/environment reads), ${watched.leaks.length} held the password`);
    expect(watched.pids.size).toBeGreaterThan(0);
    expect(watched.leaks).toEqual([]);
    const pids = descendants(process.pid);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      expect(cmdline).not.toContain(PASSWORD);
    }
    for (const req of h.spawned) {
      expect(req.args.join(' ')).not.toContain(PASSWORD);
      expect(JSON.stringify(req.env)).not.toContain(PASSWORD);
    }
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(PASSWORD);
    expect(traffic.length).toBeGreaterThan(3);
    expect(traffic.join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify(h.ledger.list({ limit: 1000 }))).not.toContain(PASSWORD);
  }, 60_000);
});

describe('the process-tree watch', () => {
  it('finds a secret in a short-lived child\'s environment and in its argv', async () => {
    const watch = watchProcessTree(PASSWORD);
    await new Promise<void>((res) => spawn('sleep', ['0.2'], { env: { HD_SECRET: PASSWORD } }).on('exit', () => res()));
    await new Promise<void>((res) => spawn('sh', ['-c', 'sleep 0.2', PASSWORD]).on('exit', () => res()));
    const { leaks } = watch.stop();
    expect(leaks.some((l) => l.includes('environ'))).toBe(true);
    expect(leaks.some((l) => l.includes('cmdline'))).toBe(true);
  });
});

describe('credentials of a WinRM terminal', () => {
  it('reach the shell by its one-shot socket, never by argv, environment or screen', { timeout: 90_000 }, async () => {
    const driver = new PtyDriver({
      resourcesDir: resolve(__dirname, '..', '..', '..'),
      hosts: [{ id: 'winrm-1', name: 'winrm-box', transport: 'winrm', computerName: '127.0.0.1', userName: 'admin', password: async () => PASSWORD }],
    });
    const watch = watchProcessTree(PASSWORD);
    let pipe: string | undefined;
    try {
      const t = await driver.service.open(driver.client, { kind: 'host', hostId: 'winrm-1' }, { cols: 120, rows: 30 });
      // The bootstrap is up once it appears in the tree; find its -CredentialPipe (a socket path, not the secret).
      for (const end = Date.now() + 30_000; !pipe && Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
        for (const pid of descendants(process.pid)) {
          const argv = watch.argvOf(pid);
          const at = argv.indexOf('-CredentialPipe');
          if (at > 0 && argv.some((a) => a.endsWith('enter-host-session.ps1'))) pipe = argv[at + 1];
        }
      }
      expect(pipe).toMatch(/hd-cred-[^/]+\/s$/);
      // The shell took the password from the socket (served once, then removed) and went on to connect.
      for (const end = Date.now() + 60_000; existsSync(pipe!) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(pipe!)).toBe(false);
      await driver.waitFor(t.sessionId, /\S/, 30_000);
      await new Promise((r) => setTimeout(r, 500)); // the connect attempt runs with the credential in hand
      expect(driver.text(t.sessionId)).not.toContain(PASSWORD);
      driver.service.close(driver.client, t.sessionId);
    } finally {
      const watched = watch.stop();
      console.log(`credentials (WinRM terminal): ${watched.pids.size} processes watched (${watched.reads} argv/environment reads), ${watched.leaks.length} held the password`);
      driver.dispose();
      expect(watched.leaks).toEqual([]);
      expect(watched.reads).toBeGreaterThan(0);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostsFeature } from '../../../electron/main/features/hosts/hosts.feature';
import { createLedgerFeature } from '../../../electron/main/features/ledger/ledger.feature';
import { Dispatcher } from '../../../electron/main/platform/ipc/dispatcher';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import { channelNames } from '../../../shared/ipc/contract';
import type { FeatureModule } from '../../../electron/main/platform/ipc/handlers';
import { createHarness, type Harness } from './session-harness';

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

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { createHostOverviewModule } from '../../../electron/main/features/host-overview/host-overview.feature';
import { hostOverviewScripts } from '../../../electron/main/features/host-overview/host-overview.scripts';
import { ClientPresence } from '../../../electron/main/platform/live/client-presence';
import type { CallContext, Handler } from '../../../electron/main/platform/ipc/handlers';
import type { HostScripts, ScriptRunner } from '../../../electron/main/platform/scripts/script-runner';
import type { HostOverview, HostSample } from '../../../shared/features/host-overview/host-overview.contract';
import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import { ManualClock } from '../../support/manual-clock';

const overview: HostOverview = {
  name: 'HV1',
  fqdn: 'hv1.contoso.local',
  os: { caption: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348', buildNumber: '20348' },
  processors: { logical: 16, sockets: 2, cores: 8, model: 'Xeon' },
  memory: { totalBytes: 64 * 2 ** 30, freeBytes: 40 * 2 ** 30, capacityBytes: 64 * 2 ** 30 },
  storage: [{ role: 'vms', path: 'D:\\Hyper-V', volume: 'D:\\', label: 'VMs', sizeBytes: 2 ** 40, freeBytes: 2 ** 39 }],
  vms: { total: 2, byState: [{ state: 'Running', count: 1 }, { state: 'Off', count: 1 }] },
};
const sample = (cpu: number): HostSample => ({ cpuPercent: cpu, memory: { totalBytes: 100, freeBytes: 40 }, vms: [] });

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A host whose answers the test decides, counting the calls per script. */
function fakeHosts() {
  const calls: string[] = [];
  const state = { down: false, cpu: 10, hold: null as Promise<void> | null };
  const runner: ScriptRunner = {
    run: (async (def: { name: string }) => {
      calls.push(def.name);
      if (state.hold) await state.hold;
      if (state.down) throw new AppError('HOST_UNREACHABLE', 'HV1 cannot be reached: connection refused', { hostId: 'h1' });
      if (def.name === hostOverviewScripts.getHostOverview.name) return { value: overview };
      return { value: sample(state.cpu) };
    }) as ScriptRunner['run'],
  };
  const hosts: HostScripts = { on: () => runner, hostIds: async () => ['h1'], onHostsChanged: () => () => undefined };
  return { hosts, calls, state };
}

function setup() {
  const clock = new ManualClock();
  const presence = new ClientPresence();
  const fake = fakeHosts();
  const sent: { clientId: string; name: EventName; payload: unknown }[] = [];
  const mod = createHostOverviewModule({ hosts: fake.hosts, bus: { emitTo: (clientId, name, payload) => sent.push({ clientId, name, payload }) }, clock, presence, log: quiet, sampleMs: 2_000 });
  const call = <K extends ChannelName>(name: K, input: ChannelInput<K>, clientId = 'c1', signal = new AbortController().signal): Promise<ChannelOutput<K>> => {
    const ctx: CallContext = { signal, clientId };
    return Promise.resolve((mod.handlers[name] as Handler<K>)(input, ctx));
  };
  const perfCalls = () => fake.calls.filter((n) => n === hostOverviewScripts.getHostPerf.name).length;
  return { clock, presence, fake, sent, mod, call, perfCalls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('host overview service', () => {
  it('answers the page in one round trip, and the last known figures marked stale with the reason when the host is down', async () => {
    const { call, fake } = setup();
    const fresh = await call('hostOverview.get', { hostId: 'h1' });
    expect(fresh).toMatchObject({ hostId: 'h1', overview, stale: false, error: null });
    expect(fresh.fetchedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(fake.calls).toEqual([hostOverviewScripts.getHostOverview.name]);

    fake.state.down = true;
    const stale = await call('hostOverview.get', { hostId: 'h1' });
    expect(stale.overview).toEqual(overview);
    expect(stale.stale).toBe(true);
    expect(stale.fetchedAt).toBe(fresh.fetchedAt);
    expect(stale.error).toMatchObject({ code: 'HOST_UNREACHABLE', message: 'HV1 cannot be reached: connection refused', hostId: 'h1' });
  });

  it('a host never read answers no figures and the reason, not zeros', async () => {
    const { call, fake } = setup();
    fake.state.down = true;
    const v = await call('hostOverview.get', { hostId: 'h1' });
    expect(v).toMatchObject({ overview: null, fetchedAt: null, stale: true, error: { code: 'HOST_UNREACHABLE' } });
  });

  it('samples only while a client holds the lease, sends the samples only to the holders, and stops when the lease is released', async () => {
    const { call, clock, sent, perfCalls, mod, fake } = setup();
    expect(perfCalls()).toBe(0);
    await call('hostOverview.lease', { id: 'h1' }, 'c1');
    await flush();
    expect(perfCalls()).toBe(1); // the first point at once
    fake.state.cpu = 33;
    clock.advance(2_000);
    await flush();
    expect(perfCalls()).toBe(2);
    expect(sent.map((s) => s.clientId)).toEqual(['c1', 'c1']);
    expect(sent.map((s) => s.name)).toEqual(['hostOverview.sample', 'hostOverview.sample']);
    expect(sent[1]!.payload).toMatchObject({ id: 'h1', at: '2026-01-01T00:00:02.000Z', sample: { cpuPercent: 33 }, error: null });

    await call('hostOverview.release', { id: 'h1' }, 'c1');
    expect(mod.service.polling()).toEqual([]);
    clock.advance(20_000);
    await flush();
    expect(perfCalls()).toBe(2);
  });

  it('stops polling when the last holder lapses without renewing, or its connection goes', async () => {
    const { call, clock, perfCalls, mod, presence } = setup();
    await call('hostOverview.lease', { id: 'h1' }, 'c1');
    await flush();
    for (let i = 0; i < 7; i++) {
      clock.advance(2_000);
      await flush();
    }
    expect(perfCalls()).toBe(8);
    clock.advance(2_000); // past the 15 s ttl, never renewed
    await flush();
    expect(mod.service.polling()).toEqual([]);
    const after = perfCalls();
    clock.advance(10_000);
    await flush();
    expect(perfCalls()).toBe(after);

    // A client whose connection ends (its live.hold aborts) releases at once.
    const gone = new AbortController();
    void presence.hold('c2', gone.signal);
    await call('hostOverview.lease', { id: 'h1' }, 'c2');
    expect(mod.service.polling()).toEqual(['h1']);
    gone.abort();
    await flush();
    expect(mod.service.polling()).toEqual([]);
  });

  it('keeps one sample in flight per host: a slow host is not asked again before it answers', async () => {
    const { call, clock, perfCalls, fake } = setup();
    let release: () => void = () => undefined;
    fake.state.hold = new Promise<void>((r) => (release = r));
    await call('hostOverview.lease', { id: 'h1' }, 'c1');
    clock.advance(6_000);
    await flush();
    expect(perfCalls()).toBe(1);
    release();
    fake.state.hold = null;
    await flush();
    clock.advance(2_000);
    await flush();
    expect(perfCalls()).toBe(2);
  });

  it('a failed sample is sent as the reason, with no figures', async () => {
    const { call, sent, fake } = setup();
    fake.state.down = true;
    await call('hostOverview.lease', { id: 'h1' }, 'c1');
    await flush();
    expect(sent[0]!.payload).toMatchObject({ id: 'h1', sample: null, error: { code: 'HOST_UNREACHABLE', hostId: 'h1' } });
  });

  it('keeps the last figures in a state file, so after a restart an unreachable host still shows them, stale', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-ho-'));
    try {
      const first = fakeHosts();
      const a = createHostOverviewModule({ hosts: first.hosts, bus: { emitTo: () => undefined }, clock: new ManualClock(), log: quiet, dataDir, files: nodeStateFiles });
      const ctx: CallContext = { signal: new AbortController().signal, clientId: 'c1' };
      await (a.handlers['hostOverview.get'] as Handler<'hostOverview.get'>)({ hostId: 'h1' }, ctx);
      const file = join(dataDir, 'host-overview-cache.json');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, hosts: { h1: { fetchedAt: '2026-01-01T00:00:00.000Z', overview } } });
      expect(statSync(file).mode & 0o777).toBe(0o600);

      // A new process: the host is down from the start.
      const second = fakeHosts();
      second.state.down = true;
      const b = createHostOverviewModule({ hosts: second.hosts, bus: { emitTo: () => undefined }, clock: new ManualClock(Date.UTC(2026, 0, 2)), log: quiet, dataDir, files: nodeStateFiles });
      const v = await (b.handlers['hostOverview.get'] as Handler<'hostOverview.get'>)({ hostId: 'h1' }, ctx);
      expect(v).toMatchObject({ overview, fetchedAt: '2026-01-01T00:00:00.000Z', stale: true, error: { code: 'HOST_UNREACHABLE' } });
      // An id that is a prototype member's name is no host's entry.
      const p = await (b.handlers['hostOverview.get'] as Handler<'hostOverview.get'>)({ hostId: '__proto__' }, ctx);
      expect(p.overview).toBeNull();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { spawnSync } from 'node:child_process';
import { renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostOverviewModule } from '../../../electron/main/features/host-overview/host-overview.feature';
import type { CallContext, Handler } from '../../../electron/main/platform/ipc/handlers';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

// The host overview's main side over the real session layer and a small-shop lab host: the page is one round
// trip with figures that agree with the scenario and the file system, and the live samples move with the lab's clock.
let h: Harness;
let hostId = '';
let stateDir = '';
const scriptCalls: string[] = [];
const samples: { payload: unknown }[] = [];
let mod: ReturnType<typeof createHostOverviewModule>;
const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

async function call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  return (mod.handlers[name] as Handler<K>)(input, ctx);
}

beforeAll(async () => {
  h = await createHarness();
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'host-overview'), join(h.dir, 'resources', 'electron', 'main', 'features', 'host-overview'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>)[0]!;
  stateDir = seeded.stateDir;
  hostId = (await h.registry.add({ name: seeded.name, transport: 'lab', labStateDir: seeded.stateDir })).id;
  await h.waitFor(hostId, 'ready', 90_000);
  const hosts = createHostScripts(
    {
      runDetailed: (id, script, args, opts) => {
        scriptCalls.push(script);
        return h.registry.runDetailed(id, script, args, opts);
      },
      list: () => h.registry.list(),
    },
    () => () => undefined,
  );
  mod = createHostOverviewModule({ hosts, bus: { emitTo: (_c, _n, payload) => samples.push({ payload }) }, clock: systemClock, log: console, sampleMs: 500 });
}, 180_000);

afterAll(async () => {
  mod?.dispose?.();
  await h?.dispose();
});

describe('host overview on a lab host', () => {
  it('reads processors, memory, the VM folders storage, the version and VM counts in one round trip', async () => {
    scriptCalls.length = 0;
    const v = await call('hostOverview.get', { hostId });
    expect(scriptCalls).toEqual(['host-overview/get-host-overview']);
    expect(v.error).toBeNull();
    expect(v.stale).toBe(false);
    const o = v.overview!;
    // small-shop's HV-LAB01: 16 logical processors on 2 NUMA nodes (a socket each), 128 GB.
    expect(o.name).toBe('HV-LAB01');
    expect(o.processors).toMatchObject({ logical: 16, sockets: 2, cores: 8 });
    expect(o.memory.totalBytes).toBe(128 * 2 ** 30);
    expect(o.memory.capacityBytes).toBe(128 * 2 ** 30);
    // Running VMs hold memory: in use is more than the host's reserve, free is less than the total.
    expect(o.memory.freeBytes).toBeGreaterThan(0);
    expect(o.memory.totalBytes - o.memory.freeBytes).toBeGreaterThan(2 * 2 ** 30);
    expect(o.os.caption).toMatch(/Windows Server/);
    expect(o.os.version).toMatch(/^10\.0\.\d+$/);
    expect(o.vms.total).toBe(4);
    expect(Object.fromEntries(o.vms.byState.map((s) => [s.state, s.count]))).toEqual({ Running: 3, Off: 1 });
    // The VM folders are the lab's own folders; their volume is the file system that holds them.
    expect(o.storage.map((s) => s.role)).toEqual(['vms', 'disks']);
    expect(o.storage[0]!.path).toBe(stateDir);
    for (const s of o.storage) {
      expect(s.volume).not.toBeNull();
      expect(s.path.startsWith(s.volume!)).toBe(true);
      expect(s.sizeBytes!).toBeGreaterThan(s.freeBytes!);
      expect(s.freeBytes!).toBeGreaterThan(0);
    }
  }, 60_000);

  it('samples host CPU, memory and each VM while the lease is held; an Off VM reports no CPU or memory', async () => {
    samples.length = 0;
    await call('hostOverview.lease', { id: hostId });
    const end = Date.now() + 30_000;
    while (samples.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await call('hostOverview.release', { id: hostId });
    expect(samples.length).toBeGreaterThanOrEqual(2);
    const p = samples[0]!.payload as { id: string; sample: { cpuPercent: number; memory: { totalBytes: number; freeBytes: number }; vms: { name: string; state: string; cpuUsage: number; memoryAssigned: number }[] } };
    expect(p.id).toBe(hostId);
    expect(p.sample.cpuPercent).toBeGreaterThan(0);
    expect(p.sample.cpuPercent).toBeLessThanOrEqual(100);
    expect(p.sample.memory.totalBytes).toBe(128 * 2 ** 30);
    const running = p.sample.vms.filter((v) => v.state === 'Running');
    expect(running.map((v) => v.name).sort()).toEqual(['DC1', 'FS1', 'SQL1']);
    for (const v of running) expect(v.memoryAssigned).toBeGreaterThan(0);
    const off = p.sample.vms.find((v) => v.state === 'Off')!;
    expect(off).toMatchObject({ cpuUsage: 0, memoryAssigned: 0 });
    // Host memory in use covers what the VMs were assigned.
    const assigned = p.sample.vms.reduce((n, v) => n + v.memoryAssigned, 0);
    expect(p.sample.memory.totalBytes - p.sample.memory.freeBytes).toBeGreaterThanOrEqual(assigned);
    expect(mod.service.polling()).toEqual([]);
  }, 60_000);

  it('a host that cannot be read answers the last figures marked stale, with its reason', async () => {
    const fresh = await call('hostOverview.get', { hostId });
    // The lab's state folder gone: every cmdlet on the host fails, as a host whose VMMS is down would.
    renameSync(stateDir, `${stateDir}.away`);
    let v: Awaited<typeof fresh>;
    try {
      v = await call('hostOverview.get', { hostId });
    } finally {
      renameSync(`${stateDir}.away`, stateDir);
    }
    expect(v.stale).toBe(true);
    expect(v.error).not.toBeNull();
    expect(v.overview).toEqual(fresh.overview);
    expect(v.fetchedAt).toBe(fresh.fetchedAt);
  }, 90_000);
});

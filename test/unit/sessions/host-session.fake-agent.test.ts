import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentHub } from '../../../electron/main/platform/sessions/agent-hub';
import { systemClock } from '../../../electron/main/platform/time/clock';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { nodeFileOps } from '../../../electron/main/platform/sessions/file-ops';
import { defaultTiming } from '../../../electron/main/platform/sessions/host-session';
import { HostStore } from '../../../electron/main/platform/sessions/hosts-document';
import { MemorySecretStore } from '../../../electron/main/platform/sessions/secret-store';
import { SessionRegistry } from '../../../electron/main/platform/sessions/session-registry';
import { Ledger } from '../../../electron/main/platform/ledger/ledger';
import type { AgentRequest } from '../../../electron/main/platform/powershell/protocol';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';
import type { HostState } from '../../../shared/features/hosts/hosts.contract';
import { fakeAgentSpawner, frames, type FakeBehaviour } from '../../support/fake-agent/fake-agent';

const repoRoot = resolve(__dirname, '..', '..', '..');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hostInfo = (hyperv = true) => ({
  computerName: 'HV01',
  psVersion: '7.6.9',
  psEdition: 'Core',
  hypervModule: hyperv,
  hypervModuleVersion: hyperv ? '2.0.0.0' : null,
  logicalProcessorCount: 16,
  memoryCapacity: 137438953472,
  virtualMachinePath: 'D:\\Hyper-V',
});
const isInfo = (req: AgentRequest) => req.kind === 'run' && req.script.includes('Get-VMHost');

const dirs: string[] = [];
const registries: SessionRegistry[] = [];
afterEach(async () => {
  for (const r of registries.splice(0)) await r.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real registry (state machines, lanes, backoff, ledger) over fake agents, with fast retry timing. */
async function setup(behave: FakeBehaviour, opts: { requireHyperV?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hd-fake-agent-'));
  dirs.push(dir);
  const { spawner, agents } = fakeAgentSpawner(behave);
  const hub = new AgentHub({ spawner, pwshPath: 'pwsh', agentScriptPath: '/agent.ps1', labModulesDir: '/lab', baseEnv: {}, log: quiet });
  const states: Array<{ state: HostState; reason?: string }> = [];
  const registry = new SessionRegistry({
    store: new HostStore(join(dir, 'hosts.json'), nodeStateFiles),
    secrets: new MemorySecretStore(),
    hub,
    library: new ScriptLibrary(repoRoot),
    ledger: new Ledger({ path: join(dir, 'ledger.jsonl'), files: nodeFileOps, log: quiet }),
    events: { hostsChanged: () => undefined, hostState: (_id, s) => states.push({ state: s.state, reason: s.reason }) },
    clock: systemClock,
    random: () => 0.5,
    timing: { ...defaultTiming, connectTimeoutMs: 2_000, graceMs: 200, backoff: { baseMs: 20, maxMs: 80, jitter: 0, failAfter: 3 } },
    requireHyperV: opts.requireHyperV ?? true,
    log: quiet,
  });
  registries.push(registry);
  await registry.init();
  return { registry, agents, states };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ssh = { name: 'hv01', transport: 'ssh' as const, address: 'hv01.example', userName: 'admin', keyFilePath: '/keys/id' };

describe('HostSession over a fake agent', () => {
  it('opens a session, reads the host facts and becomes ready; a call runs on the read session', async () => {
    const { registry, agents, states } = await setup((req) => {
      if (req.kind === 'open') return frames.opened(req.key);
      if (isInfo(req)) return frames.result(hostInfo());
      if (req.kind === 'run') return frames.result({ ok: true, args: req.args });
      return undefined;
    });
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'ready', 'ready');
    expect(states.map((s) => s.state).filter((s) => s !== 'connecting')).toEqual(['ready']); // straight to ready
    const open = agents[0]!.requests.find((r) => r.kind === 'open') as Extract<AgentRequest, { kind: 'open' }>;
    expect(open.spec).toMatchObject({ transport: 'ssh', hostName: 'hv01.example', userName: 'admin', keyFilePath: '/keys/id' });
    const out = await registry.run(host.id, 'hosts/get-host-info', {});
    expect(out).toMatchObject({ computerName: 'HV01' });
    const run = agents[0]!.requests.filter((r) => r.kind === 'run').at(-1) as Extract<AgentRequest, { kind: 'run' }>;
    expect(run.key).toBe(open.key);
  });

  it('a rejected key fails the host as auth-failed and does not retry', async () => {
    const { registry, agents, states } = await setup((req) => (req.kind === 'open' ? frames.error('TRANSPORT', 'admin@hv01.example: Permission denied (publickey).') : undefined));
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'failed', 'failed');
    expect(registry.status(host.id)).toMatchObject({ state: 'failed', reason: 'auth-failed' });
    await new Promise((r) => setTimeout(r, 300)); // several backoff periods
    expect(agents[0]!.requests.filter((r) => r.kind === 'open')).toHaveLength(1);
    expect(states.at(-1)).toEqual({ state: 'failed', reason: 'auth-failed' });
    await expect(registry.run(host.id, 'hosts/get-host-info', {})).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('an unreachable host retries with backoff, gives up to failed, and becomes ready when it answers', async () => {
    let up = false;
    const { registry, agents, states } = await setup((req) => {
      if (req.kind === 'open') return up ? frames.opened(req.key) : frames.error('TRANSPORT', 'ssh: connect to host hv01.example port 22: Connection refused');
      if (isInfo(req)) return frames.result(hostInfo());
      return undefined;
    });
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'failed', 'failed after retries');
    expect(registry.status(host.id)?.reason).toBe('unreachable');
    expect(states.map((s) => s.state)).toContain('reconnecting');
    up = true;
    await until(() => registry.status(host.id)?.state === 'ready', 'ready once the host answers');
    expect(agents[0]!.requests.filter((r) => r.kind === 'open').length).toBeGreaterThanOrEqual(4);
  });

  it('a broken session under a call fails that call and reconnects', async () => {
    let breakNext = false;
    const { registry, agents } = await setup((req) => {
      if (req.kind === 'open') return frames.opened(req.key);
      if (isInfo(req)) return frames.result(hostInfo());
      if (req.kind === 'run' && breakNext) {
        breakNext = false;
        return frames.error('TRANSPORT', 'The SSH transport process has abruptly terminated', { sessionState: 'Broken' });
      }
      if (req.kind === 'run') return frames.result({ fine: true });
      return undefined;
    });
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'ready', 'ready');
    const opensBefore = agents[0]!.requests.filter((r) => r.kind === 'open').length;
    breakNext = true;
    await expect(registry.run(host.id, 'inventory/get-inventory', {})).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    await until(() => registry.status(host.id)?.state === 'ready' && agents[0]!.requests.filter((r) => r.kind === 'open').length > opensBefore, 'reconnected');
    expect(await registry.run(host.id, 'inventory/get-inventory', {})).toEqual({ fine: true });
  });

  it('the agent dying takes the host through reconnecting to ready on a new agent', async () => {
    const { registry, agents, states } = await setup((req) => {
      if (req.kind === 'open') return frames.opened(req.key);
      if (isInfo(req)) return frames.result(hostInfo());
      return undefined;
    });
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'ready', 'ready');
    agents[0]!.exit(137, 'SIGKILL');
    await until(() => agents.length === 2 && registry.status(host.id)?.state === 'ready', 'ready on a second agent');
    expect(states.map((s) => s.state)).toEqual(expect.arrayContaining(['reconnecting']));
    expect(states.find((s) => s.state === 'reconnecting')?.reason).toBe('powershell-failed');
  });

  it('a host without the Hyper-V module fails as hyperv-missing, without retrying', async () => {
    const { registry, agents } = await setup((req) => {
      if (req.kind === 'open') return frames.opened(req.key);
      if (isInfo(req)) return frames.result(hostInfo(false));
      return undefined;
    });
    const host = await registry.add(ssh);
    await until(() => registry.status(host.id)?.state === 'failed', 'failed');
    expect(registry.status(host.id)).toMatchObject({ reason: 'hyperv-missing' });
    await new Promise((r) => setTimeout(r, 200));
    expect(agents[0]!.requests.filter((r) => r.kind === 'open')).toHaveLength(1);
  });
});

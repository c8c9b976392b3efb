import { KnownHosts } from '../../../electron/main/platform/sessions/known-hosts';
import { sshProbe } from '../../../electron/main/platform/sessions/ssh-policy';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setLogSink } from '../../../electron/main/app/logger';
import { AgentHub } from '../../../electron/main/platform/sessions/agent-hub';
import { systemClock } from '../../../electron/main/platform/time/clock';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { nodeFileOps } from '../../../electron/main/platform/sessions/file-ops';
import { defaultTiming, type SessionTiming } from '../../../electron/main/platform/sessions/host-session';
import { HostStore } from '../../../electron/main/platform/sessions/hosts-document';
import { MemorySecretStore } from '../../../electron/main/platform/sessions/secret-store';
import { SessionRegistry } from '../../../electron/main/platform/sessions/session-registry';
import { Ledger } from '../../../electron/main/platform/ledger/ledger';
import { locatePowerShell } from '../../../electron/main/platform/powershell/pwsh-locator';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';
import { nodeSpawner, type Spawner, type SpawnRequest } from '../../../electron/main/platform/powershell/spawner';
import type { HostStatus } from '../../../shared/features/hosts/hosts.contract';

export const repoRoot = resolve(__dirname, '..', '..', '..');

export interface Harness {
  /** The app's own known_hosts of this harness (<data>/known_hosts). */
  knownHosts: KnownHosts;
  registry: SessionRegistry;
  hub: AgentHub;
  ledger: Ledger;
  secrets: MemorySecretStore;
  dir: string;
  logs: string[];
  spawned: SpawnRequest[];
  states: Array<{ hostId: string; status: HostStatus }>;
  waitFor(hostId: string, state: HostStatus['state'], timeoutMs?: number): Promise<HostStatus>;
  dispose(): Promise<void>;
}

/**
 * A real session layer (real pwsh agents) over a throw-away resources folder: the repo's agent, host
 * scripts and lab are linked in, and `fixtures` adds test scripts as the 'fixture/<name>' library entries.
 */
export async function createHarness(
  opts: { fixtures?: Record<string, string>; timing?: Partial<SessionTiming>; requireHyperV?: boolean; /** hosts.json as found on start. */ hostsJson?: string } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-sessions-'));
  const res = join(dir, 'resources');
  mkdirSync(join(res, 'electron', 'main', 'features', 'fixture', 'scripts'), { recursive: true });
  mkdirSync(join(res, 'assets'), { recursive: true });
  mkdirSync(join(res, 'electron', 'main', 'platform'), { recursive: true });
  symlinkSync(join(repoRoot, 'electron', 'main', 'platform', 'powershell'), join(res, 'electron', 'main', 'platform', 'powershell'));
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'hosts'), join(res, 'electron', 'main', 'features', 'hosts'));
  symlinkSync(join(repoRoot, 'assets', 'lab'), join(res, 'assets', 'lab'));
  for (const [name, text] of Object.entries(opts.fixtures ?? {})) {
    writeFileSync(join(res, 'electron', 'main', 'features', 'fixture', 'scripts', `${name}.ps1`), text);
  }
  const logs: string[] = [];
  setLogSink((_level, line) => logs.push(line));
  const spawned: SpawnRequest[] = [];
  const spawner: Spawner = (req) => {
    spawned.push(req);
    return nodeSpawner(req);
  };
  const data = join(dir, 'data');
  if (opts.hostsJson !== undefined) {
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'hosts.json'), opts.hostsJson);
  }
  const ledger = new Ledger({ path: join(data, 'ledger.jsonl'), files: nodeFileOps, log: quietLog(logs) });
  const hub = new AgentHub({
    spawner,
    pwshPath: locatePowerShell(),
    agentScriptPath: join(res, 'electron', 'main', 'platform', 'powershell', 'agent', 'hyperdesk-agent.ps1'),
    labModulesDir: join(res, 'assets', 'lab', 'modules'),
    baseEnv: { ...process.env },
    log: quietLog(logs),
  });
  const states: Harness['states'] = [];
  const listeners = new Set<() => void>();
  const secrets = new MemorySecretStore();
  const knownHosts = new KnownHosts({ path: join(data, 'known_hosts'), files: nodeStateFiles, spawner, env: { ...process.env }, clock: systemClock, scanTimeoutMs: 4_000 });
  const registry = new SessionRegistry({
    ssh: { knownHosts, probe: sshProbe({ spawner, env: { ...process.env }, clock: systemClock, knownHostsFile: knownHosts.path, timeoutMs: 6_000 }) },
    store: new HostStore(join(data, 'hosts.json'), nodeStateFiles),
    secrets,
    hub,
    library: new ScriptLibrary(res),
    ledger,
    events: {
      hostsChanged: () => undefined,
      hostState: (hostId, status) => {
        states.push({ hostId, status });
        for (const l of listeners) l();
      },
    },
    clock: systemClock,
    random: Math.random,
    timing: { ...defaultTiming, ...opts.timing },
    requireHyperV: opts.requireHyperV ?? false,
    log: quietLog(logs),
  });
  await registry.init();
  const waitFor = (hostId: string, state: HostStatus['state'], timeoutMs = 20_000) =>
    new Promise<HostStatus>((resolvePromise, reject) => {
      const check = () => {
        const s = registry.status(hostId);
        if (s?.state === state) {
          listeners.delete(check);
          clearTimeout(timer);
          resolvePromise(s);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`host ${hostId} did not reach ${state} in ${timeoutMs} ms (now ${JSON.stringify(registry.status(hostId))})`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return {
    knownHosts,
    registry,
    hub,
    ledger,
    secrets,
    dir,
    logs,
    spawned,
    states,
    waitFor,
    async dispose() {
      await registry.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function quietLog(lines: string[]) {
  const push = (level: string) => (msg: string, ...rest: unknown[]) => lines.push(`${level} ${msg} ${rest.map(String).join(' ')}`);
  return { info: push('INFO'), warn: push('WARN'), error: push('ERROR') };
}

/** The standard prologue every shipped script has; fixtures use it too. */
export const prologue = "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n";

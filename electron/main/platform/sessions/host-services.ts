import { resourcePaths } from '../resources';
import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import { Ledger } from '../ledger/ledger';
import { locatePowerShell } from '../powershell/pwsh-locator';
import { resolvePowerShellCommand } from '../powershell/pwsh-runtime';
import { ScriptLibrary } from '../powershell/script-library';
import type { Spawner } from '../powershell/spawner';
import { AgentHub } from './agent-hub';
import type { Clock } from '../time/clock';
import { nodeStateFiles, type StateFiles } from '../documents/atomic-file';
import type { FileOps } from './file-ops';
import { defaultTiming, type SessionTiming } from './host-session';
import { HostStore } from './hosts-document';
import { seedLabs } from './lab-seed';
import type { SecretStore } from './secret-store';
import { SessionRegistry, type RegistryEvents } from './session-registry';
import { KnownHosts } from './known-hosts';
import { sshProbe } from './ssh-policy';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import type { HostConfig } from '../../../../shared/features/hosts/hosts.contract';

export interface HostServicesOptions {
  dataDir: string;
  resourcesDir: string;
  spawner: Spawner;
  files: FileOps;
  /** hosts.json goes through the document store (platform/documents); real files unless a test passes others. */
  stateFiles?: StateFiles;
  clock: Clock;
  secrets: SecretStore;
  events: RegistryEvents & { ledgerAppended(entry: LedgerEntry): void };
  log: Logger;
  env?: Record<string, string | undefined>;
  timing?: Partial<SessionTiming>;
  /** Seed and register the lab's hosts (small shop and datacenter, see lab-seed.ts) when there is no hosts file yet. Default true. */
  seedLabOnFirstRun?: boolean;
  requireHyperV?: boolean;
}

export interface HostServices {
  registry: SessionRegistry;
  ledger: Ledger;
  hub: AgentHub;
  library: ScriptLibrary;
  /** What every SSH session uses: the app's known_hosts (checked strictly) and the failure probe (P2V sources too). */
  ssh: { knownHostsFile: string; probe: (config: HostConfig) => Promise<string[]> };
}

/**
 * .NET settings for agent processes (measured in docs/benchmarks.md): without dynamic PGO the runtime stops
 * instrumenting and re-compiling hot code in the background, which cut the agent's CPU per call by about two
 * thirds and its start by ~0.5 s; a small first GC generation keeps the heap of a long-lived, mostly idle process
 * tight. Ignored by Windows PowerShell 5.1 (.NET Framework).
 */
const agentRuntimeSettings = { DOTNET_TieredPGO: '0', DOTNET_GCgen0size: '0x400000' };

/** Builds the session layer from the seams compose.ts hands over (no side effect is created here). */
export async function createHostServices(o: HostServicesOptions): Promise<HostServices> {
  const env = o.env ?? { ...process.env };
  const pwshPath = locatePowerShell(env);
  const library = new ScriptLibrary(o.resourcesDir);
  const ledger = new Ledger({ path: join(o.dataDir, 'ledger.jsonl'), files: o.files, log: o.log, onAppend: (e) => o.events.ledgerAppended(e) });
  ledger.load();
  const hub = new AgentHub({
    spawner: o.spawner,
    pwshPath,
    agentScriptPath: resourcePaths.agentScript(o.resourcesDir),
    labModulesDir: resourcePaths.labModules(o.resourcesDir),
    baseEnv: env,
    agentEnv: agentRuntimeSettings,
    resolveCommand: () => resolvePowerShellCommand(pwshPath, { spawner: o.spawner, env, cache: { path: join(o.dataDir, 'pwsh-runtime.json'), files: o.files } }),
    log: o.log,
    clock: o.clock,
  });
  const stateFiles = o.stateFiles ?? nodeStateFiles;
  // The app's own known_hosts: a key is trusted here by the user's choice, never by ssh on first sight.
  const knownHosts = new KnownHosts({ path: join(o.dataDir, 'known_hosts'), files: stateFiles, spawner: o.spawner, env, clock: o.clock });
  const probe = sshProbe({ spawner: o.spawner, env, clock: o.clock, knownHostsFile: knownHosts.path });
  const registry = new SessionRegistry({
    ssh: { knownHosts, probe },
    store: new HostStore(join(o.dataDir, 'hosts.json'), stateFiles, undefined, o.log),
    secrets: o.secrets,
    hub,
    library,
    ledger,
    events: o.events,
    clock: o.clock,
    random: Math.random,
    timing: { ...defaultTiming, ...o.timing },
    requireHyperV: o.requireHyperV ?? true,
    log: o.log,
  });
  const firstRun = await registry.init();
  if (firstRun && (o.seedLabOnFirstRun ?? true)) {
    const seeded = await seedLabs({ spawner: o.spawner, pwshPath, resourcesDir: o.resourcesDir, labRoot: join(o.dataDir, 'lab'), env, log: o.log });
    for (const h of seeded) await registry.add({ name: h.name, transport: 'lab', labStateDir: h.stateDir });
  }
  return { registry, ledger, hub, library, ssh: { knownHostsFile: knownHosts.path, probe } };
}

import { join } from 'node:path';
import type { Logger } from '../app/logger';
import { Ledger } from '../ledger/ledger';
import { locatePowerShell } from '../powershell/pwsh-locator';
import { ScriptLibrary } from '../powershell/script-library';
import type { Spawner } from '../powershell/spawner';
import { AgentHub } from './agent-hub';
import type { Clock } from './clock';
import type { FileOps } from './file-ops';
import { defaultTiming, type SessionTiming } from './host-session';
import { HostStore } from './host-store';
import { seedLab } from './lab-seed';
import type { SecretStore } from './secret-store';
import { SessionRegistry, type RegistryEvents } from './session-registry';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';

export interface HostServicesOptions {
  dataDir: string;
  resourcesDir: string;
  spawner: Spawner;
  files: FileOps;
  clock: Clock;
  secrets: SecretStore;
  events: RegistryEvents & { ledgerAppended(entry: LedgerEntry): void };
  log: Logger;
  env?: Record<string, string | undefined>;
  timing?: Partial<SessionTiming>;
  /** Seed and register the lab's small-shop hosts when there is no hosts file yet. Default true. */
  seedLabOnFirstRun?: boolean;
  requireHyperV?: boolean;
}

export interface HostServices {
  registry: SessionRegistry;
  ledger: Ledger;
  hub: AgentHub;
  library: ScriptLibrary;
}

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
    agentScriptPath: join(o.resourcesDir, 'electron', 'main', 'powershell', 'agent', 'hyperdesk-agent.ps1'),
    labModulesDir: join(o.resourcesDir, 'assets', 'lab', 'modules'),
    baseEnv: env,
    log: o.log,
  });
  const registry = new SessionRegistry({
    store: new HostStore(join(o.dataDir, 'hosts.json'), o.files),
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
  const firstRun = registry.init();
  if (firstRun && (o.seedLabOnFirstRun ?? true)) {
    const seeded = await seedLab({ spawner: o.spawner, pwshPath, resourcesDir: o.resourcesDir, stateRoot: join(o.dataDir, 'lab'), env, log: o.log });
    for (const h of seeded) await registry.add({ name: h.name, transport: 'lab', labStateDir: h.stateDir });
  }
  return { registry, ledger, hub, library };
}

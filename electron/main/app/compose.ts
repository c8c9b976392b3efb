import { join } from 'node:path';
import { Dispatcher } from '../platform/ipc/dispatcher';
import { EventBus } from '../platform/ipc/event-bus';
import type { FeatureModule } from '../platform/ipc/handlers';
import { createLogger } from './logger';
import { createHostServices } from '../platform/sessions/host-services';
import { createHostScripts } from '../platform/sessions/host-scripts';
import { systemClock } from '../platform/time/clock';
import { nodeFileOps } from '../platform/sessions/file-ops';
import { MemorySecretStore, type SecretStore } from '../platform/sessions/secret-store';
import { nodeSpawner } from '../platform/powershell/spawner';
import { locatePowerShell } from '../platform/powershell/pwsh-locator';
import { nodeStateFiles, type StateFiles } from '../platform/documents/atomic-file';
import { DocumentProblems } from '../platform/documents/document-problems';
import { labResetCommand, labScenariosFromEnv, seedLabs } from '../platform/sessions/lab-seed';
import { defaultSessionTiming, detachedSessions } from '../platform/sessions';
import { ClientPresence } from '../platform/live/client-presence';
import { createLiveFeature } from '../platform/live/live-handlers';
// Features are reached only through their definitions (features/<x>/index.ts).
import { appFeature } from '../features/app';
import { hostsFeature } from '../features/hosts';
import { ledgerFeature } from '../features/ledger';
import { consoleFeature, systemHandoffSeams } from '../features/console';
import { tasksFeature } from '../features/tasks';
import { inventoryFeature } from '../features/inventory';
import { checkpointsFeature, type CheckpointsPort } from '../features/checkpoints';
import { terminalFeature } from '../features/terminal';
import { runbookFeature } from '../features/runbook';
import { p2vFeature } from '../features/p2v';
import { hostOverviewFeature } from '../features/host-overview';
import { securePrivateDataDir } from '../platform/files/private-data-dir';

export interface ComposeOptions {
  mode: 'desktop' | 'browser';
  version: string;
  /** The app's data folder (hosts, ledger, lab state, caches). */
  dataDir: string;
  /** The folder that holds shipped, unpacked resources (assets/lab, PowerShell scripts). */
  resourcesDir: string;
  /** Where host passwords are kept; desktop passes the safeStorage adapter, browser mode keeps them in memory. */
  secrets?: SecretStore;
}

export interface AppServices {
  readonly dispatcher: Dispatcher;
  readonly bus: EventBus;
  dispose(): Promise<void>;
}

/**
 * The composition root: the only place that wires real side effects (processes, files, clock) into
 * services. Electron's main and the browser gateway both call this, so they run the same services.
 */
export async function composeApp(opts: ComposeOptions): Promise<AppServices> {
  const log = createLogger('app');
  // Before any store opens a file: the data folder 0700, its files 0600, also when an older run left them looser.
  const privacy = await securePrivateDataDir(opts.dataDir);
  if (privacy.tightened.length > 0) log.warn(`tightened ${privacy.tightened.length} path(s) in the data folder to owner-only`);
  const bus = new EventBus();
  // Every store gets these files, so each state file set aside this run lands in one list the shell shows.
  const problems = new DocumentProblems(() => bus.emit('app.problemsChanged', {}));
  const files: StateFiles = { ...nodeStateFiles, problems };
  // App-level settings (Settings page); the features that apply them are bound below, once they exist.
  const applied: { inventoryPollMs?: () => number } = {};
  const labRoot = join(opts.dataDir, 'lab');
  const app = await appFeature.create({
    version: opts.version,
    mode: opts.mode,
    dataDir: opts.dataDir,
    problems,
    files,
    log: createLogger('app'),
    emitSettingsChanged: () => bus.emit('app.settingsChanged', {}),
    inEffect: () => ({ inventoryPollMs: applied.inventoryPollMs?.() ?? null }),
    lab: {
      command: labResetCommand(locatePowerShell(), opts.resourcesDir, labRoot, labScenariosFromEnv(process.env)),
      reset: async () => (await seedLabs({ spawner: nodeSpawner, pwshPath: locatePowerShell(), resourcesDir: opts.resourcesDir, labRoot, env: process.env, log, force: true })).map((h) => h.name),
    },
  });
  const settings = app.port;
  const features: FeatureModule[] = [app];
  // Live data (platform/live): each client holds one live.hold call; when it ends, its leases go and its shells wait.
  const presence = new ClientPresence();
  features.push(createLiveFeature(presence));
  // Host sessions (platform/sessions): the registry of host state machines, the agent hub and the ledger.
  const secrets = opts.secrets ?? new MemorySecretStore();
  const hostServices = await createHostServices({
    dataDir: opts.dataDir,
    resourcesDir: opts.resourcesDir,
    spawner: nodeSpawner,
    files: nodeFileOps,
    stateFiles: files,
    clock: systemClock,
    secrets,
    events: {
      hostsChanged: () => bus.emit('hosts.changed', {}),
      hostState: (hostId, status) => bus.emit('host.state', { hostId, status }),
      ledgerAppended: (e) => bus.emit('ledger.appended', { id: e.id, hostId: e.hostId, script: e.script, outcome: e.outcome }),
    },
    log: createLogger('hosts'),
  });
  const sessions = hostServices.registry;
  features.push(await hostsFeature.create({ registry: sessions }), await ledgerFeature.create({ ledger: hostServices.ledger, scripts: hostServices.library }));
  // Every mutating action is a task (queue, progress, cancel, history in <dataDir>/tasks.jsonl).
  // The one door to host scripts (platform/scripts): typed ScriptDefs, answers validated in the session layer.
  // VM names for the ledger's display lines come from the inventory's cache, bound once the inventory exists.
  const vmNames: { locate?: (vmId: string) => { vmName: string } | undefined } = {};
  const hostScripts = createHostScripts(
    sessions,
    (listener) => bus.subscribe((name) => name === 'hosts.changed' && listener()),
    (vmId) => vmNames.locate?.(vmId)?.vmName,
  );
  // VM consoles: frames and keys through HostScripts; frames go only to the client that opened them.
  features.push(await consoleFeature.create({ hosts: hostScripts, listHosts: () => sessions.list(), bus, clock: systemClock, seams: systemHandoffSeams(), presence }));
  // Host overview: a page per host in one round trip, live CPU/memory samples only to the clients holding its lease.
  features.push(await hostOverviewFeature.create({ hosts: hostScripts, bus, clock: systemClock, presence, log: createLogger('host-overview'), dataDir: opts.dataDir, files }));
  const tasksModule = await tasksFeature.create({
    dataDir: opts.dataDir,
    files,
    log: createLogger('tasks'),
    emit: (r) => bus.emit('tasks.updated', r),
    retention: () => ({ count: settings.settings().taskHistoryCount, days: settings.settings().taskHistoryDays }),
  });
  const tasks = tasksModule.port;
  // Inventory and checkpoints use each other's ports: the inventory's Checkpoint action goes through the
  // checkpoints' DC rule, checkpoints read the inventory's tags. The checkpoints port is bound once it exists.
  const late: { checkpoints?: CheckpointsPort } = {};
  const inventory = await inventoryFeature.create({
    dataDir: opts.dataDir,
    hosts: hostScripts,
    tasks,
    files,
    clock: systemClock,
    presence,
    checkpoints: {
      take: (...args) => {
        if (!late.checkpoints) throw new Error('checkpoints port used before composition finished');
        return late.checkpoints.take(...args);
      },
    },
    log: createLogger('inventory'),
    emitChanged: (hostId) => bus.emit('inventory.changed', { hostId }),
    emitPrefsChanged: () => bus.emit('inventory.prefsChanged', {}),
  });
  vmNames.locate = (vmId) => inventory.port.locate(vmId);
  // The refresh interval of Settings is the inventory's poll interval, applied at once when it changes.
  inventory.port.setPollInterval(settings.settings().refreshSeconds * 1000);
  settings.onSettingsChanged((s) => inventory.port.setPollInterval(s.refreshSeconds * 1000));
  applied.inventoryPollMs = () => inventory.port.pollIntervalMs();
  features.push(tasksModule, inventory);
  // Checkpoint trees, DC safety, chain health and groups (<dataDir>/checkpoint-groups.json); tags come from the inventory.
  const checkpoints = await checkpointsFeature.create({
    dataDir: opts.dataDir,
    hosts: hostScripts,
    tasks,
    bus,
    files,
    log: createLogger('checkpoints'),
    inventory: inventory.port,
  });
  late.checkpoints = checkpoints.port;
  features.push(checkpoints);
  // Embedded terminal: real PTYs (node-pty); output goes only to the client that owns the tab.
  const terminal = await terminalFeature.create({ resourcesDir: opts.resourcesDir, registry: sessions, secrets, bus, presence, log: createLogger('terminal') });
  features.push(terminal);
  // The ledger as a runbook tool: explain a script's cmdlets, export entries as a .ps1.
  features.push(
    await runbookFeature.create({
      ledger: hostServices.ledger,
      scripts: hostServices.library,
      hostName: async (hostId) => (await sessions.list()).find((h) => h.id === hostId)?.name ?? hostId,
      pasteForm: terminal.port.pasteForm,
    }),
  );
  // P2V wizard around Disk2vhd: persisted jobs in <dataDir>/p2v, source scripts ledgered like host calls.
  features.push(
    await p2vFeature.create({
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      pwsh: locatePowerShell(),
      spawn: nodeSpawner,
      files,
      hosts: hostScripts,
      tasks,
      appendLedger: (e) => hostServices.ledger.append(e),
      emitChanged: (id) => bus.emit('p2v.changed', { id }),
      log: createLogger('p2v'),
      remote: {
        open: detachedSessions({ hub: hostServices.hub, library: hostServices.library, secrets, clock: systemClock, timing: defaultSessionTiming, log: createLogger('p2v'), ssh: hostServices.ssh }),
        secrets,
      },
      timing: process.env.HYPERDESK_P2V_POLL_MS ? { pollMs: Number(process.env.HYPERDESK_P2V_POLL_MS), stuckMs: Number(process.env.HYPERDESK_P2V_STUCK_MS ?? 120_000) } : {},
    }),
  );
  const dispatcher = new Dispatcher(features);
  log.info(`composed ${features.length} feature(s) in ${opts.mode} mode, data in ${opts.dataDir}`);
  return {
    dispatcher,
    bus,
    async dispose() {
      for (const f of [...features].reverse()) await f.dispose?.();
    },
  };
}

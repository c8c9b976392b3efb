import { Dispatcher } from '../platform/ipc/dispatcher';
import { EventBus } from '../platform/ipc/event-bus';
import type { FeatureModule } from '../platform/ipc/handlers';
import { createAppFeature } from '../features/app/app.feature';
import { createLogger } from './logger';
import { createHostServices } from '../platform/sessions/host-services';
import { createHostScripts } from '../platform/sessions/host-scripts';
import { systemClock } from '../platform/time/clock';
import { nodeFileOps } from '../platform/sessions/file-ops';
import { MemorySecretStore, type SecretStore } from '../platform/sessions/secret-store';
import { nodeSpawner } from '../platform/powershell/spawner';
import { createHostsFeature } from '../features/hosts/hosts.feature';
import { createLedgerFeature } from '../features/ledger/ledger.feature';
import { createConsoleModule } from '../features/console/console.compose';
import { systemHandoffSeams } from '../features/console/console-handoff-seams';
import { createInventoryFeature } from '../features/inventory/inventory.feature';
import type { CheckpointsPort } from '../features/checkpoints';
import { nodeStateFiles } from '../platform/documents/atomic-file';
import { createTaskService, createTasksFeature } from '../features/tasks/tasks.feature';
import { createCheckpointsModule } from '../features/checkpoints/checkpoints.compose';
import { createTerminalFeature } from '../features/terminal/terminal.feature';
import { createRunbookFeature } from '../features/runbook/runbook.feature';
import { hostShellSource } from '../features/terminal/host-shell-source';
import { TerminalService } from '../features/terminal/terminal-service';
import { createNodePtySpawner } from '../features/terminal/node-pty-spawner';
import { createShellLauncher, runsHere } from '../features/terminal/shell-launch';
import { locatePowerShell } from '../platform/powershell/pwsh-locator';
import { createP2vModule } from '../features/p2v/p2v.compose';
import { defaultSessionTiming, detachedSessions } from '../platform/sessions';
import { ClientPresence } from '../platform/live/client-presence';
import { createLiveFeature } from '../platform/live/live-handlers';

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
  const bus = new EventBus();
  const features: FeatureModule[] = [createAppFeature({ version: opts.version, mode: opts.mode })];
  // Live data (platform/live): each client holds one live.hold call; when it ends, its leases go and its shells wait.
  const presence = new ClientPresence();
  features.push(createLiveFeature(presence));
  // Host sessions: the one `sessions.run(hostId, script, args, opts)` every domain service uses.
  const secrets = opts.secrets ?? new MemorySecretStore();
  const hostServices = await createHostServices({
    dataDir: opts.dataDir,
    resourcesDir: opts.resourcesDir,
    spawner: nodeSpawner,
    files: nodeFileOps,
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
  features.push(createHostsFeature(sessions), createLedgerFeature(hostServices.ledger));
  // Every mutating action is a task (queue, progress, cancel, history in <dataDir>/tasks.jsonl).
  // The one door to host scripts (platform/scripts): typed ScriptDefs, answers validated in the session layer.
  const hostScripts = createHostScripts(sessions, (listener) => bus.subscribe((name) => name === 'hosts.changed' && listener()));
  // VM consoles: frames and keys through HostScripts; frames go only to the client that opened them.
  features.push(createConsoleModule({ hosts: hostScripts, listHosts: () => sessions.list(), bus, clock: systemClock, seams: systemHandoffSeams(), presence }));
  const tasks = await createTaskService({ dataDir: opts.dataDir, files: nodeStateFiles, log: createLogger('tasks'), emit: (r) => bus.emit('tasks.updated', r) });
  // Inventory and checkpoints use each other's ports: the inventory's Checkpoint action goes through the
  // checkpoints' DC rule, checkpoints read the inventory's tags. The checkpoints port is bound once it exists.
  const late: { checkpoints?: CheckpointsPort } = {};
  const inventory = await createInventoryFeature({
    dataDir: opts.dataDir,
    hosts: hostScripts,
    tasks,
    files: nodeStateFiles,
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
  features.push(createTasksFeature(tasks), inventory);
  // Checkpoint trees, DC safety, chain health and groups (<dataDir>/checkpoint-groups.json); tags come from the inventory.
  const checkpoints = createCheckpointsModule({
    dataDir: opts.dataDir,
    hosts: hostScripts,
    tasks,
    bus,
    files: nodeStateFiles,
    log: createLogger('checkpoints'),
    inventory: inventory.port,
  });
  late.checkpoints = checkpoints.port;
  features.push(checkpoints);
  // Embedded terminal: real PTYs (node-pty); output goes only to the client that owns the tab.
  const terminalHosts = hostShellSource(sessions, secrets);
  const terminals = new TerminalService({
    spawn: createNodePtySpawner(),
    launch: createShellLauncher({ resourcesDir: opts.resourcesDir, hosts: terminalHosts, shell: locatePowerShell() }),
    sink: {
      output: (clientId, sessionId, data) => bus.emitTo(clientId, 'terminal.output', { sessionId, data }),
      exit: (clientId, sessionId, exitCode) => bus.emitTo(clientId, 'terminal.exit', { sessionId, exitCode }),
    },
    log: createLogger('terminal'),
  });
  features.push(createTerminalFeature({ service: terminals, hosts: terminalHosts, presence }));
  // The ledger as a runbook tool: explain a script's cmdlets, export entries as a .ps1.
  features.push(
    createRunbookFeature({
      ledger: hostServices.ledger,
      scripts: hostServices.library,
      hostName: async (hostId) => (await sessions.list()).find((h) => h.id === hostId)?.name ?? hostId,
      pasteForm: async (clientId, sessionId) => ((await runsHere(terminals.targetOf(clientId, sessionId), terminalHosts)) ? 'path' : 'inline'),
    }),
  );
  // P2V wizard around Disk2vhd: persisted jobs in <dataDir>/p2v, source scripts ledgered like host calls.
  features.push(
    await createP2vModule({
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      pwsh: locatePowerShell(),
      spawn: nodeSpawner,
      files: nodeStateFiles,
      hosts: hostScripts,
      tasks,
      appendLedger: (e) => hostServices.ledger.append(e),
      emitChanged: (id) => bus.emit('p2v.changed', { id }),
      log: createLogger('p2v'),
      remote: {
        open: detachedSessions({ hub: hostServices.hub, library: hostServices.library, secrets, clock: systemClock, timing: defaultSessionTiming, log: createLogger('p2v') }),
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

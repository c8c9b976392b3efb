import type { EventBus } from '../../platform/ipc/event-bus';
import type { Logger } from '../../app/logger';
import { defineFeature } from '../../platform/feature';
import type { ClientPresence } from '../../platform/live/client-presence';
import type { SessionRegistry } from '../../platform/sessions/session-registry';
import type { SecretStore } from '../../platform/sessions/secret-store';
import { locatePowerShell } from '../../platform/powershell/pwsh-locator';
import { hostShellSource } from './host-shell-source';
import { createNodePtySpawner } from './node-pty-spawner';
import { createShellLauncher, runsHere } from './shell-launch';
import { createTerminalFeature } from './terminal.feature';
import { TerminalService } from './terminal.service';

/** What other features may ask of the terminal: how a tab of this client would run a pasted script. */
export interface TerminalPort {
  pasteForm(clientId: string, sessionId: string): Promise<'path' | 'inline'>;
}

export interface TerminalDeps {
  resourcesDir: string;
  registry: SessionRegistry;
  secrets: SecretStore;
  bus: Pick<EventBus, 'emitTo'>;
  presence: ClientPresence;
  log: Logger;
}

/** Embedded terminal: real PTYs (node-pty); output goes only to the client that owns the tab. */
export const terminalFeature = defineFeature<TerminalDeps, TerminalPort>({
  name: 'terminal',
  create(d) {
    const hosts = hostShellSource(d.registry, d.secrets);
    const service = new TerminalService({
      spawn: createNodePtySpawner(),
      launch: createShellLauncher({ resourcesDir: d.resourcesDir, hosts, shell: locatePowerShell() }),
      sink: {
        output: (clientId, sessionId, data) => d.bus.emitTo(clientId, 'terminal.output', { sessionId, data }),
        exit: (clientId, sessionId, exitCode) => d.bus.emitTo(clientId, 'terminal.exit', { sessionId, exitCode }),
      },
      log: d.log,
    });
    return {
      ...createTerminalFeature({ service, hosts, presence: d.presence }),
      port: { pasteForm: async (clientId, sessionId) => ((await runsHere(service.targetOf(clientId, sessionId), hosts)) ? 'path' : 'inline') },
    };
  },
});

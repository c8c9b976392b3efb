import type { EventBus } from '../../platform/ipc/event-bus';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import type { Clock } from '../../platform/time/clock';
import type { ClientPresence } from '../../platform/live/client-presence';
import { ConsoleHandoff, type HandoffSeams } from './console-handoff';
import { ConsoleService } from './console.service';
import { createConsoleFeature } from './console.handlers';
import { perHostSingleFlight } from './host-gate';
import { consoleFrameScript } from './console.scripts';

/** How the console reaches hosts: frame polls single-flight per host across all consoles (the rest pass through). */
export function consoleHosts(hosts: Pick<HostScripts, 'on'>): Pick<HostScripts, 'on'> {
  return perHostSingleFlight(hosts, consoleFrameScript);
}

/**
 * Wires the console capability (called from compose.ts). Frame polls use the read lane but never more than one
 * at a time per host across all consoles, so consoles hold at most one read session and inventory reads keep
 * the other(s); they stay out of the ledger unless they fail (consoleFrameScript's `record: 'errors'`).
 */
export function createConsoleModule(deps: {
  hosts: Pick<HostScripts, 'on'>;
  /** The host list (sessions.list()): where each host lives, for the hand-off to VMConnect/FreeRDP. */
  listHosts: () => Promise<HostView[]>;
  bus: Pick<EventBus, 'emitTo'>;
  clock: Clock;
  seams: HandoffSeams;
  /** Connection presence (platform/live): a gone client's consoles close at once. */
  presence?: ClientPresence;
}): FeatureModule {
  // Hand-off targets a real Hyper-V host's VMMS listener (TCP 2179); lab hosts have none.
  const hostAddress = new Map<string, string | null>();
  const refresh = async () => {
    for (const h of await deps.listHosts()) {
      hostAddress.set(h.id, h.transport === 'lab' ? null : h.transport === 'local' ? 'localhost' : (h.address ?? null));
    }
  };
  const handoff = new ConsoleHandoff(deps.seams, (hostId) => hostAddress.get(hostId) ?? null);
  const service = new ConsoleService({
    hosts: consoleHosts(deps.hosts),
    beforeOpen: refresh, // opening a console re-reads where hosts live
    bus: deps.bus,
    clock: deps.clock,
    presence: deps.presence,
    handoff,
  });
  return createConsoleFeature(service);
}

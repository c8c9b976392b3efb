import type { EventBus } from '../../platform/ipc/event-bus';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import type { Clock } from '../../platform/time/clock';
import type { RunScript } from './console-frame-source';
import { ConsoleHandoff, type HandoffSeams } from './console-handoff';
import { ConsoleService } from './console-service';
import { createConsoleFeature } from './console.feature';
import { perHostSingleFlight } from './host-gate';

/** The slice of the session registry the console uses. */
export interface ConsoleSessionsPort {
  run(hostId: string, script: string, args: Record<string, unknown>, opts: { signal?: AbortSignal; timeoutMs?: number; lane?: 'read' | 'op'; record?: 'always' | 'errors' }): Promise<unknown>;
  list(): Promise<HostView[]>;
}

/**
 * How the console calls scripts: on the read lane, frame polls single-flight per host, and frame polls kept out
 * of the ledger unless they fail (they run many times a second; the ledger records what the user did).
 */
export function consoleRun(sessions: Pick<ConsoleSessionsPort, 'run'>): RunScript {
  const isFrame = (script: string) => script === 'console/get-console-frame';
  const baseRun: RunScript = (hostId, script, args, opts) =>
    sessions.run(hostId, script, args, { ...opts, lane: 'read', ...(isFrame(script) ? { record: 'errors' as const } : {}) });
  return perHostSingleFlight(baseRun, isFrame);
}

/**
 * Wires the console capability (called from compose.ts). Frame polls use the read lane but never more than one
 * at a time per host across all consoles (perHostSingleFlight), so consoles hold at most one read session and
 * inventory reads keep the other(s).
 */
export function createConsoleModule(deps: { sessions: ConsoleSessionsPort; bus: Pick<EventBus, 'emitTo'>; clock: Clock; seams: HandoffSeams }): FeatureModule {
  const run = consoleRun(deps.sessions);
  // Hand-off targets a real Hyper-V host's VMMS listener (TCP 2179); lab hosts have none.
  const hostAddress = new Map<string, string | null>();
  const refresh = async () => {
    for (const h of await deps.sessions.list()) {
      hostAddress.set(h.id, h.transport === 'lab' ? null : h.transport === 'local' ? 'localhost' : (h.address ?? null));
    }
  };
  const handoff = new ConsoleHandoff(deps.seams, (hostId) => hostAddress.get(hostId) ?? null);
  const service = new ConsoleService({
    run: async (hostId, script, args, opts) => {
      if (script === 'console/get-console-info') await refresh(); // opening a console re-reads where hosts live
      return run(hostId, script, args, opts);
    },
    bus: deps.bus,
    clock: deps.clock,
    handoff,
  });
  return createConsoleFeature(service);
}

import type { HostConfig, HostStatus } from '../../../../shared/features/hosts/hosts.contract';
import type { Logger } from '../../app/logger';
import type { ScriptLibrary } from '../powershell/script-library';
import type { ScriptDef } from '../scripts/script-def';
import { checkScriptParams } from '../scripts/script-answer';
import type { CallOptions } from '../scripts/script-runner';
import type { Clock } from '../time/clock';
import type { AgentHub } from './agent-hub';
import { HostSession, type SessionTiming } from './host-session';
import type { SecretStore } from './secret-store';

/*
 * The session layer's public port: what a feature may use of it. Registered hosts are reached through
 * HostScripts (platform/scripts); this file adds the rest a feature needs (P2V's source machines) without
 * handing out HostSession, the agent hub or the script library.
 */

export type { SecretStore } from './secret-store';
export type { SessionTiming } from './host-session';
export { defaultTiming as defaultSessionTiming } from './host-session';
/** The process seam, for a feature that runs PowerShell processes of its own (P2V's "this machine" source). */
export type { Spawner, SpawnedProcess } from '../powershell/spawner';

/** A session to a machine that is not in the host list (a P2V source): same transports, state machine and lanes. */
export interface DetachedSession {
  readonly id: string;
  status(): HostStatus;
  /** A session that failed (wrong key, machine down) does not retry on its own: call this when the user acts again. */
  reconnectIfFailed(): void;
  /** Where the script is on this computer (the ledger's paste-able command names it). */
  scriptPath(def: Pick<ScriptDef, 'name'>): string;
  /** Params checked before; the answer validated with `def.result` in the session (PS_ERROR naming script and machine). */
  run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts?: CallOptions): Promise<{ value: R; warnings: string[] }>;
  close(): Promise<void>;
}

export interface DetachedSessionDeps {
  hub: AgentHub;
  library: ScriptLibrary;
  secrets: SecretStore;
  clock: Clock;
  timing: SessionTiming;
  log: Logger;
  /** The app's known_hosts and SSH failure probe (HostServices.ssh): a source's key is checked like a host's. */
  ssh?: { knownHostsFile: string; probe: (config: HostConfig) => Promise<string[]> };
}

export type OpenDetachedSession = (config: HostConfig, opts: { passwordKey: string; onStatus?: (status: HostStatus) => void }) => DetachedSession;

/**
 * Opens sessions outside the registry on the shared agent hub (one remote agent for hosts and sources), without
 * the Hyper-V check (a physical machine has none). Not recorded in the ledger here: the caller records under its
 * own id. The session starts connecting at once.
 */
export function detachedSessions(d: DetachedSessionDeps): OpenDetachedSession {
  return (config, opts) => {
    const session = new HostSession({
      config,
      getPassword: () => d.secrets.get(opts.passwordKey),
      hub: d.hub,
      library: d.library,
      clock: d.clock,
      random: Math.random,
      timing: d.timing,
      requireHyperV: false,
      onStatus: opts.onStatus ?? (() => undefined),
      log: d.log,
      ...(d.ssh ? { ssh: d.ssh } : {}),
    });
    session.connect();
    return {
      id: session.id,
      status: () => session.currentStatus,
      reconnectIfFailed() {
        if (session.currentStatus.state === 'failed') session.connect();
      },
      scriptPath: (def) => d.library.load(def.name).path,
      async run(def, params, callOpts = {}) {
        const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
        const out = await session.run(d.library.load(def.name), args, {
          schema: def.result,
          lane: def.lane,
          signal: callOpts.signal,
          timeoutMs: callOpts.timeoutMs ?? def.timeoutMs,
          onProgress: callOpts.onProgress,
          maxChars: callOpts.maxChars,
        });
        return { value: out.value, warnings: out.streams.warnings.slice(0, 50) };
      },
      close: () => session.close(),
    };
  };
}

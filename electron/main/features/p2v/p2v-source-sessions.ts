import type { HostConfig } from '../../../../shared/features/hosts/hosts.contract';
import type { RemoteP2vSource } from '../../../../shared/features/p2v/p2v.contract';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import type { Logger } from '../../app/logger';
import type { AgentHub } from '../../platform/sessions/agent-hub';
import type { Clock } from '../../platform/time/clock';
import { HostSession, type SessionTiming } from '../../platform/sessions/host-session';
import type { SecretStore } from '../../platform/sessions/secret-store';
import { redactParams } from '../../platform/ledger/redact-params';
import type { ScriptLibrary } from '../../platform/powershell/script-library';
import { recordedCall, type ScriptCall } from './p2v-runners';

export interface SourceSessionsDeps {
  hub: AgentHub;
  library: ScriptLibrary;
  secrets: SecretStore;
  clock: Clock;
  timing: SessionTiming;
  appendLedger(entry: LedgerEntry): void;
  log: Logger;
  newId: () => string;
}

/** The id a job's source session (and its ledger entries, and its password) go by. */
export const sourceSessionId = (jobId: string) => `p2v-source:${jobId}`;
/** SecretStore key of a remote source's password. */
export const sourceSecretKey = (jobId: string) => `p2v-source-password:${jobId}`;

/**
 * P2V's own small registry of remote source sessions, built from the host session layer's pieces: one
 * HostSession per job (same state machine, transports, lanes, heartbeat and reconnection as a host), on the
 * shared agent hub (all remote sessions live in the one remote agent), without the Hyper-V check (a physical
 * source has no Hyper-V) and outside the host list (never in the inventory). Sessions open on a job's first
 * source call and close when the job is removed or the app stops. Every call is recorded in the ledger.
 */
export class SourceSessions {
  private readonly sessions = new Map<string, HostSession>();

  constructor(private readonly d: SourceSessionsDeps) {}

  /** A ScriptCall that runs on the job's remote source through its session. */
  call(jobId: string, source: RemoteP2vSource): ScriptCall {
    return async (script, args, opts) => {
      const session = this.session(jobId, source);
      // A source that failed (wrong key, host down) is tried afresh when the user acts again.
      if (session.currentStatus.state === 'failed') session.connect();
      const loaded = this.d.library.load(script);
      return recordedCall(
        { appendLedger: this.d.appendLedger, now: () => this.d.clock.now(), newId: this.d.newId },
        { hostId: session.id, script, path: loaded.path, params: redactParams(opts.ledgerArgs ?? args) },
        async () => {
          const out = await session.run(loaded, args, { signal: opts.signal, timeoutMs: opts.timeoutMs, lane: 'op' });
          return { value: out.value, warnings: out.streams.warnings.slice(0, 50) };
        },
      );
    };
  }

  /** The connection state of a job's source session (undefined before its first call). */
  status(jobId: string) {
    return this.sessions.get(jobId)?.currentStatus;
  }

  async release(jobId: string): Promise<void> {
    const s = this.sessions.get(jobId);
    this.sessions.delete(jobId);
    await s?.close();
  }

  /** Closes every source session; the hub belongs to the host services, which stop it. */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close()));
  }

  private session(jobId: string, source: RemoteP2vSource): HostSession {
    const existing = this.sessions.get(jobId);
    if (existing) return existing;
    const config: HostConfig = {
      id: sourceSessionId(jobId),
      name: source.address,
      transport: source.transport,
      address: source.address,
      ...(source.port !== undefined ? { port: source.port } : {}),
      ...(source.userName ? { userName: source.userName } : {}),
      ...(source.keyFilePath ? { keyFilePath: source.keyFilePath } : {}),
      ...(source.useSsl !== undefined ? { useSsl: source.useSsl } : {}),
      ...(source.authentication ? { authentication: source.authentication } : {}),
      ...(source.sshOptions ? { sshOptions: source.sshOptions } : {}),
    };
    const session = new HostSession({
      config,
      getPassword: () => this.d.secrets.get(sourceSecretKey(jobId)),
      hub: this.d.hub,
      library: this.d.library,
      clock: this.d.clock,
      random: Math.random,
      timing: this.d.timing,
      requireHyperV: false,
      onStatus: (status) => {
        if (status.state !== 'ready') this.d.log.info(`p2v source ${source.address}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
      },
      log: this.d.log,
    });
    this.sessions.set(jobId, session);
    session.connect();
    return session;
  }
}

import type { HostConfig } from '../../../../shared/features/hosts/hosts.contract';
import type { RemoteP2vSource } from '../../../../shared/features/p2v/p2v.contract';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import type { Logger } from '../../app/logger';
import type { Clock } from '../../platform/time/clock';
import type { DetachedSession, OpenDetachedSession } from '../../platform/sessions';
import { redactParams } from '../../platform/ledger/redact-params';
import { displayLines, type ScriptDef } from '../../platform/scripts/script-def';
import type { CallOptions, ScriptAnswer, ScriptRunner } from '../../platform/scripts/script-runner';
import { recordSourceCall } from './p2v-runners';

export interface SourceSessionsDeps {
  /** The session layer's factory of sessions outside the host list (platform/sessions). */
  open: OpenDetachedSession;
  clock: Clock;
  appendLedger(entry: LedgerEntry): void;
  log: Logger;
  newId: () => string;
}

/** The id a job's source session (and its ledger entries, and its password) go by. */
export const sourceSessionId = (jobId: string) => `p2v-source:${jobId}`;
/** SecretStore key of a remote source's password. */
export const sourceSecretKey = (jobId: string) => `p2v-source-password:${jobId}`;

/**
 * P2V's own small registry of remote source sessions: one detached session per job (same state machine,
 * transports, lanes, heartbeat and reconnection as a host, on the shared agent hub), without the Hyper-V check
 * (a physical source has no Hyper-V) and outside the host list (never in the inventory). Sessions open on a
 * job's first source call and close when the job is removed or the app stops. Every call is recorded in the ledger.
 */
export class SourceSessions {
  private readonly sessions = new Map<string, DetachedSession>();

  constructor(private readonly d: SourceSessionsDeps) {}

  /** A ScriptRunner on the job's remote source, through its session. */
  runner(jobId: string, source: RemoteP2vSource): ScriptRunner {
    return {
      run: async <P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts: CallOptions = {}): Promise<ScriptAnswer<R>> => {
        const session = this.session(jobId, source);
        // A source that failed (wrong key, host down) is tried afresh when the user acts again.
        session.reconnectIfFailed();
        return recordSourceCall(
          { appendLedger: this.d.appendLedger, now: () => this.d.clock.now(), newId: this.d.newId },
          { hostId: session.id, script: def.name, path: session.scriptPath(def), params: redactParams(opts.ledgerParams ?? params), record: opts.record ?? def.record, display: (p) => displayLines(def, p as P, opts.names) },
          () => session.run(def, params, opts),
        );
      },
    };
  }

  /** The connection state of a job's source session (undefined before its first call). */
  status(jobId: string) {
    return this.sessions.get(jobId)?.status();
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

  private session(jobId: string, source: RemoteP2vSource): DetachedSession {
    const existing = this.sessions.get(jobId);
    if (existing) return existing;
    const config: HostConfig = {
      id: sourceSessionId(jobId),
      // Errors name the machine by this ("p2v/preflight on source 10.0.0.5 returned ..."), so it says what it is.
      name: `source ${source.address}`,
      transport: source.transport,
      address: source.address,
      ...(source.port !== undefined ? { port: source.port } : {}),
      ...(source.userName ? { userName: source.userName } : {}),
      ...(source.keyFilePath ? { keyFilePath: source.keyFilePath } : {}),
      ...(source.useSsl !== undefined ? { useSsl: source.useSsl } : {}),
      ...(source.authentication ? { authentication: source.authentication } : {}),
      ...(source.sshOptions ? { sshOptions: source.sshOptions } : {}),
    };
    const session = this.d.open(config, {
      passwordKey: sourceSecretKey(jobId),
      onStatus: (status) => {
        if (status.state !== 'ready') this.d.log.info(`p2v source ${source.address}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
      },
    });
    this.sessions.set(jobId, session);
    return session;
  }
}

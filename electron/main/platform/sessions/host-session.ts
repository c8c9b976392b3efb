import { z } from 'zod';
import { AppError } from '../../../../shared/ipc/errors';
import { HostInfo, type HostConfig, type HostReason, type HostState, type HostStatus } from '../../../../shared/features/hosts/hosts.contract';
import type { Logger } from '../../app/logger';
import { AgentCallError, type AgentProcess } from '../powershell/agent-process';
import type { OpenSpec, PsStreams } from '../powershell/protocol';
import type { LoadedScript, ScriptLibrary } from '../powershell/script-library';
import type { AgentHub } from './agent-hub';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { Clock } from '../time/clock';
import { classifyTransportFailure, toCallError } from './error-mapping';
import { isFatalReason, nextHostState, type HostEvent } from './host-state';
import { Lane, type LaneSlot } from './lane';
import { parseScriptAnswer } from '../scripts/script-answer';
import { sshOptionsProblem } from '../../../../shared/features/hosts/ssh-options';
import { strictSshOptions } from './ssh-policy';

const anyJson = z.unknown();

export interface SessionTiming {
  connectTimeoutMs: number;
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
  defaultCallTimeoutMs: number;
  /** How long main waits past a deadline for the agent's own answer before abandoning the session. */
  graceMs: number;
  backoff: BackoffPolicy;
  readSessions: number;
  opSessions: number;
  /** Sessions beyond the first read session close after this long unused. */
  idleSessionMs: number;
}

export const defaultTiming: SessionTiming = {
  connectTimeoutMs: 20_000,
  heartbeatMs: 15_000,
  heartbeatTimeoutMs: 10_000,
  defaultCallTimeoutMs: 120_000,
  graceMs: 5_000,
  backoff: { baseMs: 1_000, maxMs: 60_000, jitter: 0.5, failAfter: 5 },
  readSessions: 2,
  opSessions: 2,
  idleSessionMs: 60_000,
};

export interface RunOptions<T = unknown> {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: { percent: number; status: string; activity: string }) => void;
  /** Validates the parsed JSON result; without it the result is `unknown`. */
  schema?: z.ZodType<T>;
  /** 'op' for long or changing operations, so they never block reads. Default 'read'. */
  lane?: 'read' | 'op';
  /** Largest result accepted, in characters (default 16 Mi). */
  maxChars?: number;
  /**
   * 'errors': record only failed calls in the ledger. For polls that run many times a minute (console frames,
   * background inventory refresh) so the ledger stays a record of what the user did. Default 'always'.
   */
  record?: 'always' | 'errors';
  /** Called with the ledger entry id of this call (when recorded), so a task can link to its exact PowerShell. */
  onLedgerId?: (id: string) => void;
  /** What the ledger records instead of the arguments (a payload too big or too secret to keep). */
  ledgerParams?: Record<string, unknown>;
  /** The ledger's display lines (the cmdlets with names), built from the redacted parameters; platform/scripts/display.ts. */
  display?: (redactedParams: Record<string, unknown>) => string[];
}

export interface RunOutcome<T> {
  value: T;
  streams: PsStreams;
}

export interface HostSessionDeps {
  config: HostConfig;
  getPassword: () => Promise<string | undefined>;
  hub: AgentHub;
  library: ScriptLibrary;
  clock: Clock;
  random: () => number;
  timing: SessionTiming;
  requireHyperV: boolean;
  onStatus: (status: HostStatus, info: HostInfo | undefined) => void;
  log: Logger;
  /** SSH: the app's known_hosts (checked strictly) and the probe that learns why an open failed. */
  ssh?: { knownHostsFile?: string; probe?: (config: HostConfig) => Promise<string[]> };
}

const HEARTBEAT_SCRIPT = 'param() $PID';

/**
 * One host's connection: a state machine (see host-state.ts) over a PowerShell agent, with a read lane and an
 * operation lane of PSSessions, a heartbeat, per-call timeouts and reconnection with capped, jittered backoff.
 * Local and lab hosts run in their own agent's runspace pool and need no PSSession.
 */
export class HostSession {
  private state: HostState = 'connecting';
  private status: HostStatus;
  info: HostInfo | undefined;
  private agent: AgentProcess | undefined;
  private unsubscribeExit: (() => void) | undefined;
  private generation = 0;
  private attempt = 0;
  private keySeq = 0;
  private retryTimer: unknown;
  private heartbeatTimer: unknown;
  /** Last time a call on this host succeeded: recent traffic already proves the host is alive. */
  private lastOkAt = 0;
  private readonly readyWaiters = new Set<() => void>();
  private readonly read: Lane;
  private readonly op: Lane;

  constructor(private readonly d: HostSessionDeps) {
    this.status = { state: 'connecting', since: new Date(d.clock.now()).toISOString() };
    this.read = new Lane('read', d.timing.readSessions, () => this.openKey('read'), () => d.clock.now());
    this.op = new Lane('op', d.timing.opSessions, () => this.openKey('op'), () => d.clock.now());
  }

  get id(): string {
    return this.d.config.id;
  }
  get currentStatus(): HostStatus {
    return this.status;
  }
  private get remote(): boolean {
    return this.d.config.transport === 'ssh' || this.d.config.transport === 'winrm';
  }

  /** Starts connecting (also used by "reconnect": drops whatever is open first). */
  connect(): void {
    if (this.state === 'closed') return;
    this.dropSessions(new AppError('HOST_UNREACHABLE', `${this.d.config.name}: reconnecting`, { hostId: this.id }));
    this.attempt = 0;
    this.transition({ type: 'open' });
    // A saved option outside the allowlist (hosts.json edited by hand, or an older version) never reaches ssh.
    const refused = this.d.config.transport === 'ssh' && this.d.config.sshOptions ? sshOptionsProblem(this.d.config.sshOptions) : null;
    if (refused) {
      this.d.log.warn(`${this.d.config.name}: not connecting: ${refused}`);
      this.fail('config-refused', refused, true);
      return;
    }
    void this.attemptOpen();
  }

  async run<T>(script: LoadedScript, args: Record<string, unknown>, opts: RunOptions<T> = {}): Promise<RunOutcome<T>> {
    const timeoutMs = opts.timeoutMs ?? this.d.timing.defaultCallTimeoutMs;
    const started = this.d.clock.now();
    await this.waitUsable(opts.signal, timeoutMs);
    const lane = opts.lane === 'op' ? this.op : this.read;
    let slot: LaneSlot | undefined;
    if (this.remote) slot = await lane.acquire(opts.signal);
    const agent = this.agent;
    const gen = this.generation;
    if (!agent) throw new AppError('HOST_UNREACHABLE', `${this.d.config.name} is not connected`, { hostId: this.id });
    try {
      const remaining = Math.max(1, timeoutMs - (this.d.clock.now() - started));
      const frame = await agent.request(
        { kind: 'run', key: slot?.key ?? null, script: script.text, args, timeoutMs: remaining, maxChars: opts.maxChars },
        { signal: opts.signal, timeoutMs: remaining, graceMs: this.d.timing.graceMs, onProgress: opts.onProgress },
      );
      if (frame.t !== 'result') throw new AppError('INTERNAL', `unexpected ${frame.t} frame`);
      if (slot) lane.release(slot);
      slot = undefined;
      if (gen === this.generation) this.lastOkAt = this.d.clock.now();
      return { value: this.parseResult(script.name, frame.data, opts.schema), streams: frame.streams };
    } catch (err) {
      if (slot) this.afterFailedCall(lane, slot, err, gen);
      else if (err instanceof AgentCallError && err.code === 'AGENT_EXITED' && gen === this.generation) this.lost('powershell-failed', err.message);
      throw toCallError(err, this.id, this.d.config.name, script.name, opts.signal?.aborted ?? false);
    }
  }

  async close(): Promise<void> {
    this.transition({ type: 'close' });
    this.d.clock.clearTimeout(this.retryTimer);
    this.d.clock.clearTimeout(this.heartbeatTimer);
    this.dropSessions(new AppError('CANCELLED', `${this.d.config.name} was closed`, { hostId: this.id }));
    for (const w of this.readyWaiters) w();
    if (!this.remote) await this.d.hub.releaseLocal(this.id);
  }

  // ---- connecting -------------------------------------------------------------------------------------

  private async attemptOpen(): Promise<void> {
    const gen = ++this.generation;
    try {
      const agent = this.remote ? await this.d.hub.remote() : await this.d.hub.local(this.id, this.d.config.labStateDir);
      if (gen !== this.generation || this.state === 'closed') return;
      this.agent = agent;
      this.unsubscribeExit?.();
      this.unsubscribeExit = agent.onExit((reason) => {
        if (gen === this.generation) this.lost('powershell-failed', reason);
      });
      if (this.remote) this.read.adopt(await this.openKey('read'));
      const info = await this.fetchInfo();
      if (gen !== this.generation) return;
      if (this.d.requireHyperV && !info.hypervModule) {
        this.fail('hyperv-missing', `The Hyper-V PowerShell module is not installed on ${info.computerName}`, true);
        return;
      }
      this.info = info;
      this.attempt = 0;
      this.transition({ type: 'opened' });
      this.scheduleHeartbeat();
    } catch (err) {
      if (gen !== this.generation || this.state === 'closed') return;
      const c = classifyTransportFailure(err, this.d.config.name, this.d.config.port);
      this.d.log.warn(`${this.d.config.name}: connect failed (${c.reason}): ${c.message}`);
      this.fail(c.reason, c.message, isFatalReason(c.reason), c.detail);
    }
  }

  private fail(reason: HostReason, message: string, fatal: boolean, detail?: string): void {
    this.dropSessions(new AppError('HOST_UNREACHABLE', message, { hostId: this.id }));
    this.transition({ type: 'open-failed', reason, fatal }, reason, message, detail);
    if (fatal) return;
    this.attempt++;
    if (this.attempt >= this.d.timing.backoff.failAfter) this.transition({ type: 'give-up', reason }, reason, message, detail);
    const delay = backoffDelay(this.attempt - 1, this.d.timing.backoff, this.d.random);
    this.retryTimer = this.d.clock.setTimeout(() => {
      // While failed, retries run quietly in the background; only a success changes what the user sees.
      if (this.state !== 'failed') this.transition({ type: 'retry' }, reason, message, detail);
      void this.attemptOpen();
    }, delay);
  }

  /** The host dropped (session broken, agent gone, heartbeat lost): fail waiters and reconnect with backoff. */
  private lost(reason: HostReason, message: string): void {
    if (this.state === 'closed' || this.state === 'reconnecting' || this.state === 'failed') return;
    this.d.clock.clearTimeout(this.heartbeatTimer);
    this.generation++;
    this.transition({ type: 'lost', reason }, reason, message);
    this.dropSessions(new AppError('HOST_UNREACHABLE', `${this.d.config.name}: ${message}`, { hostId: this.id }));
    void this.attemptOpen();
  }

  private openKey(lane: string): Promise<string> {
    const agent = this.agent;
    if (!agent) return Promise.reject(new AppError('HOST_UNREACHABLE', `${this.d.config.name} is not connected`));
    const key = `${this.id}/${lane}/${++this.keySeq}`;
    const mark = agent.stderrMark();
    const spec = this.openSpec();
    return this.d.getPassword().then((password) =>
      agent
        .request(
          { kind: 'open', key, spec, password, timeoutMs: this.d.timing.connectTimeoutMs },
          { timeoutMs: this.d.timing.connectTimeoutMs, graceMs: this.d.timing.graceMs },
        )
        .then(
          () => key,
          async (err: unknown) => {
            if (err instanceof AgentCallError && spec.transport === 'ssh') {
              const probe = this.d.ssh?.probe;
              if (probe) {
                // The shared agent's output mixes every host's ssh clients: a probe of our own says why this one failed.
                err.diagnostics = await probe(this.d.config).catch(() => []);
              } else {
                await new Promise((r) => this.d.clock.setTimeout(() => r(undefined), 100)); // ssh's stderr may trail the error frame
                err.diagnostics = agent.stderrSince(mark).filter((l) => l.includes(`@${spec.hostName}`) || l.includes(spec.hostName));
              }
            }
            throw err;
          },
        ),
    );
  }

  private openSpec(): OpenSpec {
    const c = this.d.config;
    return {
      transport: c.transport === 'ssh' ? 'ssh' : 'winrm',
      hostName: c.address ?? c.name,
      port: c.port,
      userName: c.userName,
      keyFilePath: c.keyFilePath,
      ...(c.transport === 'ssh' ? { sshOptions: strictSshOptions(c, this.d.ssh?.knownHostsFile) } : {}),
      useSsl: c.useSsl,
      authentication: c.authentication,
    };
  }

  private async fetchInfo(): Promise<HostInfo> {
    const script = this.d.library.load('hosts/get-host-info');
    const slot = this.remote ? this.read.idleSlot() : undefined;
    if (slot) slot.busy = true;
    try {
      const frame = await this.agent!.request(
        { kind: 'run', key: slot?.key ?? null, script: script.text, args: {}, timeoutMs: this.d.timing.connectTimeoutMs },
        { timeoutMs: this.d.timing.connectTimeoutMs, graceMs: this.d.timing.graceMs },
      );
      if (frame.t !== 'result') throw new AppError('INTERNAL', `unexpected ${frame.t} frame`);
      return this.parseResult(script.name, frame.data, HostInfo);
    } finally {
      if (slot) this.read.release(slot);
    }
  }

  // ---- calls and health -------------------------------------------------------------------------------

  private async waitUsable(signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    const deadline = this.d.clock.now() + timeoutMs;
    while (this.state !== 'ready' && this.state !== 'degraded') {
      if (this.state === 'failed' || this.state === 'closed') {
        const code = this.status.reason === 'auth-failed' ? 'AUTH_FAILED' : this.status.reason === 'access-denied' ? 'ACCESS_DENIED' : this.status.reason === 'hyperv-missing' ? 'NOT_SUPPORTED' : 'HOST_UNREACHABLE';
        throw new AppError(code, this.status.message ?? `${this.d.config.name} is ${this.state}`, { hostId: this.id });
      }
      if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled', { hostId: this.id });
      const left = deadline - this.d.clock.now();
      if (left <= 0) throw new AppError('TIMEOUT', `${this.d.config.name} did not connect in time (${this.state})`, { hostId: this.id });
      await new Promise<void>((resolve) => {
        const done = () => {
          this.readyWaiters.delete(done);
          this.d.clock.clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = this.d.clock.setTimeout(done, left);
        signal?.addEventListener('abort', done, { once: true });
        this.readyWaiters.add(done);
      });
    }
  }

  private afterFailedCall(lane: Lane, slot: LaneSlot, err: unknown, gen: number): void {
    if (!(err instanceof AgentCallError)) {
      lane.release(slot);
      return;
    }
    const broken = err.sessionState !== undefined && err.sessionState !== null && err.sessionState !== 'Opened';
    if (err.code === 'TRANSPORT' || err.code === 'NO_SESSION' || err.code === 'AGENT_EXITED' || broken) {
      if (gen === this.generation) this.lost('unreachable', classifyTransportFailure(err, this.d.config.name).message);
      return;
    }
    if (err.code === 'AGENT_STUCK') {
      // The agent did not confirm the stop: never reuse that session; open a fresh one on demand.
      this.closeKeys([lane.discard(slot)]);
      if (gen === this.generation) this.transition({ type: 'transport-error', reason: 'timeout' }, 'timeout', 'A call did not stop when asked');
      return;
    }
    lane.release(slot); // TIMEOUT/CANCELLED/PS_ERROR: the agent stopped the pipeline; the session is fine
  }

  private scheduleHeartbeat(): void {
    this.d.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.d.clock.setTimeout(() => void this.heartbeat(), this.d.timing.heartbeatMs);
  }

  private async heartbeat(): Promise<void> {
    if (this.state !== 'ready' && this.state !== 'degraded') return;
    const gen = this.generation;
    if (this.remote) this.closeKeys([...this.read.trimIdle(this.d.timing.idleSessionMs, 1), ...this.op.trimIdle(this.d.timing.idleSessionMs, 0)]);
    // A call that succeeded within the last interval is a heartbeat; skipping keeps the lanes free for traffic.
    if (this.state === 'ready' && this.d.clock.now() - this.lastOkAt < this.d.timing.heartbeatMs) return this.scheduleHeartbeat();
    const slot = this.remote ? this.read.idleSlot() : undefined;
    if (this.remote && !slot) return this.scheduleHeartbeat(); // busy lanes are live traffic
    if (slot) slot.busy = true;
    try {
      await this.agent!.request(
        { kind: 'run', key: slot?.key ?? null, script: HEARTBEAT_SCRIPT, args: {}, timeoutMs: this.d.timing.heartbeatTimeoutMs },
        { timeoutMs: this.d.timing.heartbeatTimeoutMs, graceMs: this.d.timing.graceMs },
      );
      if (slot) this.read.release(slot);
      if (gen === this.generation) this.transition({ type: 'heartbeat-ok' });
    } catch (err) {
      if (gen !== this.generation) return;
      if (slot) this.afterFailedCall(this.read, slot, err, gen);
      if (err instanceof AgentCallError && (err.code === 'TIMEOUT' || err.code === 'AGENT_STUCK')) {
        this.transition({ type: 'transport-error', reason: 'timeout' }, 'timeout', `${this.d.config.name} is slow to answer`);
      } else if (!slot) {
        this.lost('powershell-failed', err instanceof Error ? err.message : String(err));
      }
    }
    if (gen === this.generation) this.scheduleHeartbeat();
  }

  private parseResult<T>(script: string, data: string, schema?: z.ZodType<T>): T {
    return parseScriptAnswer(script, this.d.config.name, data, (schema ?? anyJson) as z.ZodType<T>, this.id);
  }

  private dropSessions(err: Error): void {
    this.closeKeys([...this.read.reset(err), ...this.op.reset(err)]);
  }

  private closeKeys(keys: string[]): void {
    const agent = this.agent;
    if (!agent?.alive) return;
    for (const key of keys) {
      agent.request({ kind: 'close', key, timeoutMs: 15_000 }, { timeoutMs: 15_000 }).catch((e: unknown) => this.d.log.warn(`closing ${key}: ${String(e)}`));
    }
  }

  private transition(ev: HostEvent, reason?: HostReason, message?: string, detail?: string): void {
    const next = nextHostState(this.state, ev);
    if (next === undefined) return;
    if (next === 'ready') {
      reason = undefined;
      message = undefined;
      detail = undefined;
    }
    const changed = next !== this.state || reason !== this.status.reason || message !== this.status.message || detail !== this.status.detail;
    this.state = next;
    if (!changed) return;
    this.status = {
      state: next,
      since: new Date(this.d.clock.now()).toISOString(),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(detail ? { detail } : {}),
    };
    this.d.onStatus(this.status, this.info);
    if (next !== 'connecting' && next !== 'reconnecting') for (const w of [...this.readyWaiters]) w();
  }
}

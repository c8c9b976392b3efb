import { createLogger, type Logger } from '../../app/logger';
import { LineDecoder, parseFrame, type AgentRequest, type Frame, type ErrorFrame, type PsErrorInfo, type PsStreams, type ProgressFrame } from './protocol';
import type { SpawnedProcess, Spawner } from './spawner';
import { systemClock, type Clock } from '../time/clock';

export type AgentFailure = ErrorFrame['code'] | 'AGENT_EXITED' | 'AGENT_STUCK';

/** A request failed: carries the agent's code and PowerShell's structured error records. */
export class AgentCallError extends Error {
  /** Transport diagnostics (ssh client stderr lines) attached by the caller, used only to pick a reason. */
  diagnostics: string[] = [];
  constructor(
    readonly code: AgentFailure,
    message: string,
    readonly errors: PsErrorInfo[] = [],
    readonly streams?: PsStreams,
    readonly sessionState?: string | null,
  ) {
    super(message);
    this.name = 'AgentCallError';
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** The agent stops the work at this deadline; main gives up graceMs later if the agent did not answer. */
  timeoutMs?: number;
  graceMs?: number;
  onProgress?: (p: ProgressFrame) => void;
}

type Body = AgentRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (f: Frame) => void;
  reject: (e: AgentCallError) => void;
  onProgress?: (p: ProgressFrame) => void;
}

export interface AgentProcessOptions {
  spawner: Spawner;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  name: string;
  startTimeoutMs?: number;
  log?: Logger;
  /** Start timeout, per-request deadlines and cancel grace, dispose's kill. */
  clock?: Clock;
}

/**
 * One PowerShell agent process: many concurrent requests multiplexed by id over stdin/stdout.
 * Never logs request lines (they may carry a password for a WinRM session).
 */
export class AgentProcess {
  private proc: SpawnedProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  private readyInfo: { psVersion: string; edition: string; pid: number } | undefined;
  private readonly exitListeners = new Set<(reason: string) => void>();
  /** The last 200 diagnostic lines, each with its sequence number (see stderrMark). */
  private stderrLines: Array<{ seq: number; text: string }> = [];
  private stderrSeq = 0;
  private readonly log: Logger;
  private readonly clock: Clock;

  constructor(private readonly opts: AgentProcessOptions) {
    this.log = opts.log ?? createLogger(`agent:${opts.name}`);
    this.clock = opts.clock ?? systemClock;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }
  get alive(): boolean {
    return this.proc !== undefined && !this.exited;
  }
  get info() {
    return this.readyInfo;
  }

  onExit(listener: (reason: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  start(): Promise<void> {
    const proc = this.opts.spawner({ command: this.opts.command, args: this.opts.args, env: this.opts.env });
    this.proc = proc;
    return new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        reject(new AgentCallError('AGENT_EXITED', `PowerShell agent did not start within ${this.opts.startTimeoutMs ?? 30_000} ms`));
        this.kill();
      }, this.opts.startTimeoutMs ?? 30_000);
      this.pending.set(0, {
        resolve: (f) => {
          this.clock.clearTimeout(timer);
          if (f.t === 'ready') this.readyInfo = { psVersion: f.psVersion, edition: f.edition, pid: f.pid };
          resolve();
        },
        reject: (e) => {
          this.clock.clearTimeout(timer);
          reject(e);
        },
      });
      const decoder = new LineDecoder(
        (line) => this.onLine(line),
        512 * 1024 * 1024,
        (bytes) => this.log.error(`dropped an oversized frame (${bytes} bytes)`),
      );
      proc.stdout.on('data', (chunk: Buffer) => decoder.push(chunk));
      let stderrBudget = 64 * 1024;
      proc.stderr.on('data', (chunk: Buffer) => {
        for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) this.noteDiagnostic(text.slice(0, 1000));
        if (stderrBudget <= 0) return;
        stderrBudget -= chunk.length;
        this.log.warn(chunk.toString('utf8').trimEnd().slice(0, 4000));
      });
      proc.stdin.on('error', (err) => this.log.warn(`stdin closed: ${err.message}`));
      proc.onExit((code, signal) => this.handleExit(`PowerShell agent exited (code ${code ?? '-'}, signal ${signal ?? '-'})`));
    });
  }

  /** Sends a request; resolves with its final frame, rejects with AgentCallError. */
  request(body: Body, opts: RequestOptions = {}): Promise<Frame> {
    if (!this.alive) return Promise.reject(new AgentCallError('AGENT_EXITED', 'PowerShell agent is not running'));
    const id = this.nextId++;
    const line = JSON.stringify({ ...body, id }) + '\n';
    return new Promise<Frame>((resolve, reject) => {
      let graceTimer: unknown = null;
      let deadlineTimer: unknown = null;
      const cleanup = () => {
        if (graceTimer !== null) this.clock.clearTimeout(graceTimer);
        if (deadlineTimer !== null) this.clock.clearTimeout(deadlineTimer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (code: AgentFailure, message: string) => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        cleanup();
        reject(new AgentCallError(code, message));
      };
      const grace = opts.graceMs ?? 5_000;
      const onAbort = () => {
        this.send({ id: this.nextId++, kind: 'cancel', target: id });
        graceTimer = this.clock.setTimeout(() => giveUp('AGENT_STUCK', 'Cancelled, but PowerShell did not confirm the stop'), grace);
      };
      this.pending.set(id, {
        resolve: (f) => {
          cleanup();
          resolve(f);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
        onProgress: opts.onProgress,
      });
      if (opts.timeoutMs && opts.timeoutMs > 0) {
        // Double check of the agent's own deadline: if it does not answer, cancel and give up.
        deadlineTimer = this.clock.setTimeout(() => {
          this.send({ id: this.nextId++, kind: 'cancel', target: id });
          giveUp('AGENT_STUCK', `No answer ${grace} ms after the ${opts.timeoutMs} ms deadline`);
        }, opts.timeoutMs + grace);
      }
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.proc!.stdin.write(line);
    });
  }

  /** Marks "now" in the diagnostics, for stderrSince: a count of lines, so no clock is involved. */
  stderrMark(): number {
    return this.stderrSeq;
  }

  /**
   * Diagnostics the agent's children (the ssh client) wrote to stderr or stdout since `mark` (stderrMark). ssh reports
   * "Permission denied" only there; PowerShell's own error just says the transport ended.
   */
  stderrSince(mark: number): string[] {
    return this.stderrLines.filter((l) => l.seq >= mark).map((l) => l.text);
  }

  /** Ends the agent: closing stdin makes it close its sessions and exit; kill if it lingers. */
  async dispose(waitMs = 3_000): Promise<void> {
    if (!this.proc || this.exited) return;
    const done = new Promise<void>((r) => this.onExit(() => r()));
    this.proc.stdin.end();
    const timer = this.clock.setTimeout(() => this.kill(), waitMs);
    await done;
    this.clock.clearTimeout(timer);
  }

  private noteDiagnostic(text: string): void {
    this.stderrLines.push({ seq: this.stderrSeq++, text });
    if (this.stderrLines.length > 200) this.stderrLines = this.stderrLines.slice(-200);
  }

  kill(): void {
    if (this.proc && !this.exited) this.proc.kill('SIGKILL');
  }

  private send(req: AgentRequest): void {
    if (this.alive) this.proc!.stdin.write(JSON.stringify(req) + '\n');
  }

  private onLine(line: string): void {
    const frame = parseFrame(line);
    if ('invalid' in frame) {
      // Child processes of the agent (the ssh client) may write to the shared stdout: keep it as diagnostics.
      this.noteDiagnostic(frame.invalid);
      this.log.warn(`ignored a line that is not a frame: ${frame.invalid}`);
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return; // answer to a request we gave up on
    if (frame.t === 'progress') {
      p.onProgress?.(frame);
      return;
    }
    this.pending.delete(frame.id);
    if (frame.t === 'error') p.reject(new AgentCallError(frame.code, frame.message, frame.errors, frame.streams, frame.sessionState));
    else p.resolve(frame);
  }

  private handleExit(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    for (const [, p] of this.pending) p.reject(new AgentCallError('AGENT_EXITED', reason));
    this.pending.clear();
    for (const l of this.exitListeners) l(reason);
  }
}

import { randomUUID } from 'node:crypto';
import type { TerminalInfo, TerminalTarget } from '../../../../shared/features/terminal/terminal.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import { systemClock, type Clock } from '../../platform/time/clock';
import { PtySession, type PtySessionLimits, type PtySessionSink } from './pty-session';
import type { PtySpawner } from './pty-spawner';
import type { ShellLauncher } from './shell-launch';

export interface TerminalServiceOptions {
  spawn: PtySpawner;
  launch: ShellLauncher;
  sink: PtySessionSink;
  log: Logger;
  /** Live shells at most (exited tabs do not count). */
  maxSessions?: number;
  /** How long a session waits for its client to come back (reload, reconnect) before it is killed. */
  reattachGraceMs?: number;
  limits?: Partial<PtySessionLimits>;
  newId?: () => string;
  /** Times the reattach grace. */
  clock?: Clock;
}

const defaultLimits: PtySessionLimits = { batchMs: 16, highWater: 100_000, lowWater: 5_000, scrollbackChars: 1_000_000 };

/**
 * The PTY host: a registry of shells keyed by session id, each owned by one client (a window or a
 * gateway socket). Only the owner may type into, resize, ack or close a session; a new client takes a
 * session over with attach(). Sessions whose client is gone for good are killed after a grace period,
 * and dispose() kills everything on quit.
 */
export class TerminalService {
  private readonly sessions = new Map<string, PtySession>();
  private readonly maxSessions: number;
  private readonly graceMs: number;
  private readonly limits: PtySessionLimits;
  private readonly newId: () => string;
  private readonly clock: Clock;
  private opening = 0;
  private disposed = false;

  constructor(private readonly opts: TerminalServiceOptions) {
    this.maxSessions = opts.maxSessions ?? 8;
    this.graceMs = opts.reattachGraceMs ?? 30_000;
    this.limits = { ...defaultLimits, ...opts.limits };
    this.newId = opts.newId ?? randomUUID;
    this.clock = opts.clock ?? systemClock;
  }

  get liveCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.alive) n++;
    return n;
  }

  async open(clientId: string, target: TerminalTarget, size: { cols: number; rows: number }): Promise<TerminalInfo> {
    if (this.disposed) throw new AppError('CONFLICT', 'The app is shutting down');
    if (this.liveCount + this.opening >= this.maxSessions) {
      throw new AppError('CONFLICT', `At most ${this.maxSessions} terminals can be open at once; close one first`);
    }
    this.opening++;
    try {
      const plan = await this.opts.launch(target);
      const pty = this.opts.spawn(plan.file, plan.args, { cols: size.cols, rows: size.rows, cwd: plan.cwd, env: plan.env });
      const id = this.newId();
      const session = new PtySession(id, plan.title, target, pty, clientId, size, this.opts.sink, this.limits, () => plan.dispose?.());
      this.sessions.set(id, session);
      plan.started?.(pty);
      this.opts.log.info(`terminal ${id} opened (${plan.title}, pid ${pty.pid}) for ${clientId}`);
      return session.info();
    } finally {
      this.opening--;
    }
  }

  attach(clientId: string, sessionId: string): { info: TerminalInfo; replay: string } {
    const s = this.sessions.get(sessionId);
    if (!s) throw new AppError('NOT_FOUND', 'That terminal session has ended');
    this.stopGrace(s);
    const replay = s.attach(clientId);
    return { info: s.info(), replay };
  }

  list(clientId: string): TerminalInfo[] {
    return [...this.sessions.values()].filter((s) => s.owner === clientId || s.owner === null).map((s) => s.info());
  }

  /** Where one of the client's sessions runs (NOT_FOUND for someone else's). */
  targetOf(clientId: string, sessionId: string): TerminalTarget {
    return this.owned(clientId, sessionId).target;
  }

  input(clientId: string, sessionId: string, data: string): void {
    this.owned(clientId, sessionId).write(data);
  }

  resize(clientId: string, sessionId: string, cols: number, rows: number): void {
    this.owned(clientId, sessionId).resize(cols, rows);
  }

  ack(clientId: string, sessionId: string, chars: number): void {
    this.owned(clientId, sessionId).ack(chars);
  }

  close(clientId: string, sessionId: string): void {
    this.owned(clientId, sessionId);
    this.remove(sessionId);
  }

  /** The client's window closed or its socket dropped (its live.hold ended): its sessions wait `graceMs` for a re-attach, then die. */
  clientGone(clientId: string): void {
    for (const s of this.sessions.values()) {
      if (s.owner !== clientId) continue;
      s.detach();
      this.stopGrace(s);
      s.detachedTimer = this.clock.setTimeout(() => {
        this.opts.log.info(`terminal ${s.id}: no client came back within ${this.graceMs} ms, killing it`);
        this.remove(s.id);
      }, this.graceMs);
    }
  }

  /** Test and diagnostics view of one session's flow-control state. */
  isPaused(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.paused ?? false;
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.sessions.keys()]) this.remove(id);
  }

  private owned(clientId: string, sessionId: string): PtySession {
    const s = this.sessions.get(sessionId);
    // Someone else's session looks exactly like a missing one: session ids are not for sharing.
    if (!s || s.owner !== clientId) throw new AppError('NOT_FOUND', 'No such terminal session for this window');
    return s;
  }

  private remove(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.stopGrace(s);
    this.sessions.delete(sessionId);
    s.kill();
  }

  private stopGrace(s: PtySession): void {
    if (s.detachedTimer !== null) this.clock.clearTimeout(s.detachedTimer);
    s.detachedTimer = null;
  }
}

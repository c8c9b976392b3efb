import type { TerminalInfo, TerminalTarget } from '../../../../shared/features/terminal/terminal.contract';
import { FlowControl } from './flow-control';
import { OutputBatcher } from './output-batcher';
import type { PtyProcess } from './pty-spawner';
import { ScrollbackRing } from './scrollback-ring';

export interface PtySessionSink {
  output(clientId: string, sessionId: string, data: string): void;
  exit(clientId: string, sessionId: string, exitCode: number): void;
}

export interface PtySessionLimits {
  batchMs: number;
  highWater: number;
  lowWater: number;
  scrollbackChars: number;
}

/**
 * One shell: its PTY, output batching, flow control and scrollback, and which client owns it now.
 * Output goes to the owner only; while nobody owns it (tab reloading) it still fills the scrollback,
 * and flow control pauses the shell once the unacknowledged backlog passes the high-water mark.
 */
export class PtySession {
  owner: string | null;
  exitCode: number | null = null;
  /** The reattach grace timer (a Clock handle) while nobody owns the session. */
  detachedTimer: unknown = null;
  private cols: number;
  private rows: number;
  private readonly batcher: OutputBatcher;
  private readonly flow: FlowControl;
  private readonly scrollback: ScrollbackRing;

  constructor(
    readonly id: string,
    readonly title: string,
    readonly target: TerminalTarget,
    private readonly pty: PtyProcess,
    owner: string,
    size: { cols: number; rows: number },
    private readonly sink: PtySessionSink,
    limits: PtySessionLimits,
    private readonly onEnded: () => void,
  ) {
    this.owner = owner;
    this.cols = size.cols;
    this.rows = size.rows;
    this.flow = new FlowControl(pty, limits.highWater, limits.lowWater);
    this.scrollback = new ScrollbackRing(limits.scrollbackChars);
    this.batcher = new OutputBatcher((text) => this.deliver(text), limits.batchMs);
    pty.onData((chunk) => this.batcher.push(chunk));
    pty.onExit((code) => {
      this.batcher.flushNow(true);
      this.exitCode = code;
      if (this.owner) this.sink.exit(this.owner, this.id, code);
      this.onEnded();
    });
  }

  get alive(): boolean {
    return this.exitCode === null;
  }

  get paused(): boolean {
    return this.flow.isPaused;
  }

  info(): TerminalInfo {
    return { sessionId: this.id, title: this.title, target: this.target, cols: this.cols, rows: this.rows, exitCode: this.exitCode };
  }

  write(data: string): void {
    if (this.alive) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    if (this.alive) this.pty.resize(cols, rows);
  }

  ack(chars: number): void {
    this.flow.acked(chars);
  }

  /** Hands the session to `clientId` and returns the screen so far for it to replay. */
  attach(clientId: string): string {
    this.batcher.flushNow();
    this.owner = clientId;
    this.flow.reset();
    return this.scrollback.text();
  }

  detach(): void {
    this.owner = null;
  }

  kill(): void {
    this.batcher.dispose();
    if (this.alive) this.pty.kill();
  }

  private deliver(text: string): void {
    this.scrollback.push(text);
    this.flow.sent(text.length);
    if (this.owner) this.sink.output(this.owner, this.id, text);
  }
}

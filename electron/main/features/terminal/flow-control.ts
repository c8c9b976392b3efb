/**
 * Ack-based flow control between the PTY and the client's terminal: every character sent counts as
 * unacknowledged until the client's xterm reports it written. Above `high` the PTY is paused (the shell
 * blocks on its write, like a slow real terminal); it resumes once the client catches up below `low`.
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly pty: { pause(): void; resume(): void },
    private readonly high = 100_000,
    private readonly low = 5_000,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get unacknowledged(): number {
    return this.unacked;
  }

  sent(chars: number): void {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.pty.pause();
    }
  }

  acked(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    this.maybeResume();
  }

  /** A (re-)attached client starts from a clean slate: what it missed is in the replay. */
  reset(): void {
    this.unacked = 0;
    this.maybeResume();
  }

  private maybeResume(): void {
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.pty.resume();
    }
  }
}

import type { Clock } from '../../platform/time/clock';
import type { ConsoleStatus, ConsoleVisibility, ConsoleVmState } from '../../../../shared/features/console/console.contract';
import type { ScriptRunner } from '../../platform/scripts/script-runner';
import { fetchFrame } from './console-frame-source';

export interface PollerTiming {
  /** Least time between two requests while visible (0 = as fast as the host answers). */
  visibleMinIntervalMs: number;
  backgroundIntervalMs: number;
  /** While the VM is off/saved/paused: how often to look whether it came back. */
  notRunningIntervalMs: number;
  errorBackoffMs: readonly number[];
  requestTimeoutMs: number;
}

export const defaultTiming: PollerTiming = {
  visibleMinIntervalMs: 15,
  backgroundIntervalMs: 1000,
  notRunningIntervalMs: 1500,
  errorBackoffMs: [500, 1000, 2000, 5000],
  requestTimeoutMs: 10_000,
};

export interface PollerSink {
  frame(f: { seq: number; width: number; height: number; bytes: Uint8Array<ArrayBuffer>; latencyMs: number; fps: number }): void;
  status(s: Omit<ConsoleStatus, 'streamId'>): void;
}

/**
 * One console's frame loop: a single request in flight at a time (the next starts when the previous answers),
 * so a slow host slows the console instead of queueing work on its session. Visible → as fast as the host
 * answers; background → once a second; hidden → no requests at all until shown again.
 */
export class ConsolePoller {
  visibility: ConsoleVisibility = 'visible';
  state: ConsoleVmState = 'Running';
  frameRequests = 0;
  framesSent = 0;
  framesUnchanged = 0;
  latencyMs = 0;
  polling = false;
  private seq = 0;
  private lastHash = '';
  private readonly answers: number[] = [];
  private readonly stop = new AbortController();
  private wake: (() => void) | null = null;
  private problem: string | undefined;
  private errors = 0;
  private lastStatusAt = 0;
  private loop: Promise<void> | null = null;

  constructor(
    /** The console's host (through the per-host frame gate). */
    private readonly host: ScriptRunner,
    private readonly vmId: string,
    private readonly sink: PollerSink,
    private readonly clock: Clock,
    private readonly timing: PollerTiming = defaultTiming,
  ) {}

  start(): void {
    this.loop ??= this.runLoop();
  }

  get fps(): number {
    const now = this.clock.now();
    while (this.answers.length > 0 && now - this.answers[0]! > 2000) this.answers.shift();
    return Math.round((this.answers.length / 2) * 10) / 10;
  }

  setVisibility(v: ConsoleVisibility): void {
    this.visibility = v;
    this.kick();
  }

  /** Skip the current wait (after typing, the echo should show without waiting out a background interval). */
  kick(): void {
    this.wake?.();
  }

  async dispose(): Promise<void> {
    this.stop.abort();
    this.kick();
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    while (!this.stop.signal.aborted) {
      if (this.visibility === 'hidden') {
        this.setPolling(false);
        await this.waitFor(Number.POSITIVE_INFINITY);
        continue;
      }
      this.setPolling(true);
      const started = this.clock.now();
      const delay = await this.pollOnce(started);
      if (this.stop.signal.aborted) break;
      const spent = this.clock.now() - started;
      await this.waitFor(Math.max(0, delay - spent));
    }
    this.setPolling(false);
  }

  /** One request; returns how long after its start the next one may begin. */
  private async pollOnce(started: number): Promise<number> {
    this.frameRequests++;
    try {
      const answer = await fetchFrame(this.host, this.vmId, this.lastHash, {
        signal: this.stop.signal,
        timeoutMs: this.timing.requestTimeoutMs,
      });
      const now = this.clock.now();
      this.latencyMs = now - started;
      this.errors = 0;
      this.problem = undefined;
      if (answer.kind === 'gone') {
        this.setState('Other', 'The virtual machine no longer exists on this host.');
        return this.timing.notRunningIntervalMs;
      }
      if (answer.kind === 'state') {
        this.lastHash = '';
        this.setState(answer.state);
        return answer.state === 'Running' ? this.interval() : this.timing.notRunningIntervalMs;
      }
      this.answers.push(now);
      this.setState('Running');
      if (answer.kind === 'unchanged') this.framesUnchanged++;
      else {
        this.lastHash = answer.hash;
        this.framesSent++;
        this.sink.frame({ seq: ++this.seq, width: answer.width, height: answer.height, bytes: answer.bytes, latencyMs: this.latencyMs, fps: this.fps });
      }
      this.maybeStatus(false);
      return this.interval();
    } catch (err) {
      if (this.stop.signal.aborted) return 0;
      const backoff = this.timing.errorBackoffMs;
      const wait = backoff[Math.min(this.errors, backoff.length - 1)] ?? 1000;
      this.errors++;
      this.problem = err instanceof Error ? err.message : String(err);
      this.maybeStatus(true);
      return wait;
    }
  }

  private interval(): number {
    return this.visibility === 'visible' ? this.timing.visibleMinIntervalMs : this.timing.backgroundIntervalMs;
  }

  private setState(state: ConsoleVmState, problem?: string): void {
    const changed = state !== this.state || problem !== this.problem;
    this.state = state;
    this.problem = problem;
    this.maybeStatus(changed);
  }

  private setPolling(p: boolean): void {
    if (p === this.polling) return;
    this.polling = p;
    this.maybeStatus(true);
  }

  /** Status is a small delta: on change at once, otherwise at most once a second (fps/latency refresh). */
  private maybeStatus(force: boolean): void {
    const now = this.clock.now();
    if (!force && now - this.lastStatusAt < 1000) return;
    this.lastStatusAt = now;
    this.sink.status({ state: this.state, problem: this.problem, polling: this.polling, fps: this.fps, latencyMs: Math.round(this.latencyMs) });
  }

  private waitFor(ms: number): Promise<void> {
    if (this.stop.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: unknown = null;
      const done = () => {
        if (timer !== null) this.clock.clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      if (Number.isFinite(ms)) timer = this.clock.setTimeout(done, ms);
    });
  }
}

import { StringDecoder } from 'node:string_decoder';
import { systemClock, type Clock } from '../../platform/time/clock';

/**
 * Collects PTY output for one frame (~16 ms) and hands it on as one string, so a chatty shell costs one
 * IPC message per frame instead of one per read. Raw bytes go through a UTF-8 decoder that keeps an
 * incomplete trailing character for the next chunk, so a 中 or an emoji split across reads stays whole.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: unknown = null;

  constructor(
    private readonly flush: (text: string) => void,
    private readonly intervalMs = 16,
    /** Flush early past this many characters so one frame never grows without bound. */
    private readonly maxPendingChars = 256 * 1024,
    private readonly clock: Clock = systemClock,
  ) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text.length === 0) return;
    this.pending += text;
    if (this.pending.length >= this.maxPendingChars) {
      this.flushNow();
      return;
    }
    if (this.timer === null) this.timer = this.clock.setTimeout(() => this.flushNow(), this.intervalMs);
  }

  /** Sends whatever is pending now (also called when the shell exits, after draining the decoder). */
  flushNow(final = false): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (final) this.pending += this.decoder.end();
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = '';
    this.flush(text);
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending = '';
  }
}

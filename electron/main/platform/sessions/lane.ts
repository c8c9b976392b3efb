import { AppError } from '../../../../shared/ipc/errors';
import { systemClock } from '../time/clock';

/** One remote PSSession in the agent: it runs one pipeline at a time. */
export interface LaneSlot {
  key: string;
  busy: boolean;
  /** When it last went idle (ms, the lane's clock). */
  idleSince?: number;
}

/**
 * A lane is a small pool of PSSessions to one host used for one kind of work ('read' or 'op'), so a long
 * operation never queues reads behind it. Sessions open lazily up to `max`; callers beyond that wait in order.
 */
export class Lane {
  private slots: LaneSlot[] = [];
  private opening = 0;
  private waiters: Array<{ resolve: (s: LaneSlot) => void; reject: (e: Error) => void }> = [];

  constructor(
    readonly name: string,
    private readonly max: number,
    private readonly openSlot: () => Promise<string>,
    private readonly now: () => number = () => systemClock.now(),
  ) {}

  get size(): number {
    return this.slots.length;
  }

  idleSlot(): LaneSlot | undefined {
    return this.slots.find((s) => !s.busy);
  }

  /** Adopt a session opened elsewhere (the first read session is opened while connecting). */
  adopt(key: string): void {
    this.slots.push({ key, busy: false, idleSince: this.now() });
  }

  async acquire(signal?: AbortSignal): Promise<LaneSlot> {
    const idle = this.idleSlot();
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.slots.length + this.opening < this.max) {
      this.opening++;
      try {
        const key = await this.openSlot();
        const slot = { key, busy: true };
        this.slots.push(slot);
        return slot;
      } finally {
        this.opening--;
      }
    }
    return new Promise<LaneSlot>((resolve, reject) => {
      const waiter = {
        resolve: (s: LaneSlot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(s);
        },
        reject,
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new AppError('CANCELLED', 'Cancelled while waiting for a session'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(slot: LaneSlot): void {
    const next = this.waiters.shift();
    if (next && this.slots.includes(slot)) {
      next.resolve(slot); // stays busy, handed over
      return;
    }
    slot.busy = false;
    slot.idleSince = this.now();
  }

  /**
   * Forgets sessions idle for idleMs or longer, keeping at least `keep` (each holds a remote process and, over
   * SSH, an ssh client). Returns their keys to close; the lane reopens on demand.
   */
  trimIdle(idleMs: number, keep: number): string[] {
    const cutoff = this.now() - idleMs;
    const keys: string[] = [];
    for (const slot of [...this.slots].reverse()) {
      if (this.slots.length <= keep) break;
      if (slot.busy || (slot.idleSince ?? 0) > cutoff) continue;
      this.slots = this.slots.filter((s) => s !== slot);
      keys.push(slot.key);
    }
    return keys;
  }

  /** Drop a session that can no longer be trusted (stuck or broken); returns its key to close. */
  discard(slot: LaneSlot): string {
    this.slots = this.slots.filter((s) => s !== slot);
    const next = this.waiters.shift();
    if (next) this.acquireFor(next);
    return slot.key;
  }

  /** Forget every session (host lost); waiting callers fail with `err`. Returns keys to close. */
  reset(err: Error): string[] {
    const keys = this.slots.map((s) => s.key);
    this.slots = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(err);
    return keys;
  }

  private acquireFor(w: { resolve: (s: LaneSlot) => void; reject: (e: Error) => void }): void {
    this.acquire().then(w.resolve, w.reject);
  }
}

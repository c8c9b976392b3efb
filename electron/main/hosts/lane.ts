import { AppError } from '../../../shared/ipc/errors';

/** One remote PSSession in the agent: it runs one pipeline at a time. */
export interface LaneSlot {
  key: string;
  busy: boolean;
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
  ) {}

  get size(): number {
    return this.slots.length;
  }

  idleSlot(): LaneSlot | undefined {
    return this.slots.find((s) => !s.busy);
  }

  /** Adopt a session opened elsewhere (the first read session is opened while connecting). */
  adopt(key: string): void {
    this.slots.push({ key, busy: false });
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

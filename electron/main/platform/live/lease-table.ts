import type { LeaseGrant } from '../../../../shared/ipc/live';
import { AppError } from '../../../../shared/ipc/errors';
import type { Clock } from '../time/clock';
import type { ClientPresence } from './client-presence';

/** Why an id lost its last holder. */
export type CloseReason = 'released' | 'expired' | 'client-gone' | 'disposed';

export interface LeaseTableOptions<M> {
  clock: Clock;
  /** A lease not renewed within this long lapses (the client vanished without telling us). */
  ttlMs: number;
  /** How often clients should renew (told to them in every grant); a third of the ttl unless given. */
  renewMs?: number;
  /** When given, a client's leases are released as soon as its connection goes. */
  presence?: ClientPresence;
  /** The first lease on an id: start the work behind it (a poll, a frame stream). */
  onFirstOpen?(id: string, mode: M | undefined, clientId: string): void;
  /** The last lease on an id ended: stop that work. */
  onLastClose?(id: string, reason: CloseReason): void;
  /** A holder's lease was opened or renewed with a mode (a console's visibility). */
  onMode?(id: string, mode: M, clientId: string): void;
}

interface Lease<M> {
  mode: M | undefined;
  timer: unknown;
}

/**
 * The leases of one live stream, keyed by id and, within an id, by the client holding it. Each lease expires on
 * the Clock unless renewed; a client can renew or release only its own lease; the first holder of an id and the
 * end of its last holder drive the hooks that start and stop the work behind it.
 */
export class LeaseTable<M = never> {
  private readonly byId = new Map<string, Map<string, Lease<M>>>();
  private readonly renewMs: number;
  private readonly offPresence: () => void;

  constructor(private readonly o: LeaseTableOptions<M>) {
    this.renewMs = o.renewMs ?? Math.max(1, Math.floor(o.ttlMs / 3));
    this.offPresence = o.presence?.onGone((clientId) => this.releaseClient(clientId)) ?? (() => undefined);
  }

  get grant(): LeaseGrant {
    return { ttlMs: this.o.ttlMs, renewMs: this.renewMs };
  }

  /** Opens the client's lease on the id, or renews it when the client holds it already. */
  open(clientId: string, id: string, mode?: M): LeaseGrant {
    let holders = this.byId.get(id);
    const first = !holders;
    if (!holders) {
      holders = new Map();
      this.byId.set(id, holders);
    }
    const lease = holders.get(clientId) ?? { mode: undefined, timer: null };
    holders.set(clientId, lease);
    this.arm(clientId, id, lease);
    if (first) this.o.onFirstOpen?.(id, mode, clientId);
    this.setMode(clientId, id, lease, mode);
    return this.grant;
  }

  /** Renews a lease the client holds; NOT_FOUND otherwise (an id is not a capability to borrow). */
  renew(clientId: string, id: string, mode?: M): LeaseGrant {
    const lease = this.byId.get(id)?.get(clientId);
    if (!lease) throw new AppError('NOT_FOUND', 'This live stream is closed.');
    this.arm(clientId, id, lease);
    this.setMode(clientId, id, lease, mode);
    return this.grant;
  }

  /** Ends the client's lease on the id; false when it held none. */
  release(clientId: string, id: string): boolean {
    return this.drop(clientId, id, 'released');
  }

  /** Ends every lease of the client (its connection went). */
  releaseClient(clientId: string, reason: CloseReason = 'client-gone'): number {
    let n = 0;
    for (const [id, holders] of [...this.byId]) if (holders.has(clientId) && this.drop(clientId, id, reason)) n++;
    return n;
  }

  holds(clientId: string, id: string): boolean {
    return this.byId.get(id)?.has(clientId) ?? false;
  }

  /** The clients holding the id: where its events go. */
  holders(id: string): string[] {
    return [...(this.byId.get(id)?.keys() ?? [])];
  }

  modeOf(clientId: string, id: string): M | undefined {
    return this.byId.get(id)?.get(clientId)?.mode;
  }

  /** Ids with at least one holder. */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Ends every lease (app quit); the last-close hooks run with 'disposed'. */
  dispose(): void {
    this.offPresence();
    for (const [id, holders] of [...this.byId]) for (const clientId of [...holders.keys()]) this.drop(clientId, id, 'disposed');
  }

  private arm(clientId: string, id: string, lease: Lease<M>): void {
    if (lease.timer !== null) this.o.clock.clearTimeout(lease.timer);
    lease.timer = this.o.clock.setTimeout(() => {
      lease.timer = null;
      this.drop(clientId, id, 'expired');
    }, this.o.ttlMs);
  }

  private setMode(clientId: string, id: string, lease: Lease<M>, mode: M | undefined): void {
    if (mode === undefined) return;
    lease.mode = mode;
    this.o.onMode?.(id, mode, clientId);
  }

  private drop(clientId: string, id: string, reason: CloseReason): boolean {
    const holders = this.byId.get(id);
    const lease = holders?.get(clientId);
    if (!holders || !lease) return false;
    if (lease.timer !== null) this.o.clock.clearTimeout(lease.timer);
    holders.delete(clientId);
    if (holders.size === 0) {
      this.byId.delete(id);
      this.o.onLastClose?.(id, reason);
    }
    return true;
  }
}

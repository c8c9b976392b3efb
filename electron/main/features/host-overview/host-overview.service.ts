import type { HostOverviewView, HostSample } from '../../../../shared/features/host-overview/host-overview.contract';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { ClientPresence } from '../../platform/live/client-presence';
import { LeaseTable } from '../../platform/live/lease-table';
import type { HostScripts } from '../../platform/scripts/script-runner';
import { isoNow, type Clock } from '../../platform/time/clock';
import { memoryOverviewCache, type OverviewCache } from './host-overview-cache';
import { hostOverviewScripts } from './host-overview.scripts';

export interface HostOverviewServiceDeps {
  hosts: HostScripts;
  clock: Clock;
  log: Logger;
  /** A gone client's lease ends at once (else it lapses after the ttl). */
  presence?: ClientPresence;
  /** Sends one sample to the holders of the host's lease (liveEmitter over `leases`). */
  emitSample(hostId: string, sample: { at: string; sample: HostSample | null; error: IpcErrorShape | null }): void;
  /** How often a leased host is sampled; 2 s by default. */
  sampleMs?: number;
  /** The last figures per host (a state file in the app; memory by default). */
  cache?: OverviewCache;
}

const shapeOf = (err: unknown): IpcErrorShape => {
  if (err instanceof AppError) {
    // The detail (ErrorRecords, stderr lines) stays in the ledger; the page needs the reason and its user message.
    const { detail: _detail, ...shape } = err.toShape();
    return shape;
  }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
};

/**
 * The host overview: the page's figures in one round trip (the last ones kept, so an unreachable host shows them
 * marked stale with its reason), and while a client holds `hostOverview.lease {id: hostId}` a sample of CPU and
 * memory every `sampleMs`, one in flight per host. The poll of a host stops when its last lease ends.
 */
export class HostOverviewService {
  readonly leases: LeaseTable;
  private readonly known: OverviewCache;
  private readonly polls = new Map<string, { timer: unknown; busy: boolean }>();
  private readonly sampleMs: number;

  constructor(private readonly d: HostOverviewServiceDeps) {
    this.sampleMs = d.sampleMs ?? 2_000;
    this.known = d.cache ?? memoryOverviewCache();
    this.leases = new LeaseTable({
      clock: d.clock,
      ttlMs: Math.max(15_000, this.sampleMs * 4),
      renewMs: 5_000,
      presence: d.presence,
      onFirstOpen: (hostId) => this.startPoll(hostId),
      onLastClose: (hostId) => this.stopPoll(hostId),
    });
  }

  /** Reads the host now; a failed read answers what was known before, marked stale, with the host's reason. */
  async get(hostId: string, signal?: AbortSignal): Promise<HostOverviewView> {
    try {
      const { value } = await this.d.hosts.on(hostId).run(hostOverviewScripts.getHostOverview, {}, { signal });
      const fetchedAt = isoNow(this.d.clock);
      // Kept for a later failed read; a cache that cannot be written must not fail the page that was read.
      await this.known.set(hostId, { overview: value, fetchedAt }).catch((err: unknown) => this.d.log.error('host overview: could not keep the figures', err));
      return { hostId, overview: value, fetchedAt, stale: false, error: null };
    } catch (err) {
      const last = await this.known.get(hostId);
      return { hostId, overview: last?.overview ?? null, fetchedAt: last?.fetchedAt ?? null, stale: true, error: shapeOf(err) };
    }
  }

  /** Hosts being sampled now (for tests and diagnostics). */
  polling(): string[] {
    return [...this.polls.keys()];
  }

  dispose(): void {
    this.leases.dispose();
    for (const id of [...this.polls.keys()]) this.stopPoll(id);
  }

  private startPoll(hostId: string): void {
    if (this.polls.has(hostId)) return;
    const poll = { timer: null as unknown, busy: false };
    this.polls.set(hostId, poll);
    poll.timer = this.d.clock.setInterval(() => void this.sample(hostId), this.sampleMs);
    // The first point at once, so the charts do not wait a whole interval.
    void this.sample(hostId);
  }

  private stopPoll(hostId: string): void {
    const poll = this.polls.get(hostId);
    if (!poll) return;
    this.d.clock.clearInterval(poll.timer);
    this.polls.delete(hostId);
  }

  private async sample(hostId: string): Promise<void> {
    const poll = this.polls.get(hostId);
    // One sample in flight per host: a slow host is sampled as fast as it answers, never piled up.
    if (!poll || poll.busy) return;
    poll.busy = true;
    try {
      const { value } = await this.d.hosts.on(hostId).run(hostOverviewScripts.getHostPerf, {});
      if (this.polls.get(hostId) === poll) this.d.emitSample(hostId, { at: isoNow(this.d.clock), sample: value, error: null });
    } catch (err) {
      if (this.polls.get(hostId) === poll) this.d.emitSample(hostId, { at: isoNow(this.d.clock), sample: null, error: shapeOf(err) });
    } finally {
      poll.busy = false;
    }
  }
}

import type { HostInventory, VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { InventoryCache } from './inventory-cache';
import type { SessionsPort, Timers } from './inventory-ports';
import { InventoryResult } from './script-results';

export interface InventoryServiceDeps {
  sessions: SessionsPort;
  cache: InventoryCache;
  /** Signal, then pull: the renderer re-reads the host with inventory.snapshot. */
  emitChanged(hostId: string): void;
  log: Logger;
  timers: Timers;
  pollIntervalMs?: number;
  refreshTimeoutMs?: number;
}

interface HostEntry {
  vms: VmRow[];
  fetchedAt: string | null;
  stale: boolean;
  error?: { code: string; message: string };
  /** A fingerprint of the rows, to signal only real changes. */
  fingerprint: string;
  inflight: Promise<void> | null;
}

/**
 * The VM inventory across hosts, cache-first: what main knows is answered at once (cached rows marked
 * stale until the first successful read), refreshes are one round trip per host with hosts in parallel, and
 * while any client is visible a poll picks up changes made elsewhere (the terminal, another tool) and
 * emits inventory.changed for the hosts whose rows changed.
 */
export class InventoryService {
  private readonly hosts = new Map<string, HostEntry>();
  /** clientId -> lease expiry: a client renews while visible, so one that vanished stops counting. */
  private readonly watchers = new Map<string, number>();
  private pollHandle: unknown = null;
  private readonly pollIntervalMs: number;
  private readonly refreshTimeoutMs: number;
  private readonly offHosts: () => void;

  constructor(private readonly d: InventoryServiceDeps) {
    this.pollIntervalMs = d.pollIntervalMs ?? 4_000;
    this.refreshTimeoutMs = d.refreshTimeoutMs ?? 60_000;
    this.offHosts = d.sessions.onHostsChanged(() => void this.syncHosts());
  }

  get intervalMs(): number {
    return this.pollIntervalMs;
  }

  async snapshot(hostIds?: readonly string[]): Promise<HostInventory[]> {
    const ids = await this.syncHosts();
    return ids.filter((id) => !hostIds || hostIds.includes(id)).map((id) => this.view(id));
  }

  /** Reads the hosts now (in parallel); a host already being read is not read twice. */
  async refresh(hostIds?: readonly string[]): Promise<HostInventory[]> {
    const ids = (await this.syncHosts()).filter((id) => !hostIds || hostIds.includes(id));
    await Promise.all(ids.map((id) => this.refreshHost(id)));
    return ids.map((id) => this.view(id));
  }

  /** A client became visible (poll) or hidden; polling runs while at least one client watches. */
  watch(clientId: string, active: boolean): void {
    if (active) this.watchers.set(clientId, this.d.timers.now() + this.leaseMs);
    else this.watchers.delete(clientId);
    this.updatePolling();
  }

  /** How long a watch lasts without renewal. */
  get leaseMs(): number {
    return this.pollIntervalMs * 4;
  }

  private updatePolling(): void {
    const now = this.d.timers.now();
    for (const [id, until] of this.watchers) if (until < now) this.watchers.delete(id);
    if (this.watchers.size > 0 && this.pollHandle === null) {
      this.pollHandle = this.d.timers.setInterval(() => this.tick(), this.pollIntervalMs);
    } else if (this.watchers.size === 0 && this.pollHandle !== null) {
      this.d.timers.clearInterval(this.pollHandle);
      this.pollHandle = null;
    }
  }

  private tick(): void {
    this.updatePolling();
    if (this.pollHandle === null) return;
    this.refresh().catch((err: unknown) => this.d.log.error('inventory poll failed', err));
  }

  /** The rows main holds for one VM (undefined when unknown). */
  row(hostId: string, vmId: string): VmRow | undefined {
    return this.hosts.get(hostId)?.vms.find((v) => v.id === vmId);
  }

  refreshHost(hostId: string): Promise<void> {
    const entry = this.entry(hostId);
    if (entry.inflight) return entry.inflight;
    entry.inflight = this.read(hostId, entry).finally(() => {
      entry.inflight = null;
    });
    return entry.inflight;
  }

  async dispose(): Promise<void> {
    this.offHosts();
    if (this.pollHandle !== null) this.d.timers.clearInterval(this.pollHandle);
    this.pollHandle = null;
    await this.d.cache.flush();
  }

  private async read(hostId: string, entry: HostEntry): Promise<void> {
    let changed = false;
    try {
      const result = await this.d.sessions.run(hostId, 'inventory/get-inventory', {}, {
        schema: InventoryResult,
        lane: 'read',
        timeoutMs: this.refreshTimeoutMs,
        // Polled every few seconds: only failures belong in the ledger.
        record: 'errors',
      });
      const vms: VmRow[] = result.vms.map((v) => ({ ...v, hostId }));
      const fingerprint = JSON.stringify(vms);
      changed = fingerprint !== entry.fingerprint || entry.stale || entry.error !== undefined;
      entry.vms = vms;
      entry.fingerprint = fingerprint;
      entry.fetchedAt = new Date(this.d.timers.now()).toISOString();
      entry.stale = false;
      entry.error = undefined;
      this.d.cache.set(hostId, { fetchedAt: entry.fetchedAt, vms });
    } catch (err) {
      const shape = err instanceof AppError ? err.toShape() : { code: 'INTERNAL', message: String(err) };
      changed = entry.error?.message !== shape.message;
      entry.error = { code: shape.code, message: shape.message };
      if (changed) this.d.log.warn(`inventory of ${hostId} failed: ${shape.code} ${shape.message}`);
    }
    if (changed) this.d.emitChanged(hostId);
  }

  private async syncHosts(): Promise<string[]> {
    const ids = await this.d.sessions.hostIds();
    for (const id of [...this.hosts.keys()]) if (!ids.includes(id)) this.hosts.delete(id);
    this.d.cache.retain(ids);
    for (const id of ids) this.entry(id);
    return ids;
  }

  private entry(hostId: string): HostEntry {
    let e = this.hosts.get(hostId);
    if (!e) {
      const cached = this.d.cache.get(hostId);
      e = {
        vms: cached?.vms ?? [],
        fetchedAt: cached?.fetchedAt ?? null,
        stale: true,
        fingerprint: cached ? JSON.stringify(cached.vms) : '',
        inflight: null,
      };
      this.hosts.set(hostId, e);
    }
    return e;
  }

  private view(hostId: string): HostInventory {
    const e = this.entry(hostId);
    return { hostId, vms: e.vms, fetchedAt: e.fetchedAt, stale: e.stale, ...(e.error ? { error: e.error } : {}) };
  }
}

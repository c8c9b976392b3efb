import type { HostInventory, VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { ClientPresence } from '../../platform/live/client-presence';
import { LeaseTable } from '../../platform/live/lease-table';
import type { HostScripts } from '../../platform/scripts/script-runner';
import { isoNow, type Clock } from '../../platform/time/clock';
import type { InventoryCache } from './inventory-cache';
import { inventoryScripts } from './inventory.scripts';

export interface InventoryServiceDeps {
  hosts: HostScripts;
  cache: InventoryCache;
  /** Signal, then pull: the renderer re-reads the host with inventory.snapshot. */
  emitChanged(hostId: string): void;
  log: Logger;
  clock: Clock;
  /** Releases a client's poll lease as soon as its connection goes (else it lapses). */
  presence?: ClientPresence;
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
  /**
   * The inventory.lease holders (platform/live): a client holds it while visible and renews it every poll
   * interval; one that vanished lapses after four intervals, or at once when its connection goes.
   */
  readonly watchers: LeaseTable;
  private pollHandle: unknown = null;
  private pollIntervalMs: number;
  private readonly refreshTimeoutMs: number;
  private readonly offHosts: () => void;

  constructor(private readonly d: InventoryServiceDeps) {
    this.pollIntervalMs = d.pollIntervalMs ?? 4_000;
    this.refreshTimeoutMs = d.refreshTimeoutMs ?? 60_000;
    this.watchers = new LeaseTable({
      clock: d.clock,
      ttlMs: this.pollIntervalMs * 4,
      renewMs: this.pollIntervalMs,
      presence: d.presence,
      onFirstOpen: () => this.startPolling(),
      onLastClose: () => this.stopPolling(),
    });
    this.offHosts = d.hosts.onHostsChanged(() => void this.syncHosts());
  }

  get intervalMs(): number {
    return this.pollIntervalMs;
  }

  /** A new poll interval (Settings): a running poll is re-armed with it; lease renewal keeps its own period. */
  setPollInterval(ms: number): void {
    if (!Number.isFinite(ms) || ms < 1_000) throw new Error(`poll interval ${ms} ms is below 1 s`);
    if (ms === this.pollIntervalMs) return;
    this.pollIntervalMs = ms;
    if (this.pollHandle !== null) {
      this.stopPolling();
      this.startPolling();
    }
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

  /** While at least one client holds the lease (visible), poll; the lease table's expiry drops vanished clients. */
  private startPolling(): void {
    if (this.pollHandle === null) this.pollHandle = this.d.clock.setInterval(() => this.tick(), this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollHandle !== null) this.d.clock.clearInterval(this.pollHandle);
    this.pollHandle = null;
  }

  private tick(): void {
    this.refresh().catch((err: unknown) => this.d.log.error('inventory poll failed', err));
  }

  /** The rows main holds for one VM (undefined when unknown). */
  row(hostId: string, vmId: string): VmRow | undefined {
    return this.hosts.get(hostId)?.vms.find((v) => v.id === vmId);
  }

  /** A VM's name by its Id, from the rows main holds on any host (undefined when unknown); no host call. */
  nameOf(vmId: string): string | undefined {
    const id = vmId.toLowerCase();
    for (const e of this.hosts.values()) {
      const v = e.vms.find((x) => x.id.toLowerCase() === id);
      if (v) return v.name;
    }
    return undefined;
  }

  /** Where a VM runs now, by its Id, from the rows main holds (undefined when no host lists it); no host call. */
  locate(vmId: string): { hostId: string; vmName: string } | undefined {
    const id = vmId.toLowerCase();
    for (const [hostId, e] of this.hosts) {
      const v = e.vms.find((x) => x.id.toLowerCase() === id);
      if (v) return { hostId, vmName: v.name };
    }
    return undefined;
  }

  refreshHost(hostId: string): Promise<void> {
    const entry = this.entry(hostId);
    if (entry.inflight) return entry.inflight;
    entry.inflight = this.read(hostId, entry).finally(() => {
      entry.inflight = null;
    });
    return entry.inflight;
  }

  /**
   * Rows a script just answered with (a power action reads each VM back after acting): merged into what main
   * holds and signalled like a refresh, so neither the grid nor the details panel re-reads the host.
   */
  applyRows(hostId: string, rows: readonly Omit<VmRow, 'hostId'>[]): void {
    if (rows.length === 0) return;
    const entry = this.entry(hostId);
    const fresh = new Map(rows.map((r) => [r.id.toLowerCase(), { ...r, hostId }]));
    const vms = entry.vms.map((v) => fresh.get(v.id.toLowerCase()) ?? v);
    const known = new Set(entry.vms.map((v) => v.id.toLowerCase()));
    for (const [id, row] of fresh) if (!known.has(id)) vms.push(row);
    if (this.store(hostId, entry, vms, { keepStale: true })) this.d.emitChanged(hostId);
  }

  async dispose(): Promise<void> {
    this.offHosts();
    this.watchers.dispose();
    this.stopPolling();
    await this.d.cache.flush();
  }

  private async read(hostId: string, entry: HostEntry): Promise<void> {
    let changed = false;
    try {
      const { value: result } = await this.d.hosts.on(hostId).run(inventoryScripts.getInventory, {}, { timeoutMs: this.refreshTimeoutMs });
      changed = this.store(hostId, entry, result.vms.map((v) => ({ ...v, hostId })));
    } catch (err) {
      const shape = err instanceof AppError ? err.toShape() : { code: 'INTERNAL', message: String(err) };
      // The rows kept are the last ones read: no longer vouched for, so this host (only) is stale again.
      changed = entry.error?.message !== shape.message || !entry.stale;
      entry.error = { code: shape.code, message: shape.message };
      entry.stale = true;
      if (changed) this.d.log.warn(`inventory of ${hostId} failed: ${shape.code} ${shape.message}`);
    }
    if (changed) this.d.emitChanged(hostId);
  }

  /** Keeps new rows for a host; true when they differ from what the clients were last told. */
  private store(hostId: string, entry: HostEntry, vms: VmRow[], opts: { keepStale?: boolean } = {}): boolean {
    const fingerprint = JSON.stringify(vms);
    // A partial update (some rows) does not vouch for the rest: only a full read clears stale and error.
    const full = !opts.keepStale;
    const changed = fingerprint !== entry.fingerprint || (full && (entry.stale || entry.error !== undefined));
    entry.vms = vms;
    entry.fingerprint = fingerprint;
    if (full) {
      entry.fetchedAt = isoNow(this.d.clock);
      entry.stale = false;
      entry.error = undefined;
    }
    this.d.cache.set(hostId, { fetchedAt: entry.fetchedAt ?? isoNow(this.d.clock), vms });
    return changed;
  }

  private async syncHosts(): Promise<string[]> {
    const ids = await this.d.hosts.hostIds();
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

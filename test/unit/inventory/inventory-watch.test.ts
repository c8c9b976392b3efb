import { describe, expect, it } from 'vitest';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { InventoryService } from '../../../electron/main/features/inventory/inventory.service';
import { ClientPresence } from '../../../electron/main/platform/live/client-presence';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { ManualClock } from '../../support/manual-clock';
import { memFiles, quiet } from './fakes';

/** The inventory poll runs while some client holds the inventory lease (platform/live), and only then. */
async function setup() {
  const reads: string[] = [];
  const hosts: HostScripts = {
    on: (hostId) => ({
      run: async () => {
        reads.push(hostId);
        return { value: { vms: [] } } as never;
      },
    }),
    hostIds: async () => ['h1'],
    onHostsChanged: () => () => undefined,
  };
  const cache = new InventoryCache('/d/inventory-cache.json', memFiles(), quiet, 0);
  await cache.load();
  const clock = new ManualClock();
  const presence = new ClientPresence();
  const svc = new InventoryService({ hosts, cache, emitChanged: () => undefined, log: quiet, clock, presence, pollIntervalMs: 4000 });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { svc, clock, reads, presence, settle };
}

describe('inventory poll lease', () => {
  it('polls while a client watches, stops when none does or the lease runs out', async () => {
    const { svc, clock, reads, settle } = await setup();
    expect(clock.pending).toBe(0);
    expect(svc.watchers.open('c1', 'all')).toEqual({ ttlMs: 16_000, renewMs: 4_000 });
    clock.advance(4000);
    await settle();
    expect(reads).toEqual(['h1']);
    svc.watchers.release('c1', 'all');
    expect(clock.pending).toBe(0);
    clock.advance(8000);
    await settle();
    expect(reads).toEqual(['h1']);
    svc.watchers.open('c2', 'all');
    clock.advance(16_000);
    await settle();
    expect(clock.pending).toBe(0); // c2 never renewed: the lease lapsed and took the poll with it
    const polls = reads.length;
    clock.advance(20_000);
    await settle();
    expect(reads.length).toBe(polls);
  });

  it('a renewing client keeps the poll; a second client leaving does not stop it', async () => {
    const { svc, clock, reads, settle } = await setup();
    svc.watchers.open('c1', 'all');
    svc.watchers.open('c2', 'all');
    svc.watchers.release('c2', 'all');
    for (let i = 0; i < 10; i++) {
      clock.advance(4000);
      svc.watchers.renew('c1', 'all');
      await settle();
    }
    expect(reads.length).toBe(10);
  });

  it('stops polling as soon as the only watcher\'s connection goes', async () => {
    const { svc, clock, presence } = await setup();
    const conn = new AbortController();
    const held = presence.hold('c1', conn.signal);
    svc.watchers.open('c1', 'all');
    expect(clock.pending).toBe(2); // the poll and the lease's expiry
    conn.abort();
    await held;
    expect(clock.pending).toBe(0);
  });
});

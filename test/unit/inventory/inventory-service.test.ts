import { describe, expect, it } from 'vitest';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { InventoryService } from '../../../electron/main/features/inventory/inventory.service';
import { AppError } from '../../../shared/ipc/errors';
import { ManualClock } from '../../support/manual-clock';
import { fakeHostScripts, memFiles, quiet, vm } from './fakes';

async function setup(opts: { cache?: Record<string, string>; hosts?: string[]; rows?: Record<string, unknown[]> } = {}) {
  const rows: Record<string, unknown[]> = opts.rows ?? { h1: [vm('a')], h2: [vm('b')] };
  const sessions = fakeHostScripts((c) => {
    if (c.script !== 'inventory/get-inventory') throw new Error('unexpected ' + c.script);
    const r = rows[c.hostId];
    if (!r) throw new AppError('HOST_UNREACHABLE', `cannot reach ${c.hostId}`);
    return { vms: r };
  }, opts.hosts ?? ['h1', 'h2']);
  const files = memFiles(opts.cache ?? {});
  const cache = new InventoryCache('/d/inventory-cache.json', files, quiet, 0);
  await cache.load();
  const changed: string[] = [];
  const clock = new ManualClock();
  const svc = new InventoryService({ hosts: sessions, cache, emitChanged: (h) => changed.push(h), log: quiet, clock, pollIntervalMs: 4000 });
  return { svc, sessions, files, cache, changed, clock, rows };
}

describe('InventoryService', () => {
  it('paints the cache at once, marked stale, without a round trip', async () => {
    const cached = JSON.stringify({ version: 1, hosts: { h1: { fetchedAt: '2024-05-01T00:00:00.000Z', vms: [{ ...vm('old'), hostId: 'h1' }] } } });
    const { svc, sessions } = await setup({ cache: { '/d/inventory-cache.json': cached } });
    const snap = await svc.snapshot();
    expect(sessions.calls).toHaveLength(0);
    expect(snap.find((h) => h.hostId === 'h1')).toMatchObject({ stale: true, fetchedAt: '2024-05-01T00:00:00.000Z', vms: [{ id: 'old' }] });
    expect(snap.find((h) => h.hostId === 'h2')).toMatchObject({ stale: true, fetchedAt: null, vms: [] });
  });

  it('refreshes every host with one call each, clears stale, writes the cache and signals changes', async () => {
    const { svc, sessions, files, changed, cache } = await setup();
    const hosts = await svc.refresh();
    expect(sessions.calls.map((c) => c.hostId).sort()).toEqual(['h1', 'h2']);
    expect(hosts.every((h) => !h.stale && h.fetchedAt !== null)).toBe(true);
    expect(hosts[0]?.vms[0]).toMatchObject({ hostId: 'h1', id: 'a' });
    expect(changed.sort()).toEqual(['h1', 'h2']);
    await cache.flush();
    expect(JSON.parse(files.data['/d/inventory-cache.json'] ?? '{}').hosts.h2.vms[0].id).toBe('b');
  });

  it('signals only hosts whose rows changed', async () => {
    const { svc, changed, rows } = await setup();
    await svc.refresh();
    changed.length = 0;
    rows.h2 = [vm('b', { state: 'Running' })];
    await svc.refresh();
    expect(changed).toEqual(['h2']);
  });

  it('keeps the last rows and reports the error when a host fails', async () => {
    const { svc, rows } = await setup();
    await svc.refresh();
    delete rows.h1;
    const [h1] = await svc.refresh(['h1']);
    expect(h1).toMatchObject({ hostId: 'h1', vms: [{ id: 'a' }], error: { code: 'HOST_UNREACHABLE' } });
  });

  it('marks only the failed host\'s rows stale (staleness is per host), until a read succeeds again', async () => {
    const { svc, rows } = await setup();
    await svc.refresh();
    const keep = rows.h1!;
    delete rows.h1;
    const hosts = await svc.refresh();
    expect(hosts.find((h) => h.hostId === 'h1')).toMatchObject({ stale: true, vms: [{ id: 'a' }] });
    expect(hosts.find((h) => h.hostId === 'h2')).toMatchObject({ stale: false });
    rows.h1 = keep;
    expect((await svc.refresh(['h1']))[0]).toMatchObject({ stale: false });
  });

  it('does not read a host twice at once', async () => {
    const { svc, sessions } = await setup();
    await Promise.all([svc.refresh(['h1']), svc.refresh(['h1']), svc.refreshHost('h1')]);
    expect(sessions.calls).toHaveLength(1);
  });

  // The poll lease (inventory.lease) is tested in inventory-watch.test.ts with a ManualClock.

  it('follows the host list: a removed host leaves the snapshot and the cache', async () => {
    const { svc, sessions, cache } = await setup();
    await svc.refresh();
    sessions.changeHosts(['h2']);
    const snap = await svc.snapshot();
    expect(snap.map((h) => h.hostId)).toEqual(['h2']);
    expect(cache.get('h1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { ManualClock } from '../../support/manual-clock';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';
import { vm } from './fakes';

const entry = (id: string) => ({ fetchedAt: '2026-01-01T00:00:00.000Z', vms: [vm(id, { hostId: 'h1' }) as never] });

describe('InventoryCache', () => {
  it('coalesces the saves of a poll into one write after the delay, and reads them back after a restart', async () => {
    const files = memDocumentFiles();
    const clock = new ManualClock();
    const cache = new InventoryCache('/d/inventory-cache.json', files, recordingLog(), 500, clock);
    await cache.load();
    for (let i = 0; i < 16; i++) cache.set(`h${i}`, entry(String(i)));
    expect(files.atomicWrites).toBe(0);
    clock.advance(500);
    await cache.flush();
    expect(files.atomicWrites).toBe(1);
    const again = new InventoryCache('/d/inventory-cache.json', files, recordingLog(), 500, clock);
    await again.load();
    expect(again.get('h3')?.vms.map((v) => v.id)).toEqual(['3']);
  });

  it('sets an unreadable cache aside and starts empty', async () => {
    const files = memDocumentFiles({ '/d/inventory-cache.json': '{"version":1,"hosts":{"h1":' });
    const log = recordingLog();
    const cache = new InventoryCache('/d/inventory-cache.json', files, log, 0, new ManualClock());
    await cache.load();
    expect(cache.get('h1')).toBeUndefined();
    expect([...files.data.keys()].some((k) => k.startsWith('/d/inventory-cache.json.unreadable-'))).toBe(true);
    expect(log.errors).toHaveLength(1);
  });
});

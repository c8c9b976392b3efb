import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryPrefsStore } from '../../../electron/main/features/inventory/inventory-prefs.document';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const view = { id: 'v1', name: 'Prod', query: { search: '', hostIds: [], states: [], tags: ['prod'], sort: { key: 'name' as const, dir: 'asc' as const } } };

describe('InventoryPrefsStore: an unreadable prefs file', () => {
  it('is kept aside, not overwritten by the next tag change (the user\'s tags and views stay recoverable)', async () => {
    const corrupt = '{"version":1,"tags":{"h1/vm-a":["prod"]},"views":[' + '{"id":"v1"'; // torn by a crash or a hand edit
    const files = memDocumentFiles({ '/d/inventory-prefs.json': corrupt });
    const log = recordingLog();
    const store = new InventoryPrefsStore('/d/inventory-prefs.json', files, log);
    await store.load();
    await store.setTags(['8e3c6a52-0000-4000-8000-000000000001'], ['web'], []);

    const kept = [...files.data.entries()].filter(([path]) => path.startsWith('/d/inventory-prefs.json.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(kept[0]![1]).toBe(corrupt);
    expect(log.errors.join('\n')).toContain(kept[0]![0]);
    expect(store.get().problem).toContain(kept[0]![0]);
  });

  it('sets aside a schema mismatch the same way, and the next write does not touch the kept file', async () => {
    const wrong = JSON.stringify({ version: 1, tags: { 'h1/vm-a': 'prod' }, views: [view] });
    const files = memDocumentFiles({ '/d/inventory-prefs.json': wrong });
    const store = new InventoryPrefsStore('/d/inventory-prefs.json', files, recordingLog(), () => 7);
    await store.load();
    await store.saveView(view);
    await store.saveView({ ...view, id: 'v2' });
    expect(files.data.get('/d/inventory-prefs.json.unreadable-7')).toBe(wrong);
    expect(store.get().views.map((v) => v.id)).toEqual(['v1', 'v2']);
  });
});

const A = '8e3c6a52-1111-4c3b-9a10-5a4e1c2b0001';
const B = '2f0d9b7c-2222-4d1e-8b33-7c6a5e4d0002';

describe('InventoryPrefsStore', () => {
  it('keeps tags and saved views across a restart, written atomically', async () => {
    const files = memDocumentFiles();
    const a = new InventoryPrefsStore('/p.json', files, recordingLog());
    await a.load();
    await a.setTags([A, B], ['prod', '財務'], []);
    await a.setTags([B], [], ['prod']);
    await a.saveView({ id: 'v1', name: '生產', query: { search: 'web', hostIds: [], states: ['Running'], tags: ['prod'], sort: { key: 'name', dir: 'asc' } } });
    const b = new InventoryPrefsStore('/p.json', files, recordingLog());
    await b.load();
    expect(b.get().tags).toEqual({ [A]: ['prod', '財務'], [B]: ['財務'] });
    expect(b.get().views.map((v) => v.name)).toEqual(['生產']);
    expect(b.get().problem).toBeUndefined();
    await b.deleteView('v1');
    expect(b.get().views).toEqual([]);
    expect(files.atomicWrites).toBe(4);
  });

  it('refuses an empty tag and leaves the file unchanged', async () => {
    const files = memDocumentFiles();
    const s = new InventoryPrefsStore('/p.json', files, recordingLog());
    await s.load();
    await expect(s.setTags([A], ['  '], [])).rejects.toThrow();
    expect(files.data.get('/p.json')).toBeUndefined();
  });

  it('keys tags by the VM Id in lower case, so a VM keeps them wherever it runs; a host-qualified key is refused', async () => {
    const s = new InventoryPrefsStore('/p.json', memDocumentFiles(), recordingLog());
    await s.load();
    await s.setTags([A.toUpperCase()], ['web'], []);
    await s.setTags([A], ['prod'], []);
    expect(s.get().tags).toEqual({ [A]: ['prod', 'web'] });
    await expect(s.setTags([`hv-01/${A}`], ['x'], [])).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('InventoryPrefsStore: a version-1 file of an existing user', () => {
  const fixture = readFileSync(join(__dirname, '../../fixtures/state-v1/inventory-prefs.json'), 'utf8');

  it('moves every tag to its VM Id on first start, merging a replica on two hosts as a union, and keeps every saved view', async () => {
    const files = memDocumentFiles({ '/d/inventory-prefs.json': fixture });
    const store = new InventoryPrefsStore('/d/inventory-prefs.json', files, recordingLog());
    await store.load();
    const v1 = JSON.parse(fixture) as { views: Record<string, unknown>[] };
    // Every view is kept as it was, and (version 3) gets the columns the grid showed before views had columns.
    const views = v1.views.map((v) => ({ ...v, columns: { order: columnsBeforeV3, hidden: [], widths: {} } }));
    expect(v1.views.length).toBeGreaterThan(0);
    expect(store.get()).toEqual({
      version: 3,
      tags: {
        [A]: ['dr', 'prod', 'web'],
        [B]: ['財務'],
        '3a9e7b21-3333-4f00-a1b2-c3d4e5f60003': ['sql'],
      },
      views,
    });
    // Written back at once in the new format; nothing was set aside.
    expect(JSON.parse(files.data.get('/d/inventory-prefs.json')!)).toEqual({ version: 3, tags: store.get().tags, views });
    expect([...files.data.keys()]).toEqual(['/d/inventory-prefs.json']);
    expect(store.get().problem).toBeUndefined();
  });
});

const columnsBeforeV3 = ['name', 'host', 'state', 'cpuUsage', 'memoryAssigned', 'memoryDemand', 'uptimeSeconds', 'heartbeat', 'generation', 'version', 'checkpointCount', 'replicationState', 'notes'];

describe('InventoryPrefsStore: a version-2 file (views without columns)', () => {
  it('keeps every tag and every view with its query, and gives each view the columns it showed then', async () => {
    const query = { search: 'sql', hostIds: ['lab'], states: ['Running'], tags: ['prod'], sort: { key: 'cpuUsage', dir: 'desc' } };
    const v2 = { version: 2, tags: { [A]: ['prod'] }, views: [{ id: 'v1', name: 'SQL running', query }] };
    const files = memDocumentFiles({ '/d/inventory-prefs.json': JSON.stringify(v2) });
    const store = new InventoryPrefsStore('/d/inventory-prefs.json', files, recordingLog());
    await store.load();
    const expected = { version: 3, tags: { [A]: ['prod'] }, views: [{ id: 'v1', name: 'SQL running', query, columns: { order: columnsBeforeV3, hidden: [], widths: {} } }] };
    expect(store.get()).toEqual(expected);
    expect(JSON.parse(files.data.get('/d/inventory-prefs.json')!)).toEqual(expected);
    expect(store.get().problem).toBeUndefined();
  });

  it('saves a view with its column layout (order, hidden, widths) and reads it back', async () => {
    const files = memDocumentFiles({});
    const store = new InventoryPrefsStore('/d/inventory-prefs.json', files, recordingLog());
    await store.load();
    const columns = { order: ['state', 'name', 'ipAddresses'] as const, hidden: ['notes'] as const, widths: { name: 300 } };
    const query = { search: '', hostIds: [], states: [], tags: [], sort: { key: 'name' as const, dir: 'asc' as const } };
    await store.saveView({ id: 'v2', name: 'Narrow', query, columns: { order: [...columns.order], hidden: [...columns.hidden], widths: columns.widths } });
    const again = new InventoryPrefsStore('/d/inventory-prefs.json', files, recordingLog());
    await again.load();
    expect(again.get().views).toEqual([{ id: 'v2', name: 'Narrow', query, columns: { order: ['state', 'name', 'ipAddresses'], hidden: ['notes'], widths: { name: 300 } } }]);
  });
});

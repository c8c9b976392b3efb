import { describe, expect, it } from 'vitest';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { collatorFor, filterRows, normalizeForSearch, sortRows, stateGroup, type QueryContext } from '../../../renderer/src/features/inventory/grid-query';
import { vm } from './fakes';

const row = (hostId: string, id: string, over: Partial<VmRow> = {}): VmRow => ({ ...(vm(id) as VmRow), hostId, ...over });
const rows: VmRow[] = [
  row('h1', '1', { name: 'web10', state: 'Running', cpuUsage: 40 }),
  row('h1', '2', { name: 'web9', state: 'Off', cpuUsage: 0 }),
  row('h2', '3', { name: '測試伺服器', state: 'Saved', notes: '財務部' }),
  row('h2', '4', { name: 'Alpha', state: 'Paused', cpuUsage: 5 }),
  row('h2', '5', { name: '資料庫', state: 'Starting' }),
];
const ctx = (locale = 'en', tags: Record<string, string[]> = {}): QueryContext => ({
  hostNames: new Map([['h1', 'HV-LAB01'], ['h2', 'HV-LAB02']]),
  tags,
  collator: collatorFor(locale),
});
const q = (over: Partial<Parameters<typeof filterRows>[1]> = {}) => ({ search: '', hostIds: [], states: [], tags: [], ...over });
const names = (list: VmRow[]) => list.map((r) => r.name);

describe('grid search and filters', () => {
  it('finds Chinese names and notes by a part of the text', () => {
    expect(names(filterRows(rows, q({ search: '伺服' }), ctx()))).toEqual(['測試伺服器']);
    expect(names(filterRows(rows, q({ search: '財務' }), ctx()))).toEqual(['測試伺服器']);
  });

  it('ignores case and full-width forms; every word must match', () => {
    expect(names(filterRows(rows, q({ search: 'ＷＥＢ1' }), ctx()))).toEqual(['web10']);
    expect(names(filterRows(rows, q({ search: 'web running' }), ctx()))).toEqual(['web10']);
    expect(names(filterRows(rows, q({ search: 'hv-lab02 alpha' }), ctx()))).toEqual(['Alpha']);
    expect(normalizeForSearch('ＡＢＣ')).toBe('abc');
  });

  it('filters by host, state group and tags (all tags must be present; tags are keyed by VM Id)', () => {
    expect(names(filterRows(rows, q({ hostIds: ['h1'] }), ctx()))).toEqual(['web10', 'web9']);
    expect(names(filterRows(rows, q({ states: ['Other'] }), ctx()))).toEqual(['資料庫']);
    const tagged = ctx('en', { '1': ['prod', 'web'], '4': ['prod'] });
    expect(names(filterRows(rows, q({ tags: ['prod'] }), tagged))).toEqual(['web10', 'Alpha']);
    expect(names(filterRows(rows, q({ tags: ['prod', 'web'] }), tagged))).toEqual(['web10']);
    expect(names(filterRows(rows, q({ search: 'web' }), ctx('en', { '4': ['web'] })))).toEqual(['web10', 'web9', 'Alpha']);
  });

  it('shows a VM\'s tags on every host it appears on (a migrated VM or a replica), whatever the case of its Id', () => {
    const twins = [row('h1', 'ABC-1', { name: 'primary' }), row('h2', 'abc-1', { name: 'replica' }), row('h2', 'other', { name: 'other' })];
    expect(names(filterRows(twins, q({ tags: ['gold'] }), ctx('en', { 'abc-1': ['gold'] })))).toEqual(['primary', 'replica']);
  });

  it('groups Hyper-V states', () => {
    expect(stateGroup('RunningCritical')).toBe('Running');
    expect(stateGroup('FastSaved')).toBe('Saved');
    expect(stateGroup('Stopping')).toBe('Other');
  });

  it('filters 10,000 rows, and follows tag changes made after the search text was cached', () => {
    // (Speed is measured by bench/inventory.bench.ts in Chromium, not asserted on a shared CI machine.)
    const many = Array.from({ length: 10_000 }, (_, i) => row(`h${i % 16}`, String(i), { name: `vm-${i}-名稱` }));
    const c = ctx();
    expect(filterRows(many, q({ search: 'vm-99' }), c)).toHaveLength(111);
    expect(filterRows(many, q({ search: 'vm-99 名稱' }), c)).toHaveLength(111);
    expect(filterRows(many, q({ search: 'gold' }), c)).toHaveLength(0);
    const retagged = { ...c, tags: { '3': ['gold'] } };
    expect(names(filterRows(many, q({ search: 'gold' }), retagged))).toEqual(['vm-3-名稱']);
  });
});

describe('grid search text cache', () => {
  it('follows a renamed host: the new name matches and the old one no longer does', () => {
    const c = ctx();
    expect(names(filterRows(rows, q({ search: 'hv-lab01' }), c))).toEqual(['web10', 'web9']);
    const renamed = { ...c, hostNames: new Map([['h1', 'HV-EDGE'], ['h2', 'HV-LAB02']]) };
    expect(names(filterRows(rows, q({ search: 'hv-lab01' }), renamed))).toEqual([]);
    expect(names(filterRows(rows, q({ search: 'hv-edge' }), renamed))).toEqual(['web10', 'web9']);
    // Back to the first context (same maps as before): its host name is found again.
    expect(names(filterRows(rows, q({ search: 'hv-lab01' }), c))).toEqual(['web10', 'web9']);
  });

  it('keeps one collator per locale (sort ranks are cached per collator)', () => {
    expect(collatorFor('zh-TW')).toBe(collatorFor('zh-TW'));
    expect(collatorFor('en')).not.toBe(collatorFor('zh-TW'));
  });
});

describe('grid sort', () => {
  it('sorts names with the locale collation, numerically', () => {
    const sorted = names(sortRows(rows, { key: 'name', dir: 'asc' }, ctx('en')));
    expect(sorted.indexOf('web9')).toBeLessThan(sorted.indexOf('web10'));
    expect(sorted[0]).toBe('Alpha');
  });

  it('sorts Chinese names by the zh-TW collation and reverses for descending', () => {
    const zh = collatorFor('zh-TW');
    const asc = names(sortRows(rows, { key: 'name', dir: 'asc' }, ctx('zh-TW')));
    expect(asc).toEqual([...asc].sort(zh.compare));
    const desc = names(sortRows(rows, { key: 'name', dir: 'desc' }, ctx('zh-TW')));
    expect(desc).toEqual([...asc].reverse());
  });

  it('sorts numbers as numbers and breaks ties by name', () => {
    const byCpu = names(sortRows(rows, { key: 'cpuUsage', dir: 'desc' }, ctx()));
    expect(byCpu.slice(0, 2)).toEqual(['web10', 'Alpha']);
    const byHost = names(sortRows(rows, { key: 'host', dir: 'asc' }, ctx()));
    expect(byHost.slice(0, 2)).toEqual(['web9', 'web10']);
  });

  it('orders equal names (here on two hosts) by their key, whatever the input order', () => {
    const twins = [row('h2', 'b', { name: 'dup' }), row('h1', 'z', { name: 'dup' }), row('h1', 'a', { name: 'dup' }), row('h1', 'c', { name: 'aaa' })];
    const keys = (list: VmRow[]) => list.map((r) => `${r.hostId}/${r.id}`);
    expect(keys(sortRows(twins, { key: 'name', dir: 'asc' }, ctx()))).toEqual(['h1/c', 'h1/a', 'h1/z', 'h2/b']);
    expect(keys(sortRows([...twins].reverse(), { key: 'name', dir: 'asc' }, ctx()))).toEqual(['h1/c', 'h1/a', 'h1/z', 'h2/b']);
    expect(keys(sortRows(twins, { key: 'name', dir: 'desc' }, ctx()))).toEqual(['h2/b', 'h1/z', 'h1/a', 'h1/c']);
  });

  it('an empty query shows the sorted rows themselves (no copy to build per keystroke)', () => {
    const sorted = sortRows(rows, { key: 'name', dir: 'asc' }, ctx());
    expect(filterRows(sorted, q(), ctx())).toBe(sorted);
    expect(filterRows(sorted, q({ search: '  ' }), ctx())).toBe(sorted);
    expect(filterRows(sorted, q({ states: ['Running'] }), ctx())).not.toBe(sorted);
  });
});

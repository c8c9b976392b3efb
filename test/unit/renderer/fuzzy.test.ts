import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../renderer/src/ui/fuzzy';

describe('fuzzy matching (command palette)', () => {
  it('matches the typed characters in order, ignoring case and width', () => {
    expect(fuzzyScore('dc1', 'DC1')).not.toBeNull();
    expect(fuzzyScore('ｄｃ１', 'DC1')).not.toBeNull();
    expect(fuzzyScore('1cd', 'DC1')).toBeNull();
    expect(fuzzyScore('xyz', 'DC1')).toBeNull();
  });

  it('ranks an exact name over word starts over scattered letters', () => {
    const names = ['dhcp-server-01', 'Dev-Cluster-1', 'DC1'];
    expect(fuzzyFilter('dc1', names, (n) => n)).toEqual(['DC1', 'Dev-Cluster-1', 'dhcp-server-01']);
  });

  it('keeps at most the limit, and everything for an empty query in the given order', () => {
    const many = Array.from({ length: 100 }, (_, i) => `vm-${i}`);
    expect(fuzzyFilter('vm', many, (n) => n, 10)).toHaveLength(10);
    expect(fuzzyFilter('', ['b', 'a'], (n) => n)).toEqual(['b', 'a']);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyKind } from '../../../renderer/src/features/inventory/empty-kind';

const base = { hostCount: 2, rowCount: 10, shownCount: 0, filtered: false, hostId: null, hostName: null, hostRowCount: 0 };

describe('which empty state the grid shows', () => {
  it('none while there are rows to show', () => {
    expect(emptyKind({ ...base, shownCount: 3 })).toBeNull();
  });
  it('no hosts at all (offers Add host)', () => {
    expect(emptyKind({ ...base, hostCount: 0, rowCount: 0 })).toEqual({ kind: 'noHosts' });
  });
  it('a search or filter that matches nothing (offers Clear filter)', () => {
    expect(emptyKind({ ...base, filtered: true })).toEqual({ kind: 'noMatch' });
  });
  it('a host with no VMs, even with a search typed (offers New VM)', () => {
    expect(emptyKind({ ...base, hostId: 'h2', hostName: 'HV-LAB02', filtered: true })).toEqual({ kind: 'hostEmpty', hostName: 'HV-LAB02' });
  });
  it('hosts but no VMs anywhere', () => {
    expect(emptyKind({ ...base, rowCount: 0 })).toEqual({ kind: 'noVms' });
  });
});

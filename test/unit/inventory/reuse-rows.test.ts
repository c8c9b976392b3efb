import { describe, expect, it } from 'vitest';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { reuseRows } from '../../../renderer/src/stores/reuse-rows';

const row = (id: string, patch: Partial<VmRow> = {}): VmRow => ({
  hostId: 'h1', id, name: `vm-${id}`, state: 'Running', status: '', cpuUsage: 3, memoryAssigned: 2 ** 30, memoryDemand: 2 ** 29,
  memoryStartup: 2 ** 30, dynamicMemory: false, processorCount: 2, uptimeSeconds: 60, heartbeat: null, generation: 2, version: '9.0',
  checkpointCount: 0, replicationState: 'Disabled', notes: '', ipAddresses: [], ...patch,
});

describe('reuseRows', () => {
  it('keeps the previous array when a pull brings equal rows', () => {
    const prev = [row('a'), row('b')];
    expect(reuseRows(prev, [row('a'), row('b')])).toBe(prev);
  });

  it('compares the IP address lists by their items: a poll with the same addresses keeps the rows, a new address replaces one', () => {
    const prev = [row('a', { ipAddresses: ['10.0.0.5', 'fe80::5'] }), row('b', { ipAddresses: ['10.0.0.6'] })];
    expect(reuseRows(prev, [row('a', { ipAddresses: ['10.0.0.5', 'fe80::5'] }), row('b', { ipAddresses: ['10.0.0.6'] })])).toBe(prev);
    const next = reuseRows(prev, [row('a', { ipAddresses: ['10.0.0.5', 'fe80::5'] }), row('b', { ipAddresses: ['10.0.0.7'] })]);
    expect(next[0]).toBe(prev[0]);
    expect(next[1]!.ipAddresses).toEqual(['10.0.0.7']);
  });

  it('keeps unchanged row objects and takes the changed ones', () => {
    const prev = [row('a'), row('b'), row('c')];
    const next = reuseRows(prev, [row('a'), row('b', { cpuUsage: 40 }), row('c')]);
    expect(next).not.toBe(prev);
    expect(next[0]).toBe(prev[0]);
    expect(next[1]!.cpuUsage).toBe(40);
    expect(next[2]).toBe(prev[2]);
  });

  it('takes a row whose fields differ in number (a field added or dropped) as changed', () => {
    const prev = [row('a')];
    const { notes: _dropped, ...fewer } = row('a');
    expect(reuseRows(prev, [fewer as VmRow])[0]).not.toBe(prev[0]);
    expect(reuseRows(prev, [{ ...row('a'), extra: 1 } as VmRow])[0]).not.toBe(prev[0]);
  });

  it('matches by key when the order changed, in either direction', () => {
    const prev = [row('a'), row('b'), row('c')];
    const next = reuseRows(prev, [row('c'), row('a'), row('b', { state: 'Off' })]);
    expect(next[0]).toBe(prev[2]);
    expect(next[1]).toBe(prev[0]);
    expect(next[2]!.state).toBe('Off');
    const shorter = reuseRows(prev, [row('a'), row('b')]);
    expect(shorter).not.toBe(prev);
    expect(shorter).toHaveLength(2);
    expect(shorter[1]).toBe(prev[1]);
  });

  it('follows the new order, additions and removals', () => {
    const prev = [row('a'), row('b')];
    const next = reuseRows(prev, [row('b'), row('c')]);
    expect(next.map((r) => r.id)).toEqual(['b', 'c']);
    expect(next[0]).toBe(prev[1]);
  });
});

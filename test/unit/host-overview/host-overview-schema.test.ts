import { describe, expect, it } from 'vitest';
import { HostOverview, HostSample } from '../../../shared/features/host-overview/host-overview.contract';
import { appendSample, countByState, isAtRest, toSeries, vmFigure, type TimedSample } from '../../../renderer/src/features/host-overview/live-series';

// An answer as get-host-overview.ps1 prints it against the lab (trimmed), so the schema and the script agree.
const labAnswer = {
  name: 'HV-LAB01',
  fqdn: 'hv-lab01.contoso.local',
  os: { caption: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348', buildNumber: '20348' },
  processors: { logical: 16, sockets: 2, cores: 8, model: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz' },
  memory: { totalBytes: 137438953472, freeBytes: 107120427008, capacityBytes: 137438953472 },
  storage: [
    { role: 'vms', path: '/tmp/lab/HV-LAB01', volume: '/', label: null, sizeBytes: 270553174016, freeBytes: 82888032256 },
    { role: 'disks', path: '\\\\nas\\vhds', volume: null, label: null, sizeBytes: null, freeBytes: null },
  ],
  vms: { total: 4, byState: [{ state: 'Running', count: 3 }, { state: 'Off', count: 1 }] },
};

const vm = (id: string, state: string, cpu: number, assigned: number) => ({ id, name: id.toUpperCase(), state, cpuUsage: cpu, memoryAssigned: assigned, memoryDemand: assigned / 2 });
const at = (s: number, cpu: number | null, vms: ReturnType<typeof vm>[]): TimedSample => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(),
  sample: { cpuPercent: cpu, memory: { totalBytes: 8 * 2 ** 30, freeBytes: 2 * 2 ** 30 }, vms },
});

describe('host overview schema', () => {
  it('accepts what the script answers, a folder with no local volume included', () => {
    expect(HostOverview.parse(labAnswer)).toEqual(labAnswer);
  });

  it('refuses an answer of the wrong shape (negative bytes, an unknown folder role, a missing count)', () => {
    expect(HostOverview.safeParse({ ...labAnswer, memory: { ...labAnswer.memory, freeBytes: -1 } }).success).toBe(false);
    expect(HostOverview.safeParse({ ...labAnswer, storage: [{ ...labAnswer.storage[0], role: 'iso' }] }).success).toBe(false);
    expect(HostOverview.safeParse({ ...labAnswer, vms: { byState: [] } }).success).toBe(false);
  });

  it('a sample keeps a host without the hypervisor counter (null CPU) and refuses a CPU above 100 %', () => {
    expect(HostSample.parse({ cpuPercent: null, memory: { totalBytes: 1, freeBytes: 0 }, vms: [] }).cpuPercent).toBeNull();
    expect(HostSample.safeParse({ cpuPercent: 140, memory: { totalBytes: 1, freeBytes: 0 }, vms: [] }).success).toBe(false);
  });
});

describe('live series', () => {
  it('an Off or Saved VM shows no figure ("—"), a running one its value, zero included', () => {
    expect(vmFigure({ state: 'Off' }, 0)).toBeNull();
    expect(vmFigure({ state: 'Saved' }, 0)).toBeNull();
    expect(vmFigure({ state: 'OffCritical' }, 0)).toBeNull();
    expect(vmFigure({ state: 'Running' }, 0)).toBe(0);
    expect(vmFigure({ state: 'Paused' }, 4096)).toBe(4096);
    expect(isAtRest('Running')).toBe(false);
  });

  it('builds uPlot columns: host CPU and memory in use, each VM of the latest sample with gaps where it was off or absent', () => {
    const s = toSeries([at(0, 10, [vm('a', 'Running', 20, 2 * 2 ** 30)]), at(2, 30, [vm('a', 'Off', 0, 0), vm('b', 'Running', 5, 2 ** 30)])]);
    expect(s.times).toEqual([1767225600, 1767225602]);
    expect(s.hostCpu).toEqual([10, 30]);
    expect(s.hostMemoryGb).toEqual([6, 6]);
    expect(s.vms).toEqual([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    expect(s.vmCpu).toEqual([[20, null], [null, 5]]);
    expect(s.vmMemoryGb).toEqual([[2, null], [null, 1]]);
  });

  it('keeps the last samples only, and counts VMs by state', () => {
    let list: TimedSample[] = [];
    for (let i = 0; i < 5; i++) list = appendSample(list, at(i, i, []), 3);
    expect(list.map((x) => x.sample.cpuPercent)).toEqual([2, 3, 4]);
    expect(countByState([vm('a', 'Running', 1, 1), vm('b', 'Off', 0, 0), vm('c', 'Running', 1, 1)])).toEqual([
      { state: 'Running', count: 2 },
      { state: 'Off', count: 1 },
    ]);
  });
});

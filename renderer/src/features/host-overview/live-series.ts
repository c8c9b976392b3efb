import type { HostSample, VmSample } from '../../../../shared/features/host-overview/host-overview.contract';

/** A sample as the page keeps it: main's time of the sample and what the host answered. */
export interface TimedSample {
  at: string;
  sample: HostSample;
}

/** How many samples a chart keeps (3 minutes at one sample every 2 s). */
export const KEEP_SAMPLES = 90;

/** States in which a VM holds no processor and no memory: its figures are "—", never 0. */
const AT_REST = /^(Off|Saved|FastSaved|Hibernated)(Critical)?$/;

export const isAtRest = (state: string): boolean => AT_REST.test(state);

/** A VM's figure as the page shows it: null ("—") for a VM at rest, whatever the host reported. */
export function vmFigure(vm: Pick<VmSample, 'state'>, value: number): number | null {
  return isAtRest(vm.state) ? null : value;
}

/** Appends a sample and drops the oldest beyond `keep`. */
export function appendSample(list: readonly TimedSample[], next: TimedSample, keep = KEEP_SAMPLES): TimedSample[] {
  const out = [...list, next];
  return out.length > keep ? out.slice(out.length - keep) : out;
}

const GB = 1024 ** 3;

export interface LiveSeries {
  /** Unix seconds of each sample. */
  times: number[];
  hostCpu: (number | null)[];
  hostMemoryGb: (number | null)[];
  /** The VMs of the latest sample, in its order. */
  vms: { id: string; name: string }[];
  /** Per VM (same order as `vms`), per sample: null where the VM was at rest or not on the host. */
  vmCpu: (number | null)[][];
  vmMemoryGb: (number | null)[][];
}

/** uPlot's columns from the kept samples: host CPU and memory in use, and each VM's CPU and memory assigned. */
export function toSeries(samples: readonly TimedSample[]): LiveSeries {
  const last = samples.at(-1)?.sample;
  const vms = (last?.vms ?? []).map((v) => ({ id: v.id, name: v.name }));
  const times = samples.map((s) => Math.floor(Date.parse(s.at) / 1000));
  const hostCpu = samples.map((s) => s.sample.cpuPercent);
  const hostMemoryGb = samples.map((s) => round1((s.sample.memory.totalBytes - s.sample.memory.freeBytes) / GB));
  const pick = (id: string, f: (v: VmSample) => number) =>
    samples.map((s) => {
      const vm = s.sample.vms.find((v) => v.id === id);
      return vm ? vmFigure(vm, f(vm)) : null;
    });
  return {
    times,
    hostCpu,
    hostMemoryGb,
    vms,
    vmCpu: vms.map((v) => pick(v.id, (x) => x.cpuUsage)),
    vmMemoryGb: vms.map((v) => pick(v.id, (x) => round1(x.memoryAssigned / GB))),
  };
}

/** VMs counted by state, in the order first seen. */
export function countByState(vms: readonly Pick<VmSample, 'state'>[]): { state: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of vms) counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
  return [...counts].map(([state, count]) => ({ state, count }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

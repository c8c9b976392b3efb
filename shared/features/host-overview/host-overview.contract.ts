import { z } from 'zod';
import { channel } from '../../ipc/define';
import { IpcErrorShape } from '../../ipc/errors';
import { defineLive } from '../../ipc/live';

const bytes = z.number().int().nonnegative();

/** One folder of Get-VMHost (VirtualMachinePath or VirtualHardDiskPath) and the volume that holds it (null: none found, e.g. a share). */
export const HostStorage = z.object({
  role: z.enum(['vms', 'disks']),
  path: z.string(),
  volume: z.string().nullable(),
  label: z.string().nullable(),
  sizeBytes: bytes.nullable(),
  freeBytes: bytes.nullable(),
});
export type HostStorage = z.infer<typeof HostStorage>;

/** What get-host-overview.ps1 answers: the host at a glance, read in one round trip. */
export const HostOverview = z.object({
  name: z.string(),
  fqdn: z.string(),
  /** Win32_OperatingSystem: Get-VMHost has no version, the Hyper-V role is the OS's. */
  os: z.object({ caption: z.string(), version: z.string(), buildNumber: z.string() }),
  /** Logical processors from Get-VMHost; sockets and cores from Win32_Processor (one instance per socket). */
  processors: z.object({ logical: z.number().int().nonnegative(), sockets: z.number().int().nonnegative(), cores: z.number().int().nonnegative(), model: z.string().nullable() }),
  /** Win32_OperatingSystem's visible memory and free memory; MemoryCapacity is Get-VMHost's installed memory. */
  memory: z.object({ totalBytes: bytes, freeBytes: bytes, capacityBytes: bytes }),
  storage: z.array(HostStorage),
  vms: z.object({ total: z.number().int().nonnegative(), byState: z.array(z.object({ state: z.string(), count: z.number().int().nonnegative() })) }),
});
export type HostOverview = z.infer<typeof HostOverview>;

/** The host's reason, as every call's error is shaped (the renderer says it in the user's language). */
const ErrorShape = IpcErrorShape;

/** The page's answer: the last figures main read (null when never), whether they are from an earlier read, and why the latest read failed. */
export const HostOverviewView = z.object({
  hostId: z.string(),
  overview: HostOverview.nullable(),
  /** When `overview` was read (ISO 8601), null when never. */
  fetchedAt: z.string().nullable(),
  /** True when the latest read failed and `overview` is the last known one. */
  stale: z.boolean(),
  error: ErrorShape.nullable(),
});
export type HostOverviewView = z.infer<typeof HostOverviewView>;

/** One VM in a live sample (Get-VM's CPUUsage, MemoryAssigned, MemoryDemand). An Off VM reports 0s: the page shows "—". */
export const VmSample = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  cpuUsage: z.number().nonnegative(),
  memoryAssigned: bytes,
  memoryDemand: bytes,
});
export type VmSample = z.infer<typeof VmSample>;

/** What get-host-perf.ps1 answers: one sample of the live figures. */
export const HostSample = z.object({
  /** Hyper-V Hypervisor Logical Processor(_Total) % Total Run Time; null when the host has no such counter. */
  cpuPercent: z.number().min(0).max(100).nullable(),
  memory: z.object({ totalBytes: bytes, freeBytes: bytes }),
  vms: z.array(VmSample),
});
export type HostSample = z.infer<typeof HostSample>;

/** hostOverview.lease {id: hostId} while the page shows that host: main samples it every few seconds; the poll stops when no client holds the lease. */
export const hostOverviewLive = defineLive('hostOverview', { id: z.string().min(1).max(200) });

export const hostOverviewChannels = {
  /** Reads the host now (one round trip); on failure answers the last known figures marked stale, with the reason. */
  'hostOverview.get': channel(z.object({ hostId: z.string().min(1) }), HostOverviewView),
  ...hostOverviewLive.channels,
};

export const hostOverviewEvents = {
  /** One live sample for the holders of the host's lease: the figures, or why the host could not be read. */
  'hostOverview.sample': hostOverviewLive.event({
    /** When main took it (ISO 8601, main's clock). */
    at: z.string(),
    sample: HostSample.nullable(),
    error: ErrorShape.nullable(),
  }),
};

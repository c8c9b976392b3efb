import { z } from 'zod';

/**
 * One VM as the grid shows it: every column, from one round trip per host (get-inventory.ps1).
 * Enums travel as their .NET member names (VMState 'Running', VMHeartbeatStatus 'OkApplicationsHealthy'...).
 */
export const VmRow = z.object({
  hostId: z.string(),
  id: z.string(),
  name: z.string(),
  state: z.string(),
  status: z.string().default(''),
  cpuUsage: z.number(),
  memoryAssigned: z.number(),
  memoryDemand: z.number(),
  memoryStartup: z.number(),
  dynamicMemory: z.boolean(),
  processorCount: z.number(),
  uptimeSeconds: z.number(),
  heartbeat: z.string().nullable(),
  generation: z.number(),
  version: z.string(),
  checkpointCount: z.number(),
  replicationState: z.string(),
  notes: z.string(),
  /** What the guest reports through KVP (Get-VMNetworkAdapter IPAddresses), all adapters; empty when off. */
  ipAddresses: z.array(z.string()).default([]),
});
export type VmRow = z.infer<typeof VmRow>;

/**
 * A grid row's identity: the VM at one place (`hostId/vmId`), because a replica shows once per host. It is not the
 * VM's identity: what belongs to the VM (tags, roles, groups) is keyed `vmKey(vmId)` from shared/platform/vm-ref.
 */
export const rowKey = (row: { hostId: string; id: string }): string => `${row.hostId}/${row.id}`;

export const HostInventory = z.object({
  hostId: z.string(),
  vms: z.array(VmRow),
  /** When the rows were read from the host (ISO 8601); null if never. */
  fetchedAt: z.string().nullable(),
  /** True while the rows come from the cache and no refresh has succeeded since start. */
  stale: z.boolean(),
  /** Set when the last refresh failed: the rows are the last known ones. */
  error: z
    .object({ code: z.string(), message: z.string() })
    .optional(),
});
export type HostInventory = z.infer<typeof HostInventory>;

/** States in which a VM is "on" for validation purposes (settings that need it off). */
export const vmOffStates: readonly string[] = ['Off', 'OffCritical'];
export const isVmOff = (state: string): boolean => vmOffStates.includes(state);

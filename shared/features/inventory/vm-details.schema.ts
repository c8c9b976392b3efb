import { z } from 'zod';

const Drive = z.object({
  controllerType: z.string(),
  controllerNumber: z.number(),
  controllerLocation: z.number(),
  path: z.string().nullable(),
});

/** The details panel and the settings editor's starting point (get-vm-details.ps1). */
export const VmDetails = z.object({
  hostId: z.string(),
  id: z.string(),
  name: z.string(),
  state: z.string(),
  status: z.string(),
  generation: z.number(),
  version: z.string(),
  uptimeSeconds: z.number(),
  cpuUsage: z.number(),
  heartbeat: z.string().nullable(),
  integrationServicesVersion: z.string().nullable(),
  creationTime: z.string().nullable(),
  configurationLocation: z.string(),
  snapshotFileLocation: z.string(),
  path: z.string(),
  replicationState: z.string(),
  checkpointCount: z.number(),
  checkpointType: z.string(),
  automaticStartAction: z.string(),
  automaticStartDelay: z.number(),
  automaticStopAction: z.string(),
  notes: z.string(),
  guest: z.object({
    computerName: z.string().nullable(),
    osName: z.string().nullable(),
    osVersion: z.string().nullable(),
  }),
  processor: z.object({ count: z.number(), reserve: z.number(), maximum: z.number(), relativeWeight: z.number() }),
  memory: z.object({
    dynamic: z.boolean(),
    startup: z.number(),
    minimum: z.number(),
    maximum: z.number(),
    buffer: z.number(),
    priority: z.number(),
    assigned: z.number(),
    demand: z.number(),
  }),
  hardDrives: z.array(Drive),
  dvdDrives: z.array(Drive),
  networkAdapters: z.array(z.object({ id: z.string(), name: z.string(), switchName: z.string().nullable(), macAddress: z.string() })),
  /** Boot order as the device kinds Hyper-V knows: Gen1 BootDevice names; Gen2 entries describe their device. */
  bootOrder: z.array(z.object({ kind: z.string(), description: z.string() })),
  /** Gen2 only. */
  firmware: z.object({ secureBoot: z.boolean(), secureBootTemplate: z.string().nullable() }).nullable(),
  /** Gen2 only; null when the host cannot tell (e.g. the cmdlet is unavailable). */
  tpmEnabled: z.boolean().nullable(),
});
export type VmDetails = z.infer<typeof VmDetails>;

export const HostOptions = z.object({
  hostId: z.string(),
  switches: z.array(z.object({ name: z.string(), switchType: z.string() })),
  virtualMachinePath: z.string(),
  virtualHardDiskPath: z.string(),
  logicalProcessorCount: z.number(),
  memoryCapacity: z.number(),
  secureBootTemplates: z.array(z.string()),
});
export type HostOptions = z.infer<typeof HostOptions>;

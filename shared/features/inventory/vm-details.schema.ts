import { z } from 'zod';

const Drive = z.object({
  controllerType: z.string(),
  controllerNumber: z.number(),
  controllerLocation: z.number(),
  path: z.string().nullable(),
});

/** A hard disk with what its VHD header says (Get-VHD): null when the file cannot be read or is pass-through. */
const HardDrive = Drive.extend({
  vhdType: z.string().nullable().default(null),
  vhdFormat: z.string().nullable().default(null),
  /** Bytes on disk now. */
  fileSize: z.number().nullable().default(null),
  /** Virtual (maximum) size in bytes. */
  size: z.number().nullable().default(null),
});
export type HardDrive = z.infer<typeof HardDrive>;

const NetworkAdapter = z.object({
  id: z.string(),
  name: z.string(),
  switchName: z.string().nullable(),
  macAddress: z.string(),
  dynamicMac: z.boolean().default(true),
  macSpoofing: z.boolean().default(false),
  isLegacy: z.boolean().default(false),
  /** Access VLAN; 0 = untagged. */
  vlanId: z.number().default(0),
  /** Bits per second; null = no limit / no reservation. */
  maximumBandwidth: z.number().nullable().default(null),
  minimumBandwidthAbsolute: z.number().nullable().default(null),
  /** Reported by the guest's integration services while it runs. */
  ipAddresses: z.array(z.string()).default([]),
});
export type NetworkAdapterDetails = z.infer<typeof NetworkAdapter>;

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
  hardDrives: z.array(HardDrive),
  dvdDrives: z.array(Drive),
  networkAdapters: z.array(NetworkAdapter),
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

import { z } from 'zod';

const MB = 1024 * 1024;
const name = z.string().trim().min(1).max(100);
const bytes = z.number().int().min(32 * MB).max(12 * 1024 * 1024 * MB);

const GB = 1024 * MB;
/** VHDX holds up to 64 TB; 1 GB is the smallest disk the editor makes. */
export const diskLimits = { minBytes: GB, maxBytes: 64 * 1024 * GB, vhdMaxBytes: 2040 * GB } as const;
const diskBytes = z.number().int().min(diskLimits.minBytes).max(diskLimits.maxBytes);
/** Bits per second; 0 = no limit / no reservation (Hyper-V's own meaning). Up to 1 Tbps. */
const bandwidth = z.number().int().min(0).max(1_000_000_000_000);
export const vlanLimits = { min: 1, max: 4094 } as const;

const AdapterChange = z.object({
  id: z.string().min(1),
  switchName: name.nullable().optional(),
  /** 0 = untagged. */
  vlanId: z.number().int().min(0).max(vlanLimits.max).optional(),
  /** 12 hex digits (separators allowed); null = dynamic. Format rules: vm-settings.validation.ts. */
  mac: z.string().max(17).nullable().optional(),
  macSpoofing: z.boolean().optional(),
  maximumBandwidth: bandwidth.optional(),
  minimumBandwidthAbsolute: bandwidth.optional(),
});
export type AdapterChange = z.infer<typeof AdapterChange>;

/** A disk's place on the VM: how Hyper-V addresses it (never by path or name). */
const DiskPlace = z.object({ controllerType: z.enum(['IDE', 'SCSI']), controllerNumber: z.number().int().min(0).max(3), controllerLocation: z.number().int().min(0).max(63) });
const NewDisk = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), path: z.string().min(1).max(1024), sizeBytes: diskBytes }),
  z.object({ kind: z.literal('existing'), path: z.string().min(1).max(1024) }),
]);

export const StartActions = ['Nothing', 'StartIfRunning', 'Start'] as const;
export const StopActions = ['TurnOff', 'Save', 'ShutDown'] as const;
export const CheckpointTypes = ['Disabled', 'Production', 'ProductionOnly', 'Standard'] as const;
export const Gen1BootDevices = ['Floppy', 'CD', 'IDE', 'LegacyNetworkAdapter'] as const;

/**
 * A settings change: every group is optional and only what is present is sent to the host.
 * Cross-field rules (dynamic memory limits, VM must be off) are in vm-settings.validation.ts so the
 * renderer checks them before sending and main checks them again.
 */
export const VmSettingsChange = z.object({
  processor: z.object({ count: z.number().int().min(1).max(240) }).optional(),
  memory: z
    .object({
      dynamic: z.boolean(),
      startup: bytes,
      minimum: bytes.optional(),
      maximum: bytes.optional(),
      buffer: z.number().int().min(5).max(2000).optional(),
      priority: z.number().int().min(0).max(10000).optional(),
    })
    .optional(),
  notes: z.string().max(4000).optional(),
  checkpointType: z.enum(CheckpointTypes).optional(),
  automaticStartAction: z.enum(StartActions).optional(),
  automaticStartDelay: z.number().int().min(0).max(86400).optional(),
  automaticStopAction: z.enum(StopActions).optional(),
  /** Per adapter (by Id), only what changes: switch (null disconnects), VLAN, MAC (null = dynamic), spoofing, bandwidth. */
  networkAdapters: z.array(AdapterChange).optional(),
  /** New synthetic adapters, each on a switch or not connected. */
  addAdapters: z.array(z.object({ switchName: name.nullable() })).max(8).optional(),
  /** Adapter Ids to remove. */
  removeAdapters: z.array(z.string().min(1)).max(12).optional(),
  /** DVD drive at controller/location -> ISO path (null empties it). */
  dvdDrives: z
    .array(z.object({ controllerNumber: z.number().int().min(0), controllerLocation: z.number().int().min(0), path: z.string().max(1024).nullable() }))
    .optional(),
  /** A DVD drive for a VM that has none, with an ISO in it or empty. */
  addDvdDrive: z.object({ path: z.string().max(1024).nullable() }).optional(),
  addDisks: z.array(NewDisk).max(4).optional(),
  /** Expand (Resize-VHD): to a larger size only. */
  resizeDisks: z.array(DiskPlace.extend({ sizeBytes: diskBytes })).max(8).optional(),
  /** Detach; the file is deleted only when deleteFile says so. */
  removeDisks: z.array(DiskPlace.extend({ deleteFile: z.boolean() })).max(8).optional(),
  /** Gen1: BootDevice names in order. Gen2: the first boot device kind ('VHD' | 'CD' | 'NetworkAdapter'). */
  bootOrder: z.array(z.string().min(1).max(40)).max(8).optional(),
  secureBoot: z.object({ enabled: z.boolean(), template: z.string().max(100).optional() }).optional(),
  tpm: z.boolean().optional(),
});
export type VmSettingsChange = z.infer<typeof VmSettingsChange>;

export const NewVmSpec = z.object({
  name,
  generation: z.union([z.literal(1), z.literal(2)]),
  memoryStartup: bytes,
  dynamicMemory: z.boolean(),
  processorCount: z.number().int().min(1).max(240),
  switchName: name.nullable(),
  disk: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new'), path: z.string().min(1).max(1024), sizeBytes: z.number().int().min(MB).max(64 * 1024 * 1024 * MB) }),
    z.object({ kind: z.literal('existing'), path: z.string().min(1).max(1024) }),
    z.object({ kind: z.literal('none') }),
  ]),
  isoPath: z.string().min(1).max(1024).nullable(),
  /** Folder for the VM's configuration; null = the host's default. */
  location: z.string().min(1).max(1024).nullable(),
});
export type NewVmSpec = z.infer<typeof NewVmSpec>;

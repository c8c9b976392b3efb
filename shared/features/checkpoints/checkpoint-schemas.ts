import { z } from 'zod';

/**
 * The data shapes the checkpoint scripts return (parsed with zod in main) and the tree channel carries.
 * Names follow the real Hyper-V objects (VMSnapshot, VirtualMachine, HardDiskDrive, VirtualHardDisk);
 * enums travel as their names, dates as ISO 8601.
 */

/** The role the user set for a VM; 'auto' follows the guest's KVP ProductType. */
export const GuestRole = z.enum(['auto', 'domain-controller', 'member']);
export type GuestRole = z.infer<typeof GuestRole>;

export const DiskRef = z.object({
  controllerType: z.string(),
  controllerNumber: z.number(),
  controllerLocation: z.number(),
  path: z.string().nullable(),
});
export type DiskRef = z.infer<typeof DiskRef>;

export const CheckpointInfo = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Hyper-V's SnapshotType name (Standard, Recovery, Planned, ...). */
  snapshotType: z.string(),
  /** The VM state captured in the checkpoint: Off = no memory state (production or taken while off). */
  state: z.string(),
  creationTime: z.string(),
  isAutomatic: z.boolean(),
  /** Bytes of the checkpoint's saved-state files (memory); 0 when it holds no memory state. */
  sizeOfSystemFiles: z.number().nullable(),
  path: z.string().nullable(),
  /** The disks as they were at the checkpoint: each path is the (A)VHDX file the checkpoint owns. */
  disks: z.array(DiskRef),
});
export type CheckpointInfo = z.infer<typeof CheckpointInfo>;

export const ChainLink = z.object({
  path: z.string(),
  exists: z.boolean(),
  vhdType: z.string().nullable(),
  fileSize: z.number().nullable(),
  parentPath: z.string().nullable(),
});
export type ChainLink = z.infer<typeof ChainLink>;

/** A VM disk with its differencing chain, from the file the VM writes to down to the base disk. */
export const DiskChain = DiskRef.extend({ chain: z.array(ChainLink) });
export type DiskChain = z.infer<typeof DiskChain>;

export const GuestInfo = z.object({
  /** KVP ProductType: 1 workstation, 2 domain controller, 3 server; null when the guest reports none. */
  productType: z.number().nullable(),
  osName: z.string().nullable(),
  fqdn: z.string().nullable(),
});
export type GuestInfo = z.infer<typeof GuestInfo>;

/** What get-checkpoint-tree.ps1 returns. */
export const CheckpointTreeScriptResult = z.object({
  vm: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    parentCheckpointId: z.string().nullable(),
    parentCheckpointName: z.string().nullable(),
    checkpointType: z.string(),
  }),
  checkpoints: z.array(CheckpointInfo),
  disks: z.array(DiskChain),
  guest: GuestInfo,
});
export type CheckpointTreeScriptResult = z.infer<typeof CheckpointTreeScriptResult>;

/**
 * The last role a VM's guest reported (KVP ProductType), kept by VM Id: an Off VM reports nothing, and a domain
 * controller shut down before an Apply must still be treated as one.
 */
export const LastSeenRole = z.object({ isDomainController: z.boolean(), productType: z.number(), seenAt: z.string() });
export type LastSeenRole = z.infer<typeof LastSeenRole>;

/**
 * Why main decided as it did: 'user' (set by hand), 'kvp' (reported a DC now), 'remembered' (the last report,
 * the guest reports nothing now), 'unknown' (a VM that is not running and never reported: treated as a
 * possible DC), 'none' (the running guest reports no DC role, or nothing).
 */
export const RoleSource = z.enum(['kvp', 'user', 'remembered', 'unknown', 'none']);
export type RoleSource = z.infer<typeof RoleSource>;

export const RoleDecision = z.object({
  isDomainController: z.boolean(),
  source: RoleSource,
  userRole: GuestRole,
  /** When the remembered role was last reported (source 'remembered'); null otherwise. */
  seenAt: z.string().nullable(),
});
export type RoleDecision = z.infer<typeof RoleDecision>;

/** The tree channel's answer: the script's data plus the role decision main made. */
export const CheckpointTreeData = CheckpointTreeScriptResult.extend({
  hostId: z.string(),
  role: RoleDecision,
  fetchedAt: z.string(),
});
export type CheckpointTreeData = z.infer<typeof CheckpointTreeData>;

/** get-chain-health.ps1: chains of the VM's disks, what the checkpoints own, and AVHDX files nobody owns. */
export const ChainHealthScriptResult = z.object({
  vmName: z.string(),
  vmState: z.string(),
  checkpointCount: z.number(),
  disks: z.array(DiskChain),
  /** Every (A)VHDX path a checkpoint or the VM references. */
  ownedPaths: z.array(z.string()),
  /** AVHDX files in the disks' folders whose chain leads to one of this VM's base disks. */
  candidates: z.array(
    z.object({ path: z.string(), fileSize: z.number().nullable(), parentPath: z.string().nullable(), chainRoot: z.string().nullable() }),
  ),
});
export type ChainHealthScriptResult = z.infer<typeof ChainHealthScriptResult>;

export const ChainIssue = z.object({
  kind: z.enum(['deep-chain', 'lingering-avhdx', 'broken-chain', 'avhdx-without-checkpoints']),
  path: z.string(),
  depth: z.number().optional(),
});
export type ChainIssue = z.infer<typeof ChainIssue>;

export const ChainHealth = z.object({
  hostId: z.string(),
  vmId: z.string(),
  vmName: z.string(),
  vmState: z.string(),
  checkpointCount: z.number(),
  disks: z.array(DiskChain.extend({ depth: z.number(), brokenAt: z.string().nullable() })),
  lingering: z.array(z.object({ path: z.string(), fileSize: z.number().nullable() })),
  issues: z.array(ChainIssue),
  fetchedAt: z.string(),
});
export type ChainHealth = z.infer<typeof ChainHealth>;

import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { CheckpointTreeData, ChainHealth, GuestRole, RoleSource } from './checkpoint-schemas';

/** Where a checkpoint action runs: a host and a VM on it (the VM by its Hyper-V Id). */
const VmRef = z.object({
  hostId: z.string().min(1),
  vmId: z.guid(),
  /** For task titles only; the VM is found by its Id. */
  vmName: z.string().max(200).optional(),
});
const CheckpointRef = VmRef.extend({ checkpointId: z.guid() });
const CheckpointName = z.string().trim().min(1).max(100);

/** The kind the user asks for when creating: production = VSS/fsfreeze inside the guest, no memory. */
export const CheckpointKind = z.enum(['standard', 'production']);
export type CheckpointKind = z.infer<typeof CheckpointKind>;

/** A deliberate override of a safety rule; the reason is recorded with the task and in the ledger. */
export const SafetyOverride = z.object({ reason: z.string().trim().min(5).max(500) });

/**
 * Warnings the user has seen and accepted before Apply. Main refuses an Apply on a domain controller
 * without 'domain-controller', and on a member of a tagged multi-VM group without 'multi-vm-group'.
 */
export const ApplyAcknowledgement = z.enum(['domain-controller', 'multi-vm-group']);
export type ApplyAcknowledgement = z.infer<typeof ApplyAcknowledgement>;

export const TaskStarted = z.object({ taskId: z.string() });

export const CheckpointGroupMember = z.object({
  hostId: z.string(),
  vmId: z.string(),
  vmName: z.string(),
  checkpointId: z.string().nullable(),
  checkpointName: z.string().nullable(),
  /** Why this member has no checkpoint (creation failed), for the group's per-VM report. */
  error: z.string().optional(),
});
export const CheckpointGroup = z.object({
  id: z.string(),
  label: z.string(),
  kind: CheckpointKind,
  createdAt: z.string(),
  members: z.array(CheckpointGroupMember),
});
export type CheckpointGroup = z.infer<typeof CheckpointGroup>;

/** What applying a checkpoint would do and which warnings the user must accept first. */
export const ApplyPreview = z.object({
  checkpointName: z.string(),
  /** The VM state after Apply: a checkpoint with memory leaves the VM Saved, one without leaves it Off. */
  resultingState: z.string(),
  /** The unsaved current state ("Now") is discarded unless a checkpoint of it is taken first. */
  discardsCurrentState: z.boolean(),
  domainController: z.boolean(),
  /** Why: 'unknown' is a VM never seen running, warned about as a possible DC (the dialog says so, not "is a DC"). */
  roleSource: RoleSource,
  /** Tagged groups this VM belongs to, with the other VMs that Apply does NOT roll back. */
  multiVmGroups: z.array(z.object({ tag: z.string(), otherVms: z.array(z.string()) })),
  required: z.array(ApplyAcknowledgement),
});
export type ApplyPreview = z.infer<typeof ApplyPreview>;

export const CheckpointVm = z.object({ id: z.string(), name: z.string(), state: z.string(), checkpointCount: z.number() });
export type CheckpointVm = z.infer<typeof CheckpointVm>;

export const checkpointsChannels = {
  /** The VMs of a host with their checkpoint counts (the view's VM picker). */
  'checkpoints.vms': channel(z.object({ hostId: z.string().min(1) }), z.array(CheckpointVm)),
  /** One round trip: checkpoints with parent links, the VM's own parent (where "Now" sits), disks, guest role. */
  'checkpoints.tree': channel(VmRef, CheckpointTreeData),
  'checkpoints.create': channel(
    VmRef.extend({ name: CheckpointName, kind: CheckpointKind, override: SafetyOverride.optional() }),
    TaskStarted,
  ),
  'checkpoints.previewApply': channel(CheckpointRef, ApplyPreview),
  'checkpoints.apply': channel(
    CheckpointRef.extend({
      /** Take a checkpoint of the current state first, under this name (omit to discard the current state). */
      checkpointFirstName: CheckpointName.optional(),
      acknowledged: z.array(ApplyAcknowledgement).default([]),
    }),
    TaskStarted,
  ),
  /** Apply the checkpoint directly above "Now". */
  'checkpoints.revert': channel(
    VmRef.extend({ checkpointFirstName: CheckpointName.optional(), acknowledged: z.array(ApplyAcknowledgement).default([]) }),
    TaskStarted,
  ),
  'checkpoints.remove': channel(CheckpointRef.extend({ includeChildren: z.boolean().default(false) }), TaskStarted),
  'checkpoints.rename': channel(CheckpointRef.extend({ newName: CheckpointName }), TaskStarted),
  'checkpoints.export': channel(CheckpointRef.extend({ path: z.string().trim().min(1).max(260) }), TaskStarted),
  'checkpoints.chainHealth': channel(VmRef, ChainHealth),
  /** The guided clean-up's only action: let Hyper-V merge the chain itself (checkpoint, then delete it). */
  'checkpoints.cleanupMerge': channel(VmRef, TaskStarted),
  /** The role the user sets for a VM ('auto' = follow the guest's KVP data). Stored locally in main. */
  'checkpoints.setRole': channel(VmRef.extend({ role: GuestRole }), z.object({ role: GuestRole })),
  'checkpoints.groups.list': channel(z.object({}), z.array(CheckpointGroup)),
  'checkpoints.groups.create': channel(
    z.object({
      label: CheckpointName,
      kind: CheckpointKind,
      members: z.array(VmRef.extend({ vmName: z.string().max(200) })).min(1).max(64),
      override: SafetyOverride.optional(),
    }),
    TaskStarted.extend({ groupId: z.string() }),
  ),
  'checkpoints.groups.apply': channel(
    z.object({ groupId: z.string(), acknowledged: z.array(ApplyAcknowledgement).default([]) }),
    TaskStarted,
  ),
  'checkpoints.groups.remove': channel(z.object({ groupId: z.string() }), TaskStarted),
  /** A partly taken group: take the checkpoints its failed members still lack (same label, kind and rule). */
  'checkpoints.groups.retry': channel(z.object({ groupId: z.string(), override: SafetyOverride.optional() }), TaskStarted),
  /** A partly taken group: delete the checkpoints that were made and forget the group. */
  'checkpoints.groups.rollback': channel(z.object({ groupId: z.string() }), TaskStarted),
};

export const checkpointsEvents = {
  /** Signal, then pull: a VM's checkpoints changed on the host (after an action re-read them). */
  'checkpoints.changed': event(z.object({ hostId: z.string(), vmId: z.string() })),
  'checkpoints.groupsChanged': event(z.object({})),
};

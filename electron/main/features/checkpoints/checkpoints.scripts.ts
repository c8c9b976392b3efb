import { z } from 'zod';
import { ChainHealthScriptResult, CheckpointTreeScriptResult } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { CheckpointVm } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { defineScript } from '../../platform/scripts/script-def';
import { checkpointsDisplay } from './checkpoints.display';

/** Minutes, not the default two: applying or merging a large chain on a busy host takes a while. */
export const LONG_OP_MS = 30 * 60_000;

const vm = { VMId: z.string().min(1) };
const vmCheckpoint = { ...vm, CheckpointId: z.string().min(1) };

/**
 * Every script the checkpoints feature ships, with the parameters its param() block binds and the answer main
 * accepts. Calls go through HostScripts (reads) or runInTask (actions): nothing else names a .ps1.
 */
export const checkpointScripts = {
  vms: defineScript({ display: checkpointsDisplay.vms, name: 'checkpoints/get-checkpoint-vms', params: z.object({}).strict(), result: z.array(CheckpointVm), lane: 'read' }),
  tree: defineScript({ display: checkpointsDisplay.tree, name: 'checkpoints/get-checkpoint-tree', params: z.object(vm).strict(), result: CheckpointTreeScriptResult, lane: 'read' }),
  chainHealth: defineScript({
    name: 'checkpoints/get-chain-health',
    display: checkpointsDisplay.chainHealth,
    params: z.object(vm).strict(),
    result: ChainHealthScriptResult,
    lane: 'read',
    timeoutMs: 5 * 60_000,
  }),
  guestRole: defineScript({
    name: 'checkpoints/get-guest-role',
    display: checkpointsDisplay.guestRole,
    params: z.object(vm).strict(),
    result: z.object({ vmName: z.string(), vmState: z.string(), productType: z.number().nullable(), osName: z.string().nullable(), fqdn: z.string().nullable() }),
    lane: 'read',
  }),
  create: defineScript({
    name: 'checkpoints/new-checkpoint',
    display: checkpointsDisplay.create,
    params: z
      .object({ ...vm, SnapshotName: z.string().min(1), Kind: z.enum(['Standard', 'Production', 'Default']), OverrideReason: z.string().optional() })
      .strict(),
    result: z.object({
      vmName: z.string(),
      checkpointId: z.string(),
      checkpointName: z.string(),
      kind: z.string(),
      snapshotType: z.string(),
      creationTime: z.string(),
      overrideReason: z.string().nullable().optional(),
    }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
  restore: defineScript({
    name: 'checkpoints/restore-checkpoint',
    display: checkpointsDisplay.restore,
    params: z.object(vmCheckpoint).strict(),
    result: z.object({ vmName: z.string(), state: z.string(), parentCheckpointId: z.string().nullable(), appliedName: z.string() }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
  remove: defineScript({
    name: 'checkpoints/remove-checkpoint',
    display: checkpointsDisplay.remove,
    params: z.object({ ...vmCheckpoint, IncludeAllChildSnapshots: z.boolean().optional() }).strict(),
    result: z.object({ vmName: z.string(), removedName: z.string(), removedCount: z.number(), remaining: z.number() }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
  rename: defineScript({
    name: 'checkpoints/rename-checkpoint',
    display: checkpointsDisplay.rename,
    params: z.object({ ...vmCheckpoint, NewName: z.string().min(1) }).strict(),
    result: z.object({ vmName: z.string(), oldName: z.string(), newName: z.string() }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
  export: defineScript({
    name: 'checkpoints/export-checkpoint',
    display: checkpointsDisplay.export,
    params: z.object({ ...vmCheckpoint, Path: z.string().min(1) }).strict(),
    result: z.object({ vmName: z.string(), checkpointName: z.string(), path: z.string() }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
  mergeByCheckpoint: defineScript({
    name: 'checkpoints/merge-by-checkpoint',
    display: checkpointsDisplay.mergeByCheckpoint,
    params: z.object({ ...vm, SnapshotName: z.string().min(1), WaitSeconds: z.number().int().optional() }).strict(),
    result: z.object({ vmName: z.string(), stillMerging: z.boolean(), disks: z.array(z.object({ path: z.string(), depth: z.number() })) }),
    lane: 'op',
    timeoutMs: LONG_OP_MS,
  }),
};

export type CheckpointScripts = typeof checkpointScripts;
/** The actions a task runs (runIn): the scripts on the 'op' lane. */
export type CheckpointActionKey = 'create' | 'restore' | 'remove' | 'rename' | 'export' | 'mergeByCheckpoint';
export type ParamsOfAction<K extends CheckpointActionKey> = z.infer<CheckpointScripts[K]['params']>;
export type ResultOfAction<K extends CheckpointActionKey> = z.infer<CheckpointScripts[K]['result']>;

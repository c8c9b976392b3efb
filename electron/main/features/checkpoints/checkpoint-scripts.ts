import { z } from 'zod';
import {
  ChainHealthScriptResult,
  CheckpointTreeScriptResult,
} from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { CheckpointVm } from '../../../../shared/features/checkpoints/checkpoints.contract';

/**
 * The seam to the session layer: run a library script on a host, get its parsed result and, where the
 * session layer reports it, the ledger entry id (so a task can show the PowerShell that ran).
 */
export interface ScriptRunOptions<T> {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: { percent: number; status: string; activity?: string }) => void;
  schema: z.ZodType<T>;
  lane?: 'read' | 'op';
}

export interface CheckpointScriptRunner {
  run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<{ value: T; ledgerId?: string }>;
}

export const scripts = {
  vms: 'checkpoints/get-checkpoint-vms',
  tree: 'checkpoints/get-checkpoint-tree',
  guestRole: 'checkpoints/get-guest-role',
  create: 'checkpoints/new-checkpoint',
  restore: 'checkpoints/restore-checkpoint',
  remove: 'checkpoints/remove-checkpoint',
  rename: 'checkpoints/rename-checkpoint',
  export: 'checkpoints/export-checkpoint',
  chainHealth: 'checkpoints/get-chain-health',
  mergeByCheckpoint: 'checkpoints/merge-by-checkpoint',
} as const;

export const results = {
  vms: z.array(CheckpointVm),
  tree: CheckpointTreeScriptResult,
  chainHealth: ChainHealthScriptResult,
  guestRole: z.object({ vmName: z.string(), productType: z.number().nullable(), osName: z.string().nullable(), fqdn: z.string().nullable() }),
  create: z.object({
    vmName: z.string(),
    checkpointId: z.string(),
    checkpointName: z.string(),
    kind: z.string(),
    snapshotType: z.string(),
    creationTime: z.string(),
    overrideReason: z.string().nullable().optional(),
  }),
  restore: z.object({ vmName: z.string(), state: z.string(), parentCheckpointId: z.string().nullable(), appliedName: z.string() }),
  remove: z.object({ vmName: z.string(), removedName: z.string(), removedCount: z.number(), remaining: z.number() }),
  rename: z.object({ vmName: z.string(), oldName: z.string(), newName: z.string() }),
  export: z.object({ vmName: z.string(), checkpointName: z.string(), path: z.string() }),
  mergeByCheckpoint: z.object({
    vmName: z.string(),
    stillMerging: z.boolean(),
    disks: z.array(z.object({ path: z.string(), depth: z.number() })),
  }),
};

/** Minutes, not the default two: applying or merging a large chain on a busy host takes a while. */
export const LONG_OP_MS = 30 * 60_000;

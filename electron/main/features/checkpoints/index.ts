import type { TakeOptions, TakeTarget } from './take-checkpoints';

export type { TakeOptions as CheckpointTakeOptions, TakeTarget as CheckpointTarget } from './take-checkpoints';

/**
 * The checkpoints feature's port for other features. Creating a checkpoint anywhere in the app goes through
 * `take`, so the domain-controller rule (a standard checkpoint of a DC is refused without an override reason)
 * holds on every path: this tab, the inventory's Checkpoint action, alone or in bulk.
 */
export interface CheckpointsPort {
  /** Judges every VM first (CONFLICT, nothing taken, on a refusal), then starts one task. */
  take(targets: TakeTarget[], opts: TakeOptions, signal?: AbortSignal): Promise<{ taskId: string }>;
}

export { createCheckpointsModule, type CheckpointsModuleDeps } from './checkpoints.feature';

import { defineFeature } from '../../platform/feature';
import { createCheckpointsModule, type CheckpointsModuleDeps } from './checkpoints.feature';

export const checkpointsFeature = defineFeature<CheckpointsModuleDeps, CheckpointsPort>({ name: 'checkpoints', create: (d) => createCheckpointsModule(d) });

import { join } from 'node:path';
import { z } from 'zod';
import { CheckpointGroup } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { GuestRole } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { LocalJsonStore } from './local-json-store';

export const GroupsFile = z.object({ version: z.literal(1), groups: z.array(CheckpointGroup) });
export type GroupsFile = z.infer<typeof GroupsFile>;

/** Roles the user set per VM (key hostId/vmId); 'auto' entries are dropped rather than stored. */
export const RolesFile = z.object({ version: z.literal(1), roles: z.record(z.string(), GuestRole) });
export type RolesFile = z.infer<typeof RolesFile>;

export const vmKey = (hostId: string, vmId: string): string => `${hostId}/${vmId.toLowerCase()}`;

export function createGroupStore(dataDir: string, files: StateFiles, log: Logger): LocalJsonStore<GroupsFile> {
  return new LocalJsonStore(join(dataDir, 'checkpoint-groups.json'), GroupsFile, () => ({ version: 1 as const, groups: [] }), files, log);
}

export function createRoleStore(dataDir: string, files: StateFiles, log: Logger): LocalJsonStore<RolesFile> {
  return new LocalJsonStore(join(dataDir, 'checkpoint-roles.json'), RolesFile, () => ({ version: 1 as const, roles: {} }), files, log);
}

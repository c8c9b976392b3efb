import { join } from 'node:path';
import { z } from 'zod';
import { CheckpointGroup } from '../../../../shared/features/checkpoints/checkpoints.contract';
import { GuestRole, LastSeenRole } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { parseLegacyVmKey, vmKey } from '../../../../shared/platform/vm-ref';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore, type Migration } from '../../platform/documents/document-store';

/**
 * <dataDir>/checkpoint-groups.json. Members are VmRefs: the VM by its Id (lower case since version 2, as
 * `vmKey` spells it) and the host its checkpoint was taken on (where the group's scripts run).
 */
export const GroupsFile = z.object({ version: z.literal(2), groups: z.array(CheckpointGroup) });
export type GroupsFile = z.infer<typeof GroupsFile>;

/**
 * <dataDir>/checkpoint-roles.json: roles the user set per VM, keyed `vmKey(vmId)` since version 2 (version 1
 * keyed them `hostId/vmId`, so a live-migrated domain controller lost its protection). 'auto' is not stored.
 * Since version 3 also `seen`: the last role each guest reported, with when (an Off VM reports nothing).
 */
export const RolesFile = z.object({ version: z.literal(3), roles: z.record(z.string(), GuestRole), seen: z.record(z.string(), LastSeenRole) });
export type RolesFile = z.infer<typeof RolesFile>;

/** When one VM Id had two roles (a replica set on each host), the safer one stays: a DC keeps its protection. */
const saferRole = (a: GuestRole | undefined, b: GuestRole): GuestRole => (a === 'domain-controller' || b === 'domain-controller' ? 'domain-controller' : b);

const rolesByVmId: Migration = (old) => {
  const roles: Record<string, GuestRole> = {};
  for (const [key, role] of Object.entries((old as { roles?: Record<string, unknown> }).roles ?? {})) {
    const id = vmKey(parseLegacyVmKey(key)?.vmId ?? key);
    roles[id] = saferRole(roles[id], GuestRole.parse(role));
  }
  return { roles };
};

/** Version 2 knew only the user's roles: nothing was remembered yet. */
const addSeen: Migration = (old) => ({ roles: (old as { roles?: unknown }).roles ?? {}, seen: {} });

const membersByVmId: Migration = (old) => {
  const groups = (old as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) throw new Error('groups is not a list');
  return {
    groups: groups.map((g: { members?: { vmId?: unknown }[] }) => ({
      ...g,
      members: (g.members ?? []).map((m) => (typeof m.vmId === 'string' ? { ...m, vmId: vmKey(m.vmId) } : m)),
    })),
  };
};

export function createGroupStore(dataDir: string, files: StateFiles, log: Logger): DocumentStore<GroupsFile> {
  return new DocumentStore<GroupsFile>(
    { path: join(dataDir, 'checkpoint-groups.json'), version: 2, schema: GroupsFile, migrations: { 1: membersByVmId }, empty: () => ({ version: 2, groups: [] }) },
    { files, log },
  );
}

export function createRoleStore(dataDir: string, files: StateFiles, log: Logger): DocumentStore<RolesFile> {
  return new DocumentStore<RolesFile>(
    {
      path: join(dataDir, 'checkpoint-roles.json'),
      version: 3,
      schema: RolesFile,
      migrations: { 1: rolesByVmId, 2: addSeen },
      empty: () => ({ version: 3, roles: {}, seen: {} }),
    },
    { files, log },
  );
}

import type { CheckpointInfo } from '../../../shared/features/checkpoints/checkpoint-schemas';

let seq = 0;
/** A deterministic GUID-shaped id from a short label, so tests read like the tree they build. */
export const gid = (label: string): string => {
  const hex = Buffer.from(label).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export function cp(name: string, parent: string | null, extra: Partial<CheckpointInfo> = {}): CheckpointInfo {
  seq += 1;
  return {
    id: gid(name),
    name,
    parentId: parent ? gid(parent) : null,
    snapshotType: 'Standard',
    state: 'Running',
    creationTime: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    isAutomatic: false,
    sizeOfSystemFiles: 1024,
    path: null,
    disks: [],
    ...extra,
  };
}

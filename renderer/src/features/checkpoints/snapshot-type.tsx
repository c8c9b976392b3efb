import { useTranslation } from 'react-i18next';
import { holdsMemory, knownSnapshotType } from '../../../../shared/features/checkpoints/checkpoint-tree';
import type { CheckpointInfo } from '../../../../shared/features/checkpoints/checkpoint-schemas';

/** A checkpoint's SnapshotType as Hyper-V reports it, translated when known, else the raw name a newer host sent. */
export function useSnapshotTypeLabel(): (cp: Pick<CheckpointInfo, 'snapshotType'>) => string {
  const { t } = useTranslation('checkpoints');
  return (cp) => {
    const known = knownSnapshotType(cp.snapshotType);
    return known ? t(`snapshotType.${known}`) : cp.snapshotType;
  };
}

/** "with memory" / "disks only": what applying the checkpoint brings back. */
export function useMemoryLabel(): (cp: Pick<CheckpointInfo, 'state'>) => string {
  const { t } = useTranslation('checkpoints');
  return (cp) => (holdsMemory(cp) ? t('withMemory') : t('diskOnly'));
}

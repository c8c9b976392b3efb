import { useTranslation } from 'react-i18next';
import { NOW_ID, subtreeCheckpointIds, type CheckpointTree } from '../../../../shared/features/checkpoints/checkpoint-tree';
import { useSnapshotTypeLabel } from './snapshot-type';
import { stateAfterApply } from '../../../../shared/features/checkpoints/checkpoint-safety';
import type { CheckpointTreeData } from '../../../../shared/features/checkpoints/checkpoint-schemas';

const size = (bytes: number | null, lng: string) =>
  bytes === null ? '—' : new Intl.NumberFormat(lng, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1048576);

/** The selected node's facts: files it owns, size, and what applying it would do. */
export function CheckpointDetails({ data, tree, selectedId }: { data: CheckpointTreeData; tree: CheckpointTree; selectedId: string | null }) {
  const { t, i18n } = useTranslation('checkpoints');
  const typeLabel = useSnapshotTypeLabel();
  const node = selectedId ? tree.byId.get(selectedId) : undefined;
  if (!node) return <p className="muted">{t('details.none')}</p>;
  if (node.kind === 'now' || node.id === NOW_ID) {
    return (
      <div data-testid="cp-details">
        <h3>{t('now')}</h3>
        <p>{t('details.nowBody', { state: data.vm.state, parent: data.vm.parentCheckpointName ?? t('details.noParent') })}</p>
        <h4>{t('details.currentDisks')}</h4>
        <ul className="cp-files">
          {data.disks.map((d) => (
            <li key={`${d.controllerType}${d.controllerNumber}:${d.controllerLocation}`}>
              <code>{d.path ?? '—'}</code> · {t('health.depth', { count: d.chain.filter((l) => l.vhdType === 'Differencing').length })}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const cp = node.checkpoint;
  const below = subtreeCheckpointIds(tree, cp.id).length - 1;
  return (
    <div data-testid="cp-details">
      <h3 data-testid="cp-details-name">{cp.name}</h3>
      <dl className="cp-facts">
        <dt>{t('details.type')}</dt>
        <dd data-testid="cp-details-type">{typeLabel(cp)}{cp.isAutomatic ? ` (${t('details.automatic')})` : ''}</dd>
        <dt>{t('details.created')}</dt>
        <dd>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(cp.creationTime))}</dd>
        <dt>{t('details.memory')}</dt>
        <dd>{cp.state === 'Off' ? t('details.noMemory') : size(cp.sizeOfSystemFiles, i18n.language)}</dd>
        <dt>{t('details.children')}</dt>
        <dd>{below}</dd>
      </dl>
      <h4>{t('details.files')}</h4>
      <ul className="cp-files">
        {cp.disks.length === 0 && <li className="muted">—</li>}
        {cp.disks.map((d) => (
          <li key={`${d.controllerType}${d.controllerNumber}:${d.controllerLocation}`}>
            <code>{d.path ?? '—'}</code>
          </li>
        ))}
      </ul>
      <h4>{t('details.applyWould')}</h4>
      <p data-testid="cp-details-apply">{t('apply.effect', { name: cp.name, state: t(`vmState.${stateAfterApply(cp.state)}`) })}</p>
      {data.role.isDomainController && <p className="cp-note cp-note--danger">{t('dc.short')}</p>}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { FormDialog } from '../../ui/dialog';
import { useP2vStore } from './p2v.store';

/** The app's own capture folder of a job (main's captureFolderFor): only an image there may be deleted from here. */
const inOwnFolder = (job: P2vJob, path: string) => /[\\/]p2v[\\/]captures[\\/]/.test(path) && path.includes(job.id);

/**
 * Confirms removing a P2V job, naming it. The captured image stays unless the operator ticks the box, and the
 * box is offered only for an image in the app's own capture folder; what main could not clean up is shown.
 */
export function P2vRemoveDialog({ job, onClose }: { job: P2vJob; onClose(): void }) {
  const { t } = useTranslation('p2v');
  const remove = useP2vStore((s) => s.remove);
  const [deleteImage, setDeleteImage] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = job.plan?.vmName ?? job.preflight?.facts.computerName ?? job.sourceLabel;
  const image = job.capture || job.verify ? job.plan?.capturePath : undefined;
  const submit = async () => {
    setBusy(true);
    const res = await remove(job.id, deleteImage);
    setBusy(false);
    if ('error' in res) return setError(res.error);
    if (res.leftBehind.length) return setError(t('remove.leftBehind', { what: res.leftBehind.map((w) => t(`remove.left.${w}`)).join(', ') }));
    onClose();
  };
  return (
    <FormDialog title={t('remove.title', { name })} testId="p2v-remove-dialog" testIdPrefix="p2v-remove" submitLabel={t('remove.confirm')} danger busy={busy} error={error} onSubmit={() => void submit()} onClose={onClose}>
      <p>{t('remove.body')}</p>
      {image && inOwnFolder(job, image) && (
        <>
          <label>
            <input type="checkbox" data-testid="p2v-remove-image" checked={deleteImage} onChange={(e) => setDeleteImage(e.target.checked)} /> {t('remove.deleteImage', { path: image })}
          </label>
          {!deleteImage && <p className="p2v__hint">{t('remove.keepImage', { path: image })}</p>}
        </>
      )}
      {image && !inOwnFolder(job, image) && <p className="p2v__hint">{t('remove.imageElsewhere', { path: image })}</p>}
    </FormDialog>
  );
}

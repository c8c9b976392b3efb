import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import { diskLimits } from '../../../../shared/features/inventory/vm-settings.schema';
import { outOfRange } from '../../../../shared/features/inventory/host-limits';
import type { SettingsProblem } from '../../../../shared/features/inventory/vm-settings.validation';
import { RangeError } from '../../ui/range-error';
import { Dialog, DialogActions } from '../../ui/dialog';
import { diskKey, GB, type SettingsDraft } from './settings-draft';
import { sizeOrNone } from './summary-values';
import { Problems } from './problems';

type Set = <K extends keyof SettingsDraft>(k: K, v: SettingsDraft[K]) => void;

/** New disks are sized in GB, 1 GB to 64 TB (VHDX). */
export const diskGbRange = { min: diskLimits.minBytes / GB, max: diskLimits.maxBytes / GB };
export const newDiskSizeError = (gb: number) => outOfRange(gb, diskGbRange);

/**
 * Hard disks and DVD drives as Hyper-V Manager's settings edit them: expand a disk, detach it (deleting its file
 * is a separate choice, confirmed), add a new or existing disk; insert or eject an ISO, add a DVD drive.
 */
export function DiskSettings({ details, draft, set, problems, defaultDiskFolder }: { details: VmDetails; draft: SettingsDraft; set: Set; problems: SettingsProblem[]; defaultDiskFolder: string }) {
  const { t, i18n } = useTranslation(['vmDetails', 'common']);
  const loc = i18n.language;
  const [confirmDelete, setConfirmDelete] = useState<{ key: string; path: string } | null>(null);
  const forField = (f: string) => problems.filter((p) => p.field === f);
  const newPath = () => {
    const sep = defaultDiskFolder.includes('\\') ? '\\' : '/';
    const base = defaultDiskFolder.replace(/[\\/]+$/, '');
    return `${base}${base ? sep : ''}${details.name} (${details.hardDrives.length + draft.addDisks.length + 1}).vhdx`;
  };
  return (
    <fieldset className="field" data-testid="set-disks">
      <legend>{t('vmSettings.drives')}</legend>
      {details.hardDrives.map((d) => {
        const k = diskKey(d);
        const removal = draft.removeDisks[k];
        const target = draft.resizeGb[k];
        return (
          <div key={`hd-${k}`} className="device-block" data-testid="set-disk">
            <p className="drive-line">
              {t('vmSettings.hardDrive', { type: d.controllerType, n: d.controllerNumber, l: d.controllerLocation })}: <code>{d.path ?? '—'}</code>{' '}
              <span className="muted">{sizeOrNone(d.size, loc)}</span>
            </p>
            {removal ? (
              <div className="device-row">
                <span className="muted">{removal.deleteFile ? t('vmSettings.diskWillBeDeleted') : t('vmSettings.diskWillBeDetached')}</span>
                <button type="button" onClick={() => set('removeDisks', without(draft.removeDisks, k))}>
                  {t('vmSettings.undoRemove')}
                </button>
              </div>
            ) : (
              <div className="device-row">
                {target === undefined ? (
                  <button type="button" disabled={!d.size} onClick={() => set('resizeGb', { ...draft.resizeGb, [k]: Math.ceil((d.size ?? 0) / GB) + 1 })} data-testid="set-disk-expand">
                    {t('vmSettings.expand')}
                  </button>
                ) : (
                  <>
                    <label>
                      {t('vmSettings.newSizeGb')}
                      <input type="number" min={1} value={target} onChange={(e) => set('resizeGb', { ...draft.resizeGb, [k]: Number(e.target.value) })} data-testid="set-disk-size" />
                    </label>
                    <button type="button" onClick={() => set('resizeGb', without(draft.resizeGb, k))}>
                      {t('vmSettings.discard')}
                    </button>
                  </>
                )}
                <button type="button" className="danger" onClick={() => set('removeDisks', { ...draft.removeDisks, [k]: { deleteFile: false } })} data-testid="set-disk-remove">
                  {t('vmSettings.detach')}
                </button>
                {d.path && (
                  <button type="button" className="danger" onClick={() => setConfirmDelete({ key: k, path: d.path ?? '' })} data-testid="set-disk-delete">
                    {t('vmSettings.detachAndDelete')}
                  </button>
                )}
              </div>
            )}
            <Problems list={forField(`disk.${k}`)} />
          </div>
        );
      })}
      {draft.addDisks.map((x, i) => {
        const sizeErr = x.kind === 'new' ? newDiskSizeError(x.sizeGb) : null;
        const patch = (p: Partial<typeof x>) => set('addDisks', draft.addDisks.map((y, j) => (j === i ? { ...y, ...p } : y)));
        return (
          <div key={`new-${i}`} className="device-block" data-testid="set-disk-new">
            <div className="device-row" role="radiogroup" aria-label={t('vmSettings.newDisk')}>
              <label className="form-grid__check">
                <input type="radio" checked={x.kind === 'new'} onChange={() => patch({ kind: 'new' })} />
                {t('vmSettings.newVhdx')}
              </label>
              <label className="form-grid__check">
                <input type="radio" checked={x.kind === 'existing'} onChange={() => patch({ kind: 'existing' })} data-testid="set-disk-new-existing" />
                {t('vmSettings.existingDisk')}
              </label>
            </div>
            <label>
              {t('vmSettings.diskPath')}
              <input value={x.path} onChange={(e) => patch({ path: e.target.value })} data-testid="set-disk-new-path" />
            </label>
            {x.kind === 'new' && (
              <label>
                {t('vmSettings.sizeGb')}
                <input type="number" min={1} value={x.sizeGb} aria-invalid={!!sizeErr} onChange={(e) => patch({ sizeGb: Number(e.target.value) })} data-testid="set-disk-new-size" />
                <RangeError range={sizeErr} testId="set-disk-new-size-error" />
              </label>
            )}
            <Problems list={forField(`disks.add.${i}`)} />
            <button type="button" onClick={() => set('addDisks', draft.addDisks.filter((_, j) => j !== i))}>
              {t('vmSettings.discard')}
            </button>
          </div>
        );
      })}
      <Problems list={forField('disks.add')} />
      <button type="button" onClick={() => set('addDisks', [...draft.addDisks, { kind: 'new', path: newPath(), sizeGb: 40 }])} data-testid="set-disk-add">
        {t('vmSettings.addDisk')}
      </button>

      {details.dvdDrives.map((d) => {
        const k = `${d.controllerNumber}:${d.controllerLocation}`;
        return (
          <div key={`dvd-${k}`} className="device-block device-row">
            <label>
              {t('vmSettings.dvdDrive', { type: d.controllerType, n: d.controllerNumber, l: d.controllerLocation })}
              <input value={draft.dvds[k] ?? ''} placeholder={t('vmSettings.noMedia')} onChange={(e) => set('dvds', { ...draft.dvds, [k]: e.target.value || null })} data-testid="set-dvd-path" />
            </label>
            <button type="button" disabled={!draft.dvds[k]} onClick={() => set('dvds', { ...draft.dvds, [k]: null })} data-testid="set-dvd-eject">
              {t('vmSettings.eject')}
            </button>
          </div>
        );
      })}
      {details.dvdDrives.length === 0 &&
        (draft.addDvd ? (
          <div className="device-block device-row">
            <label>
              {t('vmSettings.newDvdDrive')}
              <input value={draft.addDvd.path} placeholder={t('vmSettings.noMedia')} onChange={(e) => set('addDvd', { path: e.target.value })} data-testid="set-dvd-new-path" />
            </label>
            <button type="button" onClick={() => set('addDvd', null)}>
              {t('vmSettings.discard')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => set('addDvd', { path: '' })} data-testid="set-dvd-add">
            {t('vmSettings.addDvd')}
          </button>
        ))}
      <Problems list={forField('dvd')} />

      {confirmDelete && (
        <Dialog title={t('vmSettings.deleteDiskTitle')} onClose={() => setConfirmDelete(null)} testId="set-disk-delete-dialog">
          <p>{t('vmSettings.deleteDiskBody', { path: confirmDelete.path })}</p>
          <DialogActions onCancel={() => setConfirmDelete(null)}>
            <button
              type="button"
              className="danger"
              onClick={() => {
                set('removeDisks', { ...draft.removeDisks, [confirmDelete.key]: { deleteFile: true } });
                setConfirmDelete(null);
              }}
              data-testid="set-disk-delete-confirm"
            >
              {t('vmSettings.detachAndDelete')}
            </button>
          </DialogActions>
        </Dialog>
      )}
    </fieldset>
  );
}

function without<V>(r: Record<string, V>, k: string): Record<string, V> {
  const out = { ...r };
  delete out[k];
  return out;
}

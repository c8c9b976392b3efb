import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostOptions } from '../../../../shared/features/inventory/vm-details.schema';
import type { NewVmSpec } from '../../../../shared/features/inventory/vm-settings.schema';
import { validateNewVm } from '../../../../shared/features/inventory/vm-settings.validation';
import { memoryMbRange, outOfRange, processorRange } from '../../../../shared/features/inventory/host-limits';
import { RangeError } from '../../ui/range-error';
import { api } from '../../api/client';
import { useInventoryStore } from '../../stores/inventory.store';
import { readWithReconnect } from './read-retry';
import { Dialog, DialogActions } from '../../ui/dialog';
import { formatBytes } from './format';
import { HostSelect } from '../../ui/host-select';
import { describeError } from '../../ui/user-error';

const MB = 1024 * 1024;
const GB = 1024 * MB;
type DiskKind = NewVmSpec['disk']['kind'];

/** Joins a folder and a file name with the folder's own separator (hosts are Windows; the lab may not be). */
const joinPath = (dir: string, file: string) => {
  const sep = dir.includes('\\') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + file : dir + sep + file;
};

/** New VM: name, generation, memory, processors, switch, new/existing disk or none, ISO, location. */
export function NewVmWizard({ onClose, onCreated }: { onClose(): void; onCreated(taskId: string): void }) {
  const { t, i18n } = useTranslation(['inventory', 'common']);
  const hostViews = useInventoryStore((s) => s.hostViews);
  const hostNameOf = (id: string) => hostViews.find((h) => h.id === id)?.name;
  const [hostId, setHostId] = useState(hostViews.find((h) => h.status.state === 'ready')?.id ?? hostViews[0]?.id ?? '');
  const [options, setOptions] = useState<HostOptions | null>(null);
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [generation, setGeneration] = useState<1 | 2>(2);
  const [memoryMb, setMemoryMb] = useState(2048);
  const [dynamicMemory, setDynamicMemory] = useState(true);
  const [cpus, setCpus] = useState(2);
  const [switchName, setSwitchName] = useState('');
  const [diskKind, setDiskKind] = useState<DiskKind>('new');
  const [diskPath, setDiskPath] = useState('');
  const [diskPathTouched, setDiskPathTouched] = useState(false);
  const [diskGb, setDiskGb] = useState(60);
  const [isoPath, setIsoPath] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!hostId) return;
    const ctl = new AbortController();
    setOptions(null);
    readWithReconnect('vms.hostOptions', { hostId }, ctl.signal).then(
      (o) => {
        setOptions(o);
        setSwitchName(o.switches[0]?.name ?? '');
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) setError(describeError(t, err, hostNameOf).message);
      },
    );
    return () => ctl.abort();
  }, [hostId]);

  const suggestedDisk = options && name.trim() ? joinPath(options.virtualHardDiskPath, `${name.trim()}.vhdx`) : '';
  const effectiveDisk = diskPathTouched ? diskPath : suggestedDisk;
  const spec = (): NewVmSpec => ({
    name: name.trim(),
    generation,
    memoryStartup: memoryMb * MB,
    dynamicMemory,
    processorCount: cpus,
    switchName: switchName || null,
    disk: diskKind === 'new' ? { kind: 'new', path: effectiveDisk, sizeBytes: diskGb * GB } : diskKind === 'existing' ? { kind: 'existing', path: diskPath } : { kind: 'none' },
    isoPath: isoPath.trim() || null,
    location: location.trim() || null,
  });
  const problems = name.trim() ? validateNewVm(spec()) : [];

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { taskId } = await api.invoke('vms.create', { hostId, spec: spec() });
      onCreated(taskId);
      onClose();
    } catch (err) {
      setError(describeError(t, err, hostNameOf).message);
      setBusy(false);
    }
  };

  const steps = ['wizard.stepBasics', 'wizard.stepResources', 'wizard.stepStorage', 'wizard.stepSummary'] as const;
  // Values outside what this host allows are refused here, next to their field, not by the host after Create.
  const cpuRange = outOfRange(cpus, processorRange(options, generation));
  const memoryRange = outOfRange(memoryMb, memoryMbRange(options));
  const canNext = step === 0 ? name.trim().length > 0 && !!hostId : step === 1 ? !cpuRange && !memoryRange : true;
  return (
    <Dialog title={t('wizard.title')} onClose={onClose} testId="new-vm-wizard" wide>
      <ol className="wizard-steps">
        {steps.map((s, i) => (
          <li key={s} className={i === step ? 'wizard-steps__current' : undefined}>
            {t(s)}
          </li>
        ))}
      </ol>
      <div className="form-grid">
        {step === 0 && (
          <>
            <HostSelect label={t('wizard.host')} hosts={hostViews} value={hostId} onChange={setHostId} testId="wizard-host" />
            <label>
              {t('wizard.name')}
              <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required data-testid="wizard-name" autoFocus />
            </label>
            <fieldset className="field">
              <legend>{t('wizard.generation')}</legend>
              {([1, 2] as const).map((g) => (
                <label key={g} className="field__option">
                  <input type="radio" name="generation" checked={generation === g} onChange={() => setGeneration(g)} />
                  {t(`wizard.gen${g}`)}
                </label>
              ))}
            </fieldset>
            <label>
              {t('wizard.location')}
              <input value={location} onChange={(e) => setLocation(e.target.value)} placeholder={options?.virtualMachinePath ?? ''} />
            </label>
          </>
        )}
        {step === 1 && (
          <>
            <label>
              {t('wizard.memoryMb')}
              <input type="number" min={32} step={2} value={memoryMb} onChange={(e) => setMemoryMb(Number(e.target.value))} aria-invalid={!!memoryRange} data-testid="wizard-memory" />
              <RangeError range={memoryRange} testId="wizard-memory-error" />
            </label>
            <label className="form-grid__check">
              <input type="checkbox" checked={dynamicMemory} onChange={(e) => setDynamicMemory(e.target.checked)} />
              {t('wizard.dynamicMemory')}
            </label>
            <label>
              {t('wizard.processors', { max: options?.logicalProcessorCount ?? '?' })}
              <input type="number" min={1} max={options?.logicalProcessorCount ?? 240} value={cpus} onChange={(e) => setCpus(Number(e.target.value))} aria-invalid={!!cpuRange} data-testid="wizard-cpus" />
              <RangeError range={cpuRange} testId="wizard-cpus-error" />
            </label>
            <label>
              {t('wizard.switch')}
              <select value={switchName} onChange={(e) => setSwitchName(e.target.value)} data-testid="wizard-switch">
                <option value="">{t('wizard.notConnected')}</option>
                {options?.switches.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name} ({t(`common:switchType.${s.switchType}`, { defaultValue: s.switchType })})
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {step === 2 && (
          <>
            <fieldset className="field">
              <legend>{t('wizard.disk')}</legend>
              {(['new', 'existing', 'none'] as const).map((k) => (
                <label key={k} className="field__option">
                  <input type="radio" name="disk" checked={diskKind === k} onChange={() => setDiskKind(k)} data-testid={`wizard-disk-${k}`} />
                  {t(`wizard.disk_${k}`)}
                </label>
              ))}
            </fieldset>
            {diskKind !== 'none' && (
              <label>
                {t('wizard.diskPath')}
                <input
                  value={diskKind === 'new' ? effectiveDisk : diskPath}
                  onChange={(e) => {
                    setDiskPath(e.target.value);
                    setDiskPathTouched(true);
                  }}
                  data-testid="wizard-disk-path"
                />
              </label>
            )}
            {diskKind === 'new' && (
              <label>
                {t('wizard.diskSizeGb')}
                <input type="number" min={1} value={diskGb} onChange={(e) => setDiskGb(Number(e.target.value))} data-testid="wizard-disk-size" />
              </label>
            )}
            <label>
              {t('wizard.iso')}
              <input value={isoPath} onChange={(e) => setIsoPath(e.target.value)} placeholder={'D:\\ISO\\setup.iso'} data-testid="wizard-iso" />
            </label>
          </>
        )}
        {step === 3 && (
          <dl className="summary-list" data-testid="wizard-summary">
            <dt>{t('wizard.name')}</dt>
            <dd>{name}</dd>
            <dt>{t('wizard.generation')}</dt>
            <dd>{generation}</dd>
            <dt>{t('wizard.memory')}</dt>
            <dd>
              {formatBytes(memoryMb * MB, i18n.language)}
              {dynamicMemory ? ` (${t('wizard.dynamicMemory')})` : ''}
            </dd>
            <dt>{t('wizard.processorsShort')}</dt>
            <dd>{cpus}</dd>
            <dt>{t('wizard.switch')}</dt>
            <dd>{switchName || t('wizard.notConnected')}</dd>
            <dt>{t('wizard.disk')}</dt>
            <dd>{diskKind === 'none' ? t('wizard.disk_none') : `${diskKind === 'new' ? effectiveDisk : diskPath}${diskKind === 'new' ? ` (${formatBytes(diskGb * GB, i18n.language)})` : ''}`}</dd>
            <dt>{t('wizard.iso')}</dt>
            <dd>{isoPath || '—'}</dd>
          </dl>
        )}
      </div>
      {problems.map((p) => (
        <p key={p.key} className="error-text">
          {t(`common:validation.${p.key}`)}
        </p>
      ))}
      {error && (
        <p className="error-text" role="alert" data-testid="wizard-error">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose}>
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            {t('wizard.back')}
          </button>
        )}
        {step < 3 ? (
          <button type="button" className="primary" disabled={!canNext} onClick={() => setStep(step + 1)} data-testid="wizard-next">
            {t('wizard.next')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || problems.length > 0 || !!cpuRange || !!memoryRange} onClick={() => void create()} data-testid="wizard-create">
            {t('wizard.create')}
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}

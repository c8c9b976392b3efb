import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostOptions, VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import { CheckpointTypes, Gen1BootDevices, StartActions, StopActions } from '../../../../shared/features/inventory/vm-settings.schema';
import { validateSettings } from '../../../../shared/features/inventory/vm-settings.validation';
import { memoryMbRange, outOfRange, processorRange } from '../../../../shared/features/inventory/host-limits';
import { RangeError } from '../../ui/range-error';
import { useHosts } from '../../query/hosts';
import { api } from '../../api/client';
import { useTasksStore } from '../tasks';
import { readWithReconnect } from '../inventory';
import { changeFrom, draftFrom, type SettingsDraft } from './settings-draft';
import { describeError } from '../../ui/user-error';
import { AdapterSettings, vlanRangeError } from './adapter-settings';
import { DiskSettings, newDiskSizeError } from './disk-settings';
import { Problems } from './problems';

/** The settings editor: validated before sending; the host's own refusal is shown as it said it. */
export function VmSettingsForm({ details, onSaved }: { details: VmDetails; onSaved(): void }) {
  const { t } = useTranslation(['vmDetails', 'common', 'inventory']);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(details));
  const [options, setOptions] = useState<HostOptions | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const waitFor = useTasksStore((s) => s.waitFor);
  const { hosts } = useHosts();
  const hostNameOf = (id: string) => hosts.find((h) => h.id === id)?.name;

  useEffect(() => setDraft(draftFrom(details)), [details]);
  useEffect(() => {
    const ctl = new AbortController();
    readWithReconnect('vms.hostOptions', { hostId: details.hostId }, ctl.signal).then(setOptions, (err: unknown) => {
      if (!ctl.signal.aborted) console.warn('host options unavailable', err);
    });
    return () => ctl.abort();
  }, [details.hostId]);

  const change = changeFrom(details, draft);
  const problems = validateSettings(change, details);
  const dirty = Object.keys(change).length > 0;
  // Out of what this host allows: refused next to the field (get-host-options.ps1), before the host refuses it.
  const cpuRange = outOfRange(draft.processorCount, processorRange(options, details.generation === 1 ? 1 : 2));
  const startupRange = outOfRange(draft.startupMb, memoryMbRange(options));
  // Device fields out of Hyper-V's limits (VLAN 1-4094, disk sizes) hold the save like the ranges above.
  const deviceRange = Object.values(draft.nics).some((n) => vlanRangeError(n)) || draft.addDisks.some((x) => x.kind === 'new' && newDiskSizeError(x.sizeGb));
  const set = <K extends keyof SettingsDraft>(k: K, v: SettingsDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const num = (k: keyof SettingsDraft) => (e: ChangeEvent<HTMLInputElement>) => set(k, Number(e.target.value) as never);
  const problemFor = (field: string) => problems.filter((p) => p.field === field || p.field.startsWith(field + '.'));

  const save = async () => {
    setBusy(true);
    setResult(null);
    try {
      const { taskId } = await api.invoke('vms.updateSettings', { hostId: details.hostId, vmId: details.id, vmName: details.name, change });
      const task = await waitFor(taskId);
      if (task.status === 'succeeded') {
        setResult({ ok: true, message: t('vmSettings.saved') });
        onSaved();
      } else setResult({ ok: false, message: task.error ? describeError(t, task.error, hostNameOf).message : t(`common:taskStatus.${task.status}`) });
    } catch (err) {
      setResult({ ok: false, message: describeError(t, err, hostNameOf).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-form"
      // Our own validation (validateSettings) decides; the browser's step/min checks would only get in the way.
      noValidate
      data-testid="vm-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="field">
        <legend>{t('vmSettings.processor')}</legend>
        <label>
          {t('vmSettings.processorCount')}
          <input type="number" min={1} max={240} value={draft.processorCount} onChange={num('processorCount')} aria-invalid={!!cpuRange} data-testid="set-cpu" />
          <RangeError range={cpuRange} testId="set-cpu-error" />
        </label>
        <Problems list={problemFor('processor')} />
      </fieldset>

      <fieldset className="field">
        <legend>{t('vmSettings.memory')}</legend>
        <label className="form-grid__check">
          <input type="checkbox" checked={draft.dynamic} onChange={(e) => set('dynamic', e.target.checked)} data-testid="set-dynamic" />
          {t('vmSettings.dynamicMemory')}
        </label>
        <label>
          {t('vmSettings.startupMb')}
          <input type="number" min={32} step={2} value={draft.startupMb} onChange={num('startupMb')} aria-invalid={!!startupRange} data-testid="set-startup" />
          <RangeError range={startupRange} testId="set-startup-error" />
        </label>
        {draft.dynamic && (
          <>
            <label>
              {t('vmSettings.minimumMb')}
              <input type="number" min={32} step={2} value={draft.minimumMb} onChange={num('minimumMb')} data-testid="set-minimum" />
            </label>
            <label>
              {t('vmSettings.maximumMb')}
              <input type="number" min={32} step={2} value={draft.maximumMb} onChange={num('maximumMb')} data-testid="set-maximum" />
            </label>
            <label>
              {t('vmSettings.buffer')}
              <input type="number" min={5} max={2000} value={draft.buffer} onChange={num('buffer')} />
            </label>
          </>
        )}
        <label>
          {t('vmSettings.weight')}
          <input type="number" min={0} max={10000} value={draft.priority} onChange={num('priority')} />
        </label>
        <Problems list={problemFor('memory')} />
      </fieldset>

      <AdapterSettings details={details} draft={draft} set={set} switches={options?.switches.map((s) => s.name) ?? []} problems={problems} />
      <DiskSettings details={details} draft={draft} set={set} problems={problems} defaultDiskFolder={options?.virtualHardDiskPath ?? ''} />

      <fieldset className="field">
        <legend>{details.generation === 2 ? t('vmSettings.firmware') : t('vmSettings.bios')}</legend>
        {details.generation === 1 ? (
          <ol className="boot-order">
            {(draft.bootOrder.length ? draft.bootOrder : [...Gen1BootDevices]).map((b, i, all) => (
              <li key={b}>
                {t(`common:bootDevice.${b}`, { defaultValue: b })}
                <button type="button" disabled={i === 0} aria-label={t('vmSettings.moveUp')} onClick={() => set('bootOrder', swap(all, i, i - 1))}>
                  ↑
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <>
            <label>
              {t('vmSettings.firstBoot')}
              <select value={draft.bootOrder[0] ?? ''} onChange={(e) => set('bootOrder', [e.target.value, ...draft.bootOrder.filter((b) => b !== e.target.value)])}>
                {(['VHD', 'CD', 'NetworkAdapter'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`common:bootDevice.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-grid__check">
              <input type="checkbox" checked={draft.secureBoot} onChange={(e) => set('secureBoot', e.target.checked)} />
              {t('vmSettings.secureBoot')}
            </label>
            {draft.secureBoot && (
              <label>
                {t('vmSettings.secureBootTemplate')}
                <select value={draft.secureBootTemplate} onChange={(e) => set('secureBootTemplate', e.target.value)}>
                  {[...new Set([...(options?.secureBootTemplates ?? []), draft.secureBootTemplate].filter(Boolean))].map((tp) => (
                    <option key={tp}>{tp}</option>
                  ))}
                </select>
              </label>
            )}
            <label className="form-grid__check">
              <input type="checkbox" checked={draft.tpm ?? false} disabled={draft.tpm === null} onChange={(e) => set('tpm', e.target.checked)} data-testid="set-tpm" />
              {t('vmSettings.tpm')}
              {draft.tpm === null ? ` (${t('vmSettings.unknown')})` : ''}
            </label>
          </>
        )}
        <Problems list={[...problemFor('firmware'), ...problemFor('bootOrder')]} />
      </fieldset>

      <fieldset className="field">
        <legend>{t('vmSettings.management')}</legend>
        <label>
          {t('vmSettings.checkpointType')}
          <select value={draft.checkpointType} onChange={(e) => set('checkpointType', e.target.value)}>
            {CheckpointTypes.map((c) => (
              <option key={c} value={c}>
                {t(`common:checkpointType.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('vmSettings.startAction')}
          <select value={draft.automaticStartAction} onChange={(e) => set('automaticStartAction', e.target.value)}>
            {StartActions.map((c) => (
              <option key={c} value={c}>
                {t(`common:startAction.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('vmSettings.startDelay')}
          <input type="number" min={0} max={86400} value={draft.automaticStartDelay} onChange={num('automaticStartDelay')} />
        </label>
        <label>
          {t('vmSettings.stopAction')}
          <select value={draft.automaticStopAction} onChange={(e) => set('automaticStopAction', e.target.value)}>
            {StopActions.map((c) => (
              <option key={c} value={c}>
                {t(`common:stopAction.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('vmSettings.notes')}
          <textarea value={draft.notes} maxLength={4000} onChange={(e) => set('notes', e.target.value)} data-testid="set-notes" />
        </label>
      </fieldset>

      {result && (
        <p className={result.ok ? 'ok-text' : 'error-text'} role={result.ok ? 'status' : 'alert'} data-testid="settings-result">
          {result.message}
        </p>
      )}
      <div className="dialog__actions">
        <button type="submit" className="primary" disabled={!dirty || busy || problems.length > 0 || !!cpuRange || !!startupRange || deviceRange} data-testid="settings-save">
          {busy ? t('vmSettings.saving') : t('common:common.save')}
        </button>
        <button type="button" disabled={!dirty || busy} onClick={() => setDraft(draftFrom(details))}>
          {t('vmSettings.revert')}
        </button>
      </div>
    </form>
  );
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const out = [...list];
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}

import { useTranslation } from 'react-i18next';
import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import { vlanLimits } from '../../../../shared/features/inventory/vm-settings.schema';
import { outOfRange } from '../../../../shared/features/inventory/host-limits';
import type { SettingsProblem } from '../../../../shared/features/inventory/vm-settings.validation';
import { RangeError } from '../../ui/range-error';
import type { NicDraft, SettingsDraft } from './settings-draft';
import { formatMac } from './summary-values';
import { Problems } from './problems';

type Set = <K extends keyof SettingsDraft>(k: K, v: SettingsDraft[K]) => void;

/** The VLAN a draft asks for is out of Hyper-V's 1-4094 (only when VLAN identification is on). */
export const vlanRangeError = (n: NicDraft) => (n.vlanEnabled ? outOfRange(n.vlanId, vlanLimits) : null);

/**
 * Network adapters as Hyper-V Manager's settings edit them: switch, VLAN ID, bandwidth management, MAC address
 * (dynamic or static) and MAC spoofing; remove an adapter, add one. Every adapter is addressed by its Id.
 */
export function AdapterSettings({ details, draft, set, switches, problems }: { details: VmDetails; draft: SettingsDraft; set: Set; switches: string[]; problems: SettingsProblem[] }) {
  const { t } = useTranslation(['vmDetails', 'common', 'inventory']);
  const forField = (f: string) => problems.filter((p) => p.field === f);
  const setNic = (id: string, patch: Partial<NicDraft>) => {
    const cur = draft.nics[id];
    if (cur) set('nics', { ...draft.nics, [id]: { ...cur, ...patch } });
  };
  const switchOptions = (current: string | null) =>
    [...new Set([...switches, ...(current ? [current] : [])])].map((s) => (
      <option key={s} value={s}>
        {s}
      </option>
    ));
  return (
    <fieldset className="field" data-testid="set-adapters">
      <legend>{t('vmSettings.network')}</legend>
      {details.networkAdapters.map((n) => {
        const nic = draft.nics[n.id];
        const removed = draft.removeAdapters.includes(n.id);
        if (!nic) return null;
        const vlanErr = vlanRangeError(nic);
        return (
          <div key={n.id} className="device-block" data-testid={`set-adapter-${n.id}`}>
            <div className="device-row">
              <strong>{n.name}</strong>
              <span className="muted">{formatMac(n.macAddress)}</span>
              <button
                type="button"
                className={removed ? undefined : 'danger'}
                onClick={() => set('removeAdapters', removed ? draft.removeAdapters.filter((x) => x !== n.id) : [...draft.removeAdapters, n.id])}
                data-testid="set-adapter-remove"
              >
                {removed ? t('vmSettings.undoRemove') : t('vmSettings.removeAdapter')}
              </button>
            </div>
            {removed ? (
              <p className="muted">{t('vmSettings.adapterWillBeRemoved')}</p>
            ) : (
              <>
                <label>
                  {t('vmSettings.virtualSwitch')}
                  <select value={draft.adapters[n.id] ?? ''} onChange={(e) => set('adapters', { ...draft.adapters, [n.id]: e.target.value || null })} data-testid="set-adapter-switch">
                    <option value="">{t('inventory:wizard.notConnected')}</option>
                    {switchOptions(n.switchName)}
                  </select>
                </label>
                <label className="form-grid__check">
                  <input type="checkbox" checked={nic.vlanEnabled} onChange={(e) => setNic(n.id, { vlanEnabled: e.target.checked, vlanId: nic.vlanId || 1 })} data-testid="set-vlan-enabled" />
                  {t('vmSettings.vlanEnable')}
                </label>
                {nic.vlanEnabled && (
                  <label>
                    {t('vmSettings.vlanId')}
                    <input type="number" min={1} max={4094} value={nic.vlanId} aria-invalid={!!vlanErr} onChange={(e) => setNic(n.id, { vlanId: Number(e.target.value) })} data-testid="set-vlan-id" />
                    <RangeError range={vlanErr} testId="set-vlan-error" />
                  </label>
                )}
                <div className="device-row">
                  <label>
                    {t('vmSettings.minBandwidth')}
                    <input type="number" min={0} value={nic.minMbps} onChange={(e) => setNic(n.id, { minMbps: Number(e.target.value) })} data-testid="set-bw-min" />
                  </label>
                  <label>
                    {t('vmSettings.maxBandwidth')}
                    <input type="number" min={0} value={nic.maxMbps} onChange={(e) => setNic(n.id, { maxMbps: Number(e.target.value) })} data-testid="set-bw-max" />
                  </label>
                </div>
                <Problems list={forField(`adapter.${n.id}.bandwidth`)} />
                <div className="device-row" role="radiogroup" aria-label={t('vmSettings.macAddress')}>
                  <label className="form-grid__check">
                    <input type="radio" checked={!nic.staticMac} onChange={() => setNic(n.id, { staticMac: false })} data-testid="set-mac-dynamic" />
                    {t('vmSettings.macDynamic')}
                  </label>
                  <label className="form-grid__check">
                    <input type="radio" checked={nic.staticMac} onChange={() => setNic(n.id, { staticMac: true })} data-testid="set-mac-static" />
                    {t('vmSettings.macStatic')}
                  </label>
                </div>
                {nic.staticMac && (
                  <label>
                    {t('vmSettings.macAddress')}
                    <input value={nic.mac} maxLength={17} onChange={(e) => setNic(n.id, { mac: e.target.value })} data-testid="set-mac-value" aria-invalid={forField(`adapter.${n.id}.mac`).length > 0} />
                  </label>
                )}
                <Problems list={forField(`adapter.${n.id}.mac`)} />
                <label className="form-grid__check">
                  <input type="checkbox" checked={nic.macSpoofing} onChange={(e) => setNic(n.id, { macSpoofing: e.target.checked })} data-testid="set-mac-spoofing" />
                  {t('vmSettings.macSpoofing')}
                </label>
              </>
            )}
          </div>
        );
      })}
      {draft.addAdapters.map((a, i) => (
        <div key={`new-${i}`} className="device-block device-row" data-testid="set-adapter-new">
          <label>
            {t('vmSettings.newAdapter')}
            <select value={a.switchName ?? ''} onChange={(e) => set('addAdapters', draft.addAdapters.map((x, j) => (j === i ? { switchName: e.target.value || null } : x)))}>
              <option value="">{t('inventory:wizard.notConnected')}</option>
              {switchOptions(null)}
            </select>
          </label>
          <button type="button" onClick={() => set('addAdapters', draft.addAdapters.filter((_, j) => j !== i))}>
            {t('vmSettings.discard')}
          </button>
        </div>
      ))}
      <Problems list={forField('adapters')} />
      <button type="button" onClick={() => set('addAdapters', [...draft.addAdapters, { switchName: switches[0] ?? null }])} data-testid="set-adapter-add">
        {t('vmSettings.addAdapter')}
      </button>
    </fieldset>
  );
}

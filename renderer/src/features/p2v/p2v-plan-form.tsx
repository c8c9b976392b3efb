import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { P2vVmName, type P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { formatBytes } from '../inventory';
import { useHosts } from '../../query/hosts';
import { useP2vStore } from './p2v.store';
import { HostSelect } from '../../ui/host-select';
import { P2vPlanSizing, useSizing } from './p2v-plan-sizing';
import { FieldError } from '../../ui/field-error';

const required = new Set(['system', 'boot', 'efi', 'recovery']);

/** The VM name rule of the plan (shared with main), as the message shown next to the field. */
function vmNameProblem(name: string): string | undefined {
  if (name === '' || P2vVmName.safeParse(name).success) return undefined;
  return name.trim() !== name ? 'p2v:vmNameSpaces' : 'p2v:vmNameInvalid';
}

/** Step 3: what to capture and where the VM goes. Main computes the plan and the exact commands. */
export function P2vPlanForm({ job }: { job: P2vJob }) {
  const { t, i18n } = useTranslation('p2v');
  const { plan, busy } = useP2vStore();
  const { hosts } = useHosts();
  const facts = job.preflight!.facts;
  const data = facts.partitions.filter((p) => p.volumePath && !required.has(p.role));
  const [include, setInclude] = useState<string[]>(data.map((p) => `${p.diskNumber}:${p.partitionNumber}`));
  const [picked, setHostId] = useState('');
  // Until the user picks, the first host (the list may arrive after the first render).
  const hostId = picked || (hosts[0]?.id ?? '');
  const [vmName, setVmName] = useState(facts.computerName);
  const nameProblem = vmNameProblem(vmName);
  const [format, setFormat] = useState<'vhdx' | 'vhd'>('vhdx');
  const [useShadowCopy, setVss] = useState(false);
  const [productionSwitch, setSwitch] = useState('');
  const [guestOs, setGuestOs] = useState<'windows' | 'linux'>('windows');
  const sizing = useSizing(facts, hosts.find((h) => h.id === hostId)?.info);
  const toggle = (key: string) => setInclude((cur) => (cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key]));
  return (
    <section className="p2v__panel" data-testid="p2v-plan">
      <h3>{t('step.plan')}</h3>
      <fieldset>
        <legend>{t('volumes')}</legend>
        <p>{t('volumesRequired')}</p>
        {data.map((p) => {
          const key = `${p.diskNumber}:${p.partitionNumber}`;
          return (
            <label key={key}>
              <input type="checkbox" checked={include.includes(key)} onChange={() => toggle(key)} /> {p.driveLetter ? `${p.driveLetter}:` : `#${p.partitionNumber}`} {p.label} (
              {formatBytes(p.usedBytes ?? 0, i18n.language)})
            </label>
          );
        })}
      </fieldset>
      <label>
        {t('format')}
        <select data-testid="p2v-format" value={format} onChange={(e) => setFormat(e.target.value as 'vhdx' | 'vhd')}>
          <option value="vhdx">VHDX</option>
          <option value="vhd">{t('formatVhd')}</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={useShadowCopy} onChange={(e) => setVss(e.target.checked)} /> {t('shadowCopy')}
      </label>
      <p className="p2v__hint">{t(useShadowCopy ? 'shadowCopyOn' : 'shadowCopyOff')}</p>
      <HostSelect label={t('host')} hosts={hosts} value={hostId} onChange={setHostId} testId="p2v-host" />
      <label>
        {t('vmName')}
        <input data-testid="p2v-vm-name" value={vmName} aria-invalid={!!nameProblem} onChange={(e) => setVmName(e.target.value)} />
        <FieldError message={nameProblem} testId="p2v-vm-name-error" />
      </label>
      <label>
        {t('productionSwitch')}
        <input data-testid="p2v-switch" value={productionSwitch} onChange={(e) => setSwitch(e.target.value)} />
      </label>
      <label>
        {t('guestOs')}
        <select value={guestOs} onChange={(e) => setGuestOs(e.target.value as 'windows' | 'linux')}>
          <option value="windows">Windows</option>
          <option value="linux">Linux</option>
        </select>
      </label>
      <P2vPlanSizing sizing={sizing} />
      <button
        type="button"
        data-testid="p2v-make-plan"
        disabled={busy || sizing.invalid || !hostId || !vmName || !!nameProblem}
        onClick={() => void plan({ include, hostId, vmName, format, useShadowCopy, productionSwitch, guestOs, targetFolder: facts.target.path, ...sizing.values })}
      >
        {t('makePlan')}
      </button>
    </section>
  );
}

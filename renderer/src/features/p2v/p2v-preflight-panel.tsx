import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { useHostKeyGate } from '../hosts';
import { formatBytes } from '../inventory';
import { P2vDisk2vhdCopy } from './p2v-disk2vhd-copy';
import { useP2vStore } from './p2v.store';
import { translateRuntimeKey } from '../../i18n/keys';

const sizeKeys = new Set(['size', 'used', 'free', 'needed']);

/** Step 2: the source's findings, each pass / warn / block with what to do. */
export function P2vPreflightPanel({ job }: { job: P2vJob }) {
  const { t, i18n } = useTranslation('p2v');
  const { preflight, busy } = useP2vStore();
  const [folder, setFolder] = useState(job.preflight?.facts.target.path ?? '');
  const running = job.status === 'running';
  // An SSH source's key may have changed (or been forgotten) since the job was made: the trust step comes first.
  const keyGate = useHostKeyGate();
  const { source } = job;
  const run = () => (source.kind === 'remote' && source.transport === 'ssh' ? keyGate.ensure(source, () => preflight(folder)) : preflight(folder));
  return (
    <section className="p2v__panel" data-testid="p2v-preflight">
      <h3>{t('step.preflight')}</h3>
      <label>
        {t('targetFolder')}
        <input data-testid="p2v-target" value={folder} placeholder={job.source.kind === 'lab' ? t('targetDefault') : '\\\\host\\share\\p2v'} onChange={(e) => setFolder(e.target.value)} />
      </label>
      <button type="button" data-testid="p2v-run-preflight" disabled={busy || running || job.disk2vhdCopy?.state === 'running'} onClick={() => void run()}>
        {t('runPreflight')}
      </button>
      {keyGate.panel}
      {job.preflight && (
        <ul className="p2v__findings">
          {job.preflight.findings.map((f) => {
            const values = Object.fromEntries(
              Object.entries(f.values).map(([k, v]) => [k, sizeKeys.has(k) && typeof v === 'number' ? formatBytes(v, i18n.language) : k === 'role' ? translateRuntimeKey(t, `p2v:role.${String(v)}`) : v]),
            );
            return (
              <li key={f.id} className={`finding finding--${f.level}`} data-testid="p2v-finding" data-id={f.id} data-level={f.level}>
                <strong>{t(`level.${f.level}`)}</strong> {translateRuntimeKey(t, f.key, values)}
                {f.fixKey && <div className="finding__fix">{translateRuntimeKey(t, f.fixKey, values)}</div>}
                {f.id === 'disk2vhd' && ((f.level !== 'pass' && !job.capture) || job.disk2vhdCopy?.state === 'running') && <P2vDisk2vhdCopy job={job} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

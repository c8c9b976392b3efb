import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { P2vPlanForm } from './p2v-plan-form';
import { P2vPreflightPanel } from './p2v-preflight-panel';
import { P2vProgressPanel } from './p2v-progress-panel';
import { P2vSourceForm } from './p2v-source-form';
import { P2vVmPanel } from './p2v-vm-panel';
import { P2vRemoveDialog } from './p2v-remove-dialog';
import { onReconnect } from '../../query/invalidation';
import { useP2vStore } from './p2v.store';
import './p2v.css';
import { translateRuntimeKey } from '../../i18n/keys';
import { userMessage } from '../../ui/user-message';

const steps = ['preflight', 'plan', 'capture', 'verify', 'transfer', 'create-vm', 'first-boot', 'checklist'] as const;

/** The P2V wizard: jobs on the left, the selected job's current step on the right. */
export function P2vView() {
  const { t } = useTranslation('p2v');
  const { jobs, currentId, error, load, subscribe, select } = useP2vStore();
  useEffect(() => subscribe(), [subscribe]);
  // Hydrate on open and again after every reconnect: jobs move on in main while no client is connected.
  useEffect(() => {
    void load();
    return onReconnect(() => void load());
  }, [load]);
  const job = jobs.find((j) => j.id === currentId) ?? null;
  const [removing, setRemoving] = useState<P2vJob | null>(null);
  return (
    <div className="p2v" data-testid="p2v-view">
      <aside className="p2v__jobs">
        <h2>{t('title')}</h2>
        <P2vSourceForm />
        <ul>
          {jobs.map((j) => (
            <li key={j.id}>
              <button type="button" className={j.id === currentId ? 'is-selected' : ''} data-testid="p2v-job" data-status={j.status} onClick={() => select(j.id)}>
                {j.preflight?.facts.computerName ?? j.sourceLabel} · {t(`status.${j.status}`)}
              </button>
              <button type="button" className="p2v__remove" data-testid="p2v-job-remove" disabled={j.status === 'running' || j.disk2vhdCopy?.state === 'running'} onClick={() => setRemoving(j)}>
                {t('remove.button')}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="p2v__main">
        {error && (
          <div className="banner banner--error" role="alert" data-testid="p2v-error">
            {error}
          </div>
        )}
        {job ? <JobView job={job} /> : <p>{t('empty')}</p>}
      </section>
      {removing && <P2vRemoveDialog job={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function JobView({ job }: { job: P2vJob }) {
  const { t } = useTranslation('p2v');
  return (
    <div data-testid="p2v-job-view" data-status={job.status} data-step={job.step}>
      <ol className="p2v__steps">
        {steps.map((s) => (
          <li key={s} className={job.completed.includes(s) ? 'is-done' : s === job.step ? 'is-current' : ''}>
            {t(`step.${s}`)}
          </li>
        ))}
      </ol>
      <p className="p2v__status" data-testid="p2v-status">
        {t(`status.${job.status}`)}
        {job.noteKey ? ` — ${translateRuntimeKey(t, job.noteKey)}` : ''}
        {job.error ? ` — ${userMessage(job.error)}` : ''}
      </p>
      <P2vPreflightPanel job={job} />
      {job.preflight && !job.preflight.blocked && job.step === 'plan' && job.status !== 'running' && <P2vPlanForm job={job} />}
      {job.plan && <P2vProgressPanel job={job} />}
      {job.vm && <P2vVmPanel job={job} />}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { formatBytes } from '../inventory';
import { useP2vStore } from './p2v.store';
import { translateRuntimeKey } from '../../i18n/keys';

/** The plan as commands, then capture / verify / transfer / create-VM progress with cancel. */
export function P2vProgressPanel({ job }: { job: P2vJob }) {
  const { t, i18n } = useTranslation('p2v');
  const { start, cancel, busy } = useP2vStore();
  const plan = job.plan!;
  const running = job.status === 'running';
  const canStart = !running && ['capture', 'verify', 'transfer', 'create-vm'].includes(job.step);
  return (
    <section className="p2v__panel" data-testid="p2v-progress">
      <h3>{t('planTitle', { generation: plan.generation, controller: plan.controller })}</h3>
      {plan.secureBootTemplate && <p>{t('secureBoot', { template: plan.secureBootTemplate })}</p>}
      <ul>
        {plan.notes.map((n) => (
          <li key={n.key}>{translateRuntimeKey(t, n.key, n.values)}</li>
        ))}
      </ul>
      <pre className="p2v__commands" data-testid="p2v-commands">
        {plan.commands.join('\n')}
      </pre>
      {canStart && (
        <button type="button" data-testid="p2v-start" disabled={busy} onClick={() => void start()}>
          {t(job.status === 'draft' ? 'start' : 'retry')}
        </button>
      )}
      {running && (
        <div>
          <progress max={100} value={job.percent ?? 0} data-testid="p2v-percent" />
          <span>
            {t(`step.${job.step}`)} {job.percent ?? 0}%
            {job.capture && job.step === 'capture' && ` · ${formatBytes(job.capture.bytes, i18n.language)} / ${formatBytes(plan.expectedBytes, i18n.language)}`}
          </span>
          {job.capture?.stuck && (
            <div className="banner banner--warn" data-testid="p2v-stuck">
              {t('note.stuck')}
            </div>
          )}
          {job.step !== 'create-vm' && (
            <button type="button" data-testid="p2v-cancel" disabled={busy} onClick={() => void cancel()}>
              {t('cancel')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanupSteps } from '../../../../shared/features/checkpoints/chain-health';
import { api } from '../../api/client';
import { useCheckpointsStore } from './checkpoints.store';
import { userMessage } from '../../ui/user-message';

/** AVHDX chain depth per disk, files no checkpoint owns, broken chains, and the guided clean-up. */
export function ChainHealthPanel() {
  const { t } = useTranslation('checkpoints');
  const vm = useCheckpointsStore((s) => s.vm);
  const health = useCheckpointsStore((s) => s.health);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!vm) return null;

  const check = async () => {
    setBusy(true);
    await useCheckpointsStore.getState().loadHealth();
    setBusy(false);
  };
  const merge = async () => {
    setError(null);
    try {
      const { taskId } = await api.invoke('checkpoints.cleanupMerge', { hostId: vm.hostId, vmId: vm.vmId, vmName: vm.vmName });
      useCheckpointsStore.getState().track(taskId);
    } catch (err) {
      setError(userMessage(err));
    }
  };

  return (
    <section className="cp-panel" data-testid="cp-health">
      <h3>{t('health.title')}</h3>
      <button type="button" onClick={() => void check()} disabled={busy} data-testid="cp-health-check">
        {t('health.check')}
      </button>
      {error && <p className="cp-dialog__error" role="alert">{error}</p>}
      {health && (
        <>
          <ul className="cp-files">
            {health.disks.map((d) => (
              <li key={`${d.controllerType}${d.controllerNumber}:${d.controllerLocation}`} data-testid="cp-health-disk">
                <code>{d.path ?? '—'}</code> · {t('health.depth', { count: d.depth })}
                {d.brokenAt && <span className="cp-bad"> · {t('health.broken', { path: d.brokenAt })}</span>}
              </li>
            ))}
          </ul>
          {health.issues.length === 0 ? (
            <p data-testid="cp-health-ok">{t('health.ok')}</p>
          ) : (
            <>
              <ul data-testid="cp-health-issues">
                {health.issues.map((i) => (
                  <li key={`${i.kind}${i.path}`}>{t(`health.issue.${i.kind}`, { path: i.path, count: i.depth ?? 0 })}</li>
                ))}
              </ul>
              <h4>{t('health.guide')}</h4>
              <ol data-testid="cp-health-steps">
                {cleanupSteps(health).map((s) => (
                  <li key={s.id} data-step={s.id}>
                    {t(`health.step.${s.id}`)}
                    {s.action === 'cleanup-merge' && (
                      <button type="button" onClick={() => void merge()} data-testid="cp-health-merge">
                        {t('health.runMerge')}
                      </button>
                    )}
                    {s.action === 'refresh' && (
                      <button type="button" onClick={() => void check()}>
                        {t('health.check')}
                      </button>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

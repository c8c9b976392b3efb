import { useTranslation } from 'react-i18next';
import { ChecklistItem, type P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { useP2vStore } from './p2v.store';

/** Steps 6-7: first boot on the isolated switch from the safety checkpoint, then the operator's checklist. */
export function P2vVmPanel({ job }: { job: P2vJob }) {
  const { t } = useTranslation('p2v');
  const { vmAction, tick, busy } = useP2vStore();
  const vm = job.vm!;
  return (
    <section className="p2v__panel" data-testid="p2v-vm">
      <h3>{t('vmTitle', { name: vm.name })}</h3>
      <p data-testid="p2v-vm-facts" data-generation={vm.generation} data-state={vm.state} data-secure-boot={vm.secureBoot ?? ''} data-template={vm.secureBootTemplate ?? ''}>
        {t('vmFacts', { generation: vm.generation, controller: vm.controllerType, state: vm.state, switchName: vm.switchName })}
        {vm.secureBootTemplate ? ` · ${t('secureBoot', { template: vm.secureBootTemplate })}` : ''}
      </p>
      <div className="p2v__actions">
        <button type="button" data-testid="p2v-first-boot" disabled={busy || vm.state === 'Running'} onClick={() => void vmAction('start')}>
          {t('firstBoot')}
        </button>
        <button type="button" data-testid="p2v-rollback" disabled={busy || !vm.checkpoints.includes(vm.checkpointName)} onClick={() => void vmAction('rollback')}>
          {t('rollback')}
        </button>
      </div>
      {job.completed.includes('first-boot') && (
        <ul className="p2v__checklist" data-testid="p2v-checklist" data-done={ChecklistItem.options.filter((i) => job.checklist[i]).length}>
          {ChecklistItem.options.map((item) => (
            <li key={item}>
              <label>
                <input type="checkbox" checked={job.checklist[item] === true} disabled={busy} onChange={(e) => void tick(item, e.target.checked)} /> {t(`check.${item}`)}
              </label>
              {item === 'production-network' && job.plan?.productionSwitch && !job.checklist[item] && (
                <button type="button" disabled={busy} onClick={() => void vmAction('production')}>
                  {t('toProduction', { switchName: job.plan.productionSwitch })}
                </button>
              )}
              {item === 'isolated-switch' && job.plan && !job.checklist[item] && (
                <button type="button" data-testid="p2v-remove-switch" title={t('removeSwitchHint')} disabled={busy} onClick={() => void vmAction('remove-isolated-switch')}>
                  {t('removeSwitch', { switchName: job.plan.isolatedSwitch })}
                </button>
              )}
              {item === 'delete-checkpoint' && !job.checklist[item] && (
                <button type="button" disabled={busy} onClick={() => void vmAction('remove-checkpoint')}>
                  {t('deleteCheckpoint')}
                </button>
              )}
              {/* Built in main with the one quoting function (the VM by Id): never spliced here. */}
              {job.checklistCommands?.[item] && <code>{job.checklistCommands[item]}</code>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

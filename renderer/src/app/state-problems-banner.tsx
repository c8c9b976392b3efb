import { useTranslation } from 'react-i18next';
import { useAppProblems } from '../query/app';

/**
 * Tells the user about each state file main could not read this run: which file, and where the original was
 * kept (it was moved aside, never overwritten, and Hyperdesk started that part from empty). Dismissable.
 */
export function StateProblemsBanner() {
  const { t } = useTranslation('shell');
  const { problems, dismiss } = useAppProblems();
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--error state-problems" role="alert" data-testid="state-problems">
      {problems.map((p) => (
        <div key={p.keptAt} className="state-problems__item" data-testid="state-problem">
          <span className="state-problems__text">
            {t('stateProblem.message', { file: p.file, keptAt: p.keptAt })} <span className="state-problems__reason">{t('stateProblem.reason', { reason: p.reason })}</span>
          </span>
          <button type="button" className="state-problems__dismiss" onClick={() => dismiss(p.keptAt)} data-testid="state-problem-dismiss">
            {t('stateProblem.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

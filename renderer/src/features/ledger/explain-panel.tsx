import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Explanation } from '../../../../shared/features/runbook/runbook.contract';
import { api } from '../../api/client';
import { userMessage } from '../../ui/user-message';

/** Which reference cmdlets an entry's script calls, and the parameter sets each call binds to (computed in main). */
export function ExplainPanel({ entryId }: { entryId: string }) {
  const { t } = useTranslation('ledger');
  const [data, setData] = useState<Explanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api.invoke('runbook.explain', { entryId }, { signal: ctl.signal }).then(setData, (err: unknown) => {
      if (!ctl.signal.aborted) setError(userMessage(err));
    });
    return () => ctl.abort();
  }, [entryId]);
  if (error) return <p className="error-text">{error}</p>;
  if (!data) return <p className="muted">{t('explaining')}</p>;
  if (data.cmdlets.length === 0) return <p className="muted">{t('noCmdlets', { script: data.script })}</p>;
  return (
    <div className="ledger-explain" data-testid="ledger-explain">
      <p className="muted">{t('explainIntro', { script: data.script, count: data.cmdlets.length })}</p>
      <ul>
        {data.cmdlets.map((c, i) => {
          const matching = c.sets.filter((s) => s.matches);
          return (
            <li key={`${c.name}-${c.line}-${i}`}>
              <div>
                {c.docUrl ? (
                  <a href={c.docUrl} target="_blank" rel="noopener noreferrer">
                    <code>{c.name}</code>
                  </a>
                ) : (
                  <code>{c.name}</code>
                )}{' '}
                <span className="muted">{t('explainModuleLine', { module: c.module, line: c.line })}</span>
              </div>
              <code className="ledger-explain__call">{c.text}</code>
              <div>
                {c.splatted
                  ? t('explainSplatted')
                  : matching.length > 0
                    ? t('explainSets', { sets: matching.map((s) => s.name + (s.isDefault ? ` (${t('default')})` : '')).join(', ') })
                    : t('explainNoSet')}
              </div>
              {matching.slice(0, 1).map((s) => (
                <div key={s.name} className="ledger-explain__params">
                  {s.parameters.map((p) => (
                    <span key={p.name} className={`ledger-param${p.used ? ' ledger-param--used' : ''}${p.mandatory ? ' ledger-param--mandatory' : ''}`} title={p.type}>
                      -{p.name}
                    </span>
                  ))}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

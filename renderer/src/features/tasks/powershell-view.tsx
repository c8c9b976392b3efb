import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import { readWithReconnect } from '../inventory';
import { userMessage } from '../../ui/user-message';
import { FullScript } from '../ledger';

/**
 * The PowerShell of a task (from the session layer's ledger): first the cmdlets an admin would type, with names,
 * copyable as one text; each call's full script is one click away. Never a path of this machine.
 */
export function PowerShellView({ ledgerIds, hostIds }: { ledgerIds: readonly string[]; hostIds: readonly string[] }) {
  const { t } = useTranslation('tasks');
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const idsKey = ledgerIds.join(',');

  useEffect(() => {
    const ctl = new AbortController();
    const wanted = new Set(idsKey.split(',').filter(Boolean));
    const queries = hostIds.length ? hostIds.map((hostId) => ({ hostId, limit: 5000 })) : [{ limit: 5000 }];
    Promise.all(queries.map((q) => readWithReconnect('ledger.list', q, ctl.signal))).then(
      (results) => {
        const found = results.flatMap((r) => r.entries).filter((e) => wanted.has(e.id));
        found.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
        setEntries(found);
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) setError(userMessage(err));
      },
    );
    return () => ctl.abort();
  }, [idsKey, hostIds]);

  if (error) return <p className="error-text">{error}</p>;
  if (!entries) return <p className="muted">{t('loadingPs')}</p>;
  if (entries.length === 0) return <p className="muted">{t('noPs')}</p>;
  const text = entries.map((e) => e.command).join('\n');
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      (err: unknown) => setError(t('copyFailed', { message: userMessage(err) })),
    );
  return (
    <div className="ps-view" data-testid="ps-view">
      <pre className="ps-view__code" data-testid="ps-command">
        {text}
      </pre>
      {entries.map((e) => (
        <FullScript key={e.id} entryId={e.id} />
      ))}
      {entries.some((e) => e.warnings.length > 0) && (
        <ul className="ps-view__warnings">
          {entries.flatMap((e) => e.warnings.map((w, i) => <li key={`${e.id}-${i}`}>{w}</li>))}
        </ul>
      )}
      <button type="button" onClick={() => void copy()} data-testid="ps-copy">
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import { LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';
import { api } from '../../api/client';
import { useTerminalDock, useTerminalStore } from '../terminal';
import { ExplainPanel } from './explain-panel';
import { FullScript } from './full-script';
import { useLedgerEntries } from './ledger.queries';
import { useLedgerStore, visibleEntries } from './ledger.store';
import { useHosts } from '../../query/hosts';
import './ledger.css';
import { HostSelect } from '../../ui/host-select';
import { userMessage } from '../../ui/user-message';
import { ErrorText } from '../../ui/error-text';
import type { IpcErrorShape } from '../../../../shared/ipc/errors';

function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function EntryRow({ entry, hostName }: { entry: LedgerEntry; hostName: string }) {
  const { t, i18n } = useTranslation(['ledger', 'common']);
  const selected = useLedgerStore((s) => s.selected.has(entry.id));
  const toggle = useLedgerStore((s) => s.toggle);
  const [explain, setExplain] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const flash = (text: string) => {
    setNote(text);
    window.setTimeout(() => setNote(null), 2000);
  };
  const copy = () =>
    navigator.clipboard.writeText(entry.command).then(
      () => flash(t('copied')),
      (err: unknown) => flash(t('copyFailed', { message: userMessage(err) })),
    );
  const runInTerminal = async () => {
    useTerminalDock.getState().show(); // under the ledger, which stays in view
    const ok = await useTerminalStore.getState().pasteToHost(entry.hostId, async (sessionId) => (await api.invoke('runbook.terminalCommand', { entryId: entry.id, sessionId })).text);
    if (!ok) flash(t('terminalFailed'));
  };
  const time = new Date(entry.startedAt).toLocaleString(i18n.language);
  return (
    <li className={`ledger-entry ledger-entry--${entry.outcome}`} data-testid="ledger-entry" data-script={entry.script}>
      <div className="ledger-entry__head">
        <input type="checkbox" checked={selected} onChange={() => toggle(entry.id)} aria-label={t('select')} />
        <span>{time}</span>
        <span className="ledger-entry__host">{hostName}</span>
        <span className="ledger-entry__script">{entry.script}</span>
        <span>{t('duration', { seconds: (entry.durationMs / 1000).toFixed(2) })}</span>
        <span className={`ledger-outcome ledger-outcome--${entry.outcome}`}>{t(`outcome.${entry.outcome}`)}</span>
        <span className="ledger-entry__spacer" />
        <button type="button" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" onClick={() => void runInTerminal()} data-testid="ledger-run-in-terminal">
          {t('runInTerminal')}
        </button>
        <button type="button" aria-expanded={explain} onClick={() => setExplain(!explain)}>
          {t('explain')}
        </button>
        {note && <span className="muted">{note}</span>}
      </div>
      <pre className="ledger-entry__command" data-testid="ledger-command">
        {entry.command}
      </pre>
      {entry.error && <ErrorText error={{ ...entry.error, code: entry.error.code as IpcErrorShape['code'], hostId: entry.hostId }} hostName={() => hostName} testId="ledger-error" transcript />}
      {entry.warnings.length > 0 && (
        <ul className="ledger-entry__warnings">
          {entry.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <FullScript entryId={entry.id} />
      {explain && <ExplainPanel entryId={entry.id} />}
    </li>
  );
}

/** The "PowerShell" view: every script the app ran, filterable; copy, send to a terminal, explain, export as a runbook. */
export function LedgerView() {
  const { t } = useTranslation(['ledger', 'common']);
  const { hostId, outcome, text, selected } = useLedgerStore();
  const store = useLedgerStore.getState();
  const { hosts } = useHosts();
  const { entries, loading, error } = useLedgerEntries({ hostId, outcome });
  const [runbook, setRunbook] = useState<{ fileName: string; text: string } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const shown = visibleEntries(entries, text);
  const exportSelected = () => {
    setExportError(null);
    // Oldest first, so the runbook replays in the order things happened.
    const ids = entries.filter((e) => selected.has(e.id)).map((e) => e.id);
    api.invoke('runbook.export', { entryIds: ids }).then(
      (r) => setRunbook(r),
      (err: unknown) => setExportError(userMessage(err)),
    );
  };
  return (
    <section className="ledger-view" aria-label={t('title')}>
      <div className="ledger-toolbar">
        <HostSelect label={t('host')} hosts={hosts} value={hostId} onChange={(id) => store.setFilter({ hostId: id })} anyLabel={t('allHosts')} />
        <label>
          {t('result')}
          <select value={outcome} onChange={(e) => store.setFilter({ outcome: e.target.value as typeof outcome })}>
            <option value="">{t('allResults')}</option>
            {LedgerOutcome.options.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <input type="search" value={text} placeholder={t('filterPlaceholder')} aria-label={t('filter')} onChange={(e) => store.setFilter({ text: e.target.value })} data-testid="ledger-filter" />
        <span className="ledger-entry__spacer" />
        <button type="button" disabled={selected.size === 0} onClick={exportSelected} data-testid="ledger-export">
          {t('export', { count: selected.size })}
        </button>
      </div>
      {(error ?? exportError) && (
        <p className="error-text" role="alert">
          {error ?? exportError}
        </p>
      )}
      {runbook && (
        <div className="ledger-runbook" data-testid="ledger-runbook">
          <div className="ledger-toolbar">
            <strong>{runbook.fileName}</strong>
            <button type="button" onClick={() => downloadText(runbook.fileName, runbook.text)}>
              {t('download')}
            </button>
            <button type="button" onClick={() => void navigator.clipboard.writeText(runbook.text)}>
              {t('copy')}
            </button>
            <button type="button" onClick={() => setRunbook(null)}>
              {t('common:common.close')}
            </button>
          </div>
          <pre>{runbook.text}</pre>
        </div>
      )}
      {shown.length === 0 ? (
        <p className="muted">{loading ? t('loading') : t('empty')}</p>
      ) : (
        <ul className="ledger-list">
          {shown.map((e) => (
            <EntryRow key={e.id} entry={e} hostName={names.get(e.hostId) ?? e.hostId} />
          ))}
        </ul>
      )}
    </section>
  );
}

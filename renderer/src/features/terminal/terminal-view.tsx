import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '@xterm/xterm/css/xterm.css';
import { controllerFor, useTerminalStore } from './terminal.store';
import './terminal.css';

function targetKey(t: { kind: 'local' } | { kind: 'host'; hostId: string }): string {
  return t.kind === 'local' ? 'local' : `host:${t.hostId}`;
}

/** Terminal tabs: local PowerShell or a shell on a managed host, each an xterm backed by a PTY in main. */
export function TerminalView() {
  const { t } = useTranslation(['terminal', 'common']);
  const { tabs, activeId, targets, error } = useTerminalStore();
  const store = useTerminalStore.getState();
  const [choice, setChoice] = useState('local');
  const [query, setQuery] = useState('');
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const s = useTerminalStore.getState();
    s.start();
    void s.loadTargets();
  }, []);

  useEffect(() => {
    const c = activeId ? controllerFor(activeId) : undefined;
    if (!c || !area.current) return;
    c.mount(area.current);
    return () => c.unmount();
  }, [activeId, tabs.length]);

  const openChosen = () => {
    const option = targets.find((o) => targetKey(o.target) === choice);
    void store.open(option?.target ?? { kind: 'local' });
  };
  const find = (backwards: boolean) => {
    const c = activeId ? controllerFor(activeId) : undefined;
    if (!c || !query) return;
    if (backwards) c.search.findPrevious(query);
    else c.search.findNext(query);
  };

  return (
    <section className="terminal-view" aria-label={t('title')}>
      <div className="terminal-toolbar">
        <label>
          {t('target')}
          <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="terminal-target">
            {targets.length === 0 && <option value="local">{t('local')}</option>}
            {targets.map((o) => (
              <option key={targetKey(o.target)} value={targetKey(o.target)}>
                {o.target.kind === 'local' ? t('local') : t('onHost', { name: o.label, transport: t(`common:transport.${o.transport}`) })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={openChosen} data-testid="terminal-new">
          {t('new')}
        </button>
        <span className="terminal-toolbar__spacer" />
        <input
          type="search"
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') find(e.shiftKey);
          }}
          data-testid="terminal-search"
        />
        <button type="button" onClick={() => find(true)} aria-label={t('findPrevious')}>
          ↑
        </button>
        <button type="button" onClick={() => find(false)} aria-label={t('findNext')}>
          ↓
        </button>
      </div>
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
          <button type="button" onClick={() => store.setError(null)}>
            {t('common:common.dismiss')}
          </button>
        </div>
      )}
      {/* A group of buttons, not a tablist: a tablist may hold only tabs, and each tab has its own close button. */}
      <div className="terminal-tabs" role="group" aria-label={t('tabs')}>
        {tabs.map((tab) => (
          <div key={tab.sessionId} className={`terminal-tab${tab.sessionId === activeId ? ' terminal-tab--active' : ''}`}>
            <button type="button" aria-current={tab.sessionId === activeId} onClick={() => store.activate(tab.sessionId)} data-testid="terminal-tab">
              {tab.title}
              {tab.exitCode !== null && ` (${t('exited', { code: tab.exitCode })})`}
            </button>
            <button type="button" aria-label={t('close', { title: tab.title })} onClick={() => void store.close(tab.sessionId)}>
              ×
            </button>
          </div>
        ))}
      </div>
      {tabs.length === 0 ? (
        <p className="muted terminal-empty">{t('empty')}</p>
      ) : (
        <>
          <div className="terminal-area" ref={area} data-testid="terminal-area" />
          <p className="muted terminal-hint">{t('hint')}</p>
        </>
      )}
    </section>
  );
}

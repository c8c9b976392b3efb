import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleVisibility } from '../../../../shared/features/console/console.contract';
import { api } from '../../api/client';
import { ConsolePicker } from './console-picker';
import { ConsoleScreen, useKeySender } from './console-screen';
import { ConsoleToolbar } from './console-toolbar';
import { useConsoleTabRestore } from '../settings';
import { useAppSettings } from '../../query/app';
import { followConsoleStatus, restoreConsoleTabs, useConsolesStore, visibilityFor, type ConsoleTab } from './consoles.store';
import './console.css';
import { userMessage } from '../../ui/user-message';

function useWindowAttention(): { hidden: boolean; focused: boolean } {
  const read = () => ({ hidden: document.visibilityState === 'hidden', focused: document.hasFocus() });
  const [att, setAtt] = useState(read);
  useEffect(() => {
    const update = () => setAtt(read());
    document.addEventListener('visibilitychange', update);
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, []);
  return att;
}

function StateMessage({ tab }: { tab: ConsoleTab }) {
  const { t } = useTranslation('console');
  const patch = useConsolesStore((s) => s.patch);
  const [busy, setBusy] = useState(false);
  const state = tab.status.state;
  const canStart = state === 'Off' || state === 'Saved' || state === 'Paused';
  const powerOn = () => {
    setBusy(true);
    api
      .invoke('console.powerOn', { streamId: tab.streamId })
      .then((r) => patch(tab.streamId, { state: r.state, error: null }))
      .catch((err: unknown) => patch(tab.streamId, { error: userMessage(err) }))
      .finally(() => setBusy(false));
  };
  return (
    <div className="console-state" role="status" data-testid="console-state">
      <p>{t(`state.${state}`, { name: tab.vmName })}</p>
      {canStart && (
        <button type="button" onClick={powerOn} disabled={busy}>
          {state === 'Paused' ? t('resume') : t('start')}
        </button>
      )}
    </div>
  );
}

function ConsolePanel({ tab }: { tab: ConsoleTab }) {
  const { t } = useTranslation('console');
  const [fit, setFit] = useState(true);
  const [perKey, setPerKey] = useState(false);
  const keys = useKeySender(tab, perKey);
  const running = tab.status.state === 'Running';
  return (
    <div className="console-panel" data-stream={tab.streamId} data-testid="console-panel">
      <ConsoleToolbar tab={tab} keys={keys} fit={fit} setFit={setFit} perKey={perKey} setPerKey={setPerKey} />
      {!tab.keyboard.unicodeSupported && <p className="console-note muted">{t('asciiOnly')}</p>}
      {tab.notSent.length > 0 && (
        <p className="console-note console-note--warn" data-testid="console-not-sent">
          {t('notSent', { chars: tab.notSent.join(' ') })}
        </p>
      )}
      {!tab.mouse.available && <p className="console-note muted">{t('noMouse')}</p>}
      {tab.error && <p className="console-error">{tab.error}</p>}
      {tab.status.problem && <p className="console-error">{tab.status.problem}</p>}
      {running ? <ConsoleScreen tab={tab} fit={fit} keys={keys} /> : <StateMessage tab={tab} />}
    </div>
  );
}

/** Several consoles in tabs; only the active tab of a visible, focused window polls at full rate. */
export function ConsoleView() {
  const { t } = useTranslation('console');
  const tabs = useConsolesStore((s) => s.tabs);
  const activeId = useConsolesStore((s) => s.activeId);
  const openError = useConsolesStore((s) => s.openError);
  const { setActive, close } = useConsolesStore.getState();
  const att = useWindowAttention();

  // Settings → Console tabs: the tabs open before a reload come back (once per page, when the view first shows).
  // It waits for the settings (a user who turned it off gets no tabs back before the answer arrives).
  const restore = useConsoleTabRestore();
  const settings = useAppSettings();
  const settled = settings.answer !== null || settings.error !== null;
  useEffect(() => {
    followConsoleStatus();
    if (settled && restore) void restoreConsoleTabs();
  }, [settled, restore]);

  // Only the active tab of a visible, focused window polls at full rate; leaving the view hides them all.
  const { applyVisibility } = useConsolesStore.getState();
  const plan = JSON.stringify(Object.fromEntries(tabs.map((tab) => [tab.streamId, visibilityFor(tab.streamId === activeId, att.hidden, att.focused)])));
  useEffect(() => applyVisibility(JSON.parse(plan) as Record<string, ConsoleVisibility>), [plan, applyVisibility]);
  useEffect(
    () => () => {
      const { tabs: all } = useConsolesStore.getState();
      applyVisibility(Object.fromEntries(all.map((tab) => [tab.streamId, 'hidden' as const])));
    },
    [applyVisibility],
  );

  const active = tabs.find((tab) => tab.streamId === activeId) ?? null;
  return (
    <section className="view console-view" aria-labelledby="view-title-consoles" data-testid="console-view">
      <h1 id="view-title-consoles">{t('title')}</h1>
      <ConsolePicker />
      {openError && <p className="console-error">{openError}</p>}
      {tabs.length > 0 && (
        // A group of buttons, not a tablist: a tablist may hold only tabs, and each tab has its own close button.
        <div className="console-tabs" role="group" aria-label={t('tabs')}>
          {tabs.map((tab) => (
            <div key={tab.streamId} className={`console-tab ${tab.streamId === activeId ? 'console-tab--active' : ''}`}>
              <button type="button" aria-current={tab.streamId === activeId} onClick={() => setActive(tab.streamId)} data-testid="console-tab">
                {tab.vmName}
              </button>
              <button type="button" className="console-tab__close" aria-label={t('close', { name: tab.vmName })} onClick={() => void close(tab.streamId)} data-testid="console-close">
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {active ? <ConsolePanel key={active.streamId} tab={active} /> : tabs.length === 0 && <p className="muted">{t('empty')}</p>}
    </section>
  );
}

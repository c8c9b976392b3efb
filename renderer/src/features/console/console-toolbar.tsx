import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { userMessage } from '../../ui/user-message';
import type { KeySender } from './console-screen';
import { useConsolesStore, type ConsoleTab } from './consoles.store';

interface Props {
  tab: ConsoleTab;
  keys: KeySender;
  fit: boolean;
  setFit(v: boolean): void;
  perKey: boolean;
  setPerKey(v: boolean): void;
}

function screenshot(tab: ConsoleTab): void {
  const canvas = document.querySelector<HTMLCanvasElement>(`[data-stream="${tab.streamId}"] canvas`);
  canvas?.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${tab.vmName}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}

/** Ctrl+Alt+Del, typing text or the clipboard, scaling, screenshot and hand-off to a full console. */
export function ConsoleToolbar({ tab, keys, fit, setFit, perKey, setPerKey }: Props) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const patch = useConsolesStore((s) => s.patch);
  const fail = (err: unknown) => patch(tab.streamId, { error: userMessage(err) });

  const typeClipboard = async () => {
    try {
      const clip = await navigator.clipboard.readText();
      if (clip) keys.send([{ kind: 'text', text: clip.slice(0, 4096) }]);
    } catch (err) {
      // Browsers may refuse clipboard reads: the text field below is the way in then.
      patch(tab.streamId, { error: t('clipboardRefused', { message: userMessage(err) }) });
    }
  };

  return (
    <div className="console-toolbar" role="toolbar" aria-label={t('toolbar')}>
      <button type="button" onClick={() => keys.send([{ kind: 'ctrlAltDel' }])} data-testid="console-cad">
        {t('ctrlAltDel')}
      </button>
      <button type="button" onClick={() => void typeClipboard()}>
        {t('typeClipboard')}
      </button>
      <form
        className="console-toolbar__type"
        onSubmit={(e) => {
          e.preventDefault();
          if (text) keys.send([{ kind: 'text', text }]);
          setText('');
        }}
      >
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('typeTextPlaceholder')} aria-label={t('typeText')} />
        <button type="submit">{t('typeText')}</button>
      </form>
      <label title={t('perKeyHelp')}>
        <input type="checkbox" checked={perKey} onChange={(e) => setPerKey(e.target.checked)} /> {t('perKey')}
      </label>
      <button type="button" onClick={() => setFit(!fit)}>
        {fit ? t('actualSize') : t('fit')}
      </button>
      <button type="button" onClick={() => screenshot(tab)}>
        {t('screenshot')}
      </button>
      {tab.handoff.vmconnect && (
        <button type="button" onClick={() => api.invoke('console.handoff', { streamId: tab.streamId, tool: 'vmconnect' }).catch(fail)}>
          {t('openVmconnect')}
        </button>
      )}
      {tab.handoff.freerdp && (
        <button type="button" onClick={() => api.invoke('console.handoff', { streamId: tab.streamId, tool: 'freerdp' }).catch(fail)}>
          {t('openFreerdp')}
        </button>
      )}
    </div>
  );
}

import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyAction } from '../../../../shared/features/console/console.contract';
import { api } from '../../api/client';
import { onConsoleFrame } from './console-frames';
import { decodeRgb565 } from './rgb565-decoder';
import { coalesce, keyToAction } from './key-input';
import { useConsolesStore, type ConsoleTab } from './consoles.store';
import { userMessage } from '../../ui/user-message';

/** Typing is batched this long, so a word becomes one TypeText call instead of one call per key. */
const KEY_BATCH_MS = 20;

export interface KeySender {
  send(actions: KeyAction[]): void;
}

/** Sends keyboard actions of one console in order, batched; reports what could not be sent. */
export function useKeySender(tab: ConsoleTab, perKey: boolean): KeySender {
  const queue = useRef<KeyAction[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const perKeyRef = useRef(perKey);
  perKeyRef.current = perKey;
  const flush = () => {
    timer.current = null;
    const actions = coalesce(queue.current.splice(0));
    if (actions.length === 0) return;
    const patch = useConsolesStore.getState().patch;
    chain.current = chain.current.then(async () => {
      try {
        const r = await api.invoke('console.sendKeys', { streamId: tab.streamId, actions, perKey: perKeyRef.current });
        patch(tab.streamId, { notSent: r.notSent, error: null });
      } catch (err) {
        patch(tab.streamId, { error: userMessage(err) });
      }
    });
  };
  return {
    send(actions) {
      queue.current.push(...actions);
      if (timer.current === null) timer.current = setTimeout(flush, KEY_BATCH_MS);
    },
  };
}

/** The VM's screen: frames painted on a canvas, keyboard and (when the guest supports it) mouse input. */
export function ConsoleScreen({ tab, fit, keys }: { tab: ConsoleTab; fit: boolean; keys: KeySender }) {
  const { t } = useTranslation('console');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const image = useRef<ImageData | null>(null);

  useEffect(
    () =>
      onConsoleFrame(tab.streamId, (f) => {
        const canvas = canvasRef.current;
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) return;
        if (canvas.width !== f.width || canvas.height !== f.height || !image.current) {
          canvas.width = f.width;
          canvas.height = f.height;
          image.current = ctx.createImageData(f.width, f.height);
        }
        decodeRgb565(f.bytes, f.width, f.height, image.current.data);
        ctx.putImageData(image.current, 0, 0);
        canvas.dataset.seq = String(f.seq); // lets tests (and curious admins) see frames arrive
      }),
    [tab.streamId],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const action = keyToAction(e);
    if (!action) return;
    e.preventDefault(); // the guest gets the key, the page does not (Tab, Backspace, F5...)
    keys.send([action]);
  };

  const click = (e: MouseEvent<HTMLCanvasElement>, button: number) => {
    if (!tab.mouse.available) return;
    e.preventDefault();
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    const x = Math.round(((e.clientX - rect.left) / rect.width) * canvas.width);
    const y = Math.round(((e.clientY - rect.top) / rect.height) * canvas.height);
    api.invoke('console.mouse', { streamId: tab.streamId, x: Math.max(0, x), y: Math.max(0, y), action: 'click', button }).catch((err: unknown) =>
      useConsolesStore.getState().patch(tab.streamId, { error: userMessage(err) }),
    );
  };

  return (
    <div
      className={`console-screen ${fit ? 'console-screen--fit' : ''}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('screenLabel', { name: tab.vmName })}
      data-testid="console-screen"
    >
      <canvas
        ref={canvasRef}
        width={tab.width || 640}
        height={tab.height || 480}
        onClick={(e) => click(e, 1)}
        onContextMenu={(e) => click(e, 2)}
        data-testid="console-canvas"
      />
      <div className="console-screen__stats" data-testid="console-stats">
        {t('stats', { fps: tab.status.fps.toFixed(1), latency: tab.status.latencyMs })}
      </div>
    </div>
  );
}

import type { Page } from '@playwright/test';

/** The bits of the DOM the in-page callback uses (the e2e tsconfig has no DOM lib; it runs in the page). */
declare const location: { host: string };
declare const sessionStorage: { getItem(key: string): string | null };
interface SocketLike {
  onopen: (() => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(): void;
}
declare const WebSocket: new (url: string, protocols: string[]) => SocketLike;

/**
 * Calls a contract channel from the page on a second, same-origin socket, presenting the token the page keeps
 * in sessionStorage as the renderer does (renderer/src/api/gateway-token.ts, shared/ipc/gateway-protocol.ts),
 * for facts a test compares the UI with. It is a separate client: per-client state (consoles, terminals) is not its.
 */
export function invokeOverSocket<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    ([ch, inp]) =>
      new Promise<T>((resolve, reject) => {
        const id = `e2e-${Math.random().toString(36).slice(2)}`;
        const token = sessionStorage.getItem('hyperdesk.gateway-token');
        if (!token) throw new Error('the page holds no gateway token: open it with gatewayUrl() first');
        const ws = new WebSocket(`ws://${location.host}/ws`, ['hyperdesk', `hyperdesk.token.${token}`]);
        ws.onopen = () => ws.send(JSON.stringify({ t: 'invoke', id, channel: ch, input: inp }));
        ws.onmessage = (ev) => {
          if (typeof ev.data !== 'string') return;
          const f = JSON.parse(ev.data) as { t: string; id?: string; envelope?: { ok: boolean; value?: T; error?: unknown } };
          if (f.t !== 'result' || f.id !== id) return;
          ws.close();
          if (f.envelope?.ok) resolve(f.envelope.value as T);
          else reject(new Error(JSON.stringify(f.envelope?.error)));
        };
        ws.onerror = () => reject(new Error('socket failed'));
      }),
    [channel, input] as const,
  );
}

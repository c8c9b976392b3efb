import type { ChannelName } from '../../../../shared/ipc/contract';

type Handler = (input: unknown) => unknown;

/**
 * Stands in for the gateway behind window.WebSocket, so the app's own `api` client (WsTransport) runs as in
 * browser mode: each socket opens on the next tick, invoke frames are answered from `handlers`, and `drop()`
 * closes the socket (the transport then reconnects to a new one, as after a gateway restart).
 */
export function installFakeGateway(handlers: Partial<Record<ChannelName, Handler>>) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const sockets: FakeSocket[] = [];
  class FakeSocket {
    readyState = 0;
    binaryType = 'blob';
    onopen: ((ev: unknown) => void) | null = null;
    onclose: ((ev: unknown) => void) | null = null;
    onerror: ((ev: unknown) => void) | null = null;
    onmessage: ((ev: { data: unknown }) => void) | null = null;
    constructor() {
      sockets.push(this);
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.({});
      }, 0);
    }
    send(data: string) {
      const frame = JSON.parse(data) as { t: string; id: string; channel: ChannelName; input: unknown };
      if (frame.t !== 'invoke') return;
      calls.push({ channel: frame.channel, input: frame.input });
      const handler = handlers[frame.channel];
      const envelope = handler ? { ok: true, value: handler(frame.input) } : { ok: false, error: { code: 'NOT_FOUND', message: `no ${frame.channel}` } };
      setTimeout(() => this.readyState === 1 && this.onmessage?.({ data: JSON.stringify({ t: 'result', id: frame.id, envelope }) }), 0);
    }
    close() {
      this.readyState = 3;
      this.onclose?.({});
    }
    event(name: string, payload: unknown) {
      this.onmessage?.({ data: JSON.stringify({ t: 'event', name, payload }) });
    }
  }
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = FakeSocket;
  return {
    calls,
    callsTo: (channel: ChannelName) => calls.filter((c) => c.channel === channel),
    current: () => sockets[sockets.length - 1]!,
    drop: () => sockets[sockets.length - 1]!.close(),
  };
}

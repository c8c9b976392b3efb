import { ServerFrame, decodeBinaryEvent } from '../../../shared/ipc/wire';
import type { Envelope } from '../../../shared/ipc/errors';
import type { ConnectionStatus, Transport } from './transport';

/** The subset of the browser WebSocket we use (tests pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  /** 'arraybuffer' so binary events (console frames) arrive as ArrayBuffer, not Blob. */
  binaryType?: string;
  close(): void;
}

export interface WsTransportOptions {
  createSocket: (url: string) => WebSocketLike;
  /** Delay before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /**
   * Asked when a socket closes without ever opening (a refused upgrade shows the page no status): false
   * means the token is not accepted, so the transport stops and reports 'unauthorized' instead of retrying.
   */
  isAuthorized?: () => Promise<boolean>;
}

const OPEN = 1;
const UNAUTHORIZED_MESSAGE = 'Hyperdesk needs its access token: open the URL printed by `npm run serve`';

export const defaultBackoff = (attempt: number): number => {
  const base = Math.min(10_000, 250 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2); // jitter: tabs reconnecting together do not stampede
};

interface Call {
  frame: string;
  resolve: (e: Envelope<unknown>) => void;
  sent: boolean;
}

/**
 * Browser mode: the contract's frames over the gateway's WebSocket (createSocket presents the launch
 * token as a subprotocol, see gateway-token.ts). Calls made while (re)connecting wait in order; on a drop every unanswered call fails
 * with CANCELLED (the gateway aborts a closed socket's calls, so they did not run to completion).
 */
export class WsTransport implements Transport {
  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private status: ConnectionStatus = 'connecting';
  private readonly calls = new Map<string, Call>();
  private readonly eventListeners = new Set<(name: string, payload: unknown) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly backoff: (attempt: number) => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(
    private readonly url: string,
    private readonly opts: WsTransportOptions,
  ) {
    this.backoff = opts.backoffMs ?? defaultBackoff;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.connect();
  }

  invoke(id: string, channel: string, input: unknown): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      if (this.status === 'unauthorized') {
        resolve({ ok: false, error: { code: 'ACCESS_DENIED', message: UNAUTHORIZED_MESSAGE } });
        return;
      }
      const call: Call = { frame: JSON.stringify({ t: 'invoke', id, channel, input }), resolve, sent: false };
      this.calls.set(id, call);
      if (this.isOpen()) this.sendCall(call);
    });
  }

  cancel(id: string): void {
    const call = this.calls.get(id);
    if (!call) return;
    if (call.sent && this.isOpen()) {
      this.socket!.send(JSON.stringify({ t: 'cancel', id }));
      return; // the gateway answers with CANCELLED
    }
    this.calls.delete(id);
    call.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } });
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN;
  }

  private sendCall(call: Call): void {
    call.sent = true;
    this.socket!.send(call.frame);
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  private connect(): void {
    const socket = this.opts.createSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.setStatus('open');
      for (const call of this.calls.values()) if (!call.sent) this.sendCall(call);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      // The close event follows and carries the handling; an error alone says nothing more.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failCalls('Lost the connection to Hyperdesk');
      if (!opened && this.opts.isAuthorized) {
        void this.opts.isAuthorized().then(
          (ok) => (ok ? this.scheduleReconnect() : this.setStatus('unauthorized')),
          () => this.scheduleReconnect(), // the gateway is down: keep trying
        );
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setStatus('reconnecting');
    this.setTimer(() => this.connect(), this.backoff(this.attempt++));
  }

  private failCalls(message: string): void {
    for (const [id, call] of this.calls) {
      this.calls.delete(id);
      call.resolve({ ok: false, error: { code: 'CANCELLED', message } });
    }
  }

  /** A binary event (see encodeBinaryEvent in shared/ipc/wire.ts): JSON header + raw bytes, e.g. a console frame. */
  private receiveBinary(data: Uint8Array): void {
    const ev = decodeBinaryEvent(data);
    if (!ev) {
      console.error('gateway sent a malformed binary frame');
      return;
    }
    for (const l of this.eventListeners) l(ev.name, ev.payload);
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      this.receiveBinary(new Uint8Array(data));
      return;
    }
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (err) {
      console.error('gateway sent a frame that is not JSON', err);
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) {
      console.error('gateway sent a malformed frame', parsed.error.issues);
      return;
    }
    const frame = parsed.data;
    if (frame.t === 'event') {
      for (const l of this.eventListeners) l(frame.name, frame.payload);
      return;
    }
    const call = this.calls.get(frame.id);
    if (!call) return; // already cancelled locally
    this.calls.delete(frame.id);
    call.resolve(frame.envelope as Envelope<unknown>);
  }
}

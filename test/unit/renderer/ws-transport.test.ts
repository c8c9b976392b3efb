import { describe, expect, it } from 'vitest';
import { WsTransport, type WebSocketLike } from '../../../renderer/src/api/ws-transport';
import type { ConnectionStatus } from '../../../renderer/src/api/transport';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function setup(isAuthorized?: () => Promise<boolean>) {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const t = new WsTransport('ws://127.0.0.1:1/ws', {
    isAuthorized,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoffMs: (n) => 100 * 2 ** n,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
  });
  const statuses: ConnectionStatus[] = [];
  t.onStatus((s) => statuses.push(s));
  return { t, sockets, timers, statuses };
}

describe('WsTransport', () => {
  it('queues calls until the socket opens, then resolves them by id', async () => {
    const { t, sockets } = setup();
    const p = t.invoke('a', 'app.info', {});
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ t: 'invoke', id: 'a', channel: 'app.info', input: {} }]);
    sockets[0]!.receive({ t: 'result', id: 'a', envelope: { ok: true, value: 42 } });
    await expect(p).resolves.toEqual({ ok: true, value: 42 });
  });

  it('delivers events to listeners and ignores malformed frames', () => {
    const { t, sockets } = setup();
    const got: unknown[] = [];
    t.onEvent((name, payload) => got.push([name, payload]));
    sockets[0]!.open();
    sockets[0]!.onmessage!({ data: 'not json' });
    sockets[0]!.receive({ t: 'nonsense' });
    sockets[0]!.receive({ t: 'event', name: 'app.ready', payload: { at: 'x' } });
    expect(got).toEqual([['app.ready', { at: 'x' }]]);
  });

  it('fails pending calls with CANCELLED on a drop and reconnects with growing backoff', async () => {
    const { t, sockets, timers, statuses } = setup();
    sockets[0]!.open();
    const p = t.invoke('a', 'app.info', {});
    sockets[0]!.drop();
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting']);
    expect(timers.map((x) => x.ms)).toEqual([100]);
    timers[0]!.fn();
    sockets[1]!.drop();
    expect(timers.map((x) => x.ms)).toEqual([100, 200]);
    timers[1]!.fn();
    const q = t.invoke('b', 'app.info', {});
    sockets[2]!.open();
    expect(statuses.at(-1)).toBe('open');
    expect(sockets[2]!.sent).toEqual([{ t: 'invoke', id: 'b', channel: 'app.info', input: {} }]);
    sockets[2]!.receive({ t: 'result', id: 'b', envelope: { ok: true, value: 1 } });
    await expect(q).resolves.toEqual({ ok: true, value: 1 });
    sockets[2]!.drop();
    expect(timers.at(-1)!.ms).toBe(100); // a successful open resets the backoff
  });

  it('cancels a sent call over the wire and an unsent one locally', async () => {
    const { t, sockets } = setup();
    const unsent = t.invoke('u', 'app.info', {});
    t.cancel('u');
    await expect(unsent).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([]);
    void t.invoke('s', 'app.info', {});
    t.cancel('s');
    expect(sockets[0]!.sent).toEqual([
      { t: 'invoke', id: 's', channel: 'app.info', input: {} },
      { t: 'cancel', id: 's' },
    ]);
  });

  it('stops and reports unauthorized when a refused socket turns out to be a token problem', async () => {
    const { t, sockets, timers, statuses } = setup(async () => false);
    const pending = t.invoke('a', 'app.info', {});
    sockets[0]!.drop(); // refused upgrade: closes without ever opening
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await expect.poll(() => statuses.at(-1)).toBe('unauthorized');
    expect(timers).toEqual([]); // retrying with the same token cannot help
    await expect(t.invoke('b', 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(sockets).toHaveLength(1);
  });

  it('keeps reconnecting when the token is fine (the gateway was down) or once a socket had opened', async () => {
    let checks = 0;
    const { sockets, timers, statuses } = setup(async () => (checks++, true));
    sockets[0]!.drop();
    await expect.poll(() => timers.length).toBe(1);
    expect(statuses.at(-1)).toBe('reconnecting');
    timers[0]!.fn();
    sockets[1]!.open();
    sockets[1]!.drop();
    expect(timers).toHaveLength(2);
    expect(checks).toBe(1); // a socket that opened was authorized: no check
  });
});

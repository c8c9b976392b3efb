import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { registerDesktopIpc, type FrameLike, type IpcEventLike, type IpcMainLike } from '../../../electron/main/desktop/desktop-ipc';
import { ipcTransport } from '../../../electron/main/desktop/ipc-transport';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import type { Envelope } from '../../../shared/ipc/errors';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (c, l) => void handlers.set(c, l as Listener),
    removeHandler: (c) => void handlers.delete(c),
    on: (c, l) => listeners.set(c, l as Listener),
    removeListener: (c) => listeners.delete(c),
  };
  return { ipcMain, handlers, listeners };
}

function fakeWebContents(id: number) {
  const sent: unknown[][] = [];
  let onDestroyed: () => void = () => undefined;
  return {
    id,
    sent,
    send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]),
    isDestroyed: () => false,
    once: (_e: 'destroyed', l: () => void) => (onDestroyed = l),
    destroy: () => onDestroyed(),
  };
}

const mainFrame = (url: string): FrameLike => ({ url, parent: null });

function setup(opts: { hold?: boolean } = {}) {
  const { ipcMain, handlers, listeners } = fakeIpcMain();
  const bus = new EventBus();
  const calls: Array<{ channel: unknown; clientId: string; signal: AbortSignal }> = [];
  const dispatcher = {
    async dispatch(channel: unknown, _input: unknown, ctx: { signal: AbortSignal; clientId: string }): Promise<Envelope<unknown>> {
      calls.push({ channel, clientId: ctx.clientId, signal: ctx.signal });
      if (opts.hold) await new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true }));
      return { ok: true, value: 'done' };
    },
  };
  const ipc = registerDesktopIpc({ ipcMain, services: { dispatcher, bus }, log: { info: () => {}, warn: () => {}, error: () => {} } });
  const invoke = (event: IpcEventLike, payload: unknown) => handlers.get(ipcTransport.invoke)!(event, payload) as Promise<Envelope<unknown>>;
  return { ipc, bus, calls, invoke, listeners, handlers };
}

describe('desktop IPC adapter', () => {
  it('dispatches calls from an attached window main frame on our origin', async () => {
    const s = setup();
    const wc = fakeWebContents(7);
    s.ipc.attach(wc);
    const res = await s.invoke({ sender: wc, senderFrame: mainFrame('app://hyperdesk/index.html') }, { id: '1', channel: 'app.info', input: {} });
    expect(res).toEqual({ ok: true, value: 'done' });
    expect(s.calls).toEqual([{ channel: 'app.info', clientId: 'desktop:7', signal: expect.any(AbortSignal) }]);
  });

  it('refuses unknown windows, subframes and foreign origins without dispatching', async () => {
    const s = setup();
    const ours = fakeWebContents(1);
    const stranger = fakeWebContents(2);
    s.ipc.attach(ours);
    const payload = { id: '1', channel: 'app.info', input: {} };
    const denied = { ok: false, error: { code: 'ACCESS_DENIED', message: 'Sender not allowed' } };
    expect(await s.invoke({ sender: stranger, senderFrame: mainFrame('app://hyperdesk/index.html') }, payload)).toEqual(denied);
    expect(await s.invoke({ sender: ours, senderFrame: { url: 'app://hyperdesk/x.html', parent: mainFrame('app://hyperdesk/') } }, payload)).toEqual(denied);
    expect(await s.invoke({ sender: ours, senderFrame: mainFrame('https://evil.example/') }, payload)).toEqual(denied);
    expect(await s.invoke({ sender: ours, senderFrame: null }, payload)).toEqual(denied);
    expect(s.calls).toEqual([]);
  });

  it('rejects malformed calls', async () => {
    const s = setup();
    const wc = fakeWebContents(1);
    s.ipc.attach(wc);
    const res = await s.invoke({ sender: wc, senderFrame: mainFrame('app://hyperdesk/') }, { id: '', channel: 'app.info' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(s.calls).toEqual([]);
  });

  it('queues events until the renderer is ready, then sends app.ready and the queue in order', () => {
    const s = setup();
    const wc = fakeWebContents(3);
    s.ipc.attach(wc);
    s.bus.emit('app.ready', { at: 'first' });
    s.bus.emitTo('desktop:99', 'app.ready', { at: 'not-mine' });
    s.bus.emitTo('desktop:3', 'app.ready', { at: 'second' });
    expect(wc.sent).toEqual([]);
    s.listeners.get(ipcTransport.ready)!({ sender: wc, senderFrame: mainFrame('app://hyperdesk/') });
    expect(wc.sent.map((m) => m[0])).toEqual([ipcTransport.event, ipcTransport.event, ipcTransport.event]);
    expect(wc.sent.map((m) => (m[2] as { at: string }).at).slice(1)).toEqual(['first', 'second']);
    s.bus.emit('app.ready', { at: 'live' });
    expect(wc.sent.at(-1)).toEqual([ipcTransport.event, 'app.ready', { at: 'live' }]);
  });

  it('aborts a call on cancel and every open call when the window goes away', async () => {
    const s = setup({ hold: true });
    const wc = fakeWebContents(4);
    s.ipc.attach(wc);
    const ev = { sender: wc, senderFrame: mainFrame('app://hyperdesk/') };
    void s.invoke(ev, { id: 'a', channel: 'app.info', input: {} });
    void s.invoke(ev, { id: 'b', channel: 'app.info', input: {} });
    await vi.waitFor(() => expect(s.calls).toHaveLength(2));
    s.listeners.get(ipcTransport.cancel)!(ev, { id: 'a' });
    expect(s.calls[0]!.signal.aborted).toBe(true);
    expect(s.calls[1]!.signal.aborted).toBe(false);
    wc.destroy();
    expect(s.calls[1]!.signal.aborted).toBe(true);
  });

  it('removes its IPC handlers on dispose', () => {
    const s = setup();
    s.ipc.dispose();
    expect(s.handlers.size).toBe(0);
    expect(s.listeners.size).toBe(0);
  });
});

import { events, type EventName } from '../../../shared/ipc/contract';
import { InvokeFrame, CancelFrame } from '../../../shared/ipc/wire';
import type { Envelope } from '../../../shared/ipc/errors';
import type { Dispatcher } from '../platform/ipc/dispatcher';
import type { EventBus } from '../platform/ipc/event-bus';
import { createLogger, type Logger } from '../app/logger';
import { isoNow, systemClock } from '../platform/time/clock';
import { ipcTransport } from './ipc-transport';
import { isAppUrl } from './window-options';

// Structural slices of Electron's types, so the adapter runs under Vitest with fakes.
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}
export interface IpcEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

interface Client {
  readonly wc: WebContentsLike;
  ready: boolean;
  queue: Array<[EventName, unknown]>;
  readonly pending: Map<string, AbortController>;
}

const MAX_QUEUED_EVENTS = 1000;

/**
 * The desktop transport: ipcMain ⇄ the dispatcher. Only windows attached here may call, and only from
 * their main frame showing our app:// origin (a frame that navigated elsewhere or an iframe is refused).
 * Events are queued per window until its renderer says it listens, then delivered in order.
 */
export function registerDesktopIpc(deps: {
  ipcMain: IpcMainLike;
  services: { dispatcher: Pick<Dispatcher, 'dispatch'>; bus: Pick<EventBus, 'subscribe'> };
  log?: Logger;
}) {
  const { ipcMain, services } = deps;
  const log = deps.log ?? createLogger('desktop-ipc');
  const clients = new Map<number, Client>();

  const trusted = (event: IpcEventLike): Client | null => {
    const client = clients.get(event.sender.id);
    const frame = event.senderFrame;
    if (!client || !frame || frame.parent !== null || !isAppUrl(frame.url)) {
      log.warn(`IPC refused from webContents ${event.sender.id} frame ${frame ? frame.url.slice(0, 200) : '(gone)'}`);
      return null;
    }
    return client;
  };

  const deliver = (client: Client, name: EventName, payload: unknown) => {
    if (client.wc.isDestroyed()) return;
    if (client.ready) {
      client.wc.send(ipcTransport.event, name, payload);
      return;
    }
    if (client.queue.length >= MAX_QUEUED_EVENTS) {
      client.queue.shift();
      log.warn(`webContents ${client.wc.id}: event queue full, dropped the oldest`);
    }
    client.queue.push([name, payload]);
  };

  const unsubscribe = services.bus.subscribe((name, payload, to) => {
    for (const client of clients.values()) {
      if (to === undefined || to === `desktop:${client.wc.id}`) deliver(client, name, payload);
    }
  });

  const onInvoke = async (event: IpcEventLike, raw: unknown): Promise<Envelope<unknown>> => {
    const client = trusted(event);
    if (!client) return { ok: false, error: { code: 'ACCESS_DENIED', message: 'Sender not allowed' } };
    const frame = InvokeFrame.safeParse({ t: 'invoke', ...(raw as object) });
    if (!frame.success) return { ok: false, error: { code: 'VALIDATION', message: 'Malformed call' } };
    const { id, channel, input } = frame.data;
    if (client.pending.has(id)) return { ok: false, error: { code: 'VALIDATION', message: `Call id ${id} is already in flight` } };
    const controller = new AbortController();
    client.pending.set(id, controller);
    try {
      return await services.dispatcher.dispatch(channel, input, { signal: controller.signal, clientId: `desktop:${client.wc.id}` });
    } finally {
      client.pending.delete(id);
    }
  };

  const onCancel = (event: IpcEventLike, raw: unknown) => {
    const client = trusted(event);
    const frame = CancelFrame.safeParse({ t: 'cancel', ...(raw as object) });
    if (client && frame.success) client.pending.get(frame.data.id)?.abort();
  };

  const onReady = (event: IpcEventLike) => {
    const client = trusted(event);
    if (!client) return;
    if (client.ready) {
      // A second "ready" means the page reloaded: the old page's calls have nobody to answer to.
      for (const c of client.pending.values()) c.abort();
      client.pending.clear();
    }
    client.ready = true;
    client.wc.send(ipcTransport.event, 'app.ready', events['app.ready'].payload.parse({ at: isoNow(systemClock) }));
    for (const [name, payload] of client.queue.splice(0)) client.wc.send(ipcTransport.event, name, payload);
  };

  ipcMain.handle(ipcTransport.invoke, (event, raw) => onInvoke(event, raw));
  ipcMain.on(ipcTransport.cancel, onCancel);
  ipcMain.on(ipcTransport.ready, onReady);

  return {
    /** Lets a window's renderer call main and receive events (call it right after creating the window). */
    attach(wc: WebContentsLike): void {
      const client: Client = { wc, ready: false, queue: [], pending: new Map() };
      clients.set(wc.id, client);
      wc.once('destroyed', () => {
        for (const c of client.pending.values()) c.abort();
        clients.delete(wc.id);
      });
    },
    dispose(): void {
      unsubscribe();
      ipcMain.removeHandler(ipcTransport.invoke);
      ipcMain.removeListener(ipcTransport.cancel, onCancel);
      ipcMain.removeListener(ipcTransport.ready, onReady);
      for (const client of clients.values()) for (const c of client.pending.values()) c.abort();
      clients.clear();
    },
  };
}

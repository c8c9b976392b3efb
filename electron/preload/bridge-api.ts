import { isChannelName } from '../../shared/ipc/contract';
import type { HyperdeskBridge } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/errors';
import { ipcTransport } from '../main/desktop/ipc-transport';

/** The slice of ipcRenderer the bridge uses (tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the API exposed as window.hyperdesk. It forwards only contract channels (anything else is
 * refused here, before it reaches IPC) over the fixed transport channels, and never hands the renderer
 * ipcRenderer itself or an IPC event object.
 */
export function createBridgeApi(ipc: IpcRendererLike): HyperdeskBridge {
  let readySent = false;
  return {
    invoke(id, channel, input) {
      if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
        return Promise.resolve<Envelope<unknown>>({ ok: false, error: { code: 'VALIDATION', message: 'Invalid call id' } });
      }
      if (!isChannelName(channel)) {
        return Promise.resolve<Envelope<unknown>>({ ok: false, error: { code: 'VALIDATION', message: `Unknown channel: ${String(channel).slice(0, 64)}` } });
      }
      return ipc.invoke(ipcTransport.invoke, { id, channel, input }) as Promise<Envelope<unknown>>;
    },
    cancel(id) {
      if (typeof id === 'string') ipc.send(ipcTransport.cancel, { id });
    },
    onEvent(listener) {
      const wrapped = (_event: unknown, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(ipcTransport.event, wrapped as (event: unknown, ...args: unknown[]) => void);
      if (!readySent) {
        readySent = true;
        ipc.send(ipcTransport.ready);
      }
      return () => {
        ipc.removeListener(ipcTransport.event, wrapped as (event: unknown, ...args: unknown[]) => void);
      };
    },
  };
}

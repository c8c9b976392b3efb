import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const fakeIpcRenderer = vi.hoisted(() => ({
  invoke: vi.fn(async () => ({ ok: true, value: 'from-main' })),
  send: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: fakeIpcRenderer,
}));

import '../../../electron/preload/index';
import { ipcTransport } from '../../../electron/main/desktop/ipc-transport';
import type { HyperdeskBridge } from '../../../shared/ipc/bridge';

const bridge = () => exposed.get('hyperdesk') as HyperdeskBridge;

describe('preload bridge', () => {
  it('exposes exactly one global with invoke, cancel and onEvent', () => {
    expect([...exposed.keys()]).toEqual(['hyperdesk']);
    expect(Object.keys(bridge()).sort()).toEqual(['cancel', 'invoke', 'onEvent']);
  });

  it('forwards contract channels over the one invoke transport channel', async () => {
    await expect(bridge().invoke('c1', 'app.info', {})).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(fakeIpcRenderer.invoke).toHaveBeenCalledWith(ipcTransport.invoke, { id: 'c1', channel: 'app.info', input: {} });
  });

  it('refuses channels outside the contract before anything is sent', async () => {
    fakeIpcRenderer.invoke.mockClear();
    for (const name of ['fs.readFile', 'hyperdesk:invoke', '__proto__', 'constructor']) {
      await expect(bridge().invoke('c2', name, {})).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(fakeIpcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the event name and payload only, and signals ready once', () => {
    const got: unknown[] = [];
    const off = bridge().onEvent((name, payload) => got.push([name, payload]));
    bridge().onEvent(() => undefined);
    expect(fakeIpcRenderer.send.mock.calls.filter((c) => c[0] === ipcTransport.ready)).toHaveLength(1);
    const [channel, wrapped] = fakeIpcRenderer.on.mock.calls[0] as unknown as [string, (...a: unknown[]) => void];
    expect(channel).toBe(ipcTransport.event);
    wrapped({ sender: 'ipc-event-object' }, 'app.ready', { at: 'now' });
    expect(got).toEqual([['app.ready', { at: 'now' }]]);
    off();
    expect(fakeIpcRenderer.removeListener).toHaveBeenCalledWith(ipcTransport.event, wrapped);
  });

  it('sends cancel by id', () => {
    bridge().cancel('c9');
    expect(fakeIpcRenderer.send).toHaveBeenCalledWith(ipcTransport.cancel, { id: 'c9' });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

// A stand-in BrowserWindow that records what the factory asked of it (hoisted: vi.mock runs first).
const { FakeWindow, created } = vi.hoisted(() => {
  const created: Array<InstanceType<typeof FakeWindow>> = [];
  class FakeWindow {
    readonly listeners = new Map<string, Listener>();
    windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
    permissionHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
    permissionCheck: ((wc: unknown, permission: string) => boolean) | null = null;
    loaded: string | null = null;
    readonly webContents = {
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => (this.windowOpenHandler = h),
      on: (event: string, l: Listener) => this.listeners.set(event, l),
      session: {
        setPermissionRequestHandler: (h: FakeWindow['permissionHandler']) => (this.permissionHandler = h),
        setPermissionCheckHandler: (h: FakeWindow['permissionCheck']) => (this.permissionCheck = h),
      },
    };
    constructor(readonly options: unknown) {
      created.push(this);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return { FakeWindow, created };
});

const openExternal = vi.hoisted(() => vi.fn(() => Promise.resolve()));
vi.mock('electron', () => ({ BrowserWindow: FakeWindow, shell: { openExternal } }));

import { createMainWindow } from '../../../electron/main/desktop/window-factory';
import { appEntryUrl, buildWindowOptions, externalLinkTarget } from '../../../electron/main/desktop/window-options';

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0;
    openExternal.mockClear();
  });

  it('builds the window from the secure options and loads the app origin', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const win = created[0]!;
    expect(win.options).toEqual(buildWindowOptions('/p/preload.cjs', {}));
    expect(win.loaded).toBe(appEntryUrl);
  });

  it('denies window.open, navigation, redirects, webviews and permission requests', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const win = created[0]!;
    expect(win.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      win.listeners.get(name)!(event, 'https://evil.example');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const cb = vi.fn();
    win.permissionHandler!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('makes the page read web notifications as denied (main shows task notifications), keeping the clipboard the app uses', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const win = created[0]!;
    expect(win.permissionCheck!({}, 'notifications')).toBe(false);
    expect(win.permissionCheck!({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('answers every other permission check with no (media, devices, location, openExternal, fullscreen...)', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const win = created[0]!;
    for (const p of ['media', 'geolocation', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'pointerLock', 'midi', 'idle-detection', 'storage-access', 'unknown-future-permission']) {
      expect([p, win.permissionCheck!({}, p)]).toEqual([p, false]);
    }
    expect(win.permissionCheck!({}, 'clipboard-read')).toBe(true); // terminal and console paste
  });

  it('hands an http(s) link to the system browser, never an in-app window; other schemes go nowhere', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const win = created[0]!;
    expect(win.windowOpenHandler!({ url: 'https://learn.microsoft.com/powershell/module/hyper-v/get-vm' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/powershell/module/hyper-v/get-vm');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'https://user:pw@example.com/', 'not a url']) {
      expect(win.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('externalLinkTarget', () => {
  it('keeps http and https, normalised', () => {
    expect(externalLinkTarget('HTTP://Example.com/a b')).toBe('http://example.com/a%20b');
  });
});
